"""Public pages and feeds of venues and events (exhibition pages themselves are Wagtail pages)."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from gallery.base_url import base_url, page_url
from gallery.iiif import views as iiif_views
from gallery.social import page_meta

from . import ical, iiif, listings
from .models import Venue


EVENTS_INTRO = "Receptions, talks and screenings at the venues our exhibitions travel to."


def venue_page(request, slug):
    venue = get_object_or_404(Venue, slug=slug)
    context = listings.venue_context(venue, timezone.now())
    context["calendar_url"] = venue_calendar_url(venue)
    context["meta"] = page_meta(request, venue.name, listings.venue_summary(venue), photo=context["lead_photo"])
    return render(request, "exhibit/venue.html", context)


def events_page(request):
    context = listings.events_context(timezone.now())
    context["calendar_url"] = site_calendar_url()
    context["intro"] = EVENTS_INTRO
    context["meta"] = page_meta(request, "Events", EVENTS_INTRO, photo=context["lead_photo"])
    return render(request, "exhibit/events.html", context)


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
    exhibition = listings.public_exhibitions().filter(slug=slug).first()
    if exhibition is None:
        raise Http404("No such exhibition")
    showings = list(listings.public_showings().filter(exhibition=exhibition))
    events = list(listings.public_events().filter(showing__exhibition=exhibition))
    body = ical.public_calendar(exhibition.title, showings, events, _url_for(request))
    return _calendar_response(body, f"{slug}.ics")


def venue_calendar(request, slug):
    venue = get_object_or_404(Venue, slug=slug)
    showings = list(listings.public_showings().filter(venue=venue))
    events = list(listings.public_events().filter(showing__venue=venue))
    body = ical.public_calendar(f"Exhibitions at {venue.name}", showings, events, _url_for(request))
    return _calendar_response(body, f"{slug}.ics")


def site_calendar(request):
    showings = list(listings.public_showings())
    events = list(listings.public_events())
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
