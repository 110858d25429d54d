"""
Every form that checks a password is throttled per identity and per client; one user's failures do
not lock out another; the client address comes from X-Forwarded-For only through the configured
number of trusted proxies; and the counts are the same in every process (two real servers).
"""

import http.client
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.load.run_load import ROOT, database_url, free_port

pytestmark = pytest.mark.django_db

ADMIN_LOGIN, FRONT_LOGIN = "/admin/login/", "/_util/login/"


@pytest.fixture
def people(django_user_model):
    return [django_user_model.objects.create_user(name, f"{name}@example.org", "right-password")
            for name in ("amira", "boris")]


def attempt(client, url, username, password, **extra):
    return client.post(url, {"username": username, "password": password}, **extra).status_code


def test_wagtails_front_end_login_is_no_side_door(people):
    client = Client()
    for _ in range(5):
        assert attempt(client, FRONT_LOGIN, "amira", "wrong") == 200
    assert attempt(client, FRONT_LOGIN, "amira", "right-password") == 429
    assert attempt(client, ADMIN_LOGIN, "amira", "right-password") == 429


def test_failures_on_one_login_form_count_on_the_other(people):
    client = Client()
    for url in (FRONT_LOGIN, ADMIN_LOGIN, FRONT_LOGIN, ADMIN_LOGIN, FRONT_LOGIN):
        assert attempt(client, url, "Amira", "wrong") == 200  # the username's case does not make a new count
    assert attempt(client, ADMIN_LOGIN, "amira", "right-password") == 429


def test_one_users_failures_do_not_lock_out_another_user_at_the_same_address(people):
    client = Client()
    statuses = [attempt(client, ADMIN_LOGIN, "amira", "wrong") for _ in range(25)]
    assert statuses.count(200) == 5 and statuses.count(429) == 20
    assert attempt(Client(), ADMIN_LOGIN, "boris", "right-password") == 302
    assert attempt(Client(), FRONT_LOGIN, "boris", "right-password") == 302


def test_one_client_trying_many_usernames_is_stopped_and_others_are_not(people, settings):
    settings.LOGIN_CLIENT_ATTEMPTS_LIMIT = 8
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [attempt(attacker, ADMIN_LOGIN, f"guess{n}", "wrong") for n in range(10)]
    assert statuses == [200] * 8 + [429] * 2
    assert attempt(attacker, ADMIN_LOGIN, "boris", "right-password") == 429
    assert attempt(Client(REMOTE_ADDR="198.51.100.7"), ADMIN_LOGIN, "boris", "right-password") == 302


def test_x_forwarded_for_is_ignored_without_trusted_proxies(people, settings):
    settings.LOGIN_CLIENT_ATTEMPTS_LIMIT = 3
    statuses = [attempt(Client(), ADMIN_LOGIN, f"guess{n}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
                for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429], "a forged X-Forwarded-For must not make a new client"


def test_with_one_trusted_proxy_the_address_it_appended_is_the_client(people, settings):
    settings.LOGIN_CLIENT_ATTEMPTS_LIMIT = 3
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    # The client forges the first entry; the proxy appends the real address last.
    forged = [attempt(Client(**proxy), ADMIN_LOGIN, f"guess{n}", "wrong",
                      HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.50") for n in range(4)]
    assert forged == [200, 200, 200, 429]
    assert attempt(Client(**proxy), ADMIN_LOGIN, "boris", "right-password",
                   HTTP_X_FORWARDED_FOR="198.51.100.7") == 302


def test_password_reset_is_throttled_per_address(people, mailoutbox):
    client = Client()
    url = reverse("wagtailadmin_password_reset")
    statuses = [client.post(url, {"email": "amira@example.org"}).status_code for _ in range(7)]
    assert statuses == [302] * 5 + [429] * 2
    assert len(mailoutbox) == 5
    assert Client().post(url, {"email": "boris@example.org"}).status_code == 302


def test_a_private_pages_password_is_throttled(home):
    restriction = PageViewRestriction.objects.create(page=home, restriction_type="password", password="secret-word")
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, home.pk])
    client = Client()
    statuses = [client.post(url, {"password": "guess", "return_url": "/"}).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert client.post(url, {"password": "secret-word", "return_url": "/"}).status_code == 429


# ---- two processes ----------------------------------------------------------------------------


class Browser:
    """One visitor over real HTTP: keeps the CSRF cookie and sends the form's token."""

    def __init__(self, base):
        self.host, self.port = base.removeprefix("http://").split(":")
        self.cookie = ""

    def request(self, method, path, body=None):
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=30)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("csrftoken="):
                self.cookie = value.split(";")[0]
        data = response.read()
        connection.close()
        return response.status, data.decode(errors="replace")

    def login(self, username, password):
        status, html = self.request("GET", ADMIN_LOGIN)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
        return self.request("POST", ADMIN_LOGIN, body)[0]


def start_server(database, workdir):
    """One gunicorn process (one worker) with the embedded settings: the local-memory cache, no Redis."""
    base = f"http://127.0.0.1:{free_port()}"
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": database,
           "MEDIA_ROOT": str(workdir), "PAGE_CACHE_ENABLED": "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "1", "--bind", base[7:],
         "--log-level", "warning"], cwd=ROOT, env=env,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if Browser(base).request("GET", "/healthz")[0] == 200:
                return server, base
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise RuntimeError("gunicorn did not start")
        time.sleep(0.2)


@pytest.fixture
def shared_database(django_user_model):
    """(DATABASE_URL, make_user) of a database two servers can share: PostgreSQL's test database, or a
    migrated SQLite file (the in-memory SQLite test database has no second process)."""
    if connection.vendor != "sqlite":
        yield database_url(connection.settings_dict), (
            lambda name: django_user_model.objects.create_user(name, f"{name}@example.org", "right-password"))
        return
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/throttle.sqlite3"
        env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": url}
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)

        def make_user(name):
            code = ("from django.contrib.auth import get_user_model; "
                    f"get_user_model().objects.create_user('{name}', '{name}@example.org', 'right-password')")
            subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True)

        yield url, make_user


@pytest.mark.django_db(transaction=True)
def test_two_server_processes_count_the_same_failures(shared_database, tmp_path):
    database, make_user = shared_database
    make_user("amira")
    make_user("boris")
    servers = [start_server(database, tmp_path / str(n)) for n in range(2)]
    try:
        first, second = (Browser(base) for _, base in servers)
        # Three failures on one process, two on the other: five in all.
        assert [first.login("amira", "wrong") for _ in range(3)] == [200] * 3
        assert [second.login("amira", "wrong") for _ in range(2)] == [200] * 2
        assert first.login("amira", "right-password") == 429
        assert second.login("amira", "right-password") == 429
        assert Browser(servers[1][1]).login("boris", "right-password") == 302
    finally:
        for server, _ in servers:
            server.terminate()
            server.wait(timeout=15)
