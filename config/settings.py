"""
One settings module, driven by environment variables with defaults that work with nothing set.

Embedded (the default): SQLite file, media on disk, tasks run at once, local-memory cache.
Production (DJANGO_ENV=production): refuses to start without a real SECRET_KEY and ALLOWED_HOSTS;
PostgreSQL through DATABASE_URL, Redis through REDIS_URL, tasks in a worker.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"

_DEV_SECRET = "dev-only-insecure-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
DEBUG = env_bool("DJANGO_DEBUG", False) and not PRODUCTION
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver,[::1]")

# The site's public address: every absolute URL the site writes (sitemap, feeds, JSON-LD, IIIF,
# bags, canonicals, command output) starts with it, and Wagtail's default Site follows it
# (gallery.base_url). Embedded, it is where `make run` serves.
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "" if PRODUCTION else "http://127.0.0.1:8000")

if PRODUCTION:
    if not SITE_BASE_URL:
        raise ImproperlyConfigured("DJANGO_ENV=production needs SITE_BASE_URL, the site's public address (https://...).")
    if len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured("DJANGO_ENV=production needs a real SECRET_KEY (50+ random characters).")
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ENV=production needs ALLOWED_HOSTS set to the site's host names.")

INSTALLED_APPS = [
    "sitewide",
    # Before django_tasks_db: its db_worker (with leases) is the one manage.py runs.
    "workers",
    "exhibit",
    "gallery",
    "preservation",
    "opendata",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sitewide.security.SecurityHeadersMiddleware",
    "sitewide.password_throttle.PasswordThrottleMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CORS and the API's rate limit, before the page cache so that a cached answer is counted too.
    "opendata.middleware.OpenDataMiddleware",
    # After the API's, which answers a NUL in its own JSON error shape.
    "sitewide.null_characters.NullCharacterMiddleware",
    # An object store that does not answer is a 503 that says nothing was saved, not a bare 500.
    "sitewide.storage_outage.StorageOutageMiddleware",
    # Anonymous pages from the cache before sessions, auth or the database are touched.
    "sitewide.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The address decides the language: /es/... is Spanish, an address without a prefix English.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "gallery.middleware.PhotographAdminMiddleware",
    "sitewide.admin_guards.AdminDisclosureMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "sitewide.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60" if PRODUCTION else "0")),
        # A kept connection is tested before a request uses it, so a restarted PostgreSQL costs the
        # requests made while it was down, not every request until the app is restarted.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several writers (the server, the task worker, an import command) share the file: they wait
    # up to `timeout` seconds for each other instead of failing. WAL lets pages be read while an
    # import writes, and commits without an fsync each (a commit cost 13 ms of the ~40 ms an
    # imported photograph takes); a power cut can lose the last commits, never corrupt the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The languages the site serves; DEPLOY_LANGUAGES (comma-separated codes) may add bs and vi.
AVAILABLE_LANGUAGES = {"en": "English", "es": "Español", "bs": "Bosanski", "vi": "Tiếng Việt"}
LANGUAGES = [(code, AVAILABLE_LANGUAGES[code]) for code in ["en", "es", *[c for c in env_list("DEPLOY_LANGUAGES") if c not in ("en", "es")]]]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
USE_I18N = True
# The interface's Spanish (locale/es), and Wagtail's admin words for images as this archive says
# them (locale/photograph_wording.py writes locale/en).
LOCALE_PATHS = [BASE_DIR / "locale"]
# The organisation and its venues are in Missouri; each venue still carries its own zone.
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Chicago")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
# OpenSeadragon comes from the npm registry at build time (`make` runs `npm ci`), served as our own
# static files: no CDN.
OPENSEADRAGON_BUILD = BASE_DIR / "node_modules" / "openseadragon" / "build" / "openseadragon"
if OPENSEADRAGON_BUILD.is_dir():
    STATICFILES_DIRS.append(("vendor/openseadragon", OPENSEADRAGON_BUILD))

# Media is never served as a folder: renditions go through gallery's media view, which checks
# that the photograph is public; originals have no public route at all.
WHITENOISE_USE_FINDERS = not PRODUCTION

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Media is files under MEDIA_ROOT (the default) or, with MEDIA_STORAGE=s3, objects in an S3-compatible
# bucket (django-storages with boto3). The bucket holds originals and stays private: objects are written
# without an ACL (the bucket's own, private, applies) and no code hands out their URLs; the public bytes
# (renditions, IIIF answers) are streamed by the views that check visibility, so a withdrawal is instant.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE not in {"filesystem", "s3"}:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', not {MEDIA_STORAGE!r}.")
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
MEDIA_S3_ENDPOINT_URL = os.environ.get("MEDIA_S3_ENDPOINT_URL", "")  # empty: AWS itself
MEDIA_S3_REGION = os.environ.get("MEDIA_S3_REGION", "us-east-1")
MEDIA_S3_ACCESS_KEY_ID = os.environ.get("MEDIA_S3_ACCESS_KEY_ID", "")
MEDIA_S3_SECRET_ACCESS_KEY = os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY", "")
# A folder inside the bucket, for a bucket shared with other data; empty: the bucket's root.
MEDIA_S3_PREFIX = os.environ.get("MEDIA_S3_PREFIX", "").strip("/")


def media_storage_options():
    """django-storages' S3 options from the MEDIA_S3_* settings (also used by tests to point at a server)."""
    return {
        "bucket_name": MEDIA_S3_BUCKET,
        "endpoint_url": MEDIA_S3_ENDPOINT_URL or None,
        "region_name": MEDIA_S3_REGION,
        "access_key": MEDIA_S3_ACCESS_KEY_ID or None,
        "secret_key": MEDIA_S3_SECRET_ACCESS_KEY or None,
        "location": MEDIA_S3_PREFIX,
        # No ACL on any object: the bucket's policy (private) is the only one.
        "default_acl": None,
        # Were a URL ever asked for, it is signed and short-lived, never a bare public one.
        "querystring_auth": True,
        "querystring_expire": 300,
        # Wagtail and the IIIF store pick names with get_available_name: never overwrite silently.
        "file_overwrite": False,
        # Path-style addressing works with every S3-compatible server (SeaweedFS, MinIO, Ceph).
        "addressing_style": "path",
        "signature_version": "s3v4",
    }


if MEDIA_STORAGE == "s3":
    if not MEDIA_S3_BUCKET:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET, the (private) bucket media is kept in.")
    DEFAULT_MEDIA_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": media_storage_options()}
else:
    DEFAULT_MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": DEFAULT_MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "shared": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                   "KEY_PREFIX": "shared", "TIMEOUT": None},
    }
else:
    # Django's default of 300 entries holds fewer pages than one visitor's browsing of a real archive
    # (the load test's mix has ~650 distinct pages: 0 hits at 300). 3,000 pages of ~40 KB each is
    # at most ~120 MB per worker; a site that needs more sets REDIS_URL.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "exhibit",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("LOCAL_CACHE_MAX_ENTRIES", 3000))},
        },
        # What must be the same for every process (the page cache's generation, request counters)
        # cannot live in a worker's memory: without Redis it is a table in the database (made by
        # `migrate`). No default expiry: Django's incr() on this backend rewrites the timeout.
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "shared_cache",
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }

# How many app servers (machines or containers running gunicorn) the deployment declares. With more
# than one, nothing a server keeps for itself (its memory, its disk, a SQLite file) may hold what the
# others need: those setups are refused below rather than left to fail one request in two.
APP_SERVERS = int(os.environ.get("APP_SERVERS", 1))
# Object storage is chosen by MEDIA_STORAGE=s3 (above, and "Media on object storage" in the README); a
# local MEDIA_ROOT is safe for several servers only when it is one filesystem mounted on all of them.
MEDIA_SHARED_FILESYSTEM = env_bool("MEDIA_SHARED_FILESYSTEM", False)

# Whole anonymous pages are cached (sitewide.page_cache); a change to anything they show clears them.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# The generation every process reads: a shared cache, never one process's memory.
PAGE_CACHE_GENERATION_ALIAS = "shared"
# With Redis the pages sit beside the generation, so one MGET fetches both; without it each worker
# keeps pages in its own memory and reads the generation from the database.
PAGE_CACHE_ALIAS = "shared" if REDIS_URL else "default"
# Pages say what is on today: venues in other time zones see at most this much staleness around midnight.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 15 * 60))

# Failed sign-ins allowed per window before a login answers 429.
LOGIN_ATTEMPTS_LIMIT = int(os.environ.get("LOGIN_ATTEMPTS_LIMIT", 5))
LOGIN_ATTEMPTS_WINDOW = int(os.environ.get("LOGIN_ATTEMPTS_WINDOW", 15 * 60))

# iCalendar UIDs end in this fixed domain, not the request's host, so a feed fetched through another
# host name keeps its events' identities.
ICAL_UID_DOMAIN = os.environ.get("ICAL_UID_DOMAIN", "faces-and-places.archive")

# The password load_demo gives the demo's logins (printed by `make run`).
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "faces-and-places-2014")

# Embedded, background work runs at once in the request; in production a worker runs it
# (`manage.py db_worker`, from django-tasks-db).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend" if PRODUCTION else "django_tasks.backends.immediate.ImmediateBackend",
        )
    }
}

# A task worker renews a lease this often (a third of it); a task RUNNING under a worker whose lease ran
# out (killed, its machine lost) is queued again, and failed once its workers died this many times.
TASK_WORKER_LEASE_SECONDS = int(os.environ.get("TASK_WORKER_LEASE_SECONDS", 60))
TASK_WORKER_MAX_ATTEMPTS = int(os.environ.get("TASK_WORKER_MAX_ATTEMPTS", 3))
# The worker looks this often for stored originals no photograph names (their server died before the
# row was saved) and deletes those older than the grace: far longer than any upload may run (gunicorn's timeout).
ORPHAN_SWEEP_SECONDS = int(os.environ.get("ORPHAN_SWEEP_SECONDS", 3600))
ORPHAN_ORIGINAL_GRACE_SECONDS = int(os.environ.get("ORPHAN_ORIGINAL_GRACE_SECONDS", 3600))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "gallery": {"handlers": ["console"], "level": os.environ.get("GALLERY_LOG_LEVEL", "INFO")},
        "exhibit": {"handlers": ["console"], "level": os.environ.get("GALLERY_LOG_LEVEL", "INFO")},
        # A 500's traceback on the app server's stderr: Django's own console handler is DEBUG-only.
        "django.request": {"handlers": ["console"], "level": "ERROR"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Faces & Places Archive")
# The organisation that keeps the archive: the organizer in JSON-LD, the provider of IIIF manifests.
ORGANIZATION_NAME = os.environ.get("ORGANIZATION_NAME", "Missouri Immigrant and Refugee Advocates")
ORGANIZATION_URL = os.environ.get("ORGANIZATION_URL", SITE_BASE_URL)
# Who an export_bag bag says it comes from (bag-info.txt Source-Organization); the site name if unset.
BAG_SOURCE_ORGANIZATION = os.environ.get("BAG_SOURCE_ORGANIZATION", "")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_BASE_URL)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Each language's own text search configuration, unaccented (gallery.search_backend), never the
    # server's default_text_search_config (often "simple": no stemming).
    WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "gallery.search_backend"
WAGTAILIMAGES_IMAGE_MODEL = "gallery.Photograph"
WAGTAILIMAGES_IMAGE_FORM_BASE = "gallery.forms.PhotographForm"
# WAGTAILIMAGES_RENDITION_STORAGE is left unset on purpose: Wagtail then uses default_storage, which is
# resolved when first used. A named storage would be resolved once, when the models load, and keep that backend.
# Archival scans are TIFF and large: these are set on purpose, not left at Wagtail's defaults.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "tif", "tiff", "webp", "heic", "heif", "avif", "gif"]
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", 120_000_000))
# 1 GiB: an uncompressed archival scan at the pixel limit fits (see gallery.ingest.upload_checks).
PHOTO_MAX_UPLOAD_BYTES = int(os.environ.get("PHOTO_MAX_UPLOAD_BYTES", 1024 * 1024 * 1024))
WAGTAILIMAGES_MAX_UPLOAD_SIZE = PHOTO_MAX_UPLOAD_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = PHOTO_MAX_PIXELS
WAGTAILIMAGES_JPEG_QUALITY = 80
WAGTAILIMAGES_WEBP_QUALITY = 78
WAGTAILIMAGES_AVIF_QUALITY = 60
# IIIF Image API: the largest image made on request (a 100 MP scan's `max` is this many pixels),
# and the longest side served of photographs whose rights allow only a limited size
# ({rights URI: pixels}; none by default, so every photograph zooms to full resolution).
IIIF_MAX_AREA = int(os.environ.get("IIIF_MAX_AREA", 25_000_000))
IIIF_LIMITED_RIGHTS = {}
# What the IIIF service keeps: tiles, the sizes info.json lists and thumbnails, at most this many
# answers per photograph and this many bytes in all (the least recently used go first). Anything
# else is made for its request only, up to an area, a time, and a number per client per minute.
IIIF_STORE_MAX_PER_PHOTOGRAPH = int(os.environ.get("IIIF_STORE_MAX_PER_PHOTOGRAPH", 2000))
IIIF_STORE_MAX_BYTES = int(os.environ.get("IIIF_STORE_MAX_BYTES", 10 * 1024**3))
# The whole store's size is summed at most this often across every process (a sum over every stored
# answer, millions at scale, is too dear for each new tile); between two sums the store can outgrow
# its cap by what is stored in the meantime. 0 sums on every new answer.
IIIF_STORE_TOTAL_CHECK_SECONDS = int(os.environ.get("IIIF_STORE_TOTAL_CHECK_SECONDS", 60))
IIIF_UNCACHED_MAX_AREA = int(os.environ.get("IIIF_UNCACHED_MAX_AREA", 4_000_000))
IIIF_UNCACHED_MAX_SECONDS = float(os.environ.get("IIIF_UNCACHED_MAX_SECONDS", 2.0))
IIIF_UNCACHED_PER_MINUTE = int(os.environ.get("IIIF_UNCACHED_PER_MINUTE", 300))
# The cache those per-client counts live in: one every process shares.
IIIF_COUNTER_CACHE = "shared"
# Public images (renditions, IIIF answers) may be kept by browsers and CDNs this long, then
# revalidated with their ETag: the longest a copy outlives a withdrawn consent where no purge reaches.
PUBLIC_MEDIA_MAX_AGE = int(os.environ.get("PUBLIC_MEDIA_MAX_AGE", 300))
# A CDN or caching proxy in front of the site is told to forget a photograph that stops being public
# (gallery.cdn_purge, through wagtail.contrib.frontend_cache). FRONTEND_CACHE_PURGE_URL names an HTTP
# cache that accepts PURGE (Varnish, nginx); for Cloudflare, CloudFront or Azure set
# WAGTAILFRONTENDCACHE here as Wagtail's documentation shows.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
IIIF_JPEG_QUALITY = 85
IIIF_WEBP_QUALITY = 80
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt"]
# Documents stream through Wagtail's view, which checks collection privacy; on object storage Wagtail would
# otherwise redirect to the bucket.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Gravatar cannot be reached from where the admin runs: initials, not broken images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# "Bosnian" and "bosnian" are one community, not two.
TAGGIT_CASE_INSENSITIVE = True

LOGIN_URL = "wagtailadmin_login"

# Password forms (both logins, password reset, private pages) refuse more after this many failures
# in the window: per username (or email, or page) and, higher, per client address.
LOGIN_ATTEMPTS_LIMIT = int(os.environ.get("LOGIN_ATTEMPTS_LIMIT", 5))
LOGIN_CLIENT_ATTEMPTS_LIMIT = int(os.environ.get("LOGIN_CLIENT_ATTEMPTS_LIMIT", 50))
LOGIN_ATTEMPTS_WINDOW = int(os.environ.get("LOGIN_ATTEMPTS_WINDOW", 15 * 60))
# How many proxies in front of the site append to X-Forwarded-For (a TLS terminator: 1). 0 trusts
# none of the header: the client is REMOTE_ADDR. More than are really there lets clients forge it.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))

if PRODUCTION:
    if TASKS["default"]["BACKEND"].endswith("ImmediateBackend"):
        raise ImproperlyConfigured(
            "DJANGO_ENV=production runs tasks in a worker (`manage.py db_worker`): TASKS_BACKEND must not be "
            "the immediate backend, which builds pyramids inside the request on whichever server took it."
        )
    if APP_SERVERS > 1:
        if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            raise ImproperlyConfigured(
                f"APP_SERVERS={APP_SERVERS} but DATABASE_URL is a SQLite file, which only one machine can "
                "use: set DATABASE_URL to PostgreSQL."
            )
        if not REDIS_URL and (PAGE_CACHE_ENABLED or CACHES["default"]["BACKEND"].endswith("LocMemCache")):
            raise ImproperlyConfigured(
                f"APP_SERVERS={APP_SERVERS} but the page cache is in each process's memory (no REDIS_URL): "
                "a server would keep serving a page another server changed. Set REDIS_URL."
            )
        if MEDIA_STORAGE != "s3" and not MEDIA_SHARED_FILESYSTEM:
            raise ImproperlyConfigured(
                f"APP_SERVERS={APP_SERVERS} but media is on this server's local disk (MEDIA_ROOT): an upload "
                "to one server would be missing on the others. Set MEDIA_STORAGE=s3, or MEDIA_SHARED_FILESYSTEM=1 "
                "if MEDIA_ROOT is one filesystem (NFS) mounted on every server."
            )

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Wagtail's live preview shows pages in a same-origin iframe, so SAMEORIGIN rather than DENY.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Open data: OAI-PMH, IIIF Change Discovery and the public API (opendata).
OAI_REPOSITORY_IDENTIFIER = os.environ.get("OAI_REPOSITORY_IDENTIFIER", "faces-and-places")
OAI_ADMIN_EMAIL = os.environ.get("OAI_ADMIN_EMAIL", "archive@example.org")
OAI_PAGE_SIZE = int(os.environ.get("OAI_PAGE_SIZE", 100))
# How long a resumption token stays good.
OAI_TOKEN_SECONDS = int(os.environ.get("OAI_TOKEN_SECONDS", 24 * 60 * 60))
CHANGE_DISCOVERY_PAGE_SIZE = int(os.environ.get("CHANGE_DISCOVERY_PAGE_SIZE", 100))
# Requests per client address per window on the public API, counted where every process sees them.
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", 120))
API_RATE_WINDOW_SECONDS = int(os.environ.get("API_RATE_WINDOW_SECONDS", 60))
