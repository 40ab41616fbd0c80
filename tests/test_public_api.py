import newstrace


def test_public_names_are_pinned():
    assert sorted(newstrace.__all__) == sorted([
        "Article", "BinaryInput", "Caption", "Document", "EmptyInput", "InputError", "NewstraceError", "Related",
        "StoreError", "TooLarge", "TruncatedInput", "__version__", "extract_document",
    ])


def test_one_exception_root():
    for name in ("InputError", "EmptyInput", "BinaryInput", "TruncatedInput", "TooLarge", "StoreError"):
        assert issubclass(getattr(newstrace, name), newstrace.NewstraceError)


def test_all_sql_is_in_the_store_layer():
    """Every SQL statement of the package lives in ``store/`` (the other packages call its methods)."""
    import re
    from pathlib import Path

    root = Path(newstrace.__file__).parent
    sql = re.compile(r"\b(?:SELECT\s+\S|INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b"
                     r"|\.execute(?:many)?\(")
    outside = [f"{path.relative_to(root)}:{n}" for path in sorted(root.rglob("*.py"))
               if path.relative_to(root).parts[0] != "store"
               for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if sql.search(line)]
    assert outside == []
