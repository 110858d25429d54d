"""Dates and times read the way the news page wrote them."""

from datetime import date, time

import pytest

from exhibit.event_text import date_span, time_range, when
from exhibit.models import Event


@pytest.mark.parametrize(
    "start, end, text",
    [
        (time(19), time(21), "7-9 pm"),
        (time(10), None, "10 am"),
        (time(10, 30), time(14), "10:30 am-2 pm"),
        (time(12), time(13, 30), "noon-1:30 pm"),
        (time(9), time(15), "9 am-3 pm"),
        (None, None, "Time TBA"),
    ],
)
def test_time_ranges(start, end, text):
    assert time_range(start, end) == text


def test_the_seed_receptions_read_as_people_write_them():
    assert when(Event(date=date(2014, 3, 7), start_time=time(19), end_time=time(21))) == "Friday, March 7, 2014, 7-9 pm"
    assert when(Event(date=date(2014, 3, 29))) == "Saturday, March 29, 2014, Time TBA"
    assert when(Event(date=date(2014, 4, 5), start_time=time(10))) == "Saturday, April 5, 2014, 10 am"


def test_date_spans():
    assert date_span(date(2014, 3, 7), date(2014, 3, 29)) == "March 7 - 29, 2014"
    assert date_span(date(2014, 3, 7), date(2014, 4, 5)) == "March 7 - April 5, 2014"
    assert date_span(date(2014, 12, 20), date(2015, 1, 4)) == "December 20, 2014 - January 4, 2015"


def test_in_spanish_dates_and_times_read_as_spanish_posters_write_them():
    from django.utils import translation

    from exhibit import event_text

    with translation.override("es"):
        assert when(Event(date=date(2014, 3, 29))) == "sábado, 29 de marzo de 2014, hora por confirmar"
        assert when(Event(date=date(2014, 3, 7), start_time=time(19), end_time=time(21))) == "viernes, 7 de marzo de 2014, 7-9 p. m."
        assert time_range(time(12), time(13, 30)) == "mediodía-1:30 p. m."
        assert date_span(date(2014, 3, 7), date(2014, 3, 29)) == "7 - 29 de marzo de 2014"
        assert date_span(date(2014, 3, 7), date(2014, 4, 5)) == "7 de marzo - 5 de abril de 2014"
        assert date_span(date(2014, 12, 20), date(2015, 1, 4)) == "20 de diciembre de 2014 - 4 de enero de 2015"
    # The constant the iCalendar code writes stays the plain English str, whatever language is active.
    assert type(event_text.TBA) is str and event_text.TBA == "Time TBA"
