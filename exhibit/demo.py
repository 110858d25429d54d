"""
The seed's exhibition as demo content, exactly as ../shared/seed/facts.md gives it.

Stated as fact: the title, the two venues and their street addresses, the four receptions with their
dates and times (two "Time TBA"), the four photographers. Not in the seed, so labelled or left blank:
postal codes (blank), the showings' exact spans (the reception dates, see SHOWINGS), and the staff
logistics (marked as sample content so venue-staff logins have something to plan with).
"""

from datetime import date, time, timedelta

from django.db import transaction
from wagtail.models import Locale
from wagtail.rich_text import RichText

from gallery import demo as archive_demo
from gallery.models import Artist, Photograph

from .models import Event, ExhibitionIndexPage, ExhibitionPage, ExhibitionPhotograph, HomePage, Showing, Venue
from .page_translations import translate

TITLE = archive_demo.EXHIBITION_TITLE
SLUG = "missouri-immigrant-experience-2014"
SUMMARY = (
    "A photographic exhibition exploring the lives and history of Missouri's immigrants and refugees: "
    "the works of four Missouri-based artists, each focusing on their own immigrant community, together "
    "with historical images."
)
BODY_TEXT = (
    "<p>“From immigrant workers newly arrived in Missouri at the turn of the last century, to new refugee "
    "families celebrating old and new traditions in their adopted home.”</p>"
    "<p>Organised by Missouri Immigrant and Refugee Advocates (MIRA), a coalition, and announced on "
    "March 4, 2014. In Springfield the exhibition features newly uncovered images from Springfield's past; "
    "in Columbia, the four photographers' work is coupled with historical images of immigrant communities "
    "in Columbia. Each stop hosts gallery talks, film screenings and cultural events.</p>"
    "<p><em>The photographs on this demo site are generated sample images, not the exhibited works.</em></p>"
)

VENUES = [
    # The seed gives no postal codes: left blank rather than invented.
    {"name": "Park Central Branch Library", "slug": "park-central-branch-library",
     "street_address": "128 Park Central Square", "city": "Springfield", "state": "MO"},
    {"name": "The Columbia Public Library", "slug": "columbia-public-library",
     "street_address": "100 W Broadway", "city": "Columbia", "state": "MO"},
]

# The seed gives no exact opening and closing dates for the showings, only the receptions: each
# showing's span is taken from its opening reception to its closing reception.
SHOWINGS = [
    ("park-central-branch-library", date(2014, 3, 7), date(2014, 3, 29)),
    ("columbia-public-library", date(2014, 4, 5), date(2014, 4, 26)),
]

# (venue slug, kind, date, start, end): the four receptions as the news page gives them.
RECEPTIONS = [
    ("park-central-branch-library", Event.Kind.OPENING_RECEPTION, date(2014, 3, 7), time(19), time(21)),
    ("park-central-branch-library", Event.Kind.CLOSING_RECEPTION, date(2014, 3, 29), None, None),
    ("columbia-public-library", Event.Kind.OPENING_RECEPTION, date(2014, 4, 5), time(10), None),
    ("columbia-public-library", Event.Kind.CLOSING_RECEPTION, date(2014, 4, 26), None, None),
]

# The demo's Spanish: a translation of the English above, facts unchanged (names, places, dates stay as
# the seed gives them), and saying it is a demo translation.
SPANISH = "es"
DEMO_TRANSLATION_NOTE = (
    "<p><em>Traducción de demostración: este texto traduce el texto en inglés de la exposición "
    "(título original: “The Missouri Immigrant Experience 2014: Faces & Places”); los nombres, "
    "los lugares y las fechas son los del original.</em></p>"
)
SPANISH_TITLE = "La experiencia inmigrante de Misuri 2014: rostros y lugares"
SPANISH_SUMMARY = (
    "Una exposición fotográfica que explora la vida y la historia de los inmigrantes y refugiados de Misuri: "
    "las obras de cuatro artistas radicados en Misuri, cada uno centrado en su propia comunidad inmigrante, "
    "junto con imágenes históricas."
)
SPANISH_BODY_TEXT = (
    "<p>«Desde los trabajadores inmigrantes recién llegados a Misuri a principios del siglo pasado hasta las "
    "nuevas familias refugiadas que celebran tradiciones antiguas y nuevas en su hogar de adopción».</p>"
    "<p>Organizada por Missouri Immigrant and Refugee Advocates (MIRA), una coalición, y anunciada el "
    "4 de marzo de 2014. En Springfield, la exposición presenta imágenes recién descubiertas del pasado de "
    "Springfield; en Columbia, la obra de los cuatro fotógrafos se acompaña de imágenes históricas de las "
    "comunidades inmigrantes de Columbia. Cada sede acoge charlas en la galería, proyecciones de películas y "
    "actividades culturales.</p>"
    "<p><em>Las fotografías de este sitio de demostración son imágenes de muestra generadas, no las obras "
    "expuestas.</em></p>"
) + DEMO_TRANSLATION_NOTE
SPANISH_INDEX = {"title": "Exposiciones", "intro": (
    "<p>Exposiciones hechas con el archivo: dónde están ahora y dónde han estado.</p>"
)}
SPANISH_HOME = {"intro": (
    "<p>Un archivo comunitario de fotografías de los inmigrantes y refugiados de Misuri, y de las exposiciones "
    "itinerantes hechas con ellas. Las fotografías de este sitio son muestras generadas para la demostración. "
    "<em>(Traducción de demostración del texto en inglés.)</em></p>"
)}

SAMPLE_LOGISTICS = "Sample logistics for the demo (not from the seed)."

STAFF_LOGINS = [("springfield-staff", "park-central-branch-library"), ("columbia-staff", "columbia-public-library")]


def _sample_logistics(opens, closes):
    return {
        "deliver_by": opens - timedelta(days=4),
        "install_from": opens - timedelta(days=3),
        "pack_by": closes + timedelta(days=2),
        "insurance_from": opens - timedelta(days=5),
        "insurance_until": closes + timedelta(days=5),
        "venue_contact": "Sample contact: the branch's exhibitions desk (demo)",
        "crate_list": "Sample crate 1: framed contemporary prints\nSample crate 2: framed historical prints",
        "logistics_notes": SAMPLE_LOGISTICS,
    }


@transaction.atomic
def load_exhibition():
    """Create or bring up to date the venues, the exhibition page and its itinerary. Safe to run twice."""
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("No home page: run migrate first.")

    venues = {}
    for fields in VENUES:
        venue, _ = Venue.objects.update_or_create(slug=fields["slug"], defaults=fields)
        venues[venue.slug] = venue

    index = ExhibitionIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=ExhibitionIndexPage(title="Exhibitions", slug="exhibitions"))
    index.intro = "<p>Exhibitions made from the archive, where they are now and where they have been.</p>"
    index.save_revision().publish()

    page = ExhibitionPage.objects.filter(slug=SLUG, locale=home.locale).first()
    if page is None:
        page = home.add_child(instance=ExhibitionPage(title=TITLE, slug=SLUG, summary=SUMMARY))

    photos = _demo_photographs()
    page.title = TITLE
    page.summary = SUMMARY
    page.hero_image = next((p for p in photos if p.kind == "contemporary"), photos[0] if photos else None)
    # The exhibited works, historical images included, are the ordered list below; the body is the text
    # (its photograph blocks are for pictures that are not among the works, and the demo has none).
    page.body = [("text", RichText(BODY_TEXT))]
    page.featured_artists = list(Artist.objects.filter(name__in=archive_demo.ARTISTS))
    page.save()

    # Children are updated in place (never deleted and re-made) so their ids, and the calendar
    # UIDs made from them, stay the same however often the demo is loaded.
    for order, photo in enumerate(photos):
        ExhibitionPhotograph.objects.update_or_create(page=page, photograph=photo, defaults={"sort_order": order})
    for order, (slug, opens, closes) in enumerate(SHOWINGS):
        showing, _ = Showing.objects.update_or_create(
            exhibition=page, venue=venues[slug],
            defaults={"opens": opens, "closes": closes, "sort_order": order, **_sample_logistics(opens, closes)},
        )
    for order, (slug, kind, day, start, end) in enumerate(RECEPTIONS):
        showing = Showing.objects.get(exhibition=page, venue=venues[slug])
        Event.objects.update_or_create(
            showing=showing, kind=kind,
            defaults={"date": day, "start_time": start, "end_time": end, "sort_order": order,
                      "status": Event.Status.SCHEDULED, "title": ""},
        )
    page = ExhibitionPage.objects.get(pk=page.pk)
    page.save_revision().publish()
    load_spanish(home, index, page)
    return page, venues


def load_spanish(home, index, page):
    """The home page, the exhibitions index and the exhibition in Spanish: real pages of the Spanish
    locale, copied for translation as Wagtail (and wagtail-localize) copy a page, so the exhibition's
    translation has its own copy of the stops and events; made once, then brought up to date."""
    spanish, _ = Locale.objects.get_or_create(language_code=SPANISH)
    translate(home, spanish, **SPANISH_HOME)
    translate(index, spanish, **SPANISH_INDEX)
    return translate(page, spanish, title=SPANISH_TITLE, summary=SPANISH_SUMMARY,
                     body=[("text", RichText(SPANISH_BODY_TEXT))])


def _demo_photographs():
    by_title = {photo.title: photo for photo in Photograph.objects.public().filter(
        title__in=[sample.title for sample in archive_demo.SAMPLES])}
    return [by_title[sample.title] for sample in archive_demo.SAMPLES if sample.title in by_title]
