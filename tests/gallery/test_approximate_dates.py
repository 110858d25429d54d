"""Approximate (EDTF) dates: the day range each one covers, how it reads, and what a curator is told when it is wrong."""
import datetime
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gallery.approximate_dates import ApproximateDate, InvalidApproximateDate, from_datetime, parse

D = datetime.date

# input -> (earliest, latest, display)
CASES = {
    "1905": (D(1905, 1, 1), D(1905, 12, 31), "1905"),
    "1905~": (D(1900, 1, 1), D(1910, 12, 31), "ca. 1905"),
    "1905?": (D(1905, 1, 1), D(1905, 12, 31), "1905?"),
    "1905%": (D(1900, 1, 1), D(1910, 12, 31), "ca. 1905?"),
    "191X": (D(1910, 1, 1), D(1919, 12, 31), "1910s"),
    "191X~": (D(1905, 1, 1), D(1924, 12, 31), "ca. 1910s"),
    "19XX": (D(1900, 1, 1), D(1999, 12, 31), "20th century"),
    "20XX": (D(2000, 1, 1), D(2099, 12, 31), "21st century"),
    "2013-10": (D(2013, 10, 1), D(2013, 10, 31), "October 2013"),
    "2013-10-05": (D(2013, 10, 5), D(2013, 10, 5), "October 5, 2013"),
    "2013-10~": (D(2013, 9, 1), D(2013, 11, 30), "ca. October 2013"),
    "2013-10-05~": (D(2013, 9, 28), D(2013, 10, 12), "ca. October 5, 2013"),
    "2013-XX": (D(2013, 1, 1), D(2013, 12, 31), "2013"),
    "1985-04-XX": (D(1985, 4, 1), D(1985, 4, 30), "April 1985"),
    "2012-02": (D(2012, 2, 1), D(2012, 2, 29), "February 2012"),
    "2013-02": (D(2013, 2, 1), D(2013, 2, 28), "February 2013"),
    "1900-02": (D(1900, 2, 1), D(1900, 2, 28), "February 1900"),
    "2000-02-29": (D(2000, 2, 29), D(2000, 2, 29), "February 29, 2000"),
    "2013-21": (D(2013, 3, 1), D(2013, 5, 31), "Spring 2013"),
    "2013-23": (D(2013, 9, 1), D(2013, 11, 30), "Autumn 2013"),
    "2011-24": (D(2011, 12, 1), D(2012, 2, 29), "Winter 2011"),
    "1890/1910": (D(1890, 1, 1), D(1910, 12, 31), "1890–1910"),
    "191X/192X": (D(1910, 1, 1), D(1929, 12, 31), "1910s–1920s"),
    "2014-03/2014-04": (D(2014, 3, 1), D(2014, 4, 30), "March–April 2014"),
    "2013-11/2014-02": (D(2013, 11, 1), D(2014, 2, 28), "November 2013–February 2014"),
    "2014-03-07/2014-03-29": (D(2014, 3, 7), D(2014, 3, 29), "March 7–29, 2014"),
    "2014-03-07/2014-04-02": (D(2014, 3, 7), D(2014, 4, 2), "March 7–April 2, 2014"),
    "2013-12-30/2014-01-02": (D(2013, 12, 30), D(2014, 1, 2), "December 30, 2013–January 2, 2014"),
    "2014-21/2014-22": (D(2014, 3, 1), D(2014, 8, 31), "Spring–Summer 2014"),
    "2014-03~/2014-04": (D(2014, 2, 1), D(2014, 4, 30), "ca. March 2014–April 2014"),
    "1905/1905": (D(1905, 1, 1), D(1905, 12, 31), "1905"),
    "../1910": (D(1810, 1, 1), D(1910, 12, 31), "before 1910"),
    "/1910": (D(1810, 1, 1), D(1910, 12, 31), "before 1910"),
    "1890/..": (D(1890, 1, 1), D(1990, 12, 31), "after 1890"),
    "1890/": (D(1890, 1, 1), D(1990, 12, 31), "after 1890"),
    "  1905~ ": (D(1900, 1, 1), D(1910, 12, 31), "ca. 1905"),
    "191x": (D(1910, 1, 1), D(1919, 12, 31), "1910s"),
}


@pytest.mark.parametrize("text", CASES)
def test_each_form_covers_the_expected_days_and_reads_naturally(text):
    earliest, latest, display = CASES[text]
    date = parse(text)
    assert (date.earliest, date.latest, date.display()) == (earliest, latest, display)
    assert str(date) == display


def test_stored_text_is_stripped_and_spells_unspecified_digits_with_capital_x():
    assert parse("  1905~ ").edtf == "1905~"
    assert parse("191x").edtf == "191X"


def test_a_parsed_date_is_an_immutable_value():
    date = parse("1905")
    assert date == ApproximateDate("1905", D(1905, 1, 1), D(1905, 12, 31))
    with pytest.raises(AttributeError):
        date.earliest = D(1800, 1, 1)


def test_sorting_by_earliest_then_latest_puts_wide_ranges_before_the_narrow_ones_they_start_with():
    texts = ["2013-10", "191X", "1905", "1905~", "1890/1910"]
    ordered = sorted((parse(t) for t in texts), key=lambda d: (d.earliest, d.latest))
    # 1890/1910 starts first; "about 1905" can mean 1900, so it precedes plain 1905; the 1910s follow; 2013 is last.
    assert [d.edtf for d in ordered] == ["1890/1910", "1905~", "1905", "191X", "2013-10"]


@pytest.mark.parametrize("text, decades", [
    ("1905", [1900]),
    ("1890/1910", [1890, 1900, 1910]),
    ("1905~", [1900, 1910]),
    ("191X", [1910]),
    ("19XX", list(range(1900, 2000, 10))),
    ("2019-24", [2010, 2020]),
    ("../1910", list(range(1810, 1920, 10))),
])
def test_decades_lists_every_decade_the_range_touches(text, decades):
    assert parse(text).decades == decades


def test_from_datetime_gives_the_exact_day_of_a_date_or_datetime():
    from_dt = from_datetime(datetime.datetime(2012, 2, 29, 23, 59))
    assert (from_dt.edtf, from_dt.earliest, from_dt.latest) == ("2012-02-29", D(2012, 2, 29), D(2012, 2, 29))
    assert from_dt.display() == "February 29, 2012"
    assert from_datetime(D(950, 1, 2)).edtf == "0950-01-02"


def test_widening_near_the_ends_of_the_calendar_stops_at_the_first_and_last_representable_days():
    assert parse("0001~").earliest == D.min
    assert parse("9999~").latest == D.max
    assert parse("9999-24").latest == D.max
    assert parse("0050/..").earliest == D(50, 1, 1)
    assert parse("../0050").earliest == D.min


BAD = [
    "",
    "   ",
    "abc",
    "19O5",
    "2013-13",
    "2013-00",
    "2013-02-30",
    "2013-10-00",
    "2100-02-29",
    "1910/1890",
    "1905~/1903",
    "0000-00-00",
    "0000",
    "1" * 65,
    "1XXX",
    "XXXX",
    "191X-10",
    "2013-XX-05",
    "2013-21-05",
    "2013-25",
    "../..",
    "/",
    "1890/1900/1910",
    "[1905,1910]",
    "?1905",
    "-1905",
    "12345",
    "2013-10-05T12:00",
    "٢٠١٣",  # Arabic-Indic digits are digits to Python, but not EDTF
]


@pytest.mark.parametrize("text", BAD)
def test_bad_values_are_refused_with_a_message_a_curator_can_read(text):
    with pytest.raises(InvalidApproximateDate) as raised:
        parse(text)
    message = str(raised.value)
    assert message.strip()
    assert "<" not in message  # plain text, shown as-is in a form


def test_the_general_message_quotes_the_input_and_gives_examples():
    with pytest.raises(InvalidApproximateDate, match="“19O5” is not a date the archive can read. Examples: 1905, ca 1905"):
        parse("19O5")


def test_specific_mistakes_get_specific_advice():
    for text, advice in [
        ("2013-02-30", "February 2013 has days 01–28"),
        ("1910/1890", "ends before it starts"),
        ("2013-13", "months run 01–12"),
    ]:
        with pytest.raises(InvalidApproximateDate, match=advice):
            parse(text)


def test_invalid_approximate_date_is_a_value_error_so_form_and_import_code_can_catch_either():
    assert issubclass(InvalidApproximateDate, ValueError)


def test_very_long_input_is_refused_quickly_and_not_echoed_in_full():
    text = "1905" * 250_000
    started = time.perf_counter()
    with pytest.raises(InvalidApproximateDate) as raised:
        parse(text)
    assert time.perf_counter() - started < 0.5
    assert len(str(raised.value)) < 200


def test_a_non_string_is_a_programming_error_not_a_curator_error():
    with pytest.raises(TypeError):
        parse(1905)


def test_the_module_itself_imports_no_django():
    # Loaded from its file in a fresh interpreter, so only this module's own imports count.
    module = Path(__file__).resolve().parents[2] / "gallery" / "approximate_dates.py"
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('approximate_dates', {str(module)!r})\n"
        "module = sys.modules['approximate_dates'] = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "print(any(name.split('.')[0] == 'django' for name in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("written, edtf, words", [
    ("ca 1905", "1905~", "ca. 1905"),
    ("c. 1905", "1905~", "ca. 1905"),
    ("circa 1905", "1905~", "ca. 1905"),
    ("Ca. 1905", "1905~", "ca. 1905"),
    ("about 1905", "1905~", "ca. 1905"),
    ("1920s", "192X", "1920s"),
    ("the 1920s", "192X", "1920s"),
    ("ca 1920s", "192X~", "ca. 1920s"),
    ("1905-1910", "1905/1910", "1905–1910"),
    ("1905 – 1910", "1905/1910", "1905–1910"),
    ("1905 to 1910", "1905/1910", "1905–1910"),
    ("ca. 1905-1910", "1905~/1910~", "ca. 1905–ca. 1910"),
    ("spring 1910", "1910-21", "Spring 1910"),
    ("Fall 1923", "1923-23", "Autumn 1923"),
    ("March 1914", "1914-03", "March 1914"),
    ("Sept. 1914", "1914-09", "September 1914"),
    ("March 7, 2014", "2014-03-07", "March 7, 2014"),
    ("3/28/1927", "1927-03-28", "March 28, 1927"),
    ("before 1910", "../1910", "before 1910"),
    ("after 1890", "1890/..", "after 1890"),
    ("1905?", "1905?", "1905?"),
])
def test_dates_as_curators_write_them_are_stored_as_the_edtf_they_mean(written, edtf, words):
    parsed = parse(written)
    assert (parsed.edtf, parsed.display()) == (edtf, words)
    assert parse(edtf) == parsed


@pytest.mark.parametrize("text", ["circa", "ca 19", "spring", "Smarch 1914", "1905-1910-1915", "the 1920", "c. banana"])
def test_written_nonsense_is_still_refused(text):
    with pytest.raises(InvalidApproximateDate, match="is not a date the archive can read"):
        parse(text)


def test_a_written_range_that_runs_backwards_says_so():
    with pytest.raises(InvalidApproximateDate, match="ends before it starts"):
        parse("1910-1890")
