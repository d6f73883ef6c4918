"""Text → sentences with offsets. Knows German abbreviations, ordinals (23. Oktober), quotes,
headline lines, sentences broken by a stray blank line, and datelines glued to the first word."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimtrack.extract import rx
from claimtrack.extract.lexicon import Lexicon

TERMINAL = re.compile(r"[.!?…][\"'“”»«’)\]*]*\s*$")
# A line that ends in mid-sentence: long, no terminal punctuation, last word in lower case
# (a stray blank line split the sentence: "... schätzungsweise 12.000 nordkoreanische").
BROKEN_LINE_MIN = 60
LONG_BLOCK = 150
INNER_PUNCTUATION = re.compile(r"(?<!\d)[,;.!?]|[,;.!?](?!\d)")  # not the dot or comma of "3.000", "1,5"
# letters of any Latin script: capitals and small letters
UPPER, LOWER = "A-ZÀ-ÖØ-ÞĀ-Ž", "a-zß-öø-ÿā-ž"
ENDS_LOWER = re.compile(rf"(?<![\w-])[{LOWER}][\w-]*$")
# a full stop and space before a capital, or a page's glued one: "zurückzuerobern.Die Operationen"
BOUNDARY = re.compile(rf"(?<=[.!?…])[\"'“”»«’)\]*]*(?=\s+[„“\"'»«(\[*]*[{UPPER}0-9])|(?<=[{LOWER}]{{3}}[.!?])(?=[{UPPER}][{LOWER}]{{2}})")
GLUED = re.compile(rf"^([{UPPER}][{LOWER}]{{2,}})(?=[{UPPER}][{LOWER}])", re.MULTILINE)
# What ends a text, matched on the text reversed: a search for "([\w.]+)\.$" from the left tries every
# start in a run of letters, quadratic in the run (a 32,000-letter run took 4 s); from the end it is one
# match. Each is the reverse of the pattern in its comment, and its group the reverse of that group.
LAST_TOKEN = re.compile(r"\.([\w.]+)")  # ([\w.]+)\.$ : the word a full stop ends
ORDINAL_AFTER_WORD = re.compile(r"\.\d{1,3}\s+([\w-]*[^\W\d_])")  # ([^\W\d_][\w-]*)\s+\d{1,3}\.$
# The most that the patterns read at a full stop can cover, reversed: the word it ends, the space and
# the word before ("des 11.", "berüchtigten 11."); one character more holds what precedes them.
TAIL_REACH = re.compile(r"\.[\w.]*\s*[\w-]*")
NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")


def ending(pattern: re.Pattern, text: str) -> str | None:
    """Group 1 of the reversed `pattern` at the end of `text`, read forwards; None when it does not match.
    For a text that ends in the full stop (a forward "$" would also match before a last newline)."""
    match = pattern.match(text[::-1])
    return match.group(1)[::-1] if match else None


def tail(text: str, start: int, end: int) -> str:
    """The end of text[start:end] that the full-stop patterns can reach, and one character before it (or
    all of it): what they answer on the whole. Cut without copying the rest, so a paragraph of many
    abbreviations ("a. B. a. B. …") costs each full stop its own few characters, not all text before it."""
    size = 64
    while True:
        low = max(start, end - size)
        piece = text[low:end]
        reach = TAIL_REACH.match(piece[::-1])
        if low == start or (reach.end() if reach else 0) < len(piece):
            return piece
        size *= 4


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    heading: bool  # a headline or list label: no claims are taken from it


def _lines(text: str) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            spans.append((offset + lead, offset + len(raw.rstrip())))
        offset += len(raw) + 1
    return spans


def _outside(spans: list[tuple[int, int]], boilerplate) -> list[tuple[int, int]]:
    """Cut page furniture out of the line spans; a dateline prefix leaves the rest of its line."""
    result = []
    for start, end in spans:
        pieces = [(start, end)]
        for b_start, b_end in boilerplate:
            next_pieces = []
            for s, e in pieces:
                if b_end <= s or b_start >= e:
                    next_pieces.append((s, e))
                    continue
                if s < b_start:
                    next_pieces.append((s, b_start))
                if b_end < e:
                    next_pieces.append((b_end, e))
            pieces = next_pieces
        result.extend(p for p in pieces if p[1] > p[0])
    return result


def _wrapped(text: str, end: int, next_start: int) -> bool:
    """A hard-wrapped line: the next line follows on the very next line and goes on in lower case."""
    return text.count("\n", end, next_start) == 1 and text[next_start:next_start + 1].islower() \
        and end - text.rfind("\n", 0, end) > BROKEN_LINE_MIN


def _paragraphs(text: str, boilerplate) -> list[tuple[int, int, bool]]:
    """(start, end, heading) blocks; a long line cut in mid-sentence is joined to the next line."""
    spans = _outside(_lines(text), boilerplate)
    blocks: list[tuple[int, int, bool]] = []
    index = 0
    while index < len(spans):
        start, end = spans[index]
        # Not the first line (a headline may end in a lower-case verb), and only a line with sentence
        # punctuation inside it: a headline has none, a sentence cut in two usually has.
        while index + 1 < len(spans) and not TERMINAL.search(text[start:end]) and (
                (index > 0 and end - start >= BROKEN_LINE_MIN and ENDS_LOWER.search(text, start, end)
                 and INNER_PUNCTUATION.search(text, start, end))
                or _wrapped(text, end, spans[index + 1][0])):
            index += 1
            end = spans[index][1]
        chunk = text[start:end]
        # a long block of several sentences is prose even when it ends without a full stop ("… (dpa/jW)")
        heading = not TERMINAL.search(chunk) and not chunk.rstrip().endswith(":") \
            and not (len(chunk) > LONG_BLOCK and BOUNDARY.search(chunk))
        heading = heading or (len(chunk) < 40 and not rx.search(r"[.!?…]", chunk))
        blocks.append((start, end, heading))
        index += 1
    return blocks


def split(text: str, lex: Lexicon, boilerplate=()) -> list[Sentence]:
    sentences: list[Sentence] = []
    for number, (start, end, heading) in enumerate(_paragraphs(text, list(boilerplate))):
        glued = GLUED.match(text, start, end)
        if glued and not text[start:end].startswith(("Mc", "Mac")):
            start = glued.end()
        if heading:
            sentences.append(Sentence(start, end, text[start:end], number, True))
            continue
        cursor = start
        for match in BOUNDARY.finditer(text, start, end):
            cut = match.end()
            if _keeps_going(text, cursor, match.start(), cut, end, lex):
                continue
            _add(sentences, text, cursor, cut, number)
            cursor = cut
        _add(sentences, text, cursor, end, number)
    return sentences


def _keeps_going(text: str, cursor: int, stop: int, cut: int, end: int, lex: Lexicon) -> bool:
    """True when the full stop ending text[cursor:stop] is an abbreviation or an ordinal, not a sentence
    end (the next sentence would begin at `cut`; the paragraph ends at `end`)."""
    if stop <= cursor or text[stop - 1] != ".":
        return False
    before = tail(text, cursor, stop)
    word = ending(LAST_TOKEN, before)
    if word:
        token = word.casefold().rstrip(".")
        if token in lex.abbreviations or (len(token) == 1 and token.isalpha()):
            return True
        if token.isdigit() and len(token) <= 2:
            next_word = NEXT_WORD.match(text, cut, end)
            if next_word and next_word.group(1).casefold() in lex.months:
                return True  # 23. Oktober
            if lex.ordinal_before.search(before):
                return True  # des 11. Armeekorps
            previous = ending(ORDINAL_AFTER_WORD, before)
            if previous and lex.adjective_like.fullmatch(previous) and previous[0].islower():
                return True  # "aus dem berüchtigten 11. Armeekorps": an ordinal after an adjective
    return False


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end], paragraph, False))
