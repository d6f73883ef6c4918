import pytest

from claimtrack.extract.lexicon import load
from claimtrack.extract.numbers import find_amounts, parse_number_word

LEX = load("de")


@pytest.mark.parametrize("word, value", [("zwölftausend", 12000), ("drei", 3), ("fünfhundert", 500),
                                         ("einundzwanzig", 21), ("zweihundertfünfzigtausend", 250000),
                                         ("tausendzweihundert", 1200), ("Soldaten", None), ("unter", None)])
def test_number_words(word, value):
    assert parse_number_word(word, LEX) == value


def first(text):
    found = [a for a in find_amounts(text, LEX) if a.unit != "other"]
    if not found:
        return None
    a = found[0]
    return a.value, a.value_max, a.qualifier, a.magnitude, a.unit, a.bare


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Es sind 4.500 Soldaten.", (4500, None, "exact", None, "soldiers", False)),
        ("Es sind 12 000 Soldaten.", (12000, None, "exact", None, "soldiers", False)),
        ("Es sind 7'500 Soldaten.", (7500, None, "exact", None, "soldiers", False)),
        ("Es sind 2500 Mann.", (2500, None, "exact", None, "soldiers", False)),
        ("Es sind siebentausend Kämpfer.", (7000, None, "exact", None, "soldiers", False)),
        ("zwischen 6.000 und 8.000 Soldaten", (6000, 8000, "range", None, "soldiers", False)),
        ("9.000 bis 9.500 Soldaten", (9000, 9500, "range", None, "soldiers", False)),
        ("4.000–5.000 Soldaten", (4000, 5000, "range", None, "soldiers", False)),
        ("mehr als 700 Offiziere", (700, None, "more_than", None, "officers", False)),
        ("über 2.000 Spezialkräfte", (2000, None, "more_than", None, "special_forces", False)),
        ("mindestens 40 Generäle", (40, None, "at_least", None, "generals", False)),
        ("bis zu 6.000 Soldaten", (6000, None, "up_to", None, "soldiers", False)),
        ("höchstens 900 Soldaten", (900, None, "at_most", None, "soldiers", False)),
        ("rund 2.400 Soldaten", (2400, None, "approx", None, "soldiers", False)),
        ("knapp 2.400 Soldaten", (2400, None, "approx", None, "soldiers", False)),
        ("schätzungsweise 2.400 Soldaten", (2400, None, "approx", None, "soldiers", False)),
        ("eine kleine Zahl von Kämpfern", (None, None, "exact", "small_number", "soldiers", False)),
        ("Dutzende Soldaten", (None, None, "exact", "dozens", "soldiers", False)),
        ("Hunderte Soldaten", (None, None, "exact", "hundreds", "soldiers", False)),
        ("Tausende nordkoreanischer Soldaten", (None, None, "exact", "thousands", "soldiers", False)),
        ("einige Tausend Soldaten", (None, None, "exact", "several_thousand", "soldiers", False)),
        ("Zehntausende Soldaten", (None, None, "exact", "tens_of_thousands", "soldiers", False)),
        ("die Zahl auf 6.000.", (6000, None, "exact", None, None, True)),
    ],
)
def test_amounts(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize(
    "text",
    ["mehr als 5.000 Granaten", "etwa 300 Drohnen", "2.500 US-Dollar", "seit mehr als 60 Jahren", "rund 30 Prozent",
     "etwa 800 Kilometer", "die 27 Mitgliedstaaten", "rund 1,5 Millionen Soldaten", "seit August 2021",
     "am 12. März", "Angehörige des 7. Korps", "(18.09.)", "KN-25", "122-Millimeter-Raketen", "drei Tage"],
)
def test_not_troop_counts(text):
    assert first(text) is None
