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
        from django.db.models import Count, Q
        from django.urls import reverse

        from gallery.models import Community, Photograph
        from gallery.social import page_meta
        from gallery.views import public_photographs

        context = super().get_context(request, *args, **kwargs)
        photos = list(public_photographs().order_by("-created_at", "-pk")[: self.featured_count])
        public = Photograph.objects.public().values("pk")
        context.update(
            photos=photos,
            eager_count=4,
            gallery_url=reverse("gallery:index"),
            photo_count=Photograph.objects.public().count(),
            communities=list(
                Community.objects.annotate(
                    photo_count=Count("tagged_photographs", filter=Q(tagged_photographs__content_object__in=public))
                ).filter(photo_count__gt=0)
            ),
            meta=page_meta(request, self.seo_title or self.title, self.search_description, photo=photos[0] if photos else None),
        )
        return context
