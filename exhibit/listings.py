"""
What the public may see of exhibitions, and each piece ready for a template: live, unrestricted
exhibitions only; showings and events with their public fields (logistics are never handed over).
"""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from gallery.base_url import absolute, page_url
from gallery.image_sizes import PRESETS, picture_specs
from gallery.models import Photograph
from gallery.social import page_meta, social_image_url

from . import event_text, jsonld
from .itinerary import CURRENT, PAST, UPCOMING, exhibitions_by_status, itinerary, local_today, showing_state
from .models import Event, ExhibitionPage, Showing


def public_exhibitions():
    """Live exhibitions outside any private section (what Wagtail's `.live().public()` gives).

    Written as one lazy query rather than `.public()`, which reads every view restriction up front:
    the gallery's exhibition facet uses this as a subquery several times per request.
    """
    restricted_above = PageViewRestriction.objects.filter(
        # The restricted page is this page or one of its ancestors: its path is a prefix of ours.
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return ExhibitionPage.objects.live().exclude(Exists(restricted_above))


def public_showings():
    return (
        Showing.objects.filter(exhibition__in=public_exhibitions())
        .select_related("venue", "exhibition")
        .prefetch_related("events__speaker_artists")
        .order_by("opens", "closes", "pk")
    )


def public_events():
    return (
        Event.objects.filter(showing__in=public_showings())
        .select_related("showing__venue", "showing__exhibition")
        .prefetch_related("speaker_artists")
        .order_by("date", "start_time", "pk")
    )


def event_row(event):
    """One event as a visitor reads it."""
    return {
        "title": event.display_title,
        "kind": event.get_kind_display(),
        "when": event_text.when(event),
        "date": event.date,
        "time_tba": event.time_tba,
        "note": event_text.status_note(event),
        "cancelled": event.is_cancelled,
        "status": event.status,
        "speakers": ", ".join(event.speaker_names),
        "description": event.description,
        "rsvp_url": event.rsvp_url,
        "venue": event.showing.venue,
        "exhibition": event.showing.exhibition,
    }


STATE_LABELS = {CURRENT: "Now showing", UPCOMING: "Coming up", PAST: "Closed"}


def showing_row(showing, now):
    state = showing_state(showing, now)
    return {
        "showing": showing,
        "exhibition": showing.exhibition,
        "venue": showing.venue,
        "dates": event_text.date_span(showing.opens, showing.closes),
        "state": state,
        "state_label": STATE_LABELS[state],
        "events": [event_row(event) for event in showing.ordered_events()],
    }


def status_line(plan, now):
    """"Now showing at ...", "Next: ...", or where it was last shown."""
    if plan.current:
        line = f"Now showing at {plan.current.venue.name}, until {event_text.long_date(plan.current.closes)}"
        if plan.next:
            line += f". Next: {plan.next.venue.name}, from {event_text.long_date(plan.next.opens)}"
        return line + "."
    if plan.next:
        return f"Next: {plan.next.venue.name}, opening {event_text.long_date(plan.next.opens)}."
    if plan.stops:
        last = plan.stops[-1]
        return f"Closed. Last shown at {last.venue.name} until {event_text.long_date(last.closes)}."
    return "Dates to be announced."


def exhibition_order_query(page):
    """The query a photograph link carries so its page steps through the exhibition in its order."""
    return urlencode({"exhibition": page.pk})


def public_photographs_for(page):
    """The exhibition's photographs in order, with per-exhibition captions; non-public ones left out."""
    items = list(page.exhibition_photographs.all())
    ids = [item.photograph_id for item in items]
    public = {
        photo.pk: photo
        for photo in Photograph.objects.public()
        .filter(pk__in=ids)
        .select_related("artist")
        .prefetch_renditions(*picture_specs(PRESETS["grid"]))
    }
    link_query = "?" + exhibition_order_query(page)
    return [
        {
            "photo": public[item.photograph_id],
            "caption": item.caption or public[item.photograph_id].caption,
            "url": public[item.photograph_id].get_absolute_url() + link_query,
        }
        for item in items
        if item.photograph_id in public
    ]


def hero_for(page):
    if not page.hero_image_id:
        return None
    return Photograph.objects.public().filter(pk=page.hero_image_id).prefetch_renditions(*picture_specs(PRESETS["wide"])).first()


def public_heroes(exhibitions):
    """{exhibition pk: its hero photograph} for the exhibitions whose hero is public (one query)."""
    exhibitions = list(exhibitions)
    hero_ids = {page.hero_image_id for page in exhibitions if page.hero_image_id}
    public = {photo.pk: photo for photo in Photograph.objects.public().filter(pk__in=hero_ids)} if hero_ids else {}
    return {page.pk: public[page.hero_image_id] for page in exhibitions if page.hero_image_id in public}


def lead_photo(exhibitions, heroes=None):
    """The first public hero image of these exhibitions, in their order: a page's link-preview picture."""
    exhibitions = list(exhibitions)
    heroes = public_heroes(exhibitions) if heroes is None else heroes
    return next((heroes[page.pk] for page in exhibitions if page.pk in heroes), None)


def venue_summary(venue):
    """The venue's line for link previews: "Exhibitions and events at <name>, <street>, <city>, <state>."."""
    place = ", ".join(part for part in (venue.name, venue.street_address, venue.locality) if part)
    return f"Exhibitions and events at {place}."


def exhibition_calendar_url(page):
    return reverse("exhibit:exhibition_calendar", args=[page.slug])


def exhibition_context(page, now, request=None):
    plan = itinerary(page.showings.all(), now)
    url = page_url(page, request)
    hero = hero_for(page)
    photos = public_photographs_for(page)
    meta = page_meta(
        request, page.seo_title or page.title, page.search_description or page.summary,
        photo=hero or (photos[0]["photo"] if photos else None), canonical_path=page.get_url(request),
    )
    return {
        "plan": plan,
        "status_line": status_line(plan, now),
        "stops": [showing_row(showing, now) for showing in plan.stops],
        "hero": hero,
        "exhibition_photos": photos,
        "featured_artists": list(page.featured_artists.all()),
        "communities": list(page.communities.all()),
        "calendar_url": exhibition_calendar_url(page),
        "jsonld": jsonld.script_tag(
            jsonld.graph(jsonld.exhibition_event(showing, url, meta.get("image", "")) for showing in plan.stops)
        ),
        "iiif_manifest": exhibition_manifest_link(page, request),
        "meta": meta,
    }


def exhibition_manifest_link(page, request):
    """The absolute URL of the exhibition's IIIF manifest, or "" where the manifest would answer 404."""
    if request is None or not public_exhibitions().filter(pk=page.pk).exists():
        return ""
    return absolute(reverse("exhibit:iiif_exhibition_manifest", args=[page.slug]))


def venue_context(venue, now):
    showings = list(public_showings().filter(venue=venue))
    rows = [showing_row(showing, now) for showing in showings]
    heroes = public_heroes(showing.exhibition for showing in showings)
    images = {pk: social_image_url(photo) for pk, photo in heroes.items()}
    return {
        "venue": venue,
        "lead_photo": lead_photo([showing.exhibition for showing in showings[::-1]], heroes),
        "sections": [
            ("Now showing", [row for row in rows if row["state"] == CURRENT]),
            ("Coming up", [row for row in rows if row["state"] == UPCOMING]),
            ("Past showings", [row for row in rows if row["state"] == PAST][::-1]),
        ],
        "jsonld": jsonld.script_tag(
            jsonld.graph(
                jsonld.exhibition_event(showing, page_url(showing.exhibition), images.get(showing.exhibition.pk, ""))
                for showing in showings
            )
        ),
    }


def events_context(now):
    rows_upcoming, rows_past = [], []
    events = list(public_events())
    for event in events:
        row = event_row(event)
        if event.date >= local_today(event.showing.venue, now):
            rows_upcoming.append(row)
        else:
            rows_past.append(row)
    return {
        "upcoming": rows_upcoming,
        "past": rows_past[::-1],
        "lead_photo": lead_photo([row["exhibition"] for row in rows_upcoming + rows_past[::-1]]),
        "jsonld": jsonld.script_tag(
            jsonld.graph(jsonld.event(event, page_url(event.showing.exhibition)) for event in events)
        ),
    }


def index_context(now):
    groups = exhibitions_by_status(public_exhibitions().specific(), now)

    def entries(pairs):
        return [
            {"page": page, "status_line": status_line(plan, now), "stops": [showing_row(s, now) for s in plan.stops]}
            for page, plan in pairs
        ]

    return {
        "lead_photo": lead_photo([page for pairs in (groups.current, groups.upcoming, groups.past) for page, _ in pairs]),
        "groups_list": [
            ("Now showing", entries(groups.current)),
            ("Coming up", entries(groups.upcoming)),
            ("Past exhibitions", entries(groups.past)),
        ]
    }


# How many stops the home page lists under "Coming next".
COMING_NEXT = 3


def on_now(now, request=None):
    """What the home page leads with: every stop open today (in its venue's time zone), then the next to
    open; when nothing is on or coming, the stops shown last."""
    # A venue's today is within a day or so of the site's (time zones span 26 hours): closes two days
    # back keeps every candidate; each stop is then judged by its own venue's date.
    recent = timezone.localdate(now) - timedelta(days=2)
    shown = Showing.objects.filter(exhibition__in=public_exhibitions()).select_related("venue", "exhibition")
    showings = list(shown.filter(closes__gte=recent).order_by("opens", "closes", "pk"))
    current = [showing for showing in showings if showing_state(showing, now) == CURRENT]
    coming = [showing for showing in showings if showing_state(showing, now) == UPCOMING][:COMING_NEXT]
    # Between tours the home page still leads with exhibitions: the last stops shown, latest first.
    past = [] if current or coming else [
        showing
        for showing in shown.order_by("-closes", "-opens", "-pk")[:COMING_NEXT]
        if showing_state(showing, now) == PAST
    ]
    # What opens next is the lead only when nothing is on; under what is on it is a short line each.
    leading = current or coming or past
    hero_ids = {showing.exhibition.hero_image_id for showing in leading if showing.exhibition.hero_image_id}
    heroes = {}
    if hero_ids:
        public_heroes = Photograph.objects.public().filter(pk__in=hero_ids)
        heroes = {photo.pk: photo for photo in public_heroes.prefetch_renditions(*picture_specs(PRESETS["grid"]))}

    def row(showing, when):
        exhibition = showing.exhibition
        lead = showing in leading
        return {
            "exhibition": exhibition,
            "url": exhibition.get_url(request),
            "venue": showing.venue,
            "dates": event_text.date_span(showing.opens, showing.closes),
            "when": when,
            "hero": heroes.get(exhibition.hero_image_id) if lead else None,
            "summary": exhibition.summary if lead else "",
            "hours": showing.venue.hours if lead else "",
        }

    sections = [
        ("now-showing", "Now showing", [row(s, f"until {event_text.long_date(s.closes)}") for s in current]),
        ("coming-next", "Coming next", [row(s, f"opens {event_text.long_date(s.opens)}") for s in coming]),
        ("recently-shown", "Recently shown", [row(s, f"closed {event_text.long_date(s.closes)}") for s in past]),
    ]
    return {"on_now_sections": [{"id": key, "heading": heading, "rows": rows} for key, heading, rows in sections if rows]}
