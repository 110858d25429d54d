"""Picking communities from the curated list: a search box over checkboxes, never free text.

The tag widget created a community from whatever was typed ("BosnianChinese" when Enter after a
suggestion did nothing). Here a form can only name communities that exist; creating one is a
separate act in the Communities admin, for people with the permission to add one.
"""

from django import forms
from django.utils.html import format_html

HELP = "Pick from the list; type to search it. A community that is not there yet is added under Archive › Communities."


class CommunityChooser(forms.CheckboxSelectMultiple):
    """Checkboxes for every community with a search box that narrows them (static/js/community-chooser.js)."""

    class Media:
        js = ["js/community-chooser.js"]

    def render(self, name, value, attrs=None, renderer=None):
        choices = super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id') or 'id_' + name}-list"
        return format_html(
            '<div class="community-chooser" data-community-chooser>'
            '<input type="search" class="community-chooser__search" data-community-search autocomplete="off" '
            'placeholder="Search communities" aria-label="Search communities" aria-controls="{}">'
            '<p class="community-chooser__none" data-community-none hidden>No community by that name. '
            'Someone allowed to add communities can add it under Archive › Communities.</p>'
            '<div class="community-chooser__list" id="{}">{}</div></div>',
            list_id, list_id, choices,
        )


def community_field(**kwargs):
    from .models import Community

    kwargs.setdefault("required", False)
    kwargs.setdefault("help_text", HELP)
    return forms.ModelMultipleChoiceField(queryset=Community.objects.order_by("name"), widget=CommunityChooser, **kwargs)
