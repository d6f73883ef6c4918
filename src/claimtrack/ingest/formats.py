"""Saved web pages and PDFs → the article's text and the metadata the file itself states.

Web pages: trafilatura (the field's reference for main-text extraction; it bundles htmldate, which
reads `datePublished` from JSON-LD, meta tags and the page) finds the article among menus, teasers
and footers. PDFs: pypdf (pure Python) gives the text per page; lines are joined back into
paragraphs, a word hyphenated at a line end is joined, and a header or footer repeated on most pages
is dropped. Both libraries are optional extras; without them the file fails with one line naming it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from claimtrack.errors import InputError

HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
# A page saved as .txt is still a page: its markup must not be stored as the article.
ARTICLE_WORDS = 8  # an article has at least one line (paragraph) this long
HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)


@dataclass
class PageMeta:
    """What the file says about itself: it ranks above guesses from the text, below sources.csv."""

    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    page_starts: list[int] = field(default_factory=list)  # PDF: offset in the text where each page begins


def looks_like_html(data: bytes) -> bool:
    return bool(HTML_START.match(data[:4096]))


def _missing(name: str, extra: str, library: str) -> InputError:
    return InputError(name, f"reading it needs {library}: pip install 'claimtrack[{extra}]'")


def html_text(data: bytes, name: str) -> tuple[str, PageMeta]:
    try:
        import trafilatura
    except ImportError:
        raise _missing(name, "html", "trafilatura") from None
    found = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=False,
                                        deduplicate=False)
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if not any(len(line.split()) >= ARTICLE_WORDS for line in text.splitlines()):
        # a menu, a link list or a cookie wall: what trafilatura falls back to is no article
        raise InputError(name, "no article text found in the web page")
    title = (found.title or "").strip() or None
    if title and not text.startswith(title):
        text = f"{title}\n{text}"  # the headline, as a text article starts
    published = None
    if found.date:
        try:
            published = date.fromisoformat(found.date[:10])
        except ValueError:
            published = None
    return text, PageMeta(title=title, published=published, outlet=(found.sitename or "").strip() or None,
                          url=found.url or None)


HYPHENATED = re.compile(r"(\w)-\n(?=[a-zäöüß])")
PAGE_NUMBER = re.compile(r"^\W*(?:seite|page|s\.)?\s*\d+\s*(?:/|von|of)?\s*\d*\W*$", re.I)


def pdf_text(data: bytes, name: str) -> tuple[str, PageMeta]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:
        raise _missing(name, "pdf", "pypdf") from None
    import io

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(name, "an encrypted PDF (it needs a password)")
        pages = [_page_text(page) for page in reader.pages]
        info = reader.metadata
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise InputError(name, f"unreadable PDF: {err}") from None
    except Exception as err:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        if "encrypt" in str(err).lower() or "password" in str(err).lower():
            raise InputError(name, "an encrypted PDF (it needs a password)") from None
        raise InputError(name, f"unreadable PDF: {type(err).__name__}: {err}") from None
    if not any(page.strip() for page in pages):
        raise InputError(name, "a PDF without a text layer (scanned pages?); nothing to read")
    repeated = _repeated_lines(pages)
    texts, starts, offset = [], [], 0
    for page in pages:
        lines = [line.strip() for line in page.splitlines()]
        lines = [line for line in lines if not line or (_key(line) not in repeated and not PAGE_NUMBER.match(line))]
        body = _paragraphs(lines)
        if not body:
            starts.append(offset)
            continue
        if texts:
            offset += 1  # the line break between pages
        starts.append(offset)
        texts.append(body)
        offset += len(body)
    text = "\n".join(texts)
    title = (info.title if info and info.title else None) if info else None
    return text, PageMeta(title=title.strip() if title else None, page_starts=starts)


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", line.casefold())


def _repeated_lines(pages: list[str]) -> set[str]:
    """Lines among the first and last two of a page that recur on most pages: running heads and feet."""
    if len(pages) < 3:
        return set()
    counts: dict[str, int] = {}
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        for line in set(lines[:2] + lines[-2:]):
            counts[_key(line)] = counts.get(_key(line), 0) + 1
    return {key for key, n in counts.items() if n >= max(3, 0.6 * len(pages))}


def _page_text(page) -> str:
    """The page's text with its vertical gaps as blank lines (pypdf's layout mode), else plain."""
    try:
        return page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - layout mode fails on some fonts; the plain mode still reads them
        return page.extract_text() or ""


def _paragraphs(lines: list[str]) -> str:
    """Lines of a page → paragraphs, one per line as text articles are stored. A blank line (a gap on
    the page) ends a paragraph; a page without gaps falls back to the measure: a line under three
    quarters of the longest ends its paragraph."""
    while lines and not lines[0]:
        lines = lines[1:]
    if not any(lines):
        return ""
    paragraphs, current = [], []
    if "" in lines:
        for line in lines:
            if line:
                current.append(line)
            elif current:
                paragraphs.append(current)
                current = []
    else:
        measure = max(len(line) for line in lines)
        for line in lines:
            current.append(line)
            if len(line) < 0.75 * measure:
                paragraphs.append(current)
                current = []
    if current:
        paragraphs.append(current)
    joined = []
    for paragraph in paragraphs:
        text = "\n".join(paragraph)
        text = HYPHENATED.sub(r"\1", text)  # "Trup-\npen" → "Truppen"; "Nord-\nKorea" keeps its hyphen
        joined.append(" ".join(text.split()))
    return "\n".join(joined)


def page_of(offset: int, starts: list[int]) -> int | None:
    """1-based page of a text offset, given where each page starts."""
    if not starts:
        return None
    page = 0
    for number, start in enumerate(starts):
        if start <= offset:
            page = number
    return page + 1
