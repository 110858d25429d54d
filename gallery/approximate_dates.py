"""Approximate dates for photographs, written in EDTF.

Archive photographs are seldom dated to the day, so each one carries an EDTF
string (Library of Congress Extended Date/Time Format).  This module turns that
string into the earliest and latest days it can mean, which is what sorting and
decade facets need, and into the words a visitor reads.  It uses only the
standard library so that model code, forms and import commands can share it.

Curators also write dates as people do ("ca 1905", "c. 1905", "circa 1905", "1920s", "1905-1910",
"spring 1910", "March 1914", "before 1910"): ``parse`` reads those as the EDTF they mean
(``written_to_edtf``) and stores that, so every other part of the site sees only EDTF.

Understood: EDTF level 0 and 1 -- years, months, days, seasons 21-24, the
qualifiers ``?`` ``~`` ``%`` at the end of a date, unspecified digits ``X``
(``191X``, ``19XX``, ``2004-XX``, ``1985-04-XX``), and intervals whose ends may
be open (``..``) or unknown (empty).  Rejected, with a message a curator can
act on: sets (``[..]``, ``{..}``), qualifiers inside a date, negative or
five-digit years, times of day, and anything vaguer than a century.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

__all__ = ["ApproximateDate", "InvalidApproximateDate", "Wording", "parse", "from_datetime", "written_to_edtf"]

MAX_LENGTH = 64
# An open end ("../1910") still needs a bound for sorting and facets; a century is generous but finite.
OPEN_END_YEARS = 100
EXAMPLES = "Examples: 1905, ca 1905, 1920s, 1905-1910, spring 1910, March 1914 (or EDTF: 1905~, 192X, 1905/1910)."

# Fixed English names: calendar.month_name follows the process locale, which would make output vary by server.
_MONTHS = (None, "January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")
_SEASONS = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}
# Meteorological seasons (northern hemisphere); winter starts in December of the named year and runs into February.
_SEASON_FIRST_MONTH = {21: 3, 22: 6, 23: 9, 24: 12}

# [0-9], not \d: \d also matches other scripts' digits, which int() would then quietly accept.
# No nested quantifiers and a length cap beforehand, so matching stays linear.
_DATE_RE = re.compile(r"([0-9]{4}|[0-9]{3}X|[0-9]{2}XX|[0-9]XXX|XXXX)(?:-([0-9]{2}|XX)(?:-([0-9]{2}|XX))?)?([?~%]?)")

# Written forms, read case-insensitively after spaces are collapsed.  Each maps to one EDTF form.
# Longest first: "ca 1905" must not be read as "c" followed by "a 1905".
_CIRCA_WORDS = r"(?:approximately|approx|circa|about|ca|c)\.?"
_WRITTEN_YEAR_RE = re.compile(r"([0-9]{4})")
_WRITTEN_CIRCA_RE = re.compile(rf"{_CIRCA_WORDS} ?(.+)", re.IGNORECASE)
_WRITTEN_DECADE_RE = re.compile(r"(?:the )?([0-9]{3})0'?s", re.IGNORECASE)
_WRITTEN_CENTURY_RE = re.compile(r"([0-9]{2})00'?s", re.IGNORECASE)
_WRITTEN_RANGE_RE = re.compile(r"(.+?) ?(?:[-\u2013\u2014]|to|until) ?(.+)", re.IGNORECASE)
_WRITTEN_SEASON_RE = re.compile(r"(spring|summer|autumn|fall|winter),? ([0-9]{4})", re.IGNORECASE)
_WRITTEN_MONTH_RE = re.compile(r"([a-z]+)\.?,? ([0-9]{4})", re.IGNORECASE)
_WRITTEN_DAY_RE = re.compile(r"([a-z]+)\.? ([0-9]{1,2}),? ([0-9]{4})", re.IGNORECASE)
_WRITTEN_US_DAY_RE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_WRITTEN_OPEN_RE = re.compile(r"(before|after) (.+)", re.IGNORECASE)
_SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(_MONTHS) if name}
_MONTH_NUMBERS.update({name.lower()[:3]: number for number, name in enumerate(_MONTHS) if name})
_MONTH_NUMBERS["sept"] = 9


class InvalidApproximateDate(ValueError):
    """The text is not an EDTF date this archive understands; str() is a sentence for the curator."""


@dataclass(frozen=True)
class ApproximateDate:
    """A parsed EDTF date: the text as stored plus the day range it can mean."""

    edtf: str
    earliest: datetime.date
    latest: datetime.date

    def display(self, wording: Wording | None = None) -> str:
        """The date as a person would write it, e.g. "ca. 1905" or "March 7–29, 2014" (in English, or
        in the words `wording` gives)."""
        # Re-read the stored text rather than carrying parse details, so the three fields stay the whole state.
        return _render(*_read(self.edtf), wording or ENGLISH)

    @property
    def decades(self) -> list[int]:
        """Start year of every decade the range touches, for decade facets."""
        return list(range(self.earliest.year // 10 * 10, self.latest.year // 10 * 10 + 1, 10))

    def __str__(self) -> str:
        return self.display()


def parse(value: str) -> ApproximateDate:
    """Read an EDTF string; raise InvalidApproximateDate with a curator-facing message if it is not one."""
    if not isinstance(value, str):
        raise TypeError(f"parse() needs a string, not {type(value).__name__}")
    text = value.strip()
    if not text:
        raise InvalidApproximateDate(f"Enter a date. {EXAMPLES}")
    if len(text) > MAX_LENGTH:
        raise InvalidApproximateDate(
            f"“{text[:20]}…” is too long to be a date (at most {MAX_LENGTH} characters). {EXAMPLES}")
    # Lower-case x is a common slip for the unspecified digit; accepting it costs nothing.
    edtf = text.replace("x", "X")
    try:
        start, end, interval = _read(edtf)
    except InvalidApproximateDate:
        written = written_to_edtf(text)
        if written is None:
            raise
        edtf = written
        start, end, interval = _read(edtf)
    text = edtf
    earliest, latest = _bounds(start, end, interval)
    return ApproximateDate(edtf=text, earliest=earliest, latest=latest)


def written_to_edtf(text: str) -> str | None:
    """The EDTF a written date means ("ca 1905" -> "1905~", "1920s" -> "192X"), or None if it is not one."""
    text = " ".join(text.split())
    if len(text) > MAX_LENGTH:
        return None
    return _written(text, allow_range=True)


def _written(text: str, *, allow_range: bool) -> str | None:
    if _DATE_RE.fullmatch(text.replace("x", "X")):
        return text.replace("x", "X")
    if match := _WRITTEN_CIRCA_RE.fullmatch(text):
        inner = _written(match.group(1), allow_range=allow_range)
        if inner is None:
            return None
        # "ca. 1905-1910": both ends are approximate.
        ends = [end if end in ("", "..") or end[-1] in "?~%" else end + "~" for end in inner.split("/")]
        return "/".join(ends)
    if text.endswith("?") and (inner := _written(text[:-1].rstrip(), allow_range=False)) and inner[-1] not in "?~%":
        return inner + "?"
    if match := _WRITTEN_CENTURY_RE.fullmatch(text):
        # "1900s" is read as the decade, as people mostly mean it; "19XX" names the century.
        return f"{match.group(1)}0X"
    if match := _WRITTEN_DECADE_RE.fullmatch(text):
        return f"{match.group(1)}X"
    if match := _WRITTEN_OPEN_RE.fullmatch(text):
        inner = _written(match.group(2), allow_range=False)
        if inner is None:
            return None
        return f"../{inner}" if match.group(1).lower() == "before" else f"{inner}/.."
    if match := _WRITTEN_SEASON_RE.fullmatch(text):
        return f"{match.group(2)}-{_SEASON_CODES[match.group(1).lower()]}"
    if match := _WRITTEN_DAY_RE.fullmatch(text):
        month = _MONTH_NUMBERS.get(match.group(1).lower())
        if month:
            return f"{match.group(3)}-{month:02d}-{int(match.group(2)):02d}"
        return None
    if match := _WRITTEN_MONTH_RE.fullmatch(text):
        month = _MONTH_NUMBERS.get(match.group(1).lower())
        return f"{match.group(2)}-{month:02d}" if month else None
    if match := _WRITTEN_US_DAY_RE.fullmatch(text):
        return f"{match.group(3)}-{int(match.group(1)):02d}-{int(match.group(2)):02d}"
    if allow_range and (match := _WRITTEN_RANGE_RE.fullmatch(text)):
        start = _written(match.group(1), allow_range=False)
        end = _written(match.group(2), allow_range=False)
        if start and end:
            return f"{start}/{end}"
    return None


def from_datetime(dt: datetime.datetime | datetime.date) -> ApproximateDate:
    """The exact day of dt (e.g. from camera EXIF), as edtf "YYYY-MM-DD"; a datetime's own date is used, no time zone shift."""
    day = dt.date() if isinstance(dt, datetime.datetime) else dt
    return parse(day.isoformat())


class Wording:
    """The words a date is written in: English here; gallery.date_wording gives them in the visitor's
    language (this module imports no Django). Phrases are %-format strings, as gettext catalogues keep them."""

    approximate = "ca. %(date)s"
    approximate_decade = "ca. %(decade)ss"
    decade = "%(decade)ss"
    century = "%(number)s century"
    # "ordinal" (21st) or "roman" (XXI)
    century_numbers = "ordinal"
    month_year = "%(month)s %(year)s"
    season_year = "%(season)s %(year)s"
    day = "%(month)s %(day)s, %(year)s"
    before = "before %(date)s"
    after = "after %(date)s"
    days_in_month = "%(month)s %(start)s–%(end)s, %(year)s"
    days_in_year = "%(start_month)s %(start)s–%(end_month)s %(end)s, %(year)s"
    parts_of_year = "%(start)s–%(end)s %(year)s"

    def month(self, number: int) -> str:
        return _MONTHS[number]

    def season(self, number: int) -> str:
        return _SEASONS[number]

    def century_number(self, century: int) -> str:
        return _roman(century) if self.century_numbers == "roman" else _ordinal(century)


ENGLISH = Wording()


@dataclass(frozen=True)
class _Point:
    """One end of a date: its precision, its parts, its qualifiers, and its unwidened day range."""

    kind: str  # "century", "decade", "year", "season", "month" or "day"
    year: int
    month: int | None
    day: int | None
    approximate: bool
    uncertain: bool
    earliest: datetime.date
    latest: datetime.date

    def bounds(self) -> tuple[datetime.date, datetime.date]:
        if not self.approximate:
            return self.earliest, self.latest
        # "ca." widens by a margin fitting the precision: ±5 years for a year or coarser, ±1 month for a month or season, ±7 days for a day.
        if self.kind == "day":
            return _add_days(self.earliest, -7), _add_days(self.latest, 7)
        months = 1 if self.kind in ("month", "season") else 60
        return (_month_start(self.earliest.year, self.earliest.month - months),
                _month_end(self.latest.year, self.latest.month + months))

    def name(self, wording: Wording = ENGLISH) -> str:
        """The part before the year, for collapsing ranges within one year ("March", "Spring")."""
        return wording.season(self.month) if self.kind == "season" else wording.month(self.month)

    def words(self, wording: Wording = ENGLISH) -> str:
        if self.kind == "century":
            return wording.century % {"number": wording.century_number(self.year // 100 + 1)}
        if self.kind == "decade":
            return wording.decade % {"decade": self.year}
        if self.kind == "year":
            return str(self.year)
        if self.kind == "day":
            return wording.day % {"month": wording.month(self.month), "day": self.day, "year": self.year}
        if self.kind == "season":
            return wording.season_year % {"season": self.name(wording), "year": self.year}
        return wording.month_year % {"month": self.name(wording), "year": self.year}

    @property
    def qualified(self) -> bool:
        return self.approximate or self.uncertain

    def display(self, wording: Wording = ENGLISH) -> str:
        if not self.approximate:
            text = self.words(wording)
        elif self.kind == "decade":
            text = wording.approximate_decade % {"decade": self.year}
        else:
            text = wording.approximate % {"date": self.words(wording)}
        return text + ("?" if self.uncertain else "")


def _read(text: str) -> tuple[_Point | None, _Point | None, bool]:
    """Split text into (start, end, is_interval); an open or unknown end is None."""
    if "/" not in text:
        point = _read_point(text, text)
        return point, point, False
    parts = text.split("/")
    if len(parts) != 2:
        raise InvalidApproximateDate(_not_edtf(text))
    start_text, end_text = parts
    # EDTF distinguishes open ("..") from unknown (empty); for a photograph both mean only one end is known.
    start = None if start_text in ("", "..") else _read_point(start_text, text)
    end = None if end_text in ("", "..") else _read_point(end_text, text)
    if start is None and end is None:
        raise InvalidApproximateDate(f"“{text}” has no date at either end. Give at least one, e.g. ../1910 or 1890/..")
    if start is not None and end is not None and start.earliest > end.latest:
        raise InvalidApproximateDate(
            f"“{text}” ends before it starts: {end.words()} is earlier than {start.words()}. Put the earlier date first.")
    return start, end, True


def _read_point(part: str, whole: str) -> _Point:
    """Read one EDTF date (no interval); whole is the full input, quoted when the form itself is wrong."""
    match = _DATE_RE.fullmatch(part)
    if not match:
        raise InvalidApproximateDate(_not_edtf(whole))
    year_text, month_text, day_text, qualifier = match.groups()
    approximate, uncertain = qualifier in ("~", "%"), qualifier in ("?", "%")

    if "X" in year_text:
        if month_text is not None:
            raise InvalidApproximateDate(
                f"“{part}” leaves digits of the year open, so it cannot also give a month or day. Write {year_text} on its own.")
        unknown = year_text.count("X")
        if unknown > 2:
            raise InvalidApproximateDate(
                f"“{part}” is too vague to place a photograph. Give at least the century, e.g. 19XX, or an interval such as 1800/1999.")
        base = int(year_text.replace("X", "0"))
        last_year = base + 10 ** unknown - 1
        # Year 0 does not exist in Python's calendar, so 000X and 00XX start at year 1.
        return _Point("decade" if unknown == 1 else "century", base, None, None, approximate, uncertain,
                      datetime.date(max(base, 1), 1, 1), datetime.date(last_year, 12, 31))

    year = int(year_text)
    if year == 0:
        raise InvalidApproximateDate(f"“{part}” uses year 0000; the earliest year that can be entered is 0001.")
    if month_text in (None, "XX"):
        if day_text not in (None, "XX"):
            raise InvalidApproximateDate(f"“{part}” gives a day but not its month. Give the month too, or write {year_text} alone.")
        return _Point("year", year, None, None, approximate, uncertain,
                      datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    month = int(month_text)
    if month in _SEASONS:
        if day_text is not None:
            raise InvalidApproximateDate(f"“{part}” gives a day within a season; a season ({month_text}) cannot have a day.")
        first = _SEASON_FIRST_MONTH[month]
        return _Point("season", year, month, None, approximate, uncertain,
                      _month_start(year, first), _month_end(year, first + 2))
    if not 1 <= month <= 12:
        raise InvalidApproximateDate(
            f"“{part}” has no month {month_text}: months run 01–12, and seasons 21 (spring) to 24 (winter).")
    if day_text in (None, "XX"):
        return _Point("month", year, month, None, approximate, uncertain,
                      _month_start(year, month), _month_end(year, month))

    day = int(day_text)
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise InvalidApproximateDate(
            f"“{part}” is not a real day: {_MONTHS[month]} {year} has days 01–{days_in_month}.")
    exact = datetime.date(year, month, day)
    return _Point("day", year, month, day, approximate, uncertain, exact, exact)


def _bounds(start: _Point | None, end: _Point | None, interval: bool) -> tuple[datetime.date, datetime.date]:
    if start is None:
        latest = end.bounds()[1]
        return _clamped(end.bounds()[0].year - OPEN_END_YEARS, 1, 1), latest
    if end is None:
        earliest = start.bounds()[0]
        return earliest, _clamped(start.bounds()[1].year + OPEN_END_YEARS, 12, 31)
    return start.bounds()[0], end.bounds()[1]


def _render(start: _Point | None, end: _Point | None, interval: bool, wording: Wording = ENGLISH) -> str:
    if start is None:
        return wording.before % {"date": end.display(wording)}
    if end is None:
        return wording.after % {"date": start.display(wording)}
    if not interval or start.display() == end.display():
        return start.display(wording)
    # Share the year (and month) only when neither end is qualified; otherwise "ca." or "?" would seem to cover both.
    if not (start.qualified or end.qualified) and start.kind == end.kind and start.year == end.year:
        if start.kind == "day" and start.month == end.month:
            return wording.days_in_month % {"month": wording.month(start.month), "start": start.day, "end": end.day,
                                            "year": start.year}
        if start.kind == "day":
            return wording.days_in_year % {"start_month": wording.month(start.month), "start": start.day,
                                           "end_month": wording.month(end.month), "end": end.day, "year": start.year}
        if start.kind in ("month", "season"):
            return wording.parts_of_year % {"start": start.name(wording), "end": end.name(wording), "year": start.year}
    return f"{start.display(wording)}–{end.display(wording)}"


def _not_edtf(text: str) -> str:
    return f"“{text}” is not a date the archive can read. {EXAMPLES}"


def _clamped(year: int, month: int, day: int) -> datetime.date:
    """A date, pinned to date.min/date.max when widening runs past the years Python can hold."""
    if year < datetime.MINYEAR:
        return datetime.date.min
    if year > datetime.MAXYEAR:
        return datetime.date.max
    return datetime.date(year, month, day)


def _month_start(year: int, month: int) -> datetime.date:
    """First day of a month; month may run past 1-12 and rolls into neighbouring years."""
    year, index = divmod(year * 12 + month - 1, 12)
    return _clamped(year, index + 1, 1)


def _month_end(year: int, month: int) -> datetime.date:
    """Last day of a month (leap years included); month may run past 1-12."""
    year, index = divmod(year * 12 + month - 1, 12)
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        return _clamped(year, 1, 1)
    return datetime.date(year, index + 1, calendar.monthrange(year, index + 1)[1])


def _add_days(day: datetime.date, days: int) -> datetime.date:
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return datetime.date.max if days > 0 else datetime.date.min


def _roman(number: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, numeral in numerals:
        count, number = divmod(number, value)
        text += numeral * count
    return text


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
