#!/usr/bin/env python
"""
Several app servers and a worker on loopback, as a deployment runs them (`make cluster`, and the tests
in tests/cluster).

`Cluster` starts, in a temporary folder:
- PostgreSQL: a private database on the shared server (DATABASE_URL's, default 127.0.0.1:5432), copied
  from the migrated test template and dropped after; or (postgres="private") a PostgreSQL cluster of
  its own (initdb and pg_ctl from /usr/lib/postgresql/15/bin, run as the `postgres` OS user when root),
  which can be stopped and started again (`restart_postgres`);
- its own redis-server (the page cache and the `shared` cache), nothing saved to disk;
- SeaweedFS (`weed server -s3`, tests/seaweed.py): the private media bucket, stoppable (`stop_object_store`)
  and started again on the same ports with the same data;
- two gunicorn app servers, "a" and "b" (production settings, APP_SERVERS=2, MEDIA_STORAGE=s3), each on
  its own port;
- one task worker (`manage.py db_worker`, TASKS_BACKEND is the database backend in production);
and stops them all after. Every process is started in its own process group, so a server is killed
with its workers (`kill_server`), and nothing outlives the harness.

Ports: CLUSTER_PORTS=first-last (e.g. 18400-18499) picks them from that range, else any free ones.
"""

import argparse
import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests import database_template, seaweed  # noqa: E402

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
CURATOR = ("curator", "cluster-curator-password-2014")
SERVERS = ("a", "b")
# A worker that stops renewing its lease (killed, its machine gone) has its running task handed back
# to the queue this long after; short here so the fault tests do not wait a minute.
LEASE_SECONDS = 6
ORPHAN_GRACE_SECONDS = 10


def unavailable_reason(postgres="shared"):
    """Why the cluster cannot run here, or None."""
    for program in ("redis-server",):
        if shutil.which(program) is None:
            return f"{program} is not installed (`make system-deps` as root)"
    if postgres == "private" and not (PG_BIN / "initdb").exists():
        return f"PostgreSQL's initdb not found in {PG_BIN} (set PG_BIN)"
    server = SharedPostgres("postgres").server
    try:
        import psycopg

        psycopg.connect(database_template._server_url(server, "postgres"), connect_timeout=5).close()
    except Exception as error:  # noqa: BLE001 - any reason it cannot be reached is the reason
        return f"PostgreSQL is not reachable at {server['host']}:{server['port']}: {error}"
    return seaweed.unavailable_reason()


class Ports:
    """Free loopback ports, from CLUSTER_PORTS (first-last) when set, never the same one twice."""

    def __init__(self, spec=None):
        spec = spec if spec is not None else os.environ.get("CLUSTER_PORTS", "")
        self.range = tuple(int(part) for part in spec.split("-")) if spec else None
        self.given = set()

    def take(self, count=1):
        found = []
        candidates = range(self.range[0], self.range[1] + 1) if self.range else None
        while len(found) < count:
            if candidates is None:
                port = seaweed.free_ports(1)[0]
            else:
                port = next((p for p in candidates if p not in self.given and _free(p)), None)
                if port is None:
                    raise RuntimeError(f"no free port left in CLUSTER_PORTS={self.range[0]}-{self.range[1]}")
            if port not in self.given:
                self.given.add(port)
                found.append(port)
        return found


def _free(port):
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _wait(check, timeout, what, process=None, log=None):
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}{_tail(log)}")
        try:
            if check():
                return
        except Exception:  # noqa: BLE001 - anything short of an answer means "not ready yet"
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start within {timeout} s{_tail(log)}")
        time.sleep(0.2)


def _tail(log, size=3000):
    if log is None or not Path(log).exists():
        return ""
    return ":\n" + Path(log).read_text(errors="replace")[-size:]


def _stop(process, timeout=15, sig=signal.SIGTERM):
    """Signal a process group started by _spawn and wait for its leader."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _spawn(command, log, env=None, cwd=ROOT):
    handle = open(log, "ab")  # noqa: SIM115 - the child holds it; ours is closed at once
    try:
        return subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=cwd,
                                start_new_session=True)
    finally:
        handle.close()


def get(base, path, timeout=30, headers=None):
    """(status, headers, body) of one GET from behind the TLS proxy, redirects not followed."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request("GET", path, headers={**PROXY_HEADERS, **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


# ---- PostgreSQL -----------------------------------------------------------------------------


class SharedPostgres:
    """A database of ours on the shared server: a copy of the migrated template, dropped after."""

    def __init__(self, name):
        import dj_database_url

        settings = dj_database_url.parse(os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/x")
        if not settings["ENGINE"].endswith("postgresql"):
            settings = dj_database_url.parse("postgres://postgres@127.0.0.1:5432/x")
        self.server = database_template.server_of(settings)
        self.name = name

    def start(self):
        self.url = database_template.postgres_copy(self.server, self.name)
        return self.url

    def stop(self):
        import psycopg

        with psycopg.connect(database_template._server_url(self.server, "postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class PrivatePostgres:
    """A PostgreSQL cluster of our own (initdb in a temporary folder), on one loopback port."""

    def __init__(self, folder, port, name):
        self.folder, self.port, self.name = Path(folder), port, name
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.url = f"postgres://postgres@127.0.0.1:{port}/{name}"

    def _run(self, *command, check=True):
        # initdb refuses to run as root: as root the cluster belongs to the `postgres` OS user.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        result = subprocess.run([*prefix, *map(str, command)], capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise RuntimeError(f"{Path(command[0]).name} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
                               f"{_tail(self.log)}")
        return result

    def start(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            # The `postgres` user must reach its folder through ours (mkdtemp makes it 0700).
            self.folder.parent.chmod(0o711)
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8")
        self.start_server()
        # The schema from the migrated template on the shared server (migrating from nothing costs ~20 s).
        shared = SharedPostgres(f"{self.name}_seed")
        seed = shared.start()
        try:
            self._sql(f'CREATE DATABASE "{self.name}"', "postgres")
            dump = subprocess.run(["pg_dump", "--no-owner", "--no-privileges", seed], capture_output=True,
                                  check=True, timeout=300).stdout
            subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", self.url], input=dump, capture_output=True,
                           check=True, timeout=300)
        finally:
            shared.stop()
        return self.url

    def start_server(self):
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "-o",
                  f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                  "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100", "start")

    def stop_server(self, mode="fast"):
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "60", "stop", check=False)

    def _sql(self, statement, dbname=None):
        import psycopg

        with psycopg.connect(f"postgres://postgres@127.0.0.1:{self.port}/{dbname or self.name}",
                             autocommit=True) as connection:
            connection.execute(statement)

    def stop(self):
        self.stop_server("immediate")


# ---- the object store ---------------------------------------------------------------------------


class ObjectStore:
    """SeaweedFS with S3 on fixed ports and a data folder that outlives a stop, so it can come back."""

    def __init__(self, folder, ports):
        self.folder = Path(folder)
        self.ports = ports.take(9)
        self.bucket = f"media-{uuid.uuid4().hex[:8]}"
        self.process = None
        self.log = self.folder / "weed.log"

    @property
    def server(self):
        return seaweed.S3Server(f"http://127.0.0.1:{self.ports[6]}", self.bucket, seaweed.ACCESS_KEY,
                                seaweed.SECRET_KEY)

    def start(self, timeout=120):
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "data").mkdir(exist_ok=True)
        command = seaweed.server_command(self.folder, self.ports)
        self.process = _spawn(command, self.log, cwd=self.folder)
        client = self.server.client()
        _wait(lambda: seaweed._s3_answers(client, self.bucket), timeout, "SeaweedFS", self.process, self.log)

    def stop(self):
        # Its graceful stop takes ~20 s; a kill is what an outage looks like anyway, and the data is
        # on disk (volumes and the filer's store) for the next start.
        _stop(self.process, timeout=5, sig=signal.SIGKILL)
        for name in ("filer.sock", "s3.sock"):
            (self.folder / name).unlink(missing_ok=True)

    def names(self, prefix=""):
        client, names = self.server.client(), []
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            names += [entry["Key"] for entry in page.get("Contents", ())]
        return set(names)


# ---- the whole cluster ----------------------------------------------------------------------


class Cluster:
    def __init__(self, postgres="shared", workdir=None, lease_seconds=LEASE_SECONDS, workers_per_server=2):
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="cluster-"))
        self.postgres_kind = postgres
        self.lease_seconds = lease_seconds
        self.workers_per_server = workers_per_server
        self.ports = Ports()
        self.name = f"cluster_{uuid.uuid4().hex[:10]}"
        self.servers = {}  # name -> (Popen, base URL)
        self.worker = None
        self.worker_logs = []
        self.postgres = None
        self.store = None
        self.redis = None
        self.server_ports = dict(zip(SERVERS, self.ports.take(len(SERVERS)), strict=True))

    # -- start and stop

    def start(self):
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self):
        self.workdir.mkdir(parents=True, exist_ok=True)
        if self.postgres_kind == "private":
            self.postgres = PrivatePostgres(self.workdir / "postgres", self.ports.take()[0], self.name)
        else:
            self.postgres = SharedPostgres(self.name)
        self.database_url = self.postgres.start()
        self.redis_port = self.ports.take()[0]
        self.start_redis()
        self.store = ObjectStore(self.workdir / "seaweed", self.ports)
        self.store.start()
        self.manage("collectstatic", "--no-input", "-v0")
        self.manage("shell", "-c", (
            "from django.contrib.auth.models import Group, User\n"
            f"user = User.objects.create_user({CURATOR[0]!r}, 'curator@example.org', {CURATOR[1]!r})\n"
            "user.groups.add(Group.objects.get(name='Curators'))\n"
        ))
        for name in SERVERS:
            self.start_server(name)
        self.start_worker()

    def stop(self):
        for name in list(self.servers):
            self.kill_server(name, signal.SIGTERM)
        self.kill_worker(signal.SIGTERM)
        if self.store is not None:
            self.store.stop()
        self.stop_redis()
        if self.postgres is not None:
            with contextlib.suppress(Exception):  # never started, or already gone
                self.postgres.stop()
        if os.environ.get("CLUSTER_KEEP_LOGS"):
            print(f"cluster logs kept in {self.workdir}", file=sys.stderr)
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- the processes

    def env(self, **extra):
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("DJANGO_", "REDIS_", "MEDIA_", "TASKS_", "DATABASE_", "PYTEST_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings", DJANGO_ENV="production", SECRET_KEY=self.secret_key,
            ALLOWED_HOSTS="127.0.0.1,localhost", SITE_BASE_URL="http://127.0.0.1",
            DATABASE_URL=self.database_url, REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            STATIC_ROOT=str(self.workdir / "static"), MEDIA_ROOT=str(self.workdir / "media-unused"),
            APP_SERVERS=str(len(SERVERS)), PAGE_CACHE_ENABLED="1",
            MEDIA_STORAGE="s3", MEDIA_S3_BUCKET=self.store.bucket, MEDIA_S3_ENDPOINT_URL=self.store.server.endpoint_url,
            MEDIA_S3_ACCESS_KEY_ID=seaweed.ACCESS_KEY, MEDIA_S3_SECRET_ACCESS_KEY=seaweed.SECRET_KEY,
            TASK_WORKER_LEASE_SECONDS=str(self.lease_seconds), PYTHONUNBUFFERED="1",
            # The worker sweeps what a killed server left within seconds here, not the hour of production.
            ORPHAN_SWEEP_SECONDS="3", ORPHAN_ORIGINAL_GRACE_SECONDS=str(ORPHAN_GRACE_SECONDS),
        )
        env.update(extra)
        return env

    @property
    def secret_key(self):
        if not hasattr(self, "_secret_key"):
            self._secret_key = secrets.token_urlsafe(50)
        return self._secret_key

    def manage(self, *args, timeout=300):
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env(),
                                capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args[:2])} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def base(self, name):
        return f"http://127.0.0.1:{self.server_ports[name]}"

    def start_server(self, name, timeout=90):
        base = self.base(name)
        log = self.workdir / f"gunicorn-{name}.log"
        process = _spawn([sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(self.workers_per_server),
                          "--bind", base[7:], "--log-level", "warning", "--timeout", "60"], log, self.env())
        self.servers[name] = process
        _wait(lambda: get(base, "/healthz", timeout=3)[0] == 200, timeout, f"gunicorn {name}", process, log)
        return base

    def kill_server(self, name, sig=signal.SIGKILL):
        """SIGKILL (the default) the server's master and its workers at once, as a machine lost."""
        _stop(self.servers.pop(name, None), sig=sig)

    def start_worker(self):
        log = self.workdir / f"worker-{len(self.worker_logs)}.log"
        self.worker_logs.append(log)
        self.worker = _spawn([sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay",
                              "--no-reload", "-v", "2"], log, self.env())
        return self.worker

    def kill_worker(self, sig=signal.SIGKILL):
        _stop(self.worker, sig=sig, timeout=30)
        self.worker = None

    def start_redis(self):
        folder = self.workdir / "redis"
        folder.mkdir(parents=True, exist_ok=True)
        self.redis = _spawn(["redis-server", "--bind", "127.0.0.1", "--port", str(self.redis_port), "--save", "",
                             "--appendonly", "no", "--dir", str(folder)], folder / "redis.log")
        import redis

        client = redis.Redis(host="127.0.0.1", port=self.redis_port)
        _wait(client.ping, 20, "redis-server", self.redis)
        client.close()

    def stop_redis(self):
        _stop(self.redis)

    def restart_postgres(self, down_seconds=3.0):
        """Stop the private PostgreSQL (fast: sessions are cut), keep it down, start it again."""
        if not isinstance(self.postgres, PrivatePostgres):
            raise RuntimeError("restart_postgres needs Cluster(postgres='private')")
        self.postgres.stop_server("fast")
        time.sleep(down_seconds)
        self.postgres.start_server()

    # -- looking inside

    def query(self, statement, params=()):
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True) as connection:
            return connection.execute(statement, params).fetchall()

    def urls(self):
        return {name: self.base(name) for name in self.servers}

    def describe(self):
        lines = [f"  app server {name}: {base}/  (admin: {base}/admin/)" for name, base in self.urls().items()]
        lines += [
            f"  requests must carry X-Forwarded-Proto: https (the TLS proxy's header), e.g. "
            f"curl -H 'X-Forwarded-Proto: https' {self.base('a')}/healthz",
            f"  curator login: {CURATOR[0]} / {CURATOR[1]}",
            f"  database: {self.database_url}",
            f"  redis: redis://127.0.0.1:{self.redis_port}/0",
            f"  object store: {self.store.server.endpoint_url} bucket {self.store.bucket}",
            f"  worker: manage.py db_worker (pid {self.worker.pid if self.worker else '-'})",
            f"  logs: {self.workdir}",
        ]
        return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", choices=["shared", "private"], default="shared",
                        help="a database on DATABASE_URL's server (default) or a PostgreSQL cluster of its own")
    parser.add_argument("--json", metavar="PATH", help="write the URLs here once everything answers")
    args = parser.parse_args(argv)
    reason = unavailable_reason(args.postgres)
    if reason:
        print(reason, file=sys.stderr)
        return 2
    started = time.monotonic()
    # A SIGTERM (from `timeout`, a supervisor) stops everything as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    with Cluster(postgres=args.postgres) as cluster:
        print(f"Cluster up in {time.monotonic() - started:.0f} s:\n{cluster.describe()}", flush=True)
        if args.json:
            Path(args.json).write_text(json.dumps(cluster.urls()))
        print("Ctrl-C stops everything.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
        print("Stopping.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
