"""Slugs made from a name, unique in their table: "John Smith", then "john-smith-2" for a second one."""

from django.utils.text import slugify

MAX_BASE_LENGTH = 190  # room for "-NNN" inside a 200-character slug field


def unique_slug(model, name, fallback, exclude_pk=None):
    base = slugify(name)[:MAX_BASE_LENGTH].strip("-") or fallback
    taken = model._default_manager.filter(slug__startswith=base).exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in existing:
        slug, number = f"{base}-{number}", number + 1
    return slug


class SlugFromName:
    """Model mixin: a blank slug is made from `name` on save, never colliding with another row's."""

    slug_fallback = "item"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, self.slug_fallback, exclude_pk=self.pk)
        super().save(*args, **kwargs)
