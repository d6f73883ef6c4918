"""Bytes → text: refuse what is not an article, detect the encoding, normalise line endings.

The text returned here is exactly what gets stored, so claim offsets computed on it stay valid.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from claimtrack.errors import InputError
from claimtrack.ingest.formats import HTML_SUFFIXES, PDF_SUFFIXES, PageMeta, html_text, looks_like_html, pdf_text

DEFAULT_MAX_SIZE = 5 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".md") + HTML_SUFFIXES + PDF_SUFFIXES

# Signatures of formats people save next to articles; a PDF renamed .txt is still a PDF.
BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"RIFF": "a RIFF media file",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"SQLite format 3": "a SQLite database",
}
CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
MIXED_ERRORS = "claimtrack-cp1252"


def _legacy_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error(MIXED_ERRORS, _legacy_bytes)


@dataclass(frozen=True)
class Document:
    path: Path
    text: str
    encoding: str  # of a text file; "html" or "pdf" for text extracted from a page or a PDF
    sha256: str  # content identity: of the text as stored (content_sha256)
    raw_sha256: str  # of the bytes as read
    size_bytes: int
    page: PageMeta | None = None  # what a web page or PDF says about itself


def read_document(path: Path, max_size: int = DEFAULT_MAX_SIZE) -> Document:
    """Read one article file; raises InputError naming the file and the reason."""
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as err:
        raise InputError(name, f"cannot read: {err.strerror or err}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "not a regular file")
    if info.st_size > max_size:
        raise InputError(name, f"too large ({info.st_size:,} bytes; the limit is {max_size:,}, see --max-size)")
    try:
        # O_NONBLOCK: a FIFO that slipped past the check above must not hang the run.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(max_size + 1)
    except OSError as err:
        raise InputError(name, f"cannot read: {err.strerror or err}") from None
    if len(data) > max_size:
        raise InputError(name, f"too large (over {max_size:,} bytes, see --max-size)")
    page = None
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES or data.startswith(b"%PDF"):  # a PDF renamed .txt is still a PDF
        text, page = pdf_text(data, name)
        text, encoding = normalise_text(text), "pdf"
    elif suffix in HTML_SUFFIXES or looks_like_html(data):  # and a page saved as .txt still a page
        text, page = html_text(data, name)
        text, encoding = normalise_text(text), "html"
    else:
        text, encoding = decode(data, name)
    if not text.strip():
        raise InputError(name, "empty file (no text after decoding)")
    return Document(path=path, text=text, encoding=encoding, sha256=content_sha256(text),
                    raw_sha256=hashlib.sha256(data).hexdigest(), size_bytes=len(data), page=page)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode article bytes; returns (text, encoding) or raises InputError."""
    if not data.strip():
        raise InputError(name, "empty file")
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(name, f"binary file ({what}), not an article")
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = _strict(data[3:], "utf-8", name), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _strict(data, "utf-16", name), "utf-16"
    elif b"\x00" in data and (encoding := _utf16_without_bom(data)):
        text = _strict(data, encoding, name)
    elif b"\x00" in data:
        raise InputError(name, "binary file (contains NUL bytes), not an article")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if UTF8_MULTIBYTE.search(data):
                # Mostly UTF-8 with stray legacy bytes (a page pasted together from two sources):
                # keep the UTF-8 and read only the bad bytes as cp1252.
                text, encoding = data.decode("utf-8", errors=MIXED_ERRORS), "utf-8+cp1252"
            elif any(b in CP1252_UNDEFINED for b in data):
                # Not UTF-8: a legacy Western encoding. cp1252 unless it uses bytes cp1252 leaves undefined.
                text, encoding = data.decode("latin-1"), "latin-1"
            else:
                text, encoding = data.decode("cp1252"), "cp1252"
    text = normalise_text(text)
    if _looks_binary(text):
        raise InputError(name, "binary file (mostly control characters), not an article")
    if not text.strip():
        raise InputError(name, "empty file (no text after decoding)")
    return text, encoding


def normalise_text(text: str) -> str:
    """The stored form: no BOM, `\\n` line endings, NFC. Offsets are counted on this."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le or -be when the NUL bytes sit on one side of almost every pair, as in Latin-script text
    saved as UTF-16 without its byte order mark; None otherwise (then it is binary)."""
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs < 4 or len(data) % 2:
        return None
    odd_nul, even_nul = sample[1::2].count(0), sample[0::2].count(0)
    if odd_nul >= 0.7 * pairs and even_nul <= 0.05 * pairs:
        return "utf-16-le"
    if even_nul >= 0.7 * pairs and odd_nul <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(name, f"invalid {encoding} at byte {err.start}") from None


# Control characters other than line breaks, tabs and form feeds: text has few, binary data many.
_BINARY_CONTROL = re.compile("[\x00-\x08\x0d-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = len(_BINARY_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 10)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_sha256(text: str) -> str:
    """The identity of an article: one hash whatever its encoding, BOM, line endings or normal form,
    so a copy saved as CRLF, UTF-16 or NFD is the same source (migration 0004 applies it to old ones)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
