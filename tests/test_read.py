import pytest

from claimtrack.errors import InputError
from claimtrack.ingest.read import decode, read_document


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        ("Grüße „aus“ Köln".encode("utf-8"), "Grüße „aus“ Köln", "utf-8"),
        (b"\xef\xbb\xbf" + "Grüße".encode("utf-8"), "Grüße", "utf-8-sig"),
        ("Grüße „Köln“".encode("utf-16"), "Grüße „Köln“", "utf-16"),
        ("Grüße „Köln“ – 3.000".encode("cp1252"), "Grüße „Köln“ – 3.000", "cp1252"),
        (b"Gr\xfc\x81e", "Gr\xfc\x81e", "latin-1"),
        (b"eins\r\nzwei\rdrei\n", "eins\nzwei\ndrei\n", "utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1252", "latin1", "line-endings"],
)
def test_decode(data, text, encoding):
    assert decode(data) == (text, encoding)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"text\x00with\x00nul", "NUL"),
    ],
    ids=["empty", "blank", "png", "pdf", "zip", "nul"],
)
def test_decode_refuses(data, reason):
    with pytest.raises(InputError) as err:
        decode(data, "f.txt")
    assert reason in err.value.reason
    assert str(err.value).startswith("f.txt: ")


def test_read_document_limits(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("a" * 2000)
    with pytest.raises(InputError, match="too large"):
        read_document(big, max_size=1000)
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    doc = read_document(big, max_size=5000)
    assert doc.size_bytes == 2000 and len(doc.sha256) == 64
