"""Public pages and feeds of venues and events (exhibition pages themselves are Wagtail pages)."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from gallery.base_url import base_url, page_url
from gallery.iiif import views as iiif_views
from gallery.social import page_meta

from . import calendar_links, ical, iiif, jsonld, presenters
from .itinerary import local_today
from .models import Event, ExhibitionPage, Showing, Venue
from .request_input import MAX_ID

EVENTS_INTRO = gettext_lazy("Receptions, talks and screenings at the venues our exhibitions travel to.")


def venue_page(request, slug):
    venue = get_object_or_404(Venue, slug=slug)
    context = venue.page_context(timezone.now())
    context["calendar_url"] = venue_calendar_url(venue)
    context["calendar"] = calendar_links.venue(request, venue)
    context["meta"] = page_meta(request, venue.name, venue.summary(), photo=context["lead_photo"])
    return render(request, "exhibit/venue.html", context)


def events_page(request):
    now = timezone.now()
    events = list(Event.objects.public().for_listing())
    upcoming, past = [], []
    for event in events:
        (upcoming if event.date >= local_today(event.showing.venue, now) else past).append(presenters.event_row(event))
    lead = ExhibitionPage.lead_photo(row["exhibition"] for row in upcoming + past[::-1])
    return render(request, "exhibit/events.html", {
        "upcoming": upcoming,
        "past": past[::-1],
        "jsonld": jsonld.script_tag(
            jsonld.graph(jsonld.event(event, page_url(event.showing.exhibition)) for event in events)
        ),
        "calendar_url": site_calendar_url(),
        "calendar": calendar_links.site(request),
        "intro": EVENTS_INTRO,
        "meta": page_meta(request, _("Events"), str(EVENTS_INTRO), photo=lead),
    })


def venue_calendar_url(venue):
    return reverse("exhibit:venue_calendar", args=[venue.slug])


def site_calendar_url():
    return reverse("exhibit:site_calendar")


def _calendar_response(body, filename):
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _url_for(request):
    return lambda exhibition: page_url(exhibition, request)


def exhibition_calendar(request, slug):
    exhibition = ExhibitionPage.objects.public().filter(slug=slug).first()
    if exhibition is None:
        raise Http404("No such exhibition")
    showings = list(Showing.objects.public().for_listing().filter(exhibition=exhibition))
    events = list(Event.objects.public().for_listing().filter(showing__exhibition=exhibition))
    body = ical.public_calendar(exhibition.title, showings, events, _url_for(request))
    return _calendar_response(body, f"{slug}.ics")


def venue_calendar(request, slug):
    venue = get_object_or_404(Venue, slug=slug)
    showings = list(Showing.objects.public().for_listing().filter(venue=venue))
    events = list(Event.objects.public().for_listing().filter(showing__venue=venue))
    body = ical.public_calendar(f"Exhibitions at {venue.name}", showings, events, _url_for(request))
    return _calendar_response(body, f"{slug}.ics")


def event_calendar(request, pk):
    event = Event.objects.public().for_listing().filter(pk=pk).first() if pk <= MAX_ID else None
    if event is None:
        raise Http404("No such event")
    exhibition = event.showing.exhibition
    body = ical.public_calendar(f"{event.display_title}: {exhibition.title}", [], [event], _url_for(request))
    response = _calendar_response(body, f"event-{event.pk}.ics")
    # One event to add, not a feed to subscribe to: a download.
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


def site_calendar(request):
    showings = list(Showing.objects.public().for_listing())
    events = list(Event.objects.public().for_listing())
    body = ical.public_calendar(settings.WAGTAIL_SITE_NAME, showings, events, _url_for(request))
    return _calendar_response(body, "all.ics")


# ---- IIIF: the exhibition manifests and their collection (CORS and content type as gallery's) ----


def _site_root(request):
    return base_url()


@iiif_views.cors
def iiif_exhibition_manifest(request, slug):
    page = iiif.public_exhibition(slug)
    document = iiif.exhibition_manifest(page, _site_root(request)) if page is not None else None
    if not (document and document["items"]):
        # Answered here, not raised, so the 404 carries the CORS header like every IIIF answer.
        return HttpResponse(
            "No public exhibition has this name.\n", status=404, content_type="text/plain; charset=utf-8"
        )
    return iiif_views.json_response(request, document, iiif_views.PRESENTATION_JSON_LD, iiif_views.INFO_CACHE)


@iiif_views.cors
def iiif_exhibition_collection(request):
    document = iiif.exhibitions_collection(_site_root(request))
    return iiif_views.json_response(request, document, iiif_views.PRESENTATION_JSON_LD, iiif_views.INFO_CACHE)
