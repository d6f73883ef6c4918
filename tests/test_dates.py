from datetime import date

import pytest

from claimtrack.extract.dates import default_window, find_dates, resolve
from claimtrack.extract.lexicon import load

LEX = load("de")
THU = date(2024, 11, 14)  # a Thursday


def window(text, published=THU):
    found = find_dates(text, LEX)
    assert found, text
    return resolve(found[0], published)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("am Dienstag", (date(2024, 11, 12), date(2024, 11, 12))),
        ("am Donnerstag", (THU, THU)),
        ("gestern", (date(2024, 11, 13), date(2024, 11, 13))),
        ("vorgestern", (date(2024, 11, 12), date(2024, 11, 12))),
        ("vergangene Woche", (date(2024, 11, 4), date(2024, 11, 10))),
        ("letzte Woche", (date(2024, 11, 4), date(2024, 11, 10))),
        ("diese Woche", (date(2024, 11, 11), THU)),
        ("Anfang der Woche", (date(2024, 11, 11), date(2024, 11, 13))),
        ("am Wochenende", (date(2024, 11, 9), date(2024, 11, 10))),
        ("diesen Monat", (date(2024, 11, 1), THU)),
        ("im September", (date(2024, 9, 1), date(2024, 9, 30))),
        ("Anfang September", (date(2024, 9, 1), date(2024, 9, 10))),
        ("Mitte September", (date(2024, 9, 10), date(2024, 9, 20))),
        ("Ende September", (date(2024, 9, 20), date(2024, 9, 30))),
        ("am 3. November", (date(2024, 11, 3), date(2024, 11, 3))),
        ("am 20. Dezember", (date(2023, 12, 20), date(2023, 12, 20))),
        ("am Montag (11.11.)", (date(2024, 11, 11), date(2024, 11, 11))),
        ("am 2. Mai 2023", (date(2023, 5, 2), date(2023, 5, 2))),
        ("im vergangenen Herbst", (date(2023, 9, 1), date(2023, 12, 21))),
        ("Ende vergangener Woche", (date(2024, 11, 8), date(2024, 11, 10))),
        ("Ende der vergangenen Woche", (date(2024, 11, 8), date(2024, 11, 10))),
        ("Anfang letzter Woche", (date(2024, 11, 4), date(2024, 11, 6))),
        ("am Vortag", (date(2024, 11, 13), date(2024, 11, 13))),
        ("vor einer Woche", (date(2024, 11, 7), date(2024, 11, 7))),
        ("vor drei Tagen", (date(2024, 11, 11), date(2024, 11, 11))),
    ],
)
def test_resolve(text, expected):
    assert window(text) == expected


def test_undated_article_keeps_relative_dates_open():
    assert window("am Dienstag", None) is None
    assert window("vergangene Woche", None) is None
    assert window("am 2. Mai 2023", None) == (date(2023, 5, 2), date(2023, 5, 2))


@pytest.mark.parametrize("text", ["seit August 2020", "bis Dezember", "bis Mitte Oktober"])
def test_event_dates_are_not_statement_dates(text):
    assert find_dates(text, LEX) == []


def test_default_window():
    assert default_window(THU) == (date(2024, 11, 4), THU)

