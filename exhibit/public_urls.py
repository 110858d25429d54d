from django.urls import path

from gallery.languages import language_prefixed

from . import staff_views, views

app_name = "exhibit"

urlpatterns = [
    # Pages, in every language (/es/events/); feeds, IIIF and the staff's pages have one address each.
    language_prefixed([
        path("venues/<slug:slug>/", views.venue_page, name="venue"),
        path("events/", views.events_page, name="events"),
    ]),
    path("calendar/exhibitions/<slug:slug>.ics", views.exhibition_calendar, name="exhibition_calendar"),
    path("calendar/venues/<slug:slug>.ics", views.venue_calendar, name="venue_calendar"),
    path("calendar/events/<int:pk>.ics", views.event_calendar, name="event_calendar"),
    path("calendar/all.ics", views.site_calendar, name="site_calendar"),
    path(
        "iiif/3/manifests/exhibitions/<slug:slug>/manifest.json",
        views.iiif_exhibition_manifest,
        name="iiif_exhibition_manifest",
    ),
    path("iiif/3/collections/exhibitions.json", views.iiif_exhibition_collection, name="iiif_exhibition_collection"),
    path("staff/schedule/", staff_views.schedule, name="staff_schedule"),
    path("staff/schedule.csv", staff_views.schedule_csv, name="staff_schedule_csv"),
    path("staff/schedule/feed/", staff_views.create_feed, name="staff_feed_create"),
    path("staff/schedule/feed/revoke/", staff_views.revoke_feed, name="staff_feed_revoke"),
    path("staff/schedule/checklist/<int:showing_id>/<str:item>/", staff_views.tick, name="checklist_tick"),
    path("staff/checklist-files/<int:entry_id>/", staff_views.checklist_file, name="checklist_file"),
    path("staff/feed/<str:key>.ics", staff_views.feed, name="staff_feed"),
]
