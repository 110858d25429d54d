"""The site's pages: the home page (exhibitions, venues, showings and events join it)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page




class HomePage(Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    featured_count = models.PositiveSmallIntegerField(default=8, help_text="How many recent photographs to show.")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("featured_count")]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from gallery.views import public_photographs

        context = super().get_context(request, *args, **kwargs)
        context["photos"] = list(public_photographs().order_by("-created_at", "-pk")[: self.featured_count])
        context["photo_loading"] = "eager"
        return context



