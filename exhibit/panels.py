"""Admin panels the exhibition pages share."""

from wagtail.admin.panels import PublishingPanel
from wagtail.models import Page

from gallery.typed_dates import TypedDateTimeInput


class TypedPublishingPanel(PublishingPanel):
    """Wagtail's go-live and expiry schedule with inputs that keep what the curator typed: its own
    picker replaced "Feb 6, 2027 6:00 pm" with the current moment on leaving the field."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for child in self.children:
            # Keep Wagtail's attributes: they reset the field when the dialog is dismissed unsaved.
            child.widget = TypedDateTimeInput(attrs=child.widget.attrs)


# Wagtail's settings tab (publishing schedule, then comments) with the typed schedule in place of its own.
SETTINGS_PANELS = [TypedPublishingPanel(), *Page.settings_panels[1:]]
