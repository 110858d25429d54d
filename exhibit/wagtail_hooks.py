"""Venues in the admin, warnings curators should see after saving an exhibition, the staff schedule link,
and the image listing's "Add to an exhibition" bulk action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from gallery.translation_filters import missing_translation_filterset

from . import event_text, gallery_hooks
from .bulk_actions import AddToExhibitionBulkAction
from .import_photos import ExhibitionImport
from .itinerary import events_outside_their_showing
from .models import ExhibitionPage, Venue
from .widgets import TimeZoneInput


class NewVenueForm(WagtailAdminModelForm):
    class Meta:
        model = Venue
        fields = ["name", "street_address", "city", "state", "postal_code", "time_zone", "website"]
        widgets = {"time_zone": TimeZoneInput()}
        help_texts = {"time_zone": "Type to search, e.g. Chicago; US zones come first."}


class VenueChooserViewSet(SnippetChooserViewSet):
    # A "New venue" tab in the chooser: a curator adding a stop makes its venue without leaving the page.
    creation_form_class = NewVenueForm
    create_action_label = "Add this venue"
    creation_tab_label = "New venue"


class VenueViewSet(SnippetViewSet):
    model = Venue
    chooser_viewset_class = VenueChooserViewSet
    icon = "site"
    menu_label = "Venues"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "city", "state", "time_zone"]
    search_fields = ["name", "city"]
    ordering = ["name"]
    filterset_class = missing_translation_filterset(Venue)


register_snippet(VenueViewSet)
hooks.register("register_bulk_action", AddToExhibitionBulkAction)
hooks.register("import_photos_extension", ExhibitionImport)
hooks.register("register_gallery_facet", gallery_hooks.ExhibitionFacet)
hooks.register("photograph_neighbours", gallery_hooks.exhibition_neighbours)
hooks.register("photograph_page_sections", gallery_hooks.photograph_exhibitions)
hooks.register("artist_page_sections", gallery_hooks.artist_exhibitions)
hooks.register("community_page_sections", gallery_hooks.community_exhibitions)
hooks.register("public_artists", gallery_hooks.featured_artists)
hooks.register("public_artists", gallery_hooks.speaking_artists)
hooks.register("public_communities", gallery_hooks.exhibition_communities)
hooks.register("photograph_part_of", gallery_hooks.photograph_part_of)


def warn_about_event_dates(request, page):
    """An event outside its stop's dates may be right (a preview, a talk elsewhere): warn, never refuse."""
    page = page.specific if hasattr(page, "specific") else page
    if not isinstance(page, ExhibitionPage):
        return
    twice = page.photographs_shown_twice()
    if twice:
        names = ", ".join(f"“{photo.title}”" for photo in twice)
        messages.warning(request, f"Shown twice on the page: {names} is in the body and in “Photographs in the "
                                  "exhibition”. Keep the exhibited works in the list and take them out of the body.")
    for showing in page.showings.select_related("venue"):
        for warning in showing.logistics_warnings():
            messages.warning(request, f"Stop at {showing.venue.name}: {warning} Saved as entered: check it.")
    for showing, event in events_outside_their_showing(page.showings.all()):
        messages.warning(
            request,
            f"“{event.display_title}” on {event_text.long_date(event.date)} is outside the dates of the stop at "
            f"{showing.venue.name} ({event_text.date_span(showing.opens, showing.closes)}). "
            "Saved as entered: check the date if it is not a preview or an event held elsewhere.",
        )


hooks.register("after_create_page", warn_about_event_dates)
hooks.register("after_edit_page", warn_about_event_dates)


@hooks.register("before_move_page")
def only_movers_see_a_move_confirmation(request, page, destination):
    # Wagtail's move confirmation checks nothing before naming both pages (drafts included).
    if not page.permissions_for_user(request.user).can_move():
        raise PermissionDenied


class ScheduleMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or request.user.venues.exists()


@hooks.register("register_admin_menu_item")
def register_schedule_menu_item():
    return ScheduleMenuItem("Venue schedule", reverse("exhibit:staff_schedule"), icon_name="date", order=270)
