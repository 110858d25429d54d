"""Dates and times in admin forms as people in the US type them, kept as typed until the server reads them.

Wagtail's admin date and time widgets rewrite text their picker cannot parse when the field loses
focus ("Feb 6, 2027" became today, "6:00 pm" became 06:00) and the form then saves that without a
word.  Here every date, time and date-time field of an admin model form is a plain text input: the
browser never changes what was typed, the server reads it ("Feb 6, 2027", "3/28/2027",
"2027-02-06", "6:00 pm", "7pm", "19:00", "noon") or refuses it with a message, and what was saved is
shown back in words ("Saturday, February 6, 2027, 6:00 pm").

A bare "6:00" is refused rather than guessed: in a US exhibition schedule it is as likely to mean the
evening as the morning.  Two-digit hours with a leading zero ("08:30") and hours 13-23 are 24-hour
times and need no am/pm.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import from_current_timezone
from django.utils import timezone
from django.utils.html import format_html

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(_MONTHS, 1)}
_MONTH_NUMBERS.update({name.lower()[:3]: number for number, name in enumerate(_MONTHS, 1)})
_MONTH_NUMBERS["sept"] = 9
_WEEKDAY_NUMBERS = {name.lower(): number for number, name in enumerate(_WEEKDAYS)}
_WEEKDAY_NUMBERS.update({name.lower()[:3]: number for number, name in enumerate(_WEEKDAYS)})

DATE_EXAMPLES = "Feb 6, 2027, 3/28/2027 or 2027-02-06"
TIME_EXAMPLES = "6:00 pm, 7pm, 19:00 or noon"

_WEEKDAY_RE = re.compile(r"([a-z]+)\.?,? +(.*)", re.IGNORECASE)
_ISO_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_US_DATE_RE = re.compile(r"([0-9]{1,2})[/-]([0-9]{1,2})[/-]([0-9]{4}|[0-9]{2})")
_MONTH_FIRST_RE = re.compile(r"([a-z]+)\.? +([0-9]{1,2})(?:st|nd|rd|th)?,? +([0-9]{4})", re.IGNORECASE)
_DAY_FIRST_RE = re.compile(r"([0-9]{1,2}) +([a-z]+)\.?,? +([0-9]{4})", re.IGNORECASE)
_TIME_RE = re.compile(
    r"([0-9]{1,2})(?::?([0-9]{2}))?(?::([0-9]{2}))? *(?:(a|p)\.? *m?\.?)?", re.IGNORECASE)
_TIME_WORDS = {"noon": datetime.time(12, 0), "midday": datetime.time(12, 0), "midnight": datetime.time(0, 0)}


def parse_date(text: str) -> datetime.date:
    """The day text names; ValidationError with a sentence for the curator if it names none."""
    text = " ".join(text.replace(",", ", ").split()).strip(" ,")
    if not text:
        raise ValidationError("Enter a date.", code="required")
    weekday = None
    match = _WEEKDAY_RE.fullmatch(text)
    if match and match.group(1).lower() in _WEEKDAY_NUMBERS:
        weekday, text = match.group(1).lower(), match.group(2)
    year = month = day = None
    if match := _ISO_DATE_RE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _US_DATE_RE.fullmatch(text):
        month, day, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            year += 2000
    elif (match := _MONTH_FIRST_RE.fullmatch(text)) and match.group(1).lower() in _MONTH_NUMBERS:
        month, day, year = _MONTH_NUMBERS[match.group(1).lower()], int(match.group(2)), int(match.group(3))
    elif (match := _DAY_FIRST_RE.fullmatch(text)) and match.group(2).lower() in _MONTH_NUMBERS:
        day, month, year = int(match.group(1)), _MONTH_NUMBERS[match.group(2).lower()], int(match.group(3))
    else:
        raise ValidationError(f"“{text}” is not a date this form can read. Type it as {DATE_EXAMPLES}.",
                              code="invalid")
    if not 1 <= month <= 12:
        raise ValidationError(
            f"“{text}” has no month {month}. Dates with slashes are month/day/year, e.g. 3/28/2027.",
            code="invalid")
    try:
        result = datetime.date(year, month, day)
    except ValueError:
        raise ValidationError(f"“{text}” is not a real day: {_MONTHS[month - 1]} {year} has no day {day}.",
                              code="invalid") from None
    if weekday is not None and _WEEKDAY_NUMBERS[weekday] != result.weekday():
        raise ValidationError(
            f"{date_words(result)} is a {_WEEKDAYS[result.weekday()]}, not a {_WEEKDAYS[_WEEKDAY_NUMBERS[weekday]]}: "
            "check the date.", code="invalid")
    return result


def parse_time(text: str) -> datetime.time:
    """The time of day text names; a bare "6:00" is refused (morning or evening?), "06:00" and "18:00" are not."""
    text = " ".join(text.split()).strip()
    if not text:
        raise ValidationError("Enter a time.", code="required")
    if text.lower() in _TIME_WORDS:
        return _TIME_WORDS[text.lower()]
    match = _TIME_RE.fullmatch(text)
    if not match:
        raise ValidationError(f"“{text}” is not a time this form can read. Type it as {TIME_EXAMPLES}.",
                              code="invalid")
    hour_text, minute_text, second_text, meridiem = match.groups()
    hour, minute, second = int(hour_text), int(minute_text or 0), int(second_text or 0)
    if minute > 59 or second > 59:
        raise ValidationError(f"“{text}” is not a time: minutes and seconds run 00–59.", code="invalid")
    if meridiem:
        if not 1 <= hour <= 12:
            raise ValidationError(f"“{text}” is not a time: with am or pm the hour runs 1–12.", code="invalid")
        hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
    elif minute_text is None:
        raise ValidationError(f"“{text}”: add am or pm, e.g. {hour_text} pm, or write it as 19:00.", code="invalid")
    elif hour > 23:
        raise ValidationError(f"“{text}” is not a time: hours run 0–23.", code="invalid")
    elif 1 <= hour <= 11 and len(hour_text) == 1:
        raise ValidationError(
            f"“{text}” could be morning or evening: add am or pm ({text} am or {text} pm), "
            f"or write {hour:02d}:{minute:02d} or {hour + 12}:{minute:02d}.", code="invalid")
    return datetime.time(hour, minute, second)


def parse_datetime(text: str) -> datetime.datetime:
    """A date and a time ("Feb 6, 2027 6:00 pm", "2027-02-06 18:00"); the time may be left out (midnight)."""
    text = " ".join(text.replace("T", " ", 1).split() if _ISO_DATE_RE.match(text.strip()) else text.split())
    text = re.sub(r",? +at +", " ", text, flags=re.IGNORECASE)
    if not text:
        raise ValidationError("Enter a date and time.", code="required")
    words = text.split(" ")
    # Try the longest time at the end first: "Feb 6, 2027 6:00 pm" splits before "6:00".
    time_error = None
    for cut in range(max(1, len(words) - 3), len(words)):
        date_text, time_text = " ".join(words[:cut]).rstrip(","), " ".join(words[cut:])
        try:
            day = parse_date(date_text)
        except ValidationError:
            continue
        try:
            return datetime.datetime.combine(day, parse_time(time_text))
        except ValidationError as error:
            time_error = time_error or error
    try:
        return datetime.datetime.combine(parse_date(text), datetime.time(0))
    except ValidationError:
        pass
    if time_error is not None:
        raise time_error
    raise ValidationError(
        f"“{text}” is not a date and time this form can read. Type it as Feb 6, 2027 6:00 pm or 2027-02-06 18:00.",
        code="invalid")


def date_words(value: datetime.date) -> str:
    return f"{_WEEKDAYS[value.weekday()]}, {_MONTHS[value.month - 1]} {value.day}, {value.year}"


def time_words(value: datetime.time) -> str:
    if value == datetime.time(12, 0):
        return "noon"
    hour = value.hour % 12 or 12
    seconds = f":{value.second:02d}" if value.second else ""
    return f"{hour}:{value.minute:02d}{seconds} {'am' if value.hour < 12 else 'pm'}"


def datetime_words(value: datetime.datetime) -> str:
    return f"{date_words(value)}, {time_words(value.time())}"


def _as_typed(value):
    """The text a saved value is shown as in its input: one these parsers read back to the same value."""
    if isinstance(value, datetime.datetime):
        return f"{_MONTHS[value.month - 1][:3]} {value.day}, {value.year} {time_words(value.time())}"
    if isinstance(value, datetime.date):
        return f"{_MONTHS[value.month - 1][:3]} {value.day}, {value.year}"
    if isinstance(value, datetime.time):
        return time_words(value)
    return value


class TypedInput(forms.TextInput):
    """A text input that keeps what was typed, with the saved value in words beside it."""

    words = staticmethod(date_words)
    parse = staticmethod(parse_date)
    hint = DATE_EXAMPLES
    placeholder = "Feb 6, 2027"

    def __init__(self, attrs=None):
        attrs = {"autocomplete": "off", "spellcheck": "false", "placeholder": self.placeholder, **(attrs or {})}
        super().__init__(attrs)

    def format_value(self, value):
        return super().format_value(_as_typed(value))

    def render(self, name, value, attrs=None, renderer=None):
        saved = value
        if isinstance(value, str):
            # A form shown again with errors: say how this field's own text was read, if it was.
            try:
                saved = self.parse(value) if value.strip() else None
            except ValidationError:
                saved = None
        words = self.words(saved) if saved not in (None, "") else ""
        input_html = super().render(name, value, attrs, renderer)
        return format_html(
            '{}<span class="typed-date-words" data-typed-date-words>{}</span>'
            '<span class="typed-date-hint">e.g. {}</span>', input_html, words, self.hint)


class TypedTimeInput(TypedInput):
    words = staticmethod(time_words)
    parse = staticmethod(parse_time)
    hint = TIME_EXAMPLES
    placeholder = "6:00 pm"


class TypedDateTimeInput(TypedInput):
    words = staticmethod(datetime_words)
    parse = staticmethod(parse_datetime)
    hint = "Feb 6, 2027 6:00 pm or 2027-02-06 18:00"
    placeholder = "Feb 6, 2027 6:00 pm"


class TypedDateField(forms.DateField):
    widget = TypedInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return parse_date(str(value))


class TypedTimeField(forms.TimeField):
    widget = TypedTimeInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.time):
            return value
        return parse_time(str(value))


class TypedDateTimeField(forms.DateTimeField):
    widget = TypedDateTimeInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return from_current_timezone(value) if timezone.is_naive(value) else value
        if isinstance(value, datetime.date):
            return from_current_timezone(datetime.datetime.combine(value, datetime.time(0)))
        return from_current_timezone(parse_datetime(str(value)))


def use_in_admin_forms():
    """Make every date, time and date-time field of Wagtail's admin model forms one of these."""
    from django.db import models
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(models.DateField, override={"form_class": TypedDateField, "widget": TypedInput})
    register_form_field_override(models.TimeField, override={"form_class": TypedTimeField, "widget": TypedTimeInput})
    register_form_field_override(
        models.DateTimeField, override={"form_class": TypedDateTimeField, "widget": TypedDateTimeInput})
