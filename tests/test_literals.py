"""literals.alternation matches what the flat word list (longest first) matches, wherever it is put."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimtrack.extract.literals import alternation, flat

# Letters that share beginnings, differ in case, fold specially (ß, ſ, İ, K) or are not letters.
LETTERS = "aAbBsSßſİiIKkéÉ- ."
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=6)
# Each context puts the alternation where the language files do: alone, before a word end, before an
# optional ending, repeated (number words), inside a lookahead.
CONTEXTS = ["(?:{})", r"(?<![\w-])(?:{})(?![\w-])", r"(?:{})s?(?!\w)", r"(?<![\w-])(?:{})+(?![\w-])",
            r"x(?!(?:{})(?!\w))\w*", r"(?P<w>{})-(?=\w)"]


def spans(pattern: str, flags: int, text: str) -> list:
    return [(m.span(), m.groupdict()) for m in re.finditer(pattern, text, flags)]


@settings(max_examples=400, deadline=None)
# two branches that differ only in case, under IGNORECASE: taken apart, the shorter word of the first
# branch ("abc") would win over the longer one of the second ("Abcd") on "ABCD"
@example(words=["abcde", "Abcd", "abc"], pieces=["D"], context="(?:{})", ignorecase=None)
@given(words=st.lists(WORD, min_size=1, max_size=12), pieces=st.lists(WORD, max_size=12),
       context=st.sampled_from(CONTEXTS), ignorecase=st.sampled_from([True, False, None]))
def test_a_prefix_tree_matches_what_the_flat_list_matches(words, pieces, context, ignorecase):
    # the text: the words, their prefixes and longer neighbours, glued by the pieces
    text = " ".join(words + [w[:-1] for w in words] + [w + p for w, p in zip(words, pieces)] + pieces + ["x" + w for w in words])
    for flags in ((re.IGNORECASE,) if ignorecase else (0,) if ignorecase is False else (0, re.IGNORECASE)):
        expected = spans(context.format(flat(words)), flags, text)
        assert spans(context.format(alternation(words, ignorecase)), flags, text) == expected, (words, flags)
        assert spans(context.format(alternation(words, ignorecase)), flags, text.swapcase()) == \
            spans(context.format(flat(words)), flags, text.swapcase())


def test_shared_beginnings_are_written_once():
    assert alternation(["Nordkorea", "Nordmazedonien", "Norwegen"], False) == "Nor(?:d(?:mazedonien|korea)|wegen)"
    assert alternation(["sagte", "sagten", "sagt"], True) == "sagt(?:e(?:n)?)?"
    # under IGNORECASE a word and its capitalised form are one; without knowing the case mode they
    # stay apart, and the list stays flat where two branches differ only in case
    assert alternation(["Nato", "NATO"], True) == "nato"
    assert alternation(["Nato", "NATO"], None) == flat(["Nato", "NATO"])
    assert alternation(["Nato", "NATO"], False) == "N(?:ATO|ato)"
    assert flat(["Nato", "NATO", "Kreml"]) == "Kreml|NATO|Nato"  # the same in every process
    assert alternation(["Straße", "ſtraße"], True) == flat(["Straße", "ſtraße"])  # ſ folds with s in re
    assert alternation([], True) == ""
