"""Control characters and terminal escape sequences in article text, file names and actor names.

Nothing an article contains may act on the analyst's terminal: `visible` shows every control
character (C0, DEL, C1, bidirectional overrides, line separators) as an escape such as ``\\x1b``,
so `ESC[2J` prints as the six characters ``\\x1b[2J`` and clears nothing. `mask` blanks whole
escape sequences (same length, so offsets stay valid) for the extractor, which must not read the
digits of ``ESC[38;5;196m`` as a troop figure.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls (0x9b alone is a CSI on many terminals), the bidirectional
# embeddings, overrides and isolates ("Trojan source"), and the Unicode line/paragraph separators.
CONTROL_CLASS = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[{CONTROL_CLASS}]")
# What a multi-line text (an article's body) keeps: line breaks and tabs.
LAYOUT_FREE_CLASS = "\x00-\x08\x0b-\x1f" + CONTROL_CLASS[len("\x00-\x1f"):]
CONTROL_BUT_LAYOUT = re.compile(f"[{LAYOUT_FREE_CLASS}]")
# CONTROL_BUT_LAYOUT over UTF-8 bytes (each control as its encoded sequence; tests/test_safety.py
# checks every code point), for output already encoded: see utf8_has_controls.
CONTROL_BUT_LAYOUT_UTF8 = re.compile(
    rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]")
_ASCII_TEXT = bytes(range(0x20, 0x7f)) + b"\t\n"

# ECMA-48 sequences: CSI (ESC [ or 0x9b … final byte), OSC/DCS/APC/PM/SOS strings (up to BEL or ST),
# and two-character escapes. Masked as a whole so no digit inside survives.
SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """One line for a terminal: every control character (newlines and tabs too) escaped visibly."""
    return CONTROL.sub(_escape, text) if CONTROL.search(text) else text


def visible_text(text: str) -> str:
    """A multi-line text for a terminal: line breaks and tabs kept, every other control escaped."""
    return CONTROL_BUT_LAYOUT.sub(_escape, text) if CONTROL_BUT_LAYOUT.search(text) else text


def utf8_has_controls(data: bytes, *, allowed: bytes = b"") -> bool:
    """Whether the UTF-8 text holds a control character but line breaks, tabs and `allowed`, as
    CONTROL_BUT_LAYOUT.search would say of it decoded. Printable ASCII (nearly all of a news text) is
    deleted first in one C pass; the pattern then looks only at what is left. A multi-byte character
    keeps its bytes together, since none of them is ASCII."""
    return CONTROL_BUT_LAYOUT_UTF8.search(data.translate(None, _ASCII_TEXT + allowed)) is not None


def has_controls(text: str) -> bool:
    return CONTROL.search(text) is not None


def mask(text: str) -> str:
    """Escape sequences and lone control characters (but line breaks, tabs) as spaces, same length."""
    if not CONTROL_BUT_LAYOUT.search(text):
        return text
    text = SEQUENCE.sub(lambda m: " " * len(m.group()), text)
    return CONTROL_BUT_LAYOUT.sub(" ", text)
