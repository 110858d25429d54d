"""
Bulk actions on the image listing: edit many photographs' communities, keywords, rights, credit
line, source, kind or consent at once. Each photograph is saved one by one, so the search index
and the public filter see the change.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.widgets import AdminTagWidget
from wagtail.images.views.bulk_actions.image_bulk_action import ImageBulkAction

from . import rights
from .community_chooser import community_field
from .models import Community, Photograph

ADD, REMOVE = "add", "remove"
LEAVE = ""  # "leave as it is" for every optional choice


class TagEditForm(forms.Form):
    operation = forms.ChoiceField(choices=[(ADD, _("Add")), (REMOVE, _("Remove"))], initial=ADD)
    names = forms.CharField(label=_("Names"), help_text=_("Separate several with commas."))

    def __init__(self, *args, tag_model=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["names"].widget = AdminTagWidget(tag_model=tag_model) if tag_model else AdminTagWidget()

    def clean_names(self):
        names = [name.strip().strip('"') for name in self.cleaned_data["names"].split(",")]
        names = [name for name in names if name]
        if not names:
            raise forms.ValidationError(_("Give at least one name."))
        return names


class CommunityEditForm(forms.Form):
    """Communities come from the curated list: a bulk edit can add or remove them, never invent one."""

    operation = TagEditForm.base_fields["operation"]
    names = community_field(label=_("Communities"), required=True)

    def clean_names(self):
        return [community.name for community in self.cleaned_data["names"]]


class DetailsForm(forms.Form):
    rights = forms.ChoiceField(required=False, choices=[(LEAVE, _("Leave as it is")), *rights.CHOICES])
    credit_line = forms.CharField(required=False, max_length=255, help_text=_("Empty: leave as it is."))
    source = forms.CharField(label=_("Source or lender"), required=False, max_length=255,
                             help_text=_("Empty: leave as it is."))
    kind = forms.ChoiceField(required=False, choices=[(LEAVE, _("Leave as it is")), *Photograph.Kind.choices])
    consent = forms.ChoiceField(required=False, choices=[(LEAVE, _("Leave as it is")), *Photograph.Consent.choices])

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in self.fields):
            raise forms.ValidationError(_("Choose at least one thing to set."))
        return cleaned


class PhotographBulkAction(ImageBulkAction):
    template_name = "gallery/admin/confirm_bulk_edit.html"
    heading = ""
    button = _("Yes, apply")

    def check_perm(self, image):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, "change", image)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "heading": self.heading, "button": self.button}


class _TagBulkAction(PhotographBulkAction):
    manager = None  # "communities" or "tags"
    tag_model = None
    noun = ""

    def get_execution_context(self):
        return {**self.cleaned_form.cleaned_data, "manager": self.manager, "tag_model": self.tag_model}

    @classmethod
    def execute_action(cls, images, operation=ADD, names=(), manager="tags", tag_model=None, **kwargs):
        count = 0
        for image in images:
            tags = getattr(image, manager)
            if operation == ADD:
                tags.add(*names)
            else:
                existing = [tag for tag in tags.all() if tag.name.casefold() in {n.casefold() for n in names}]
                tags.remove(*existing)
            image.save()  # refreshes the search index
            count += 1
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(noun)s changed on %(count)d photograph", "%(noun)s changed on %(count)d photographs", num_parent_objects
        ) % {"noun": self.noun, "count": num_parent_objects}


class EditCommunitiesBulkAction(_TagBulkAction):
    display_name = _("Communities")
    action_type = "edit_communities"
    aria_label = _("Add or remove communities on the selected photographs")
    action_priority = 30
    form_class = CommunityEditForm
    manager = "communities"
    tag_model = Community
    noun = _("Communities")
    heading = _("Add or remove communities")


class EditKeywordsBulkAction(_TagBulkAction):
    """Keywords are Wagtail's image tags: this takes the place (the action type) of Wagtail's own
    "Tag" action, so the listing has one action for them, not two that look alike."""

    display_name = _("Keywords")
    action_type = "add_tags"
    aria_label = _("Add or remove keywords on the selected photographs")
    action_priority = 20
    form_class = TagEditForm
    manager = "tags"
    noun = _("Keywords")
    heading = _("Add or remove keywords")


class SetDetailsBulkAction(PhotographBulkAction):
    display_name = _("Rights, credit, consent…")
    action_type = "set_details"
    aria_label = _("Set rights, credit line, source, kind or consent on the selected photographs")
    action_priority = 32
    form_class = DetailsForm
    heading = _("Set rights, credit line, source, kind or consent")

    def get_execution_context(self):
        return {"values": {name: value for name, value in self.cleaned_form.cleaned_data.items() if value}}

    @classmethod
    def execute_action(cls, images, values=None, **kwargs):
        count = 0
        for image in images:
            for name, value in (values or {}).items():
                setattr(image, name, value)
            image.save()
            count += 1
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d photograph updated", "%(count)d photographs updated", num_parent_objects) % {
            "count": num_parent_objects
        }


BULK_ACTIONS = (EditCommunitiesBulkAction, EditKeywordsBulkAction, SetDetailsBulkAction)
