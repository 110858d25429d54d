"""Shared test fixtures: where the shared test data lives, and when a test may skip without it."""
import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))


def shared_path(*parts):
    """Path into ../shared; skips on a user's machine without it, fails under CI (CI=true)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but shared test data is missing: {path}")
        pytest.skip(f"shared test data not present at {path} (only on the project's machines)")
    return path


@pytest.fixture
def corpus():
    return shared_path("corpus")


# ---- Django fixtures (imports inside, so the pure-module tests can also run with -p no:django) ----


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request):
    """Every test process starts from a copy of one migrated template instead of migrating its own
    test database (tests/database_template.py); the copy is removed when the process ends."""
    from django.conf import settings

    from tests import database_template

    database = settings.DATABASES["default"]
    database_template.prepare_test_database(database, getattr(request.config, "workerinput", {}).get("workerid"))
    yield
    database_template.remove_test_database(database)


@pytest.fixture(scope="session")
def django_db_keepdb():
    """The test database is already migrated (a copy of the template): Django only checks it."""
    return True


@pytest.fixture(autouse=True)
def _isolated_site(request, settings, tmp_path):
    """Each test gets its own media folder, empty caches, fast hashing and no background tasks."""
    if "django_db_setup" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        yield
        return
    from django.core.cache import caches

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def run_tasks(settings):
    """Background tasks run at once, as they do embedded."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def jpeg_bytes(size=(640, 480), color=(120, 90, 60), exif=None, icc_profile=None, seed=0):
    """A real JPEG made here; `seed` changes the pixels so each file hashes differently."""
    from io import BytesIO

    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    draw.rectangle([seed % size[0], 0, seed % size[0] + size[0] // 4, size[1] // 2], fill=(240, 240, 230))
    out = BytesIO()
    options = {"quality": 90}
    if exif is not None:
        options["exif"] = exif.tobytes() if hasattr(exif, "tobytes") else exif
    if icc_profile:
        options["icc_profile"] = icc_profile
    image.save(out, "JPEG", **options)
    return out.getvalue()


@pytest.fixture
def make_photo(db):
    """Make a photograph the way every upload is made (check, hash, EXIF, pre-fill); public by default."""
    from django.core.files.base import ContentFile

    from gallery.ingest import intake
    from gallery.models import Photograph

    counter = iter(range(1, 1_000_000))

    def make(data=None, name=None, communities=(), **fields):
        number = next(counter)
        data = data if data is not None else jpeg_bytes(seed=number * 7)
        upload = ContentFile(data, name=name or f"photo-{number}.jpg")
        prepared = intake.prepare(upload, upload.name)
        upload.name = prepared.checked.safe_name
        photo = Photograph(file=upload)
        intake.apply(photo, prepared)
        values = {
            "title": f"Photograph {number}",
            "alt_text": f"Alt text {number}",
            "consent": Photograph.Consent.ON_FILE,
        }
        values.update(fields)
        for key, value in values.items():
            setattr(photo, key, value)
        photo.save()
        if communities:
            photo.communities.set(list(communities))
        return photo

    return make


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    """Throwaway databases for whole sites driven through manage.py (tests.sites), dropped after the module."""
    from tests.sites import Databases

    made = Databases(tmp_path_factory.mktemp("databases"))
    try:
        yield made
    finally:
        made.drop_all()


@pytest.fixture
def english_between_requests():
    """A request under /es/ leaves Spanish active in this thread: paths are taken in English, as a
    visitor's first link is, and the next test starts in English too."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
