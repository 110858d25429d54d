"""
The image listing and the multiple uploader as curators need them, shadowing Wagtail's own URLs
(gallery's admin URLs are registered before wagtail.images'): filters for consent and missing alt
text, a column saying what keeps each photograph off the public site, and duplicates by SHA-256.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.images.views import images, multiple

from . import translation_dashboard
from .models import VISIBILITY_RULE, Community, Photograph

# What each condition of the visibility rule is called where photographs are counted or filtered by it.
NOT_PUBLIC_LABELS = {
    "published": _("Not published"),
    "consent": _("Consent pending or withheld"),
    "alt_text": _("No alt text"),
    "collection": _("Private collection"),
}


def not_public_reasons():
    """(rule name, label) for every condition of the visibility rule, in the rule's order."""
    return [(rule.name, NOT_PUBLIC_LABELS[rule.name]) for rule in VISIBILITY_RULE]


class PhotographFilterSet(images.ImagesFilterSet):
    not_public = django_filters.ChoiceFilter(
        label=_("Not public because"), method="filter_not_public",
        choices=lambda: [("any", _("Any reason")), *not_public_reasons()],
    )

    def filter_not_public(self, queryset, name, value):
        if value == "any":
            return queryset.not_public()
        return queryset.not_public_because(value) if value else queryset

    consent = django_filters.ChoiceFilter(label=_("Consent"), choices=Photograph.Consent.choices)
    alt_text = django_filters.ChoiceFilter(
        label=_("Alt text"), choices=[("missing", _("Missing")), ("present", _("Present"))], method="filter_alt_text",
    )

    community = django_filters.ModelChoiceFilter(
        label=_("Community"), queryset=Community.objects.order_by("name"), field_name="communities",
    )

    missing_translation = django_filters.ChoiceFilter(
        label=_("Not translated"), choices=translation_dashboard.missing_choices,
        method="filter_missing_translation",
    )

    def filter_missing_translation(self, queryset, name, value):
        wanted = translation_dashboard.parse_filter_value(value)
        return queryset.missing_translation(*wanted) if wanted else queryset

    def filter_alt_text(self, queryset, name, value):
        if value == "missing":
            return queryset.filter(alt_text="")
        if value == "present":
            return queryset.exclude(alt_text="")
        return queryset

    class Meta(images.ImagesFilterSet.Meta):
        fields = []


class PhotographIndexView(images.IndexView):
    filterset_class = PhotographFilterSet
    results_template_name = "gallery/admin/image_index_results.html"

    @property
    def columns(self):
        columns = super().columns
        if not columns:
            return columns
        return [*columns, Column("curator_flags_text", label=_("Needs"), width="18%")]


class PhotographMultipleAddView(multiple.AddView):
    def get_edit_object_response_data(self):
        # Wagtail compares its SHA-1 file_hash; the archive's duplicates are by SHA-256, refused by the form
        # before saving. This answers the same question, the same way, for anything that slipped past.
        data = super(multiple.AddView, self).get_edit_object_response_data()
        duplicates = (
            self.permission_policy.instances_user_has_permission_for(self.request.user, "choose")
            .exclude(pk=self.object.pk)
            .filter(sha256=self.object.sha256)
        ) if self.object.sha256 else []
        if duplicates:
            data.update(duplicate=True, confirm_duplicate_upload=self.get_confirm_duplicate_upload_response(duplicates))
        else:
            data.update(duplicate=False)
        return data
