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


# The zones US venues are in, first in the chooser (IANA names, as stored), with the words people use.
US_ZONES = [
    ("America/New_York", "Eastern (New York, Atlanta, Detroit)"),
    ("America/Chicago", "Central (Chicago, St. Louis, Kansas City, Springfield MO)"),
    ("America/Denver", "Mountain (Denver, Salt Lake City)"),
    ("America/Phoenix", "Mountain, no daylight saving (Phoenix)"),
    ("America/Los_Angeles", "Pacific (Los Angeles, Seattle)"),
    ("America/Anchorage", "Alaska (Anchorage)"),
    ("Pacific/Honolulu", "Hawaii (Honolulu)"),
    ("America/Indiana/Indianapolis", "Eastern, Indiana (Indianapolis)"),
    ("America/Boise", "Mountain (Boise)"),
    ("America/Puerto_Rico", "Atlantic (Puerto Rico)"),
]


def choices():
    """(IANA name, label) for every zone: the US ones first, then all others alphabetically."""
    first = [name for name, _label in US_ZONES]
    rest = sorted(name for name in names() if name not in first and "/" in name and not name.startswith("Etc/"))
    return [(name, f"{name}: {label}") for name, label in US_ZONES] + [(name, name) for name in rest]
