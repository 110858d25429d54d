"""Settings: working defaults with nothing set; production refuses to start without real secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def django_check(**env):
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ENV", "DATABASE_URL", "SITE_BASE_URL", "REDIS_URL",
                                  "APP_SERVERS", "MEDIA_STORAGE", "MEDIA_SHARED_FILESYSTEM", "TASKS_BACKEND"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_defaults_work_with_nothing_set():
    result = django_check()
    assert result.returncode == 0, result.stderr


PUBLIC = "https://archive.example.org"


def test_production_refuses_without_a_real_secret_key():
    result = django_check(DJANGO_ENV="production", ALLOWED_HOSTS="archive.example.org", SITE_BASE_URL=PUBLIC)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_without_allowed_hosts():
    result = django_check(DJANGO_ENV="production", SECRET_KEY="k" * 30 + "-a-long-random-production-secret-value",
                          SITE_BASE_URL=PUBLIC)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_without_its_public_address():
    result = django_check(DJANGO_ENV="production", SECRET_KEY="k" * 30 + "-a-long-random-production-secret-value",
                          ALLOWED_HOSTS="archive.example.org")
    assert result.returncode != 0
    assert "SITE_BASE_URL" in result.stderr


def test_a_base_url_with_a_path_stops_the_start():
    result = django_check(SITE_BASE_URL="https://archive.example.org/archive/")
    assert result.returncode != 0
    assert "gallery.E001" in result.stderr and "no path" in result.stderr


def test_production_starts_with_both():
    result = django_check(
        DJANGO_ENV="production",
        SECRET_KEY="k" * 30 + "-a-long-random-production-secret-value",
        ALLOWED_HOSTS="archive.example.org",
        SITE_BASE_URL=PUBLIC,
    )
    assert result.returncode == 0, result.stderr


def test_deploy_check_reports_nothing_in_production_mode():
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it.
    environment = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update(
        DJANGO_ENV="production",
        SECRET_KEY="k" * 30 + "-a-long-random-production-secret-value-0123456789",
        ALLOWED_HOSTS="archive.example.org",
        SITE_BASE_URL=PUBLIC,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRODUCTION = dict(
    DJANGO_ENV="production",
    SECRET_KEY="k" * 30 + "-a-long-random-production-secret-value",
    ALLOWED_HOSTS="archive.example.org",
    SITE_BASE_URL=PUBLIC,
)
POSTGRES = "postgres://postgres@127.0.0.1:5432/not_opened_by_check"


def test_production_refuses_tasks_run_inside_the_request():
    result = django_check(**PRODUCTION, TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "db_worker" in result.stderr


def test_several_servers_refuse_a_sqlite_file():
    result = django_check(**PRODUCTION, APP_SERVERS="2", REDIS_URL="redis://127.0.0.1:6379/0", MEDIA_SHARED_FILESYSTEM="1")
    assert result.returncode != 0
    assert "APP_SERVERS=2 but DATABASE_URL is a SQLite file" in result.stderr


def test_several_servers_refuse_a_page_cache_in_each_process():
    result = django_check(**PRODUCTION, APP_SERVERS="2", DATABASE_URL=POSTGRES, MEDIA_SHARED_FILESYSTEM="1")
    assert result.returncode != 0
    assert "page cache is in each process's memory" in result.stderr and "REDIS_URL" in result.stderr


def test_several_servers_refuse_media_on_one_servers_disk():
    result = django_check(**PRODUCTION, APP_SERVERS="2", DATABASE_URL=POSTGRES, REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode != 0
    assert "media is on this server's local disk" in result.stderr and "MEDIA_STORAGE=s3" in result.stderr


def test_several_servers_start_with_shared_database_cache_and_media():
    result = django_check(**PRODUCTION, APP_SERVERS="2", DATABASE_URL=POSTGRES, REDIS_URL="redis://127.0.0.1:6379/0",
                          MEDIA_SHARED_FILESYSTEM="1")
    assert result.returncode == 0, result.stderr
