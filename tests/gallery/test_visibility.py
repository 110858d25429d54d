"""The visibility rule is written once: the public filter and the reasons a curator reads agree."""
import itertools

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from gallery.models import Photograph

COMBINATIONS = list(itertools.product(
    [True, False],  # published
    [choice for choice, _ in Photograph.Consent.choices],
    ["A street market in Springfield", ""],  # alt text
    [False, True],  # in a collection with a view restriction
))


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Family papers")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    return collection


@pytest.mark.django_db
@pytest.mark.parametrize("published, consent, alt_text, restricted", COMBINATIONS)
def test_public_filter_and_blockers_agree(make_photo, private_collection, published, consent, alt_text, restricted):
    fields = {"is_published": published, "consent": consent, "alt_text": alt_text}
    if restricted:
        fields["collection"] = private_collection
    photo = make_photo(**fields)

    listed = Photograph.objects.public().filter(pk=photo.pk).exists()
    blockers = Photograph.objects.get(pk=photo.pk).public_blockers

    assert listed == (blockers == [])
    expected = (["not published"] if not published else []) \
        + ([f"consent {photo.get_consent_display().lower()}"] if consent not in Photograph.PUBLIC_CONSENT else []) \
        + (["no alt text"] if not alt_text else []) \
        + (["private collection"] if restricted else [])
    assert blockers == expected
    for reason_name, failing in (("published", not published), ("alt_text", not alt_text),
                                 ("collection", restricted)):
        assert Photograph.objects.not_public_because(reason_name).filter(pk=photo.pk).exists() == failing
