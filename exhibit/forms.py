"""The exhibition page form: checks that need the whole itinerary at once (stops may not overlap)."""

from django.utils.dateformat import format as format_date
from wagtail.admin.forms import WagtailAdminPageForm

NO_VENUE = "Choose the venue for this stop: a showing needs a venue."


def _span(showing_data):
    opens, closes = showing_data["opens"], showing_data["closes"]
    return f"{format_date(opens, 'M j')} - {format_date(closes, 'M j, Y')}"


class ExhibitionPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        showings = self.formsets.get("showings")
        if showings is not None:
            for form in [*showings.forms, showings.empty_form]:
                if "venue" in form.fields:
                    form.fields["venue"].error_messages["required"] = NO_VENUE

    def clean(self):
        cleaned = super().clean()
        showings = self.formsets.get("showings")
        if showings is None:
            return cleaned
        stops = []
        for form in showings.forms:
            form.errors  # runs the stop's own checks first (closes after opens, required venue)
            data = getattr(form, "cleaned_data", {})
            if data.get("DELETE") or form.errors:
                continue
            if data.get("opens") and data.get("closes") and data.get("venue"):
                stops.append((form, data))
        stops.sort(key=lambda pair: pair[1]["opens"])
        for index, (form_b, b) in enumerate(stops):
            earlier = [a for _, a in stops[:index] if b["opens"] <= a["closes"]]
            if earlier:
                a = earlier[-1]
                form_b.add_error(
                    "opens",
                    f"This stop overlaps the showing at {a['venue']} ({_span(a)}): two showings of one "
                    f"exhibition cannot overlap. Open it after {format_date(a['closes'], 'F j, Y')}.",
                )
        return cleaned
