"""The photograph listing's bulk actions: "Add to an exhibition" in sight and honest about what will
not be public; one action for keywords, not Wagtail's "Tag" beside ours."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def visible_and_more(html):
    """Bulk action buttons shown directly, and those under "More"."""
    footer = html[html.index("bulk-actions-choices"):]
    more_at = footer.find(">More<") if ">More<" in footer else len(footer)
    labels = lambda part: re.findall(r'data-bulk-action-button[^>]*>\s*([^<]+?)\s*<', part)  # noqa: E731
    return labels(footer[:more_at]), labels(footer[more_at:])


def test_add_to_an_exhibition_is_a_visible_button_and_tag_is_gone(admin_client, make_photo):
    make_photo(title="Porch")
    html = admin_client.get(reverse("wagtailimages:index")).content.decode()
    visible, more = visible_and_more(html)
    assert "Add to an exhibition" in visible
    assert "Keywords" in visible + more and "Tag" not in visible + more


def test_adding_warns_which_photographs_will_not_be_public_and_why(admin_client, make_photo, make_exhibition):
    make_exhibition(title="Faces")
    ready = make_photo(title="Ready to show")
    pending = make_photo(title="Waiting for consent", consent="pending", alt_text="")
    url = reverse("wagtail_bulk_action", args=["gallery", "photograph", "add_to_exhibition"])
    html = admin_client.get(f"{url}?id={ready.pk}&id={pending.pk}").content.decode()
    warning = html.split("will not be public on the exhibition page")[1].split("</div>")[0]
    assert "Waiting for consent</a>: consent pending, no alt text" in warning
    assert "Ready to show" not in warning
