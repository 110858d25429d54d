"""
The site's pages and the traveling exhibition: the home page, exhibitions with their ordered
photographs, the venues they travel to, each stop (Showing) with its staff-only logistics, and the
events held during a stop.
"""

import os
import secrets
import uuid
from datetime import time, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _, gettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet, PageViewRestriction
from wagtail.search import index

from gallery import browse, languages, words
from gallery.base_url import absolute, page_url
from gallery.community_chooser import CommunityChooser
from gallery.imaging.sizes import PRESETS, picture_specs
from gallery.models import Community, Photograph, Translation
from gallery.translation_panels import TranslationsPanel, language_panel
from gallery.photograph_words import caption_or_own
from gallery.slugs import SlugFromName
from gallery.social import page_meta, social_image_url

from . import calendar_links, event_text, jsonld, presenters, time_zones
from .blocks import ExhibitionBodyBlock
from .forms import ExhibitionPageForm
from .itinerary import CURRENT, PAST, UPCOMING, exhibitions_by_status, itinerary, showing_state
from .panels import SETTINGS_PANELS
from .widgets import TimeZoneInput

# How many stops the home page lists under "Coming next".
COMING_NEXT = 3


class HomePage(languages.ServedInEveryLanguage, Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    featured_count = models.PositiveSmallIntegerField(default=8, help_text="How many recent photographs to show.")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("featured_count")]
    settings_panels = SETTINGS_PANELS
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["on_now_sections"] = self.on_now_sections(timezone.now(), request)
        photos = list(browse.public_photographs().order_by("-created_at", "-pk")[: self.featured_count])
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
            meta=page_meta(
                request, self.seo_title or self.title, self.description(), photo=photos[0] if photos else None
            ),
        )
        return context

    @staticmethod
    def last_shown(showings, now):
        """The last stops shown, latest first, one per exhibition (a tour's earlier stops are not news)."""
        stops, seen = [], set()
        # Streamed and stopped early: one query, however many stops the archive has shown.
        for showing in showings.order_by("-closes", "-opens", "-pk").iterator(chunk_size=20):
            if showing.exhibition_id in seen or showing_state(showing, now) != PAST:
                continue
            seen.add(showing.exhibition_id)
            stops.append(showing)
            if len(stops) == COMING_NEXT:
                break
        return stops

    def on_now_sections(self, now, request=None):
        """What the home page leads with: every stop open today (in its venue's time zone), then the
        next to open; when nothing is on or coming, the stops shown last."""
        # A venue's today is within a day or so of the site's (time zones span 26 hours): closes two
        # days back keeps every candidate; each stop is then judged by its own venue's date.
        recent = timezone.localdate(now) - timedelta(days=2)
        shown = Showing.objects.public().select_related("venue", "exhibition__locale")
        showings = list(shown.filter(closes__gte=recent).order_by("opens", "closes", "pk"))
        current = [showing for showing in showings if showing_state(showing, now) == CURRENT]
        coming = [showing for showing in showings if showing_state(showing, now) == UPCOMING][:COMING_NEXT]
        # Between tours the home page still leads with exhibitions: the last stops shown, latest first.
        past = [] if current or coming else self.last_shown(shown, now)
        # What opens next is the lead only when nothing is on; under what is on it is a short line each.
        leading = current or coming or past
        hero_ids = {showing.exhibition.hero_image_id for showing in leading if showing.exhibition.hero_image_id}
        heroes = {}
        if hero_ids:
            public_heroes = Photograph.objects.public().filter(pk__in=hero_ids)
            heroes = {photo.pk: photo for photo in public_heroes.prefetch_renditions(*picture_specs(PRESETS["grid"])).with_words()}

        def rows(stops, when):
            return [presenters.on_now_row(s, when(s), s in leading, heroes, request) for s in stops]

        sections = [
            ("now-showing", _("Now showing"), rows(current, lambda s: _("until %(date)s") % {"date": event_text.long_date(s.closes)})),
            ("coming-next", _("Coming next"), rows(coming, lambda s: _("opens %(date)s") % {"date": event_text.long_date(s.opens)})),
            ("recently-shown", _("Recently shown"), rows(past, lambda s: _("ended %(date)s") % {"date": event_text.long_date(s.closes)})),
        ]
        return [{"id": key, "heading": heading, "rows": found} for key, heading, found in sections if found]


    def description(self):
        """What link previews and search results say of the home page."""
        return self.search_description or strip_tags(self.intro) or DEFAULT_SITE_DESCRIPTION


DEFAULT_SITE_DESCRIPTION = "A community photo archive, and the traveling exhibitions made from it."


class Venue(words.TranslatedRecord, SlugFromName, index.Indexed, ClusterableModel):
    """A place an exhibition stops at. Its time zone decides what "today" and "7 pm" mean there."""

    slug_fallback = "venue"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, blank=True, help_text="Leave blank to make one from the name.")
    street_address = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=120, blank=True)
    state = models.CharField(max_length=60, blank=True, help_text="e.g. MO")
    postal_code = models.CharField(max_length=20, blank=True)
    time_zone = models.CharField(
        max_length=64, default=time_zones.DEFAULT, validators=[time_zones.validate_time_zone],
        help_text="IANA time zone name, e.g. America/Chicago.",
    )
    website = models.URLField(blank=True)
    hours = models.TextField(blank=True, help_text="Opening hours as visitors should read them.")
    accessibility_notes = models.TextField(blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="venues",
        help_text="Venue staff who see this venue's schedule and logistics. Add them to the “Venue staff” group too.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("street_address"), FieldRowPanel([FieldPanel("city"), FieldPanel("state"), FieldPanel("postal_code")])],
            heading="Address",
        ),
        FieldPanel("time_zone", widget=TimeZoneInput(), help_text=(
            "Type to search, e.g. Chicago or New York; US zones come first. Stored as the IANA name (America/Chicago)."
        )),
        FieldPanel("website"),
        FieldPanel("hours"),
        FieldPanel("accessibility_notes"),
        TranslationsPanel(heading="Hours and access in other languages", label="Translation"),
        FieldPanel("staff"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("city"), index.AutocompleteField("name")]
    translated_fields = ("hours", "accessibility_notes")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exhibit:venue", args=[self.slug])

    @property
    def zone(self):
        return time_zones.zone(self.time_zone)

    @property
    def locality(self):
        """"Springfield, MO 65806" as an envelope has it (parts that are blank are left out)."""
        region = " ".join(part for part in (self.state, self.postal_code) if part)
        return ", ".join(part for part in (self.city, region) if part)

    def summary(self):
        """The venue's line for link previews: "Exhibitions and events at <name>, <street>, <city>, <state>."."""
        place = ", ".join(part for part in (self.name, self.street_address, self.locality) if part)
        return _("Exhibitions and events at %(place)s.") % {"place": place}

    def page_context(self, now):
        """What the venue's public page shows: its public stops by state, their JSON-LD, a preview picture."""
        showings = list(Showing.objects.public().for_listing().filter(venue=self))
        rows = [presenters.showing_row(showing, now) for showing in showings]
        heroes = ExhibitionPage.public_heroes(showing.exhibition for showing in showings)
        images = {pk: social_image_url(photo) for pk, photo in heroes.items()}
        return {
            "venue": self,
            "words": self.words(),
            # The latest stop's exhibition first: what the venue shows now or showed last.
            "lead_photo": ExhibitionPage.lead_photo([showing.exhibition for showing in showings[::-1]], heroes),
            "sections": [
                (_("Now showing"), [row for row in rows if row["state"] == CURRENT]),
                (_("Coming up"), [row for row in rows if row["state"] == UPCOMING]),
                (_("Past showings"), [row for row in rows if row["state"] == PAST][::-1]),
            ],
            "jsonld": jsonld.script_tag(
                jsonld.graph(
                    jsonld.exhibition_event(
                        showing, page_url(showing.exhibition), images.get(showing.exhibition.pk, "")
                    )
                    for showing in showings
                )
            ),
        }


class ExhibitionIndexPage(languages.ServedInEveryLanguage, Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    settings_panels = SETTINGS_PANELS
    max_count = 1
    subpage_types = ["exhibit.ExhibitionPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        groups = exhibitions_by_status(ExhibitionPage.objects.public().specific(), now)

        def entries(pairs):
            return [
                {
                    "page": page,
                    "status_line": presenters.status_line(plan, now),
                    "stops": [presenters.showing_row(s, now) for s in plan.stops],
                }
                for page, plan in pairs
            ]

        context["groups_list"] = [
            (_("Now showing"), entries(groups.current)),
            (_("Coming up"), entries(groups.upcoming)),
            (_("Past exhibitions"), entries(groups.past)),
        ]
        context["calendar"] = calendar_links.site(request)
        context["meta"] = page_meta(
            request, self.seo_title or self.title, self.search_description or strip_tags(self.intro),
            photo=ExhibitionPage.lead_photo(
                page for pairs in (groups.current, groups.upcoming, groups.past) for page, _ in pairs
            ),
            canonical_path=self.get_url(request),
        )
        return context


class ExhibitionPageQuerySet(PageQuerySet):
    def public(self):
        """Live exhibitions outside any private section (what Wagtail's `.live().public()` gives).

        Written as one lazy query rather than Wagtail's `public()`, which reads every view restriction
        up front: the gallery's exhibition facet uses this as a subquery several times per request.
        """
        return self.one_per_exhibition(self.visible())

    def visible(self):
        restricted_above = PageViewRestriction.objects.filter(
            # The restricted page is this page or one of its ancestors: its path is a prefix of ours.
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return self.live().exclude(Exists(restricted_above))

    def one_per_exhibition(self, pages):
        """Each exhibition once, whatever languages it is translated into: the active language's
        version where there is a visible one, else the default language's.

        A translation is a copy of the page with its own stops and events: without this, listings,
        feeds and the open data would show every exhibition once per language.
        """
        active, default = languages.active_content_language(), languages.default_content_language()
        if active == default:
            return pages.filter(locale__language_code=default)
        translated = self.model.objects.visible().filter(
            translation_key=OuterRef("translation_key"), locale__language_code=active
        )
        return pages.filter(Q(locale__language_code=active) | Q(locale__language_code=default) & ~Exists(translated))


class ExhibitionPage(languages.ServedInEveryLanguage, Page):
    summary = models.TextField(help_text="One or two sentences: what the exhibition is about.")
    hero_image = models.ForeignKey(
        "gallery.Photograph", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Shown large at the top; only shown if the photograph is public.",
    )
    body = StreamField(ExhibitionBodyBlock(), blank=True)
    featured_artists = ParentalManyToManyField("gallery.Artist", blank=True, related_name="featured_in_exhibitions")
    communities = ParentalManyToManyField("gallery.Community", blank=True, related_name="exhibitions")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body", help_text=(
            "The exhibition's text. Its photograph blocks are for pictures that illustrate the text and are "
            "not among the exhibited works; the works themselves go in “Photographs in the exhibition” below."
        )),
        InlinePanel(
            "exhibition_photographs", label="Photograph", heading="Photographs in the exhibition",
            help_text=(
                "The exhibited works, in order, with this exhibition's captions: they make the page's gallery, "
                "its print, its IIIF manifest and previous/next between photographs. A photograph here should "
                "not also be put in the body, or it shows twice."
            ),
        ),
        FieldPanel("featured_artists"),
        FieldPanel("communities", widget=CommunityChooser),
        InlinePanel(
            "showings", label="Stop", heading="Itinerary",
            help_text="Each stop of the tour. Logistics are seen only by curators and that venue's staff.",
        ),
    ]
    settings_panels = SETTINGS_PANELS
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["exhibit.HomePage", "exhibit.ExhibitionIndexPage"]
    subpage_types = []

    # Validation across the itinerary (overlapping stops) needs every stop at once: the page form.
    base_form_class = ExhibitionPageForm

    objects = PageManager.from_queryset(ExhibitionPageQuerySet)()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        plan = itinerary(self.stops_with_events(), now)
        url = page_url(self, request)
        hero = self.public_hero()
        photos = self.public_photographs()
        meta = page_meta(
            request, self.seo_title or self.title, self.search_description or self.summary,
            photo=hero or (photos[0]["photo"] if photos else None), canonical_path=self.get_url(request),
        )
        context.update(
            plan=plan,
            status_line=presenters.status_line(plan, now),
            stops=[presenters.showing_row(showing, now) for showing in plan.stops],
            hero=hero,
            exhibition_photos=photos,
            featured_artists=list(self.featured_artists.all()),
            communities=list(self.communities.all()),
            calendar_url=self.calendar_url(),
            calendar=calendar_links.exhibition(request, self),
            jsonld=jsonld.script_tag(
                jsonld.graph(jsonld.exhibition_event(showing, url, meta.get("image", "")) for showing in plan.stops)
            ),
            iiif_manifest=self.manifest_url(request),
            meta=meta,
        )
        return context

    def body_photograph_ids(self):
        """Ids of the photographs the body's blocks show (a single photograph or a sequence)."""
        ids = []
        for block in self.body:
            if block.block_type == "photograph" and block.value.get("photograph"):
                ids.append(block.value["photograph"].pk)
            elif block.block_type == "photo_sequence":
                ids += [item["photograph"].pk for item in block.value.get("photographs") or [] if item.get("photograph")]
        return ids

    def photographs_shown_twice(self):
        """Photographs both in the body and among the exhibited works."""
        on_the_wall = {item.photograph_id: item.photograph for item in self.exhibition_photographs.select_related("photograph")}
        return [on_the_wall[pk] for pk in dict.fromkeys(self.body_photograph_ids()) if pk in on_the_wall]

    def photograph_link_query(self):
        """The query a photograph link carries so its page steps through the exhibition in its order."""
        return urlencode({"exhibition": self.pk})

    def public_photographs(self):
        """The exhibition's photographs in order, with per-exhibition captions; non-public ones left out."""
        items = list(self.exhibition_photographs.all())
        ids = [item.photograph_id for item in items]
        public = {
            photo.pk: photo
            for photo in Photograph.objects.public()
            .filter(pk__in=ids)
            .select_related("artist")
            .prefetch_renditions(*picture_specs(PRESETS["grid"]))
            .with_words()
        }
        link_query = "?" + self.photograph_link_query()
        own_language = languages.language_of(self)
        return [
            {
                "photo": public[item.photograph_id],
                "caption": caption_or_own(public[item.photograph_id], item.caption, own_language),
                "url": public[item.photograph_id].get_absolute_url() + link_query,
            }
            for item in items
            if item.photograph_id in public
        ]

    @staticmethod
    def public_heroes(exhibitions):
        """{exhibition pk: its hero photograph} for the exhibitions whose hero is public (one query)."""
        exhibitions = list(exhibitions)
        hero_ids = {page.hero_image_id for page in exhibitions if page.hero_image_id}
        public = {photo.pk: photo for photo in Photograph.objects.public().filter(pk__in=hero_ids)} if hero_ids else {}
        return {page.pk: public[page.hero_image_id] for page in exhibitions if page.hero_image_id in public}

    @staticmethod
    def lead_photo(exhibitions, heroes=None):
        """The first public hero of these exhibitions, in their order: a listing page's link-preview picture."""
        exhibitions = list(exhibitions)
        heroes = ExhibitionPage.public_heroes(exhibitions) if heroes is None else heroes
        return next((heroes[page.pk] for page in exhibitions if page.pk in heroes), None)

    def public_hero(self):
        if not self.hero_image_id:
            return None
        hero = Photograph.objects.public().filter(pk=self.hero_image_id)
        return hero.prefetch_renditions(*picture_specs(PRESETS["wide"])).with_words().first()

    def calendar_url(self):
        return reverse("exhibit:exhibition_calendar", args=[self.slug])

    def manifest_url(self, request):
        """The absolute URL of the exhibition's IIIF manifest, or "" where the manifest would answer 404."""
        if request is None or not ExhibitionPage.objects.public().filter(pk=self.pk).exists():
            return ""
        return absolute(reverse("exhibit:iiif_exhibition_manifest", args=[self.slug]))

    def stops_with_events(self):
        """The stops with their venues, events and speakers in three queries, not two per stop and one
        per event; a preview's stops (in memory, from the revision) as they are."""
        showings = self.showings.all()
        if isinstance(showings, models.QuerySet):
            showings = showings.select_related("venue").prefetch_related("events__speaker_artists")
        return showings

    def ordered_showings(self):
        return sorted(self.showings.all(), key=lambda showing: (showing.opens or timezone.now().date(), showing.pk or 0))


class ExhibitionPhotographQuerySet(models.QuerySet):
    def of_public(self, photographs=None):
        """Items whose photograph is public (and among `photographs`, a Photograph queryset, if given).

        Tested item by item (EXISTS on the photograph's pk), so an exhibition's few dozen items cost as
        many index lookups; `photograph__in=<public photographs>` lets the planner list every public
        photograph of the selection first, most of the archive.
        """
        photos = (Photograph.objects.all() if photographs is None else photographs).public()
        return self.filter(Exists(photos.filter(pk=OuterRef("photograph_id"))))


class ExhibitionPhotograph(Orderable):
    page = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="exhibition_photographs")
    photograph = models.ForeignKey("gallery.Photograph", on_delete=models.CASCADE, related_name="exhibition_items")
    caption = models.TextField(blank=True, help_text="This exhibition's caption; leave blank to use the archive's.")

    objects = ExhibitionPhotographQuerySet.as_manager()

    panels = [FieldPanel("photograph"), FieldPanel("caption")]

    def __str__(self):
        return f"{self.photograph} in {self.page}"


class VenueTranslation(Translation):
    venue = ParentalKey(Venue, on_delete=models.CASCADE, related_name="translations")
    hours = models.TextField(blank=True)
    accessibility_notes = models.TextField(blank=True)

    translated_fields = Venue.translated_fields
    panels = [language_panel(), FieldPanel("hours"), FieldPanel("accessibility_notes")]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["venue", "language"], name="one_venue_translation_per_language")]
        ordering = ["venue", "language"]


class ShowingQuerySet(models.QuerySet):
    def public(self):
        """Stops of public exhibitions (their logistics are still never for the public)."""
        return self.filter(exhibition__in=ExhibitionPage.objects.public())

    def for_listing(self):
        """In date order, with what an itinerary row shows."""
        return (
            self.select_related("venue", "exhibition__locale")
            .prefetch_related("events__speaker_artists")
            .order_by("opens", "closes", "pk")
        )


class Showing(Orderable, ClusterableModel):
    """One stop of a tour. Everything below the public dates is logistics, for staff eyes only."""

    objects = ShowingQuerySet.as_manager()

    exhibition = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="showings")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="showings")
    opens = models.DateField()
    closes = models.DateField()

    # Logistics (staff only: never on a public page, feed or JSON-LD)
    deliver_by = models.DateField(null=True, blank=True)
    install_from = models.DateField(null=True, blank=True)
    pack_by = models.DateField(null=True, blank=True)
    insurance_from = models.DateField("insurance from", null=True, blank=True)
    insurance_until = models.DateField("insurance until", null=True, blank=True)
    venue_contact = models.TextField(blank=True, help_text="Name, phone, email of the person at the venue.")
    crate_list = models.TextField(blank=True, help_text="One crate per line.")
    logistics_notes = models.TextField("notes", blank=True)

    panels = [
        FieldPanel("venue"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        MultiFieldPanel(
            [
                HelpPanel(content="Staff only: never shown on public pages or public calendars."),
                FieldRowPanel([FieldPanel("deliver_by"), FieldPanel("install_from"), FieldPanel("pack_by")]),
                FieldRowPanel([FieldPanel("insurance_from"), FieldPanel("insurance_until")]),
                FieldPanel("venue_contact"),
                FieldPanel("crate_list"),
                FieldPanel("logistics_notes"),
                HelpPanel(content=(
                    "The checklist (pre-exhibit form, condition report on arrival, final report) is ticked "
                    "by the venue's staff on their schedule, with the filled form attached; curators see "
                    "it on the dashboard."
                )),
            ],
            heading="Logistics",
        ),
        InlinePanel("events", label="Event", heading="Events at this stop"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "showing"

    def __str__(self):
        venue = self.venue.name if self.venue_id else "?"
        return f"{self.exhibition.title if self.exhibition_id else 'Exhibition'} at {venue}"

    def clean(self):
        errors = {}
        if self.opens and self.closes and self.closes < self.opens:
            errors["closes"] = "The showing closes before it opens: the closing date must be on or after the opening date."
        if self.insurance_from and self.insurance_until and self.insurance_until < self.insurance_from:
            errors["insurance_until"] = "The insurance window ends before it starts."
        if errors:
            raise ValidationError(errors)

    def logistics_warnings(self):
        """Dates that are probably typos but may be right (a late delivery agreed by phone): said, not refused."""
        warnings = []

        def check(day, label, wrong, sentence):
            if day and wrong(day):
                warnings.append(f"{label} ({event_text.long_date(day)}) {sentence}")

        if self.opens and self.closes:
            check(self.deliver_by, "Deliver by", lambda d: d > self.opens, "is after the opening.")
            check(self.install_from, "Install from", lambda d: d > self.opens, "is after the opening.")
            check(self.install_from, "Install from", lambda d: self.deliver_by and d < self.deliver_by,
                  "is before the delivery.")
            check(self.pack_by, "Pack by", lambda d: d < self.closes, "is before the closing.")
            check(self.insurance_from, "Insurance from", lambda d: d > (self.deliver_by or self.opens),
                  "is after the exhibition arrives: the works travel uninsured.")
            check(self.insurance_until, "Insurance until", lambda d: d < (self.pack_by or self.closes),
                  "is before the exhibition is packed: the works stay uninsured.")
        return warnings

    def overlaps(self, other):
        return self.opens <= other.closes and other.opens <= self.closes

    def due_dates(self):
        """{checklist item: the date it is due}: the form before delivery, the condition report once the
        crates have arrived, the final report when the show is packed."""
        return {
            ChecklistItem.PRE_EXHIBIT_FORM: self.deliver_by or self.install_from or self.opens,
            ChecklistItem.CONDITION_REPORT: self.install_from or self.deliver_by or self.opens,
            ChecklistItem.FINAL_REPORT: self.pack_by or self.closes,
        }

    @property
    def checklist(self):
        """One row per checklist item, in order, whether ticked or not."""
        entries = {entry.item: entry for entry in self.checklist_entries.all()}
        due = self.due_dates()
        return [ChecklistRow(ChecklistItem(item), entries.get(item), due[item]) for item in ChecklistItem.values]

    @property
    def logistics_dates(self):
        """(label, date) pairs a venue plans around, for the staff schedule and the staff feed."""
        pairs = [
            ("Deliver by", self.deliver_by),
            ("Install from", self.install_from),
            ("Insurance from", self.insurance_from),
            ("Insurance until", self.insurance_until),
            ("Pack by", self.pack_by),
        ]
        return [(label, value) for label, value in pairs if value]

    def ordered_events(self):
        return sorted(self.events.all(), key=lambda event: event.sort_key)


class ChecklistItem(models.TextChoices):
    PRE_EXHIBIT_FORM = "pre_exhibit_form", "Pre-exhibit form received"
    CONDITION_REPORT = "condition_report", "Condition report on arrival"
    FINAL_REPORT = "final_report", "Final report"


class ChecklistRow:
    """A checklist item of one showing as the schedule and the dashboard show it."""

    def __init__(self, item, entry, due):
        self.item, self.entry, self.due = item, entry, due

    @property
    def label(self):
        return self.item.label

    @property
    def done(self):
        return self.entry is not None

    def __iter__(self):  # (label, done), as the staff feed lists it
        return iter((self.label, self.done))


def checklist_upload_to(entry, filename):
    # A random name: the venue's file name can carry a person's name, and nothing guesses this one.
    extension = os.path.splitext(filename)[1].lower()
    return f"venue-reports/{entry.showing_id}/{uuid.uuid4().hex}{extension}"


class ChecklistEntryQuerySet(models.QuerySet):
    def at(self, venues):
        return self.filter(showing__venue__in=venues)


class ChecklistEntry(models.Model):
    """A ticked checklist item of a showing: who ticked it, when, and the filled form or report.

    Kept apart from Showing on purpose: a showing is part of its page's revisions, so a tick stored on
    it would be undone the next time a curator published an older draft of the page."""

    showing = models.ForeignKey(Showing, on_delete=models.CASCADE, related_name="checklist_entries")
    item = models.CharField(max_length=32, choices=ChecklistItem.choices)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    done_at = models.DateTimeField(default=timezone.now)
    # Private: never under a public URL; served only by exhibit.staff_views.checklist_file.
    attachment = models.FileField(upload_to=checklist_upload_to, blank=True, max_length=255)
    attachment_type = models.CharField(max_length=64, blank=True)
    attachment_uploaded_at = models.DateTimeField(null=True, blank=True)

    objects = ChecklistEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "checklist entry"
        verbose_name_plural = "checklist entries"
        constraints = [models.UniqueConstraint(fields=["showing", "item"], name="one_entry_per_checklist_item")]
        ordering = ["-done_at"]

    def __str__(self):
        return f"{self.get_item_display()}: {self.showing}"

    @property
    def done_by_name(self):
        if self.done_by is None:
            return "someone no longer on the archive"
        return self.done_by.get_full_name() or self.done_by.get_username()

    def get_attachment_url(self):
        return reverse("exhibit:checklist_file", args=[self.pk]) if self.attachment else ""

class EventQuerySet(models.QuerySet):
    def public(self):
        """Events of public exhibitions' stops."""
        return self.filter(showing__in=Showing.objects.public())

    def for_listing(self):
        """In date and time order, with what an event row shows."""
        return (
            self.select_related("showing__venue", "showing__exhibition__locale")
            .prefetch_related("speaker_artists")
            .order_by("date", "start_time", "pk")
        )


class Event(Orderable, ClusterableModel):
    objects = EventQuerySet.as_manager()

    class Kind(models.TextChoices):
        OPENING_RECEPTION = "opening_reception", gettext_lazy("Opening reception")
        CLOSING_RECEPTION = "closing_reception", gettext_lazy("Closing reception")
        GALLERY_TALK = "gallery_talk", gettext_lazy("Gallery talk")
        ARTIST_TALK = "artist_talk", gettext_lazy("Artist talk")
        FILM_SCREENING = "film_screening", gettext_lazy("Film screening")
        CULTURAL_EVENT = "cultural_event", gettext_lazy("Cultural event")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", gettext_lazy("Scheduled")
        TENTATIVE = "tentative", gettext_lazy("Tentative")
        CANCELLED = "cancelled", gettext_lazy("Cancelled")
        RESCHEDULED = "rescheduled", gettext_lazy("Rescheduled")

    showing = ParentalKey(Showing, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=255, blank=True, help_text="Leave blank to use the kind, e.g. “Opening reception”.")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True, help_text="Leave both times blank for “Time TBA”.")
    end_time = models.TimeField(null=True, blank=True)
    speaker_artists = ParentalManyToManyField("gallery.Artist", blank=True, related_name="speaking_at", verbose_name="speakers (artists)")
    speakers = models.CharField("speakers (free text)", max_length=255, blank=True)
    description = models.TextField(blank=True)
    rsvp_url = models.URLField("RSVP link", blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    previous_date = models.DateField(null=True, blank=True, help_text="For a rescheduled event: the date it was first set for.")

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("previous_date")]),
        FieldPanel("speaker_artists"),
        FieldPanel("speakers"),
        FieldPanel("description"),
        FieldPanel("rsvp_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "event"

    def __str__(self):
        return self.display_title

    def clean(self):
        errors = {}
        if self.end_time and not self.start_time:
            errors["start_time"] = "An end time needs a start time. Leave both blank for “Time TBA”."
        elif self.end_time and self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = "The event ends before it starts: the end time must be after the start time."
        if self.status == self.Status.RESCHEDULED and not self.previous_date:
            errors["previous_date"] = "A rescheduled event needs the date it was first set for."
        if errors:
            raise ValidationError(errors)

    @property
    def display_title(self):
        return self.title or str(self.get_kind_display())

    @property
    def time_tba(self):
        return self.start_time is None

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def sort_key(self):
        return (self.date, self.start_time or time(0), self.pk or 0)

    @property
    def speaker_names(self):
        names = [artist.name for artist in self.speaker_artists.all()]
        if self.speakers:
            names.append(self.speakers)
        return names


class FeedToken(models.Model):
    """The secret in a venue-staff calendar URL. Revoking it makes the URL answer 404 at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="schedule_feed_tokens")
    key = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Schedule feed of {self.user}"

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    @property
    def active(self):
        return self.revoked_at is None

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])

    def get_absolute_url(self):
        return reverse("exhibit:staff_feed", args=[self.key])


class PasswordAttempts(models.Model):
    """
    Failed password attempts for one key (a username, an email address, a page restriction, a client
    address) in the current window. In the database, so every process and server counts the same
    attempts: a per-process cache would give each worker its own five tries.
    """

    key = models.CharField(max_length=100, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started = models.DateTimeField()

    class Meta:
        verbose_name_plural = "password attempts"

    def __str__(self):
        return f"{self.failures} failures for {self.key}"
