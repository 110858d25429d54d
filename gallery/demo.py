"""
Demo content for the archive, made by code (a fresh machine has no ../shared).

Only what ../shared/seed/facts.md states is stated as fact. The photographs are generated images,
credited as such: none is presented as the work of the four real photographers, and every sample
caption says it is a sample.
"""

import math
import random
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw
from PIL.TiffImagePlugin import IFDRational

from gallery.ingest import intake
from .models import Artist, ArtistTranslation, Community, CommunityTranslation, Photograph, PhotographTranslation

EXHIBITION_TITLE = "The Missouri Immigrant Experience 2014: Faces & Places"
ARTIST_BIO = (
    "One of four Missouri-based photographers whose work was shown in “{title}” (2014), each focusing "
    "on their own immigrant community. Source: the news page of Missouri Immigrant and Refugee Advocates."
)
ARTISTS = ["Oscar Pedroza", "Juan Montana", "Amela Sinanagic", "Rita Chu"]
SAMPLE_NOTE = "Sample image generated for the demo archive; it depicts no real person or event."
COMMUNITIES = ["Bosnian", "Mexican", "Chinese", "Vietnamese", "German"]
COMMUNITY_NOTE = "Sample community for the demo archive."
GENERATED_CREDIT = "Generated sample image"
# A public place (Park Central Square, Springfield, MO), never a home: demo GPS stays harmless.
DEMO_GPS = (37.208989, -93.292279)


@dataclass(frozen=True)
class SamplePhoto:
    title: str
    kind: str
    date_edtf: str
    place: str
    communities: tuple
    keywords: tuple
    source: str = ""
    credit_line: str = ""
    rights: str = "http://rightsstatements.org/vocab/CNE/1.0/"


HISTORICAL_SOURCE = "Demo archive (sample)"
SAMPLES = [
    SamplePhoto("Sample: workers at a rail yard", "historical", "1905~", "Springfield, MO", ("German",), ("work", "rail"), HISTORICAL_SOURCE, "Sample credit line: demo archive"),
    SamplePhoto("Sample: a family on a porch", "historical", "191X", "Springfield, MO", ("German",), ("family",), HISTORICAL_SOURCE, "Sample credit line: demo archive"),
    SamplePhoto("Sample: a shop front", "historical", "1890/1910", "Columbia, MO", ("Chinese",), ("shop", "street"), HISTORICAL_SOURCE, "Sample credit line: demo archive"),
    SamplePhoto("Sample: a church picnic", "historical", "1920~", "Columbia, MO", ("German",), ("celebration",), HISTORICAL_SOURCE, "Sample credit line: demo archive"),
    SamplePhoto("Sample: a market street", "historical", "193X", "Springfield, MO", ("Mexican",), ("street", "market"), HISTORICAL_SOURCE, "Sample credit line: demo archive"),
    SamplePhoto("Sample: a school class", "historical", "1948", "Columbia, MO", ("Vietnamese",), ("school",), HISTORICAL_SOURCE, "Sample credit line: demo archive"),
    SamplePhoto("Sample: a wedding portrait", "historical", "1950~", "Springfield, MO", ("Mexican",), ("family", "celebration"), HISTORICAL_SOURCE, "Sample credit line: demo archive"),
    SamplePhoto("Sample: new arrivals", "contemporary", "", "Springfield, MO", ("Bosnian",), ("arrival",)),
    SamplePhoto("Sample: a community garden", "contemporary", "", "Columbia, MO", ("Bosnian",), ("garden",)),
    SamplePhoto("Sample: a new year celebration", "contemporary", "", "Columbia, MO", ("Vietnamese", "Chinese"), ("celebration",)),
    SamplePhoto("Sample: a bakery at dawn", "contemporary", "", "Springfield, MO", ("Mexican",), ("work", "food")),
    SamplePhoto("Sample: a soccer game", "contemporary", "", "Columbia, MO", ("Bosnian", "Mexican"), ("sport",)),
    SamplePhoto("Sample: a library reading room", "contemporary", "", "Springfield, MO", (), ("library",)),
    SamplePhoto("Sample: a portrait in a doorway", "contemporary", "", "Columbia, MO", ("Chinese",), ("portrait",)),
]


def generated_image(index, sample, size=(1600, 1067)):
    """A calm abstract picture, the same bytes every time for the same index (so reloads dedupe)."""
    rng = random.Random(index)
    width, height = size if index % 4 else (size[1], size[0])  # a few portraits too
    hue = rng.random()
    top = tuple(int(127 + 100 * math.sin(2 * math.pi * (hue + k / 3))) for k in range(3))
    bottom = tuple(max(0, c - 90) for c in top)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(1, height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    for _ in range(6):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(height // 10, height // 3)
        shade = tuple(min(255, c + rng.randrange(30, 90)) for c in bottom)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=shade, width=max(2, r // 12))
    if sample.kind == "historical":
        image = image.convert("L").convert("RGB")
    exif = Image.Exif()
    if sample.kind == "contemporary":
        exif[0x010F] = "DemoCam"  # Make
        exif[0x0110] = "Sample One"  # Model
        exif[0x0132] = f"2014:03:{1 + index:02d} 10:{index:02d}:00"  # DateTime
        exif_ifd = exif.get_ifd(0x8769)
        exif_ifd[0x9003] = f"2014:03:{1 + index:02d} 10:{index:02d}:00"  # DateTimeOriginal
        exif_ifd[0x829A] = IFDRational(1, 125)  # ExposureTime
        exif_ifd[0x829D] = IFDRational(56, 10)  # FNumber
        exif_ifd[0x8827] = 400  # ISO
        gps = exif.get_ifd(0x8825)
        lat, lon = DEMO_GPS
        gps[1], gps[2] = "N", _dms(lat)
        gps[3], gps[4] = "W", _dms(-lon)
    out = BytesIO()
    image.save(out, "JPEG", quality=88, exif=exif.tobytes())
    return out.getvalue()


def _dms(value):
    degrees = int(value)
    minutes_float = (value - degrees) * 60
    minutes = int(minutes_float)
    seconds = round((minutes_float - minutes) * 60 * 10000)
    return (IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(seconds, 10000))


# A few photographs' words in Spanish: translations of the English words above, facts (names, places,
# dates) unchanged, the place left to its English name, and the caption saying it is a demo translation.
DEMO_TRANSLATION_NOTE = "Imagen de muestra generada para el archivo de demostración; no representa a ninguna persona ni hecho real. (Traducción de demostración.)"
ABSTRACT_PICTURE_ES = "una imagen abstracta generada de círculos suaves sobre un degradado."
SPANISH = {
    "Sample: workers at a rail yard": ("Muestra: trabajadores en un patio ferroviario", "Trabajadores en un patio ferroviario"),
    "Sample: a wedding portrait": ("Muestra: un retrato de boda", "Un retrato de boda"),
    "Sample: new arrivals": ("Muestra: recién llegados", "Recién llegados"),
    "Sample: a community garden": ("Muestra: un huerto comunitario", "Un huerto comunitario"),
}
ARTIST_BIO_ES = (
    "Uno de los cuatro fotógrafos radicados en Misuri cuya obra se mostró en “{title}” (2014), cada uno "
    "centrado en su propia comunidad inmigrante. Fuente: la página de noticias de Missouri Immigrant and "
    "Refugee Advocates. (Traducción de demostración.)"
)
COMMUNITY_NOTE_ES = "Comunidad de muestra para el archivo de demostración. (Traducción de demostración.)"
SPANISH_CREDITS = {"Sample credit line: demo archive": "Línea de crédito de muestra: archivo de demostración",
                   GENERATED_CREDIT: "Imagen de muestra generada"}


def translate_into_spanish(photo):
    """The demo's Spanish words for `photo`, when it is one of the translated samples."""
    if photo.title not in SPANISH:
        return
    title, subject = SPANISH[photo.title]
    PhotographTranslation.objects.update_or_create(photograph=photo, language="es", defaults={
        "title": title, "alt_text": f"{subject}: {ABSTRACT_PICTURE_ES}", "caption": DEMO_TRANSLATION_NOTE,
        "credit_line": SPANISH_CREDITS.get(photo.credit_line, ""), "place": "",
    })


@transaction.atomic
def load_archive(progress=None):
    """Create (or bring up to date) the demo artists, communities and photographs. Safe to run twice."""
    spanish = "es" in {code for code, _name in settings.LANGUAGES}
    for name in ARTISTS:
        artist, _ = Artist.objects.get_or_create(name=name)
        artist.bio = ARTIST_BIO.format(title=EXHIBITION_TITLE)
        artist.save()
        if spanish:
            ArtistTranslation.objects.update_or_create(
                artist=artist, language="es", defaults={"bio": ARTIST_BIO_ES.format(title=EXHIBITION_TITLE)})
    communities = {}
    for name in COMMUNITIES:
        community, _ = Community.objects.get_or_create(name=name, defaults={"slug": name.lower()})
        community.description = COMMUNITY_NOTE
        community.save()
        if spanish:
            CommunityTranslation.objects.update_or_create(
                community=community, language="es", defaults={"description": COMMUNITY_NOTE_ES})
        communities[name] = community

    created = 0
    for index, sample in enumerate(SAMPLES):
        data = generated_image(index, sample)
        upload = ContentFile(data, name=f"demo-{index + 1:02d}.jpg")
        prepared = intake.prepare(upload, upload.name)
        photo = Photograph.objects.filter(sha256=prepared.sha256).first()
        if photo is None:
            photo = Photograph(file=upload)
            intake.apply(photo, prepared)
            created += 1
        photo.title = sample.title
        photo.alt_text = f"{sample.title.removeprefix('Sample: ').capitalize()}: an abstract generated picture of soft circles on a gradient."
        photo.caption = SAMPLE_NOTE
        photo.kind = sample.kind
        photo.creator_credit = GENERATED_CREDIT
        if sample.date_edtf:
            photo.date_edtf = sample.date_edtf
        photo.place = sample.place
        photo.source = sample.source
        photo.credit_line = sample.credit_line or GENERATED_CREDIT
        photo.rights = sample.rights
        photo.consent = Photograph.Consent.NOT_NEEDED
        photo.save()
        photo.communities.set([communities[name] for name in sample.communities])
        photo.tags.set(list(sample.keywords))
        if spanish:
            translate_into_spanish(photo)
        if progress:
            progress(index + 1, len(SAMPLES))
    return created
