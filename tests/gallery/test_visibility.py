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


@pytest.mark.django_db
def test_counts_kept_between_requests_change_at_once_when_a_photograph_stops_being_public(make_photo, client, settings, private_collection):
    """The gallery's total and facet counts are kept per content generation: a withdrawn consent, an
    unpublished photograph or a restricted collection is out of them on the very next request."""
    import re

    from gallery.models import Community

    settings.PAGE_CACHE_ENABLED = False
    bosnian = Community.objects.create(name="Bosnian", slug="bosnian")
    photos = [make_photo(place="Springfield") for _ in range(4)]
    for photo in photos:
        photo.communities.add(bosnian)

    def shown():
        html = client.get("/photographs/?q=Springfield").content.decode()
        total = int(re.search(r'class="result-count">(\d+) photograph', html).group(1))
        community = int(re.search(r'community=bosnian[^"]*".*?<span class="count"><span class="visually-hidden">, </span>(\d+)<', html, re.S).group(1))
        return total, community

    assert shown() == (4, 4)
    assert shown() == (4, 4)  # the second request is answered from the kept counts
    for url in ("/photographs/", "/communities/bosnian/"):  # their pages' photographs are kept too
        assert f"/photographs/{photos[0].pk}/" in client.get(url).content.decode()
    photos[0].consent = Photograph.Consent.WITHHELD
    photos[0].save()
    assert shown() == (3, 3)
    photos[1].is_published = False
    photos[1].save()
    assert shown() == (2, 2)
    photos[2].collection = private_collection
    photos[2].save()
    assert shown() == (1, 1)
    for url in ("/photographs/?q=Springfield", "/photographs/", "/communities/bosnian/"):
        assert f"/photographs/{photos[0].pk}/" not in client.get(url).content.decode()
