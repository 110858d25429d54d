"""
A photograph's approximate date as machine readers take it. schema.org's `dateCreated` is an ISO 8601
date, which cannot say "about" or "sometime in the 1910s": it is given only when the EDTF date is a
plain year, month or day. IIIF's `navDate` places a resource on a timeline, so a vaguer date still
gets one: its first day when it is plain, the middle of what it can mean otherwise.
"""

import re
from datetime import datetime, time, timezone

# "1905", "2013-10", "2014-03-07": EDTF that is also ISO 8601 (no qualifier, no X, no interval).
PLAIN = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")


def schema_date(photo):
    """`dateCreated` for schema.org, or "" when the date is approximate, uncertain or a range."""
    edtf = (photo.date_edtf or "").strip()
    return edtf if PLAIN.fullmatch(edtf) and photo.approximate_date is not None else ""


def nav_date(photo):
    """IIIF `navDate` ("1905-07-02T00:00:00Z"), or "" for an undated photograph."""
    parsed = photo.approximate_date
    if parsed is None:
        return ""
    plain = PLAIN.fullmatch(parsed.edtf.strip())
    day = parsed.earliest if plain else parsed.earliest + (parsed.latest - parsed.earliest) / 2
    return iso_instant(day)


def iso_instant(day):
    """A date as the xsd:dateTime IIIF wants: midnight UTC of that day."""
    return datetime.combine(day, time(0), tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
