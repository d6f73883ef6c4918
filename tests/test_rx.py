"""Patterns that can never match are found from `re`'s parse tree and swapped for one that fails at once."""

import re

import pytest

from claimtrack.extract import rx
from claimtrack.extract.lexicon import load


@pytest.mark.parametrize("pattern, dead", [
    ("(?!)", True),
    (r"(?<!\w)(?:(?!))(?!\w)", True),  # an empty word list, wrapped
    (r"(?:^|\s)(?:(?!))\s+\d{1,2}\.$", True),
    (r"(?:(?!)|(?!))x", True),
    (r"a|(?!)", False),  # another branch can match
    (r"(?:(?!)|b)c", False),
    (r"(?<!\w)x", False),  # a lookbehind that is not empty
    (r"(?!x)y", False),
    ("", False),
])
def test_never_matches(pattern, dead):
    compiled = re.compile(pattern)
    assert rx.never_matches(compiled) is dead
    if dead:  # what the parse tree says, the engine agrees with
        assert all(compiled.search(text) is None for text in ("", "a", "b c", "x", " 1."))


def test_dead_patterns_are_replaced_and_live_ones_kept():
    for language in ("de", "en"):
        lex = load(language)
        patterns = [v for v in vars(lex).values() if isinstance(v, re.Pattern)]
        patterns += [v for v in lex.syntax.values() if isinstance(v, re.Pattern)]
        assert rx.NEVER_RE in patterns  # both languages leave some word lists empty
        assert not [p for p in patterns if p is not rx.NEVER_RE and rx.never_matches(p)]
    assert load("en").konjunktiv is rx.NEVER_RE and load("de").konjunktiv is not rx.NEVER_RE
