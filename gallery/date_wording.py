"""Approximate dates in the visitor's language: gallery.approximate_dates' phrases through gettext
(the Spanish in locale/spanish.py), month names from Django's own catalogues."""

from django.utils.dates import MONTHS
from django.utils.translation import pgettext

from .approximate_dates import Wording


class TranslatedWording(Wording):
    """Read at each use, so each request gets its own language's words."""

    approximate = property(lambda self: pgettext("approximate date", "ca. %(date)s"))
    approximate_decade = property(lambda self: pgettext("approximate date", "ca. %(decade)ss"))
    decade = property(lambda self: pgettext("approximate date", "%(decade)ss"))
    century = property(lambda self: pgettext("approximate date", "%(number)s century"))
    century_numbers = property(lambda self: pgettext("how centuries are numbered: ordinal (21st) or roman (XXI)", "ordinal"))
    month_year = property(lambda self: pgettext("approximate date", "%(month)s %(year)s"))
    season_year = property(lambda self: pgettext("approximate date", "%(season)s %(year)s"))
    day = property(lambda self: pgettext("approximate date", "%(month)s %(day)s, %(year)s"))
    before = property(lambda self: pgettext("approximate date", "before %(date)s"))
    after = property(lambda self: pgettext("approximate date", "after %(date)s"))
    days_in_month = property(lambda self: pgettext("approximate date", "%(month)s %(start)s–%(end)s, %(year)s"))
    days_in_year = property(lambda self: pgettext(
        "approximate date", "%(start_month)s %(start)s–%(end_month)s %(end)s, %(year)s"))
    parts_of_year = property(lambda self: pgettext("approximate date", "%(start)s–%(end)s %(year)s"))

    def month(self, number):
        return str(MONTHS[number])

    def season(self, number):
        return {
            21: pgettext("season", "Spring"), 22: pgettext("season", "Summer"),
            23: pgettext("season", "Autumn"), 24: pgettext("season", "Winter"),
        }[number]


ACTIVE = TranslatedWording()
