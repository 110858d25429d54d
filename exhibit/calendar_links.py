"""
The two ways a visitor takes dates home, each labelled for what it does: a webcal:// subscription to a
feed (exhibition, venue or the whole site), which a calendar app keeps up to date, and a one-off .ics
file for a single event.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from gallery.base_url import absolute


def subscription(request, feed_path, label):
    """What calendar_link.html shows for one feed: `label` says what the feed holds."""
    url = absolute(feed_path)
    scheme, _, rest = url.partition("://")
    return {
        "label": label,
        # webcal:// asks the calendar app to subscribe (and poll), where https:// would download once.
        "subscribe_url": f"webcal://{rest}" if rest else url,
        "download_url": feed_path,
    }


def site(request):
    return subscription(request, reverse("exhibit:site_calendar"), _("all exhibitions and events"))


def exhibition(request, page):
    return subscription(request, reverse("exhibit:exhibition_calendar", args=[page.slug]), _("“%(title)s”: every stop and event") % {"title": page.title})


def venue(request, venue):
    return subscription(request, reverse("exhibit:venue_calendar", args=[venue.slug]), _("exhibitions and events at %(venue)s") % {"venue": venue.name})


def event_file(event):
    """The one event's .ics; "" for an event not saved yet (a page preview)."""
    return reverse("exhibit:event_calendar", args=[event.pk]) if event.pk else ""
