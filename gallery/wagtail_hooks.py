"""The archive in Wagtail's admin: artists and communities as snippets, the photograph listing, bulk actions."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import community_admin
from .admin_views import PhotographIndexView, PhotographMultipleAddView
from .bulk_actions import BULK_ACTIONS
from .community_admin import CommunityViewSet
from .models import Artist
from .translation_dashboard import add_missing_translations_panel
from .translation_filters import missing_translation_filterset


class ArtistViewSet(SnippetViewSet):
    model = Artist
    icon = "user"
    menu_label = "Artists"
    list_display = ["name", "website"]
    search_fields = ["name", "bio"]
    ordering = ["name"]
    filterset_class = missing_translation_filterset(Artist)


class ArchiveViewSetGroup(ViewSetGroup):
    items = (ArtistViewSet, CommunityViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Archive"
    menu_order = 250


register_snippet(ArchiveViewSetGroup)


for action_class in BULK_ACTIONS:
    # After wagtail.images' own (order 0), so an action of the same type (Keywords over "Tag") wins.
    hooks.register("register_bulk_action", action_class, order=10)


@hooks.register("register_admin_urls")
def photograph_admin_urls():
    # Registered before wagtail.images' own (gallery comes first in INSTALLED_APPS), so these paths win
    # and Wagtail's URL names (wagtailimages:index, ...) still lead here.
    return [
        path("images/", PhotographIndexView.as_view(), name="gallery_images_index"),
        path("images/results/", PhotographIndexView.as_view(results_only=True), name="gallery_images_index_results"),
        path("images/multiple/add/", PhotographMultipleAddView.as_view(), name="gallery_images_add_multiple"),
        *community_admin.admin_urls(),
    ]


@hooks.register("insert_global_admin_css")
def archive_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


# What is not yet translated into the site's other languages, on the curators' dashboard.
hooks.register("construct_homepage_panels", add_missing_translations_panel)
