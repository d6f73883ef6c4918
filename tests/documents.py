"""Web pages and PDFs made by the tests themselves from an article's text (never third-party files)."""

from __future__ import annotations

import html
import textwrap


def web_page(text: str, *, published: str | None = None, site: str | None = None, url: str | None = None) -> str:
    """A news page as browsers save it: navigation, teasers and a footer around the article, the
    headline in <h1>, one <p> per paragraph, metadata in meta tags and JSON-LD."""
    title, *paragraphs = [line for line in text.splitlines() if line.strip()]
    head = [f"<title>{html.escape(title)} | {html.escape(site or 'Nachrichten')}</title>",
            '<meta charset="utf-8">']
    if site:
        head.append(f'<meta property="og:site_name" content="{html.escape(site)}">')
    if url:
        head.append(f'<link rel="canonical" href="{html.escape(url)}">')
    if published:
        head.append('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
                    f'"headline": {json_string(title)}, "datePublished": "{published}T08:15:00+02:00"}}</script>')
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="de"><head>{''.join(head)}</head>
<body>
<header><nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/wirtschaft">Wirtschaft</a>
<a href="/sport">Sport</a> <a href="/kultur">Kultur</a></nav></header>
<main><article><h1>{html.escape(title)}</h1>
{body}
</article>
<aside><h2>Mehr zum Thema</h2><ul><li><a href="/a">Wetter am Wochenende: Sonne und Wolken</a></li>
<li><a href="/b">Bundesliga: Ergebnisse des Spieltags</a></li></ul></aside></main>
<footer><p>© Nachrichten GmbH · <a href="/impressum">Impressum</a> · <a href="/datenschutz">Datenschutz</a></p></footer>
</body></html>
"""


def json_string(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _pdf_string(line: str) -> bytes:
    data = line.encode("cp1252", errors="replace")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal PDF 1.4: Helvetica (WinAnsi), one text line per entry, top to bottom; an empty page
    list entry is a page with a drawing and no text (as a scan would be)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages) + (1 if title else 0) + 1  # placeholder, fixed below
    kids = []
    for lines in pages:
        if lines:
            stream = b"BT /F1 10 Tf 14 TL 50 800 Td " + b" ".join(_pdf_string(line) + b" Tj T*" for line in lines) + b" ET"
        else:
            stream = b"0.5 g 50 50 500 700 re f"
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent PAGES 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content, font)))
    pages_id = add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids))
    objects[:] = [o.replace(b"PAGES", str(pages_id).encode()) for o in objects]
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = add(b"<< /Title " + _pdf_string(title) + b" >>") if title else None
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    out += (b" /Info %d 0 R" % info if info else b"") + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def pdf_of_article(text: str, *, per_page: int = 2, width: int = 92, header: str | None = None) -> bytes:
    """The article set as a report: the headline, paragraphs wrapped at `width` characters, `per_page`
    paragraphs a page, a running head and a page number on every page."""
    title, *paragraphs = [line for line in text.splitlines() if line.strip()]
    chunks = [paragraphs[i:i + per_page] for i in range(0, len(paragraphs), per_page)]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        lines = [header] if header else []
        if number == 1:
            lines += [title, ""]
        for paragraph in chunk:
            lines += textwrap.wrap(paragraph, width=width, break_on_hyphens=False) + [""]
        lines.append(f"Seite {number} von {len(chunks)}")
        pages.append(lines)
    return pdf(pages, title=title)
