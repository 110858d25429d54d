"""Admin widgets of the exhibit app."""

from django import forms
from django.utils.html import format_html, format_html_join

from . import time_zones


class TimeZoneInput(forms.TextInput):
    """Type to search the IANA time zone names (US zones are offered first); what is stored is the name."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {})}
        list_id = f"{attrs.get('id') or 'id_' + name}-zones"
        attrs["list"] = list_id
        field = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}">{}</option>', time_zones.choices())
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)
