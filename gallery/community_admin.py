"""Communities in the admin: a curated list that can be renamed, merged, and deleted with a true count.

Renaming is the ordinary edit (name and slug). Merging moves every photograph's, artist's and
exhibition's tag from one community to another, then deletes the first. Wagtail's reference index
does not follow taggit's through model, so its delete page said "referenced 0 times" for a community
in use; here the count is taken from the tags themselves.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet

from . import signal_handlers
from .models import Community, TaggedCommunity
from .translation_filters import missing_translation_filterset


def _many_to_many_relations():
    """(model, through, field to the owner, field to the community) for every many-to-many onto Community.

    Found from the model's relations, so an exhibition's communities are included without gallery
    importing the app that defines exhibitions."""
    for rel in Community._meta.related_objects:
        if rel.many_to_many and rel.through._meta.auto_created:
            yield rel.related_model, rel.through, rel.field.m2m_field_name(), rel.field.m2m_reverse_field_name()


def uses(community):
    """{plural name: count} of what names this community: photographs, artists, exhibitions."""
    counts = {"photographs": TaggedCommunity.objects.filter(tag=community).count()}
    for model, through, _owner, to_community in _many_to_many_relations():
        counts[str(model._meta.verbose_name_plural)] = through.objects.filter(**{to_community: community}).count()
    return counts


class CommunityUsage:
    """What Wagtail's delete page asks of a usage: a count and whether it protects the object."""

    is_protected = False

    def __init__(self, community):
        self.community = community

    def count(self):
        return sum(uses(self.community).values())


class CommunityDeleteView(DeleteView):
    def get_usage(self):
        return CommunityUsage(self.object)

    def get_usage_url(self):
        # The photographs listing filtered to this community: where its use can be seen and changed.
        return reverse("wagtailimages:index") + f"?community={self.object.pk}"


class CommunityEditView(EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.can_delete:
            buttons.append(Button(_("Merge into another community"), icon_name="resubmit", priority=25,
                                  url=reverse("gallery_community_merge", args=[self.object.pk])))
        return buttons


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=Community.objects.none(), label=_("Merge into"),
        help_text=_("Every photograph, artist and exhibition tagged with this community gets that one instead."),
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Community.objects.exclude(pk=source.pk).order_by("name")


def merge(source, target):
    """Move every use of source to target, then delete source; returns how many photographs moved."""
    with transaction.atomic():
        moving = TaggedCommunity.objects.filter(tag=source)
        moved = moving.count()
        photo_ids = list(moving.values_list("content_object_id", flat=True))
        moving.filter(content_object__communities=target).delete()
        moving.update(tag=target)
        for _model, through, owner, to_community in _many_to_many_relations():
            owners_with_target = through.objects.filter(**{to_community: target}).values(owner)
            through.objects.filter(**{to_community: source, f"{owner}__in": owners_with_target}).delete()
            through.objects.filter(**{to_community: source}).update(**{to_community: target})
        source.delete()
    # Queryset updates send no m2m signal: the photographs moved are indexed under the new name here.
    signal_handlers.reindex(photo_ids)
    return moved


def merge_view(request, pk):
    source = get_object_or_404(Community, pk=pk)
    user = request.user
    if not (user.has_perm("gallery.change_community") and user.has_perm("gallery.delete_community")):
        raise PermissionDenied
    form = MergeForm(request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["into"]
        name = source.name
        moved = merge(source, target)
        messages.success(request, f"Merged “{name}” into “{target.name}”: {moved} photograph"
                                  f"{'' if moved == 1 else 's'} moved, and “{name}” deleted.")
        return redirect(reverse("wagtailsnippets_gallery_community:edit", args=[target.pk]))
    return TemplateResponse(request, "gallery/admin/merge_community.html", {
        "community": source, "form": form, "uses": uses(source).items(),
    })


class CommunityViewSet(SnippetViewSet):
    model = Community
    icon = "group"
    menu_label = "Communities"
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    ordering = ["name"]
    filterset_class = missing_translation_filterset(Community)
    delete_view_class = CommunityDeleteView
    edit_view_class = CommunityEditView


def admin_urls():
    return [path("communities/merge/<int:pk>/", merge_view, name="gallery_community_merge")]
