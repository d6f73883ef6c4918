"""sentences.ending: patterns anchored at the end of a text, matched on it reversed, answer what the
forward search answers (which is quadratic in a long run of letters)."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.extract.sentences import LAST_TOKEN, ORDINAL_AFTER_WORD, ending

FORWARD = {LAST_TOKEN: re.compile(r"([\w.]+)\.$"), ORDINAL_AFTER_WORD: re.compile(r"([^\W\d_][\w-]*)\s+\d{1,3}\.$")}


@settings(max_examples=600, deadline=None)
@given(text=st.text(alphabet="ab1ä_-. \n\t2345Z", max_size=40), pattern=st.sampled_from(list(FORWARD)))
def test_reversed_match_answers_as_the_forward_search(text, pattern):
    forward = FORWARD[pattern].search(text)
    assert ending(pattern, text) == (forward.group(1) if forward else None)


def test_examples():
    assert ending(LAST_TOKEN, "laut Dr.") == "Dr"
    assert ending(LAST_TOKEN, "bis z.B.") == "z.B"
    assert ending(LAST_TOKEN, "Ende .") is None
    assert ending(ORDINAL_AFTER_WORD, "aus dem berüchtigten 11.") == "berüchtigten"
    assert ending(ORDINAL_AFTER_WORD, "seit 1990 11.") is None
    assert ending(ORDINAL_AFTER_WORD, "3ab 11.") == "ab"  # the word begins at its first letter
    assert ending(ORDINAL_AFTER_WORD, "x-3ab 11.") == "x-3ab"
