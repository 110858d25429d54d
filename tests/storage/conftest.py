"""Media on a real S3 server (SeaweedFS, tests/seaweed.py): one server for the run, a folder of the bucket per test."""

import uuid

import pytest

from tests import seaweed


@pytest.fixture(scope="session")
def s3_server():
    with seaweed.running() as server:
        yield server


@pytest.fixture
def s3_media(settings, s3_server, tmp_path):
    """STORAGES["default"] is the S3 bucket, under a prefix of this test's own; MEDIA_ROOT is left empty so a
    file that reached the disk instead would show."""
    prefix = f"t-{uuid.uuid4().hex[:10]}"
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_server.storage_options(prefix)}}
    settings.MEDIA_ROOT = tmp_path / "media-must-stay-empty"
    return Bucket(s3_server, prefix)


class Bucket:
    """What is really in the bucket under one prefix, read with boto3 (not through Django)."""

    def __init__(self, server, prefix):
        self.server, self.prefix, self.client = server, prefix, server.client()

    def names(self):
        names = []
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.server.bucket,
                                                                           Prefix=f"{self.prefix}/"):
            names += [entry["Key"][len(self.prefix) + 1:] for entry in page.get("Contents", ())]
        return set(names)

    def read(self, name):
        return self.client.get_object(Bucket=self.server.bucket, Key=f"{self.prefix}/{name}")["Body"].read()

    def write(self, name, data):
        self.client.put_object(Bucket=self.server.bucket, Key=f"{self.prefix}/{name}", Body=data)

    def delete(self, name):
        self.client.delete_object(Bucket=self.server.bucket, Key=f"{self.prefix}/{name}")

    def anonymous_url(self, name):
        return f"{self.server.endpoint_url}/{self.server.bucket}/{self.prefix}/{name}"
