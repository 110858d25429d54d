"""
With MEDIA_STORAGE=s3 (set through the environment, as a deployer does), `backup` then `restore`, and
`export_bag` then `import_bag`, give back the same site, each into an empty database and an empty prefix
of the bucket. Run as a user runs them: manage.py subprocesses against a real SeaweedFS and real databases.
"""

import hashlib
import json
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

from tests.sites import INSPECT, PROJECT, site_env
from tests.storage.conftest import Bucket

# One source site (demo, visit, backup, bag) is shared by the tests here: keep them on one xdist worker.
pytestmark = pytest.mark.xdist_group("s3-round-trips")
SLUG = "missouri-immigrant-experience-2014"


class S3Site:
    """A database plus a prefix of the bucket, driven through manage.py with MEDIA_STORAGE=s3."""

    def __init__(self, server, database_url, folder):
        self.bucket = Bucket(server, f"site-{uuid.uuid4().hex[:10]}")
        self.database_url = database_url
        # MEDIA_ROOT points at a folder that must stay absent: a file written to disk would show there.
        self.media_root = Path(folder) / "media-must-stay-empty"
        self.env = {
            **site_env(database_url, self.media_root),
            "MEDIA_STORAGE": "s3", "MEDIA_S3_BUCKET": server.bucket, "MEDIA_S3_ENDPOINT_URL": server.endpoint_url,
            "MEDIA_S3_ACCESS_KEY_ID": server.access_key, "MEDIA_S3_SECRET_ACCESS_KEY": server.secret_key,
            "MEDIA_S3_REGION": server.region, "MEDIA_S3_PREFIX": self.bucket.prefix,
        }

    def manage(self, *args):
        result = subprocess.run([sys.executable, str(PROJECT / "manage.py"), *map(str, args)], cwd=PROJECT,
                                env=self.env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"manage.py {' '.join(map(str, args))}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def media(self):
        """{name: SHA-256} of every object under this site's prefix, read from the bucket directly."""
        return {name: hashlib.sha256(self.bucket.read(name)).hexdigest() for name in sorted(self.bucket.names())}

    def inspect(self):
        output = self.manage("shell", "--no-imports", "-c", INSPECT)
        return json.loads(next(line for line in output.splitlines() if line.startswith("INSPECT "))[8:])

    def snapshot(self):
        result = subprocess.run([sys.executable, "-m", "tests.preservation.archive_snapshot"], cwd=PROJECT,
                                env=self.env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture(scope="module")
def source(s3_server, databases, tmp_path_factory):
    """The demo on S3, one photograph page visited (renditions exist too), its backup and its bag."""
    folder = tmp_path_factory.mktemp("source")
    site = S3Site(s3_server, databases.migrated("s3src"), folder)
    site.manage("load_demo")
    site.seen = site.inspect()
    site.backup = folder / "backup"
    site.backup_output = site.manage("backup", site.backup)
    site.bag = folder / "bag"
    site.bag_output = site.manage("export_bag", SLUG, site.bag)
    return site


def test_backup_and_restore_round_trip_on_s3(source, s3_server, databases, tmp_path):
    media = source.media()
    assert any(name.startswith("original_images/") for name in media)
    assert any(name.startswith("renditions/") for name in media), "the visit made no renditions to back up"
    assert not source.media_root.exists(), "media went to local disk instead of the bucket"
    assert f"{len(media)} media files" in source.backup_output
    with tarfile.open(source.backup / "media.tar") as tar:
        assert sorted(member.name for member in tar if member.isfile()) == sorted(media)

    target = S3Site(s3_server, databases.empty("s3dst"), tmp_path)
    assert target.media() == {}
    restored = target.manage("restore", source.backup)

    assert f"{len(media)} media files" in restored and target.bucket.prefix in restored
    assert target.media() == media
    assert not target.media_root.exists()
    seen = target.inspect()
    assert seen["rows"] == source.seen["rows"] and seen["visit"] == source.seen["visit"]
    assert seen["visit"]["status"] == 200 and all(status == 200 for status, _ in seen["visit"]["renditions"].values())
    assert len(seen["visit"]["originals"]) == 14 and all(seen["visit"]["originals"].values())
    assert "14 originals checked: 14 ok, 0 changed, 0 missing" in target.manage("verify_fixity")


def test_a_bag_exported_from_s3_imports_into_another_s3_site(source, s3_server, databases, tmp_path):
    assert "14 photographs" in source.bag_output
    target = S3Site(s3_server, databases.migrated("s3bag"), tmp_path)
    imported = target.manage("import_bag", source.bag)
    assert "14 photographs restored, 0 already in the archive" in imported

    before, after = source.snapshot(), target.snapshot()
    assert len(before["photographs"]) == 14
    for sha, fields in before["photographs"].items():
        assert after["photographs"][sha] == fields, f"photograph {fields['title']!r} differs"
        assert fields["file bytes sha256"] == sha
    originals = {name for name in target.bucket.names() if name.startswith("original_images/")}
    assert len(originals) == 14 and not target.media_root.exists()
