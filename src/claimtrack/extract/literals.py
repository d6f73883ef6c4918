"""Literal words as one regex alternation, with their common beginnings written once.

The language files' word lists (force names, nationality adjectives, reporting verbs, institutions,
number words) become alternations of up to a few hundred words, tried at every position of every
sentence; as a flat list the engine compares each word's first letter in turn, as a prefix tree it
follows one branch ("Nord(?:korea|mazedonien)"). `alternation` matches exactly what the flat list
longest first matches, in either case mode, so the patterns built from it keep their answers:
at each point of the tree the branches begin with different letters, also under IGNORECASE (a word
list with two branches that differ only in case, or with a letter that `re` folds together with
another one, "ſ" and "s", stays flat), so at most one branch can go on, and the longer words are
tried before the shorter ones that end on the way, as in the flat list.
"""

from __future__ import annotations

import re

try:  # how `re` folds case (private, in Python 3.11 to 3.13); without it every list stays flat
    from re import _casefix  # the letters `re` folds together beyond lower case

    from _sre import unicode_tolower
except ImportError:  # pragma: no cover - a Python whose `re` is built otherwise
    _casefix = unicode_tolower = None

END = ""  # a word ends at this node


def _fold(char: str) -> int:
    return unicode_tolower(ord(char))


def _extra_folding(char: str) -> bool:
    return ord(char) > 127 and (ord(char) in _casefix._EXTRA_CASES or _fold(char) in _casefix._EXTRA_CASES)


def _longest_first(words) -> list[str]:
    """Longer words before their prefixes, as `re` tries alternatives in order; words of one length in
    a fixed order, so that a pattern is the same in every process (a set's order follows str hashing)."""
    return sorted({w for w in words if w}, key=lambda w: (-len(w), w))


def flat(words) -> str:
    """The words longest first, as `re` tries alternatives in order: a longer word beats its prefix."""
    return "|".join(re.escape(w) for w in _longest_first(words))


def alternation(words, ignorecase: bool | None = None) -> str:
    """The words as a prefix tree of alternatives (the flat list when a tree could answer otherwise).

    `ignorecase`: how the pattern it goes into compares letters, when the caller knows. True: words
    that differ only in case are one word (written as `re` folds them); False: letters that differ in
    case never meet; None: branches that differ only in case keep the list flat."""
    words = _longest_first(words)
    if not words:
        return ""
    if _casefix is None:
        return flat(words)
    if ignorecase is not False and any(_extra_folding(char) for word in words for char in word):
        return flat(words)
    keyed = _longest_first("".join(chr(_fold(c)) for c in w) for w in words) if ignorecase else words
    tree: dict = {}
    for word in keyed:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[END] = {}
    built = _emit(tree, exact=ignorecase is False)
    return flat(words) if built is None else built[0]


def _emit(node: dict, exact: bool) -> tuple[str, int] | None:
    """The regex of a node's branches, longest word first, the end of a word last, and the length of the
    longest word below it; None when two branches begin with letters that `re` may take for the same
    one (never when case is `exact`). Built from the leaves up, each node once."""
    keys = [key for key in node if key != END]
    if not exact and len({_fold(key) for key in keys}) != len(keys):
        return None
    branches = []
    for key in keys:
        rest = _emit(node[key], exact)
        if rest is None:
            return None
        branches.append((re.escape(key) + rest[0], 1 + rest[1]))
    if not branches:
        return "", 0
    branches.sort(key=lambda branch: -branch[1])
    longest = branches[0][1]
    if len(branches) == 1 and END not in node:
        return branches[0][0], longest
    return "(?:" + "|".join(part for part, _ in branches) + ")" + ("?" if END in node else ""), longest
