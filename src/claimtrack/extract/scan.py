"""Many literal words found in one pass over a text (an Aho–Corasick automaton, pyahocorasick), for
the cue lists that would otherwise be scanned word by word in Python or as one long regex
alternation tried at every position: the gazetteer's first words, the reporting verbs."""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

# Everything that is not a letter, digit or hyphen becomes a space, so that a word start is " " + word;
# a hyphen becomes "_" so that "Soldaten" in "US-Soldaten" starts no word.
NOT_WORD = re.compile(r"[^\w\- ]")  # a space stays a space: replacing it too cost twice the time


@lru_cache(maxsize=8)  # the actors' and the reporting verbs' scanners read the same sentence
def _padded(lowered: str) -> str:
    return " " + NOT_WORD.sub(" ", lowered).replace("-", "_") + " "


class WordScanner:
    """Finds the given lower-case words where they start a word of the text; `whole` also requires
    that they end one ("sagte" in "sagte", not in "sagten")."""

    def __init__(self, words, whole: bool = True):
        self._automaton = ahocorasick.Automaton()
        for word in set(words):
            if word:
                self._automaton.add_word(" " + word + (" " if whole else ""), len(word))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()
        self._whole = whole

    def find(self, text: str, lowered: str | None = None) -> list[tuple[int, int]] | None:
        """(start, end) of every occurrence at a word start, in text order; None when the offsets of
        the lower-cased text would not be the text's (a character whose lower case is longer)."""
        lowered = text.lower() if lowered is None else lowered
        if len(lowered) != len(text):
            return None
        if self._empty:
            return []
        padded = _padded(lowered)
        found = []
        for end, size in self._automaton.iter(padded):
            # the word starts one after the leading space: padded index (end - size - extra + 1) + 1, minus the pad
            start = end - size - (1 if self._whole else 0)
            found.append((start, start + size))
        found.sort()
        return found


class PieceScanner:
    """Whether, and where, any of the given lower-case pieces occurs anywhere in a text (inside words too)."""

    def __init__(self, pieces):
        self._automaton = ahocorasick.Automaton()
        for piece in set(pieces):
            if piece:
                self._automaton.add_word(piece, len(piece))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def any(self, lowered: str) -> bool:
        return not self._empty and next(self._automaton.iter(lowered), None) is not None

    def ends(self, lowered: str) -> list[int]:
        """The offsets just after each occurrence."""
        return [] if self._empty else [end + 1 for end, _ in self._automaton.iter(lowered)]


class TaggedPieces:
    """Pieces that each stand for one or more tags: which tags have a piece anywhere in a text, in one
    pass (e.g. which of a language's vague-amount patterns can match a sentence at all)."""

    def __init__(self, tagged):
        tags_of: dict[str, set] = {}
        for tag, pieces in tagged:
            for piece in pieces:
                if piece:
                    tags_of.setdefault(piece, set()).add(tag)
        self._automaton = ahocorasick.Automaton()
        for piece, tags in tags_of.items():
            self._automaton.add_word(piece, frozenset(tags))
        self._empty = not tags_of
        if not self._empty:
            self._automaton.make_automaton()

    def tags(self, lowered: str) -> set:
        found: set = set()
        if not self._empty:
            for _, tags in self._automaton.iter(lowered):
                found |= tags
        return found
