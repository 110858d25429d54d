"""MEDIA_STORAGE=s3 from the environment: what it needs, what it refuses, and that several servers accept it."""

import os
import subprocess
import sys

from tests.exhibit.test_settings import POSTGRES, PRODUCTION, ROOT, django_check

S3 = {"MEDIA_STORAGE": "s3", "MEDIA_S3_BUCKET": "archive-media", "MEDIA_S3_ENDPOINT_URL": "http://127.0.0.1:1"}


def test_s3_without_a_bucket_is_refused():
    result = django_check(MEDIA_STORAGE="s3", MEDIA_S3_BUCKET="")
    assert result.returncode != 0 and "MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET" in result.stderr


def test_an_unknown_media_storage_is_refused():
    result = django_check(MEDIA_STORAGE="s4")
    assert result.returncode != 0 and "MEDIA_STORAGE must be 'filesystem' or 's3'" in result.stderr


def test_several_servers_start_with_media_on_s3():
    result = django_check(**PRODUCTION, **S3, APP_SERVERS="2", DATABASE_URL=POSTGRES,
                          REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stderr


SHOW = (
    "from django.core.files.storage import default_storage as s; "
    "from gallery.models import Photograph, PhotographRendition; "
    "from exhibit.models import ChecklistEntry; "
    "print(all(m._meta.get_field(f).storage is s for m, f in "
    "[(Photograph, 'file'), (PhotographRendition, 'file'), (ChecklistEntry, 'attachment')])); "
    "print(s.__class__.__name__, s.bucket_name, s.location, s.default_acl, s.querystring_auth, s.file_overwrite); "
    "print(s.url('original_images/a.jpg'))"
)


def test_the_s3_backend_is_private_signed_and_lazy():
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("MEDIA_", "DJANGO_"))}
    environment.update(S3, MEDIA_S3_PREFIX="/site-a/", MEDIA_S3_ACCESS_KEY_ID="AKIDEXAMPLE",
                       MEDIA_S3_SECRET_ACCESS_KEY="secret")
    result = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", SHOW], cwd=ROOT,
                            env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    # Every file field holds the lazy default storage, not a backend resolved when the models loaded.
    lazy, described, url = result.stdout.strip().splitlines()[-3:]
    assert lazy == "True"
    assert described == "S3Storage archive-media site-a None True False"
    assert url.startswith("http://127.0.0.1:1/archive-media/site-a/original_images/a.jpg?")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url
