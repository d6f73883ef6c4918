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
    text += "."  # as at every full stop it is asked about ("$" before a last newline is not modelled)
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


@settings(max_examples=600, deadline=None)
@given(text=st.text(alphabet="ab1ä_-. \n2Zdesr", max_size=300), run=st.one_of(st.text(alphabet="ab1._", max_size=8), st.text(alphabet="ab1._", min_size=60, max_size=200)),
       space=st.sampled_from(["", " ", " " * 70]), data=st.data())
def test_the_tail_answers_as_the_whole_text_before_a_full_stop(text, run, space, data):
    """sentences.tail cuts what the full-stop checks read to its end (and one character): every check
    answers on it as on all text since the last cut, so many abbreviations in one paragraph cost
    each full stop a few characters, not the whole paragraph again."""
    from claimtrack.extract.lexicon import load
    from claimtrack.extract.sentences import tail

    text += space + run + "."  # a token or a space longer than the first cut (64) tries its widening
    stop = len(text)
    cursor = data.draw(st.integers(0, stop - 1))
    whole, cut = text[cursor:stop], tail(text, cursor, stop)
    assert whole.endswith(cut)
    for pattern, forward in FORWARD.items():
        expected = forward.search(whole)
        assert ending(pattern, cut) == (expected.group(1) if expected else None)
    for language in ("de", "en"):
        ordinal = load(language).ordinal_before
        assert bool(ordinal.search(cut)) == bool(ordinal.search(whole))
