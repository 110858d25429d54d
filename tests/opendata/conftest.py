"""An archive to harvest: photographs in two communities, an exhibition holding some, one private."""

import pytest

from tests.exhibit.conftest import columbia, home, make_exhibition, springfield, tour  # noqa: F401


@pytest.fixture(autouse=True)
def public_address(request, settings):
    """The site's public base URL is where these tests reach it, as a harvester would: the live server
    when a test runs one (resumption and next links must lead back to it), else the test client's host."""
    if "live_server" in request.fixturenames:
        settings.SITE_BASE_URL = request.getfixturevalue("live_server").url
    else:
        settings.SITE_BASE_URL = "http://testserver"


@pytest.fixture
def archive(make_photo, make_exhibition, springfield, settings):  # noqa: F811
    from datetime import date

    from gallery.models import Artist, Community, Photograph

    settings.OAI_PAGE_SIZE = 2
    settings.CHANGE_DISCOVERY_PAGE_SIZE = 4
    bosnian = Community.objects.create(name="Bosnian", slug="bosnian", description="Bosnian families of Springfield.")
    chinese = Community.objects.create(name="Chinese", slug="chinese")
    artist = Artist.objects.create(name="Amra Hodžić", bio="A photographer.")
    photos = []
    for number in range(5):
        photo = make_photo(
            title=f"Market day {number}", caption=f"Stalls on a Saturday, number {number}.", artist=artist if number % 2 else None,
            creator_credit="" if number % 2 else "Unknown photographer", date_edtf=["1905~", "191X", "2013-10", "2014", ""][number],
            place="Springfield, Missouri", rights="http://rightsstatements.org/vocab/InC-EDU/1.0/", credit_line=f"Courtesy of lender {number}",
            communities=[bosnian] if number < 3 else [chinese],
        )
        photo.tags.add(f"keyword{number}")
        photos.append(photo)
    private = make_photo(title="Private family portrait", caption="Never public", alt_text="Secret alt",
                         consent=Photograph.Consent.WITHHELD, communities=[bosnian])
    exhibition = make_exhibition(
        title="Faces and Places", slug="faces-and-places",
        stops=[(springfield, date(2014, 3, 7), date(2014, 3, 29), {}, [])],
    )
    for order, photo in enumerate(photos[:3] + [private]):
        exhibition.exhibition_photographs.create(photograph=photo, sort_order=order)
    exhibition.save_revision().publish()
    return {"photos": [Photograph.objects.get(pk=p.pk) for p in photos], "private": private, "exhibition": exhibition,
            "communities": [bosnian, chinese], "artist": artist}
