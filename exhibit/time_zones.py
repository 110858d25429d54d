"""Time zone names a venue may carry: any IANA name Python's zoneinfo knows, nothing else."""

from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.core.exceptions import ValidationError

DEFAULT = "America/Chicago"


@lru_cache(maxsize=1)
def names():
    return frozenset(available_timezones())


def validate_time_zone(value):
    # available_timezones() is the list zoneinfo can load here; ZoneInfo() alone would also accept
    # odd file paths, so both must agree.
    try:
        valid = value in names() and ZoneInfo(value) is not None
    except (ZoneInfoNotFoundError, ValueError):
        valid = False
    if not valid:
        raise ValidationError(
            "“%(value)s” is not a time zone name. Use an IANA name such as America/Chicago or America/New_York.",
            code="invalid_time_zone",
            params={"value": value},
        )


def zone(name):
    """The venue's zone; a name that slipped past validation falls back to the site's default."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT)
