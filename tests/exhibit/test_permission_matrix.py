"""
Anonymous, venue staff, curator and superuser, times every URL pattern the project has.

The routes are read from the URL configuration: a route this file has no expectation for fails the
test, so a new route cannot slip past it. Public routes have exact expectations, including for
photographs that are unpublished, consent-pending, consent-withheld or in a private collection;
admin routes follow rules (what an anonymous visitor and venue staff may reach at all).
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from exhibit.models import Event, ExhibitionIndexPage, ExhibitionPage, FeedToken, Showing, Venue
from gallery.models import Artist, Community, Photograph

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("matrix")]

ROLES = ("anonymous", "venue staff", "curator", "superuser")
EVERYONE = (200, 200, 200, 200)
NOBODY = (404, 404, 404, 404)
GONE_FOR_ALL_BUT_CURATORS = (404, 404, 200, 200)
LOGIN_REQUIRED = (302, 200, 200, 200)
POST_ONLY = (405, 405, 405, 405)
SEE_OTHER = (303, 303, 303, 303)

# Admin pages an anonymous visitor may open: signing in and resetting a password.
ANONYMOUS_ADMIN_OK = {
    "wagtailadmin_login", "wagtailadmin_password_reset", "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm", "wagtailadmin_password_reset_complete",
    "wagtailadmin_sprite", "wagtailadmin_javascript_catalog",
}
# Admin pages venue staff may open (reviewed): their dashboard and account, and Wagtail's generic
# choosers of public-facing things. Nothing that lists or edits photographs, pages or documents (the
# page and document choosers name drafts and collections), and no editing at all. Tag autocomplete
# answers them, with keywords of public photographs only (checked by the disclosure test below).
VENUE_STAFF_ADMIN_OK = ANONYMOUS_ADMIN_OK | {
    "admin/test404/",  # Wagtail's own "what does the 404 page look like" page: shows nothing of ours
    "wagtailadmin_home", "wagtailadmin_account", "wagtailadmin_dismissibles", "wagtailadmin_tag_autocomplete",
    "wagtailadmin_pages:confirm_workflow_cancellation",
    "wagtailadmin_choose_page_external_link",
    "wagtailadmin_choose_page_email_link", "wagtailadmin_choose_page_phone_link",
    "wagtailadmin_choose_page_anchor_link", "wagtailadmin_workflows:task_chooser",
    "wagtailadmin_workflows:task_chooser_results", "wagtailadmin_workflows:task_chooser_create",
    "wagtailadmin_workflows:task_chosen", "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:site_history_results", "wagtailembeds:chooser", "wagtailembeds:chooser_upload",
    *(f"wagtailsnippetchoosers_{model}:{view}" for model in ("exhibit_venue", "gallery_artist", "gallery_community")
      for view in ("choose", "choose_results", "chosen", "chosen_multiple")),
}
# Wagtail's own "does the error page work" view answers 500 on purpose.
DELIBERATE_ERRORS = {"wagtailadmin_error_test"}


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name, pattern


def route_key(route, name):
    return name or route


@pytest.fixture
def world(django_user_model):
    call_command("load_demo", verbosity=0)
    users = {
        "anonymous": None,
        "venue staff": django_user_model.objects.get(username="springfield-staff"),
        "curator": django_user_model.objects.get(username="curator"),
        "superuser": django_user_model.objects.get(username="admin"),
    }
    public = Photograph.objects.public().first()
    hidden = {}
    for label, change in (
        ("unpublished", {"is_published": False}),
        ("consent pending", {"consent": Photograph.Consent.PENDING}),
        ("consent withheld", {"consent": Photograph.Consent.WITHHELD}),
        ("no alt text", {"alt_text": ""}),
    ):
        photo = Photograph.objects.public().exclude(pk__in=[public.pk, *[p.pk for p in hidden.values()]]).first()
        # A title found nowhere else, so a response that names the photograph is caught by its bytes.
        Photograph.objects.filter(pk=photo.pk).update(title=f"Hidden {label} photograph title", **change)
        photo.refresh_from_db()
        hidden[label] = photo
    private = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    photo = Photograph.objects.public().exclude(pk__in=[public.pk, *[p.pk for p in hidden.values()]]).first()
    Photograph.objects.filter(pk=photo.pk).update(collection=private, title="Hidden private collection photograph title")
    photo.refresh_from_db()
    hidden["private collection"] = photo
    # A keyword only a withheld photograph carries.
    hidden["consent withheld"].tags.add("zqhiddenkeyword")

    exhibition = ExhibitionPage.objects.live().first()
    draft = exhibition.get_parent().add_child(instance=ExhibitionPage(title="Draft show", slug="draft-show",
                                                                       summary="Not yet.", live=False))
    protected = exhibition.get_parent().add_child(instance=ExhibitionPage(title="Password show", slug="password-show",
                                                                           summary="Members only."))
    PageViewRestriction.objects.create(page=protected, restriction_type="password", password="letmein")
    active = FeedToken.objects.create(user=users["venue staff"])
    revoked = FeedToken.objects.create(user=users["venue staff"])
    revoked.revoke()
    return {
        "users": users, "public": public, "hidden": hidden, "exhibition": exhibition, "draft": draft,
        "protected": protected,
        "venue": Venue.objects.first(), "artist": Artist.objects.first(),
        "community": Community.objects.filter(photographs__isnull=False).first(),
        "index": ExhibitionIndexPage.objects.first(), "active": active, "revoked": revoked,
    }


def rendition_url(photo):
    return photo.get_rendition("max-400x400|format-jpeg").url


def public_cases(w):
    """Route -> [(what, url, expected statuses for anonymous, venue staff, curator, superuser)]."""
    public, hidden = w["public"], w["hidden"]
    ident = public.iiif_identifier

    def per_hidden(url_of, expected=NOBODY):
        return [(f"{label} photograph", url_of(photo), expected) for label, photo in hidden.items()]

    tile = "full/max/0/default.jpg"
    return {
        "wagtail_serve": [
            ("home", "/", EVERYONE),
            ("exhibition", w["exhibition"].url, EVERYONE),
            ("exhibition index", w["index"].url, EVERYONE),
            ("draft exhibition", "/draft-show/", NOBODY),
        ],
        "gallery:index": [("gallery", reverse("gallery:index"), EVERYONE),
                          ("filtered", reverse("gallery:index") + "?kind=historical", EVERYONE)],
        "gallery:photograph": [("public", public.get_absolute_url(), EVERYONE),
                               *per_hidden(lambda p: p.get_absolute_url())],
        "gallery:artist": [("artist", w["artist"].get_absolute_url(), EVERYONE),
                           ("unknown", reverse("gallery:artist", args=["nobody"]), NOBODY)],
        "gallery:community": [("community", w["community"].get_absolute_url(), EVERYONE),
                              ("unknown", reverse("gallery:community", args=["nobody"]), NOBODY)],
        "gallery:rendition_file": [
            ("public", rendition_url(public), EVERYONE),
            *per_hidden(rendition_url, GONE_FOR_ALL_BUT_CURATORS),
            ("original guessed", f"/media/renditions/{public.pk}/{public.file.name.split('/')[-1]}", NOBODY),
        ],
        "gallery:iiif_photograph_manifest": [
            ("public", reverse("gallery:iiif_photograph_manifest", args=[ident]), EVERYONE),
            *per_hidden(lambda p: reverse("gallery:iiif_photograph_manifest", args=[p.iiif_identifier])),
        ],
        "gallery:iiif_base": [("public", f"/iiif/3/{ident}", SEE_OTHER),
                              *per_hidden(lambda p: f"/iiif/3/{p.iiif_identifier}")],
        "iiif/3/<str:identifier>/": [("public", f"/iiif/3/{ident}/", SEE_OTHER),
                                     *per_hidden(lambda p: f"/iiif/3/{p.iiif_identifier}/")],
        "gallery:iiif_info": [("public", f"/iiif/3/{ident}/info.json", EVERYONE),
                              *per_hidden(lambda p: f"/iiif/3/{p.iiif_identifier}/info.json")],
        "gallery:iiif_image": [("public", f"/iiif/3/{ident}/{tile}", EVERYONE),
                               ("tile", f"/iiif/3/{ident}/0,0,256,256/256,/0/default.jpg", EVERYONE),
                               *per_hidden(lambda p: f"/iiif/3/{p.iiif_identifier}/{tile}")],
        "exhibit:venue": [("venue", w["venue"].get_absolute_url(), EVERYONE)],
        "exhibit:events": [("events", reverse("exhibit:events"), EVERYONE)],
        "exhibit:exhibition_calendar": [
            ("exhibition", reverse("exhibit:exhibition_calendar", args=[w["exhibition"].slug]), EVERYONE),
            ("draft", reverse("exhibit:exhibition_calendar", args=["draft-show"]), NOBODY),
        ],
        "exhibit:iiif_exhibition_manifest": [
            ("exhibition", reverse("exhibit:iiif_exhibition_manifest", args=[w["exhibition"].slug]), EVERYONE),
            ("draft", reverse("exhibit:iiif_exhibition_manifest", args=["draft-show"]), NOBODY),
        ],
        "exhibit:iiif_exhibition_collection": [("collection", reverse("exhibit:iiif_exhibition_collection"), EVERYONE)],
        "exhibit:venue_calendar": [("venue", reverse("exhibit:venue_calendar", args=[w["venue"].slug]), EVERYONE)],
        "exhibit:site_calendar": [("site", reverse("exhibit:site_calendar"), EVERYONE)],
        "exhibit:event_calendar": [
            ("event", reverse("exhibit:event_calendar", args=[Event.objects.filter(showing__exhibition=w["exhibition"]).first().pk]), EVERYONE),
            ("unknown", reverse("exhibit:event_calendar", args=[99999999]), NOBODY),
        ],
        "gallery:artist_index": [("artists", reverse("gallery:artist_index"), EVERYONE)],
        "gallery:community_index": [("communities", reverse("gallery:community_index"), EVERYONE)],
        "search": [("search", reverse("search") + "?q=Sinanagic", EVERYONE), ("empty", reverse("search"), EVERYONE)],
        "exhibit:staff_schedule": [("schedule", reverse("exhibit:staff_schedule"), LOGIN_REQUIRED)],
        "exhibit:staff_schedule_csv": [("csv", reverse("exhibit:staff_schedule_csv"), LOGIN_REQUIRED)],
        "exhibit:staff_feed_create": [("GET", reverse("exhibit:staff_feed_create"), POST_ONLY)],
        # GET asks "Revoke your calendar link?"; only the POST revokes.
        "exhibit:staff_feed_revoke": [("GET", reverse("exhibit:staff_feed_revoke"), LOGIN_REQUIRED)],
        "exhibit:checklist_tick": [("GET", reverse("exhibit:checklist_tick", args=[1, "final_report"]), POST_ONLY)],
        "exhibit:checklist_file": [("no such file", reverse("exhibit:checklist_file", args=[999999]), (302, 404, 404, 404))],
        "exhibit:staff_feed": [("active token", w["active"].get_absolute_url(), EVERYONE),
                               ("revoked token", w["revoked"].get_absolute_url(), NOBODY),
                               ("guessed token", reverse("exhibit:staff_feed", args=["guess"]), NOBODY)],
        "wagtaildocs_serve": [("no such document", "/documents/1/x.pdf", NOBODY)],
        "wagtaildocs_authenticate_with_password": [("none", "/documents/authenticate_with_password/999/", NOBODY)],
        "wagtailcore_login": [("login", "/_util/login/", EVERYONE)],
        "wagtailcore_authenticate_with_password": [("none", "/_util/authenticate_with_password/1/2/", NOBODY)],
        "sitemap": [("sitemap", "/sitemap.xml", EVERYONE)],
        "sitemap_section": [("photographs", "/sitemap-photographs.xml", EVERYONE),
                            ("no such section", "/sitemap-nothing.xml", NOBODY)],
        "robots_txt": [("robots", "/robots.txt", EVERYONE)],
        "healthz": [("health", "/healthz", EVERYONE)],
        # Open data: the same public() rule; OAI answers its errors with 200 and an error element.
        "opendata:oai": [("identify", "/oai/?verb=Identify", EVERYONE), ("records", "/oai/?verb=ListRecords&metadataPrefix=oai_dc", EVERYONE),
                         ("bad verb", "/oai/?verb=Nope", EVERYONE)],
        "opendata:discovery_collection": [("stream", reverse("opendata:discovery_collection"), EVERYONE)],
        "opendata:discovery_page": [("first page", reverse("opendata:discovery_page", args=[0]), EVERYONE),
                                    ("no such page", reverse("opendata:discovery_page", args=[9999]), NOBODY)],
        "api_v1:api-root": [("root", reverse("api_v1:api-root"), NOBODY)],
        "api_v1:openapi-json": [("openapi", reverse("api_v1:openapi-json"), EVERYONE)],
        "api_v1:photographs": [("list", reverse("api_v1:photographs"), EVERYONE)],
        "api_v1:photograph": [("public", reverse("api_v1:photograph", args=[public.pk]), EVERYONE),
                              *per_hidden(lambda p: reverse("api_v1:photograph", args=[p.pk]))],
        "api_v1:artists": [("list", reverse("api_v1:artists"), EVERYONE)],
        "api_v1:artist": [("artist", reverse("api_v1:artist", args=[public.artist.slug]) if public.artist_id
                           else reverse("api_v1:artists"), EVERYONE),
                          ("unknown", reverse("api_v1:artist", args=["nobody"]), NOBODY)],
        "api_v1:communities": [("list", reverse("api_v1:communities"), EVERYONE)],
        "api_v1:community": [("community", reverse("api_v1:community", args=[w["community"].slug]), EVERYONE),
                             ("unknown", reverse("api_v1:community", args=["nobody"]), NOBODY)],
        "api_v1:exhibitions": [("list", reverse("api_v1:exhibitions"), EVERYONE)],
        "api_v1:exhibition": [("exhibition", reverse("api_v1:exhibition", args=[w["exhibition"].slug]), EVERYONE),
                              ("draft", reverse("api_v1:exhibition", args=["draft-show"]), NOBODY)],
        "api_v1:venues": [("list", reverse("api_v1:venues"), EVERYONE)],
        "api_v1:venue": [("venue", reverse("api_v1:venue", args=[w["venue"].slug]), EVERYONE)],
        "api_v1:events": [("list", reverse("api_v1:events"), EVERYONE)],
    }


def logistics_texts():
    texts = set()
    for showing in Showing.objects.all():
        texts.update(line.strip() for line in (showing.venue_contact + "\n" + showing.crate_list + "\n"
                                               + showing.logistics_notes).splitlines() if len(line.strip()) > 6)
    return texts


def clients(users):
    made = {}
    for role, user in users.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        made[role] = client
    return made


def found_in(response, texts):
    """Which of `texts` the response's body contains."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return [text for text in texts if text.encode() in body]


def admin_url(route, name, pattern, w, pk=None):
    """The route's URL with its ids filled: `pk`, or a public photograph or page by default."""
    kwargs = {}
    for key, converter in getattr(pattern.pattern, "converters", {}).items():
        if type(converter).__name__ == "IntConverter":
            default = w["public"].pk if "image" in route else (w["exhibition"].pk if "page" in route else 1)
            kwargs[key] = pk or default
        else:
            kwargs[key] = {"app_label": "exhibit", "model_name": "venue"}.get(key, "1")
    return reverse(name, kwargs=kwargs)


def test_every_route_answers_each_kind_of_visitor_as_expected(world):
    cases = public_cases(world)
    # The staff feed's secret URL is its login: it carries that venue's logistics by design.
    token_protected = {"exhibit:staff_feed"}
    routes = list(walk(get_resolver().url_patterns))
    public_routes = {route_key(route, name) for route, name, _ in routes if not route.startswith("admin/")}
    assert public_routes == set(cases), (
        f"routes with no expectations here: {sorted(public_routes - set(cases))}; "
        f"expectations for routes that no longer exist: {sorted(set(cases) - public_routes)}"
    )
    by_role = clients(world["users"])
    secrets = logistics_texts()
    assert secrets, "the demo should have logistics to look for"
    failures = []
    for key, rows in cases.items():
        for what, url, expected in rows:
            for role, status in zip(ROLES, expected):
                response = by_role[role].get(url)
                if response.status_code != status:
                    failures.append(f"{key} [{what}] {url} as {role}: {response.status_code}, expected {status}")
                elif role == "anonymous" and status == 200 and key not in token_protected:
                    leaked = found_in(response, secrets)
                    if leaked:
                        failures.append(f"{key} {url}: logistics visible to the public: {leaked[:2]}")
    assert not failures, "\n".join(failures)


def test_admin_routes_keep_the_public_and_venue_staff_out(world):
    by_role = clients(world["users"])
    failures = []
    for route, name, pattern in walk(get_resolver().url_patterns):
        if not route.startswith("admin/") or name in DELIBERATE_ERRORS:
            continue
        try:
            # Unnamed routes (Wagtail has one, admin/test404/) are requested by their literal path.
            url = admin_url(route, name, pattern, world) if name else "/" + route
        except Exception:  # noqa: BLE001  (a regex route reverse() cannot fill: judged by its siblings)
            continue
        name = name or route
        statuses = {role: by_role[role].get(url).status_code for role in ROLES}
        if statuses["anonymous"] == 200 and name not in ANONYMOUS_ADMIN_OK:
            failures.append(f"{url} ({name}) is open to anonymous visitors")
        if statuses["venue staff"] == 200 and name not in VENUE_STAFF_ADMIN_OK:
            failures.append(f"{url} ({name}) is open to venue staff")
        for role in ("curator", "superuser"):
            if statuses[role] >= 500:
                failures.append(f"{url} ({name}) fails with {statuses[role]} for a {role}")
    assert not failures, "\n".join(failures)


def test_venue_staff_cannot_list_or_edit_photographs_or_exhibitions(world):
    staff = clients(world["users"])["venue staff"]
    photo, exhibition = world["hidden"]["consent withheld"], world["exhibition"]
    for url in (
        reverse("wagtailimages:index"), reverse("wagtailimages:edit", args=[photo.pk]),
        reverse("wagtailimages_chooser:choose"), f"/admin/api/main/images/{photo.pk}/",
        reverse("wagtailadmin_pages:edit", args=[exhibition.pk]), reverse("wagtailadmin_pages:add_subpage", args=[exhibition.pk]),
    ):
        response = staff.get(url)
        assert response.status_code in (302, 403), (url, response.status_code)
        assert photo.title.encode() not in response.content
    assert staff.post(reverse("wagtailimages:edit", args=[photo.pk]), {"title": "changed"}).status_code in (302, 403)
    assert Photograph.objects.get(pk=photo.pk).title == photo.title


def hidden_titles(w):
    """What no anonymous visitor or venue staff may read anywhere in the admin."""
    return [photo.title for photo in w["hidden"].values()] + [w["draft"].title, w["protected"].title, "zqhiddenkeyword"]


def disclosure_urls(w):
    """Every admin route with the ids of hidden things, every bulk action on them, autocomplete and choosers."""
    photo_ids = [photo.pk for photo in w["hidden"].values()]
    page_ids = [w["draft"].pk, w["protected"].pk]
    urls = []
    for route, name, pattern in walk(get_resolver().url_patterns):
        if not route.startswith("admin/") or name in DELIBERATE_ERRORS or not name:
            continue
        for pk in photo_ids if "image" in route else page_ids if "page" in route else [None]:
            try:
                urls.append(admin_url(route, name, pattern, w, pk))
            except Exception:  # noqa: BLE001  (a regex route reverse() cannot fill)
                break
    for model, ids in (("gallery/photograph", photo_ids), ("wagtailcore/page", page_ids)):
        query = "&".join(f"id={pk}" for pk in ids)
        for action in bulk_action_registry.get_bulk_actions_for_model(*model.split("/")):
            urls.append(f"/admin/bulk/{model}/{action.action_type}/?{query}")
            urls.append(f"/admin/bulk/{model}/{action.action_type}/?id=all")
    root = Page.get_first_root_node()
    urls += [
        "/admin/tag-autocomplete/?term=zq", "/admin/tag-autocomplete/?term=z",
        "/admin/tag-autocomplete/taggit/tag/?term=zq",
        reverse("wagtailadmin_choose_page"), reverse("wagtailadmin_choose_page_child", args=[root.pk]),
        reverse("wagtailadmin_choose_page_child", args=[w["index"].pk]),
        reverse("wagtailadmin_choose_page_child", args=[w["exhibition"].get_parent().pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=show", reverse("wagtailadmin_choose_page_search") + "?q=Draft",
        "/admin/api/main/pages/?child_of=" + str(w["exhibition"].get_parent().pk), "/admin/api/main/pages/?search=show",
        f"/admin/api/main/pages/{w['draft'].pk}/", "/admin/api/main/documents/",
        reverse("wagtaildocs_chooser:choose"), reverse("wagtaildocs_chooser:choose_results"),
        "/draft-show/", "/password-show/",
    ]
    return urls


def test_admin_names_no_hidden_photograph_page_or_keyword_to_venue_staff_or_the_public(world):
    by_role = clients(world["users"])
    secrets = hidden_titles(world)
    urls = disclosure_urls(world)
    assert any(url.startswith("/admin/bulk/") for url in urls)
    failures = []
    for url in urls:
        for role in ("anonymous", "venue staff"):
            response = by_role[role].get(url)
            if response.status_code >= 500:
                failures.append(f"{url} as {role}: {response.status_code}")
                continue
            leaked = found_in(response, secrets)
            if leaked:
                failures.append(f"{url} as {role} ({response.status_code}) names {leaked}")
    assert not failures, "\n".join(failures)


def test_the_disclosure_check_sees_hidden_titles_where_a_curator_may_read_them(world):
    """The check above looks where titles would be: a curator's bulk page and autocomplete show them."""
    curator = clients(world["users"])["curator"]
    ids = "&".join(f"id={photo.pk}" for photo in world["hidden"].values())
    body = curator.get(f"/admin/bulk/gallery/photograph/delete/?{ids}").content.decode()
    assert world["hidden"]["consent withheld"].title in body
    assert "zqhiddenkeyword" in curator.get("/admin/tag-autocomplete/?term=zq").content.decode()
    superuser = clients(world["users"])["superuser"]
    body = superuser.get(f"/admin/bulk/wagtailcore/page/delete/?id={world['draft'].pk}").content.decode()
    assert "Draft show" in body
