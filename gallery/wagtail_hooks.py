"""The archive in Wagtail's admin: artists and communities as snippets with their own viewsets."""

from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Artist, Community


class ArtistViewSet(SnippetViewSet):
    model = Artist
    icon = "user"
    menu_label = "Artists"
    list_display = ["name", "website"]
    search_fields = ["name", "bio"]
    ordering = ["name"]


class CommunityViewSet(SnippetViewSet):
    model = Community
    icon = "group"
    menu_label = "Communities"
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    ordering = ["name"]


class ArchiveViewSetGroup(ViewSetGroup):
    items = (ArtistViewSet, CommunityViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Archive"
    menu_order = 250


register_snippet(ArchiveViewSetGroup)
