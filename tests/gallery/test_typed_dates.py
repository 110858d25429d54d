"""Dates and times as people in the US type them into admin forms: read, or refused with a message; never replaced."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from gallery.typed_dates import (
    TypedDateTimeInput,
    TypedInput,
    TypedTimeInput,
    datetime_words,
    parse_date,
    parse_datetime,
    parse_time,
)

FEB_6 = datetime.date(2027, 2, 6)


@pytest.mark.parametrize("typed", [
    "Feb 6, 2027", "February 6, 2027", "feb 6 2027", "Feb. 6, 2027", "2/6/2027", "02/06/2027", "2/6/27",
    "2027-02-06", "6 February 2027", "Saturday, February 6, 2027", "Sat Feb 6, 2027", "February 6th, 2027",
])
def test_dates_people_type_are_read_as_the_day_they_mean(typed):
    assert parse_date(typed) == FEB_6


@pytest.mark.parametrize("typed, message", [
    ("tomorrow", "is not a date this form can read. Type it as Feb 6, 2027, 3/28/2027 or 2027-02-06."),
    ("28/3/2027", "has no month 28. Dates with slashes are month/day/year"),
    ("Feb 30, 2027", "is not a real day: February 2027 has no day 30."),
    ("Friday, February 6, 2027", "is a Saturday, not a Friday"),
    ("Febtober 6, 2027", "is not a date this form can read"),
])
def test_dates_that_mean_nothing_are_refused_with_a_message(typed, message):
    with pytest.raises(ValidationError) as raised:
        parse_date(typed)
    assert message in raised.value.messages[0]


@pytest.mark.parametrize("typed, meant", [
    ("6:00 pm", (18, 0)), ("6:00 PM", (18, 0)), ("6 pm", (18, 0)), ("7pm", (19, 0)), ("6:30 p.m.", (18, 30)),
    ("6:30pm", (18, 30)), ("19:00", (19, 0)), ("noon", (12, 0)), ("Noon", (12, 0)), ("midnight", (0, 0)),
    ("12 pm", (12, 0)), ("12 am", (0, 0)), ("9:30 am", (9, 30)), ("09:30", (9, 30)), ("10:00", (10, 0)),
])
def test_times_people_type_are_read_as_the_time_they_mean(typed, meant):
    assert parse_time(typed) == datetime.time(*meant)


@pytest.mark.parametrize("typed, message", [
    ("6:00", "could be morning or evening: add am or pm"),
    ("7", "add am or pm"),
    ("13 pm", "with am or pm the hour runs 1–12"),
    ("6:75 pm", "minutes and seconds run 00–59"),
    ("25:00", "hours run 0–23"),
    ("evening", "is not a time this form can read"),
])
def test_times_that_are_ambiguous_or_nonsense_are_refused(typed, message):
    with pytest.raises(ValidationError) as raised:
        parse_time(typed)
    assert message in raised.value.messages[0]


@pytest.mark.parametrize("typed", [
    "Feb 6, 2027 6:00 pm", "Feb 6, 2027, 6:00 pm", "Feb 6, 2027 at 6pm", "2027-02-06 18:00", "2027-02-06T18:00",
    "Saturday, February 6, 2027, 6:00 pm", "2/6/2027 6:00 PM",
])
def test_date_and_time_together(typed):
    assert parse_datetime(typed) == datetime.datetime(2027, 2, 6, 18, 0)


def test_a_date_and_an_ambiguous_time_gets_the_time_message():
    with pytest.raises(ValidationError, match="could be morning or evening"):
        parse_datetime("Feb 6, 2027 6:00")


def test_the_input_shows_the_saved_value_in_words_and_reads_back_to_the_same_value():
    html = TypedInput().render("opens", FEB_6)
    assert 'value="Feb 6, 2027"' in html and "Saturday, February 6, 2027" in html
    html = TypedTimeInput().render("start_time", datetime.time(18, 0))
    assert 'value="6:00 pm"' in html
    taken = datetime.datetime(2027, 2, 6, 18, 0, 14)
    html = TypedDateTimeInput().render("date_taken", taken)
    assert 'value="Feb 6, 2027 6:00:14 pm"' in html
    assert parse_datetime("Feb 6, 2027 6:00:14 pm") == taken
    assert datetime_words(taken) == "Saturday, February 6, 2027, 6:00:14 pm"


def test_text_shown_again_after_an_error_elsewhere_is_kept_exactly_as_typed():
    html = TypedInput().render("opens", "Feb 6, 2027")
    assert 'value="Feb 6, 2027"' in html and "Saturday, February 6, 2027" in html
    html = TypedTimeInput().render("start_time", "6:00")
    assert 'value="6:00"' in html
