"""The blocks an exhibition's body is written with: text, one photograph, a sequence of photographs."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from gallery import languages
from gallery.imaging.sizes import picture_specs
from gallery.models import Photograph
from gallery.photograph_words import caption_or_own


def public_photographs_by_id(ids):
    """The public ones among these photographs, renditions prefetched; a non-public choice shows nothing."""
    ids = [pk for pk in ids if pk]
    if not ids:
        return {}
    found = (
        Photograph.objects.public().filter(pk__in=ids).select_related("artist")
        .prefetch_renditions(*picture_specs()).with_words()
    )
    return {photo.pk: photo for photo in found}


def page_language(parent_context):
    """The language of the words of the page that holds the body (a block's own caption is in it)."""
    page = (parent_context or {}).get("page")
    return languages.language_of(page) if page is not None else languages.default_content_language()


def photograph_url(photo, parent_context):
    """The photograph's page; from an exhibition's body it steps through that exhibition's order
    (the page that holds the body says how, so blocks need not know the page model)."""
    page = (parent_context or {}).get("page")
    query = "?" + page.photograph_link_query() if hasattr(page, "photograph_link_query") else ""
    return photo.get_absolute_url() + query


class PhotographBlock(blocks.StructBlock):
    photograph = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, help_text="Leave blank to use the photograph's own caption.")

    class Meta:
        icon = "image"
        template = "exhibit/blocks/photograph.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        chosen = value.get("photograph")
        photo = public_photographs_by_id([chosen.pk] if chosen else []).get(getattr(chosen, "pk", None))
        context["photo"] = photo
        context["url"] = photograph_url(photo, parent_context) if photo else ""
        context["caption"] = caption_or_own(photo, value.get("caption"), page_language(parent_context)) if photo else ""
        return context


class SequenceItemBlock(blocks.StructBlock):
    photograph = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)


class PhotoSequenceBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False)
    photographs = blocks.ListBlock(SequenceItemBlock(), min_num=2)

    class Meta:
        icon = "grip"
        template = "exhibit/blocks/photo_sequence.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        items = [item for item in value.get("photographs") or [] if item.get("photograph")]
        public = public_photographs_by_id([item["photograph"].pk for item in items])
        context["items"] = [
            {
                "photo": public[item["photograph"].pk],
                "url": photograph_url(public[item["photograph"].pk], parent_context),
                "caption": caption_or_own(public[item["photograph"].pk], item.get("caption"), page_language(parent_context)),
            }
            for item in items
            if item["photograph"].pk in public
        ]
        return context


class ExhibitionBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"])
    photograph = PhotographBlock()
    photo_sequence = PhotoSequenceBlock()
