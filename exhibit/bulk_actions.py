"""The "Add to an exhibition" bulk action on the image listing (here, since it needs ExhibitionPage)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gallery.bulk_actions import PhotographBulkAction

from .exhibition_photographs import add_photographs
from .models import ExhibitionPage


class ExhibitionChoiceForm(forms.Form):
    exhibition = forms.ModelChoiceField(queryset=ExhibitionPage.objects.none(), label=_("Exhibition"),
                                        help_text=_("The photographs are added at the end, in the order they came into the archive."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        pages = ExhibitionPage.objects.order_by("title")
        if user is not None and not user.is_superuser:
            # Few exhibitions: ask each page, as the page editor would.
            pages = pages.filter(pk__in=[page.pk for page in pages if page.permissions_for_user(user).can_edit()])
        self.fields["exhibition"].queryset = pages


class AddToExhibitionBulkAction(PhotographBulkAction):
    display_name = _("Add to an exhibition")
    action_type = "add_to_exhibition"
    aria_label = _("Add the selected photographs to an exhibition")
    # Among the first four, which Wagtail shows as buttons rather than under "More".
    action_priority = 10
    form_class = ExhibitionChoiceForm
    heading = _("Add to an exhibition")
    button = _("Add them")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Adding is allowed (a curator may be ahead of the paperwork), but they should know.
        context["not_public"] = [
            (item["item"], ", ".join(item["item"].public_blockers))
            for item in context.get("items", [])
            if item["item"].public_blockers
        ]
        return context

    def get_execution_context(self):
        self.outcome = {}
        return {"page": self.cleaned_form.cleaned_data["exhibition"], "user": self.request.user,
                "outcome": self.outcome}

    @classmethod
    def execute_action(cls, images, page=None, user=None, outcome=None, **kwargs):
        added = add_photographs(page, sorted(images, key=lambda image: image.pk), user=user)
        if outcome is not None:
            outcome["added"] = added
        return len(added.added), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.outcome["added"].sentence()
