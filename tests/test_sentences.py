import pytest

from claimtrack.extract.lexicon import load
from claimtrack.extract.sentences import split

LEX = load("de")


def texts(text, boilerplate=()):
    return [(s.text, s.heading) for s in split(text, LEX, boilerplate)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rund 3.000 Soldaten sind dort. Das sagte er.", ["Rund 3.000 Soldaten sind dort.", "Das sagte er."]),
        ("Dr. Meier sprach am 23. Oktober in Rom. Dann ging er.", ["Dr. Meier sprach am 23. Oktober in Rom.", "Dann ging er."]),
        ("Angehörige des 11. Armeekorps sind dabei. Mehr nicht.", ["Angehörige des 11. Armeekorps sind dabei.", "Mehr nicht."]),
        ("„Wir sehen Beweise.“ Laut CNN sind es viele.", ["„Wir sehen Beweise.“", "Laut CNN sind es viele."]),
        ("„Das ist so“, sagte er. «Nein.» Gut so.", ["„Das ist so“, sagte er.", "«Nein.»", "Gut so."]),
        ("Kommt er? Ja! Sicher.", ["Kommt er?", "Ja!", "Sicher."]),
        ("Die Zahl stieg auf 10.000. Die USA schweigen.", ["Die Zahl stieg auf 10.000.", "Die USA schweigen."]),
    ],
    ids=["plain", "abbreviation-and-date", "ordinal", "quote-end", "quote-comma", "question", "number-at-end"],
)
def test_split(text, expected):
    assert [t for t, _ in texts(text)] == expected


def test_headings_and_broken_lines():
    text = ("Eine Überschrift ohne Punkt\n\nEin langer Satz, der mitten im Satz von einer Leerzeile zerschnitten "
            "wird, weil die Webseite so kopiert wurde, nach den\n\nWorten geht es weiter. Danach ein neuer Satz.\n")
    result = texts(text)
    assert result[0] == ("Eine Überschrift ohne Punkt", True)
    assert result[1][0].startswith("Ein langer Satz") and result[1][0].endswith("weiter.")
    assert "\n\n" in result[1][0] and result[1][1] is False
    assert result[2] == ("Danach ein neuer Satz.", False)


def test_glued_dateline_and_offsets():
    text = "Titel\nHamburgEtwa 500 Soldaten trafen ein. Mehr folgt."
    sentences = split(text, LEX)
    assert sentences[1].text == "Etwa 500 Soldaten trafen ein."
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_boilerplate_is_cut():
    text = "Titel\n\nSeoul, 25.10.2024 (dpa) – Nordkorea schickt Soldaten.\n"
    start = text.index("Seoul")
    end = text.index("Nordkorea")
    sentences = split(text, LEX, [(start, end)])
    assert sentences[-1].text == "Nordkorea schickt Soldaten."
