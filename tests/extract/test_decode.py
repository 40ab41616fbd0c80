import pytest

from newstrace import BinaryInput, EmptyInput
from newstrace.extract._decode import decode

RUSSIAN = "<html><body><p>Министерство иностранных дел заявило в понедельник, что сообщения ложны.</p></body></html>"


def test_windows_1251_without_charset_is_detected():
    text, encoding = decode(RUSSIAN.encode("cp1251") * 3, "ru.html")
    assert "Министерство" in text and encoding.replace("_", "").endswith("1251")


def test_declared_charset_is_used():
    html = '<html><head><meta charset="iso-8859-1"></head><body>Café crème</body></html>'
    text, _ = decode(html.encode("latin-1"), "fr.html")
    assert "Café crème" in text


def test_wrong_declaration_does_not_break_utf8():
    html = '<html><head><meta charset="ascii"></head><body>Zürich – “quoted”</body></html>'
    text, _ = decode(html.encode("utf-8"), "x.html")
    assert "Zürich – “quoted”" in text


def test_bom():
    text, _ = decode("\ufeff<p>hello</p>".encode("utf-8"), "bom.html")
    assert text == "<p>hello</p>"


@pytest.mark.parametrize("data", [b"", b"   \n\t "])
def test_empty(data):
    with pytest.raises(EmptyInput, match="e.html: empty"):
        decode(data, "e.html")


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, bytes(range(256)) * 40,
                                  b"PK\x03\x04" + b"\x00" * 100])
def test_binary_junk(data):
    with pytest.raises(BinaryInput, match="junk.bin: binary"):
        decode(data, "junk.bin")
