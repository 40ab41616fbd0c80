import newstrace


def test_public_names_are_pinned():
    assert sorted(newstrace.__all__) == sorted([
        "Article", "BinaryInput", "Caption", "Document", "EmptyInput", "InputError", "NewstraceError", "Related",
        "StoreError", "TooLarge", "TruncatedInput", "__version__", "extract_document",
    ])


def test_one_exception_root():
    for name in ("InputError", "EmptyInput", "BinaryInput", "TruncatedInput", "TooLarge", "StoreError"):
        assert issubclass(getattr(newstrace, name), newstrace.NewstraceError)
