"""
Settings for the 法院专刊 newsroom.

Everything is read from the environment. With nothing set the site runs in development mode on an
embedded SQLite database in the checkout. ``DJANGO_DEBUG=0`` is production mode, which refuses to
start without a secret key and allowed hosts.
"""

import datetime
import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from newsroom.folders import private_folder

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


def env_required(name):
    """Return a variable production cannot do without, or stop with one line naming it."""
    value = os.environ.get(name, "").strip()
    if not value:
        # SystemExit prints its message alone: one clear line instead of a traceback.
        raise SystemExit(f"Configuration error: {name} must be set when DJANGO_DEBUG=0.")
    return value


DEBUG = env_bool("DJANGO_DEBUG", True)

if DEBUG:
    SECRET_KEY = os.environ.get(
        "DJANGO_SECRET_KEY", "django-insecure-development-key-do-not-use-in-production"
    )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = env_required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or [env_required("DJANGO_ALLOWED_HOSTS")]

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",  # django.contrib.admin with the site's AdminSite
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "imagekit",
    "django_ckeditor_5",
    "reversion",
    "reversion_compare",
    "newsroom.apps.AxesConfig",  # django-axes
    "courts",
    "articles",
    "privacy",
    "accounts",
    "stats",  # the statistics courts are assessed on, and rosters
    "demo",  # demo content and the development commands
    "corrections",
    "newsroom.apps.NewsroomConfig",
]

MIDDLEWARE = [
    # First: a cached page skips everything below, its headers (security, CSP, permissions
    # policy, X-Frame-Options) stored with it when it was rendered (pagecache.py). Static files,
    # the admin and signed-in users pass through.
    "newsroom.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    # A NUL byte in the query string is a 400 (PostgreSQL refuses it in text); no body is read.
    "newsroom.middleware.RejectNulBytesMiddleware",
    # A view that cannot reach the database answers 503 (see newsroom/unavailable.py).
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Bodies capped by who sends them (413), and read, for NUL bytes, only after CSRF's check.
    "newsroom.middleware.RequestBodyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A staff account without a person's name gives it before anything else in the admin.
    "accounts.names.PersonNameRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in ---------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out sign-in before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Argon2 hashes new passwords; the others only check (and upgrade) older hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: the interface, dates and times are those of the court's readers.
LANGUAGE_CODE = "zh-hans"
# The site speaks Chinese whatever a browser asks for (no LocaleMiddleware): readers, editors and
# correspondents work in Chinese, and one language keeps cached pages one per URL. Strings stay
# translatable, with English msgids.
LANGUAGES = [("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# A moment reads "2026-12-08 08:30" wherever Django formats one (newsroom/formats/).
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# Uploads on S3-compatible object storage (django-storages) when a bucket is named, so that
# several web servers share them; on the local disk otherwise.
AWS_STORAGE_BUCKET_NAME = os.environ.get("DJANGO_S3_BUCKET", "").strip()
# Uploads on the local disk are served by Django (newsroom.views.media), which gives readers only
# the files of public content. A web server in front must not serve MEDIA_ROOT itself; with
# DJANGO_MEDIA_ACCEL_REDIRECT (nginx's X-Accel-Redirect, e.g. "/protected-media/") it sends the
# file from an internal location once Django has said yes (docs/operations.md).
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", not AWS_STORAGE_BUCKET_NAME)
MEDIA_ACCEL_REDIRECT = os.environ.get("DJANGO_MEDIA_ACCEL_REDIRECT", "").strip()
# How long browsers and a CDN may keep a public upload: a withdrawn file is gone from them
# after at most this long.
MEDIA_CACHE_MAX_AGE = int(os.environ.get("DJANGO_MEDIA_CACHE_MAX_AGE", "300"))

if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_S3_REGION") or None,
            "access_key": os.environ.get("DJANGO_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("DJANGO_S3_SECRET_ACCESS_KEY") or None,
            # A CDN before the private bucket must sign its addresses too (CloudFront's key
            # pair): django-storages writes unsigned addresses for a custom domain otherwise.
            "custom_domain": os.environ.get("DJANGO_S3_CUSTOM_DOMAIN") or None,
            "cloudfront_key_id": os.environ.get("DJANGO_S3_CLOUDFRONT_KEY_ID") or None,
            "cloudfront_key": os.environ.get("DJANGO_S3_CLOUDFRONT_KEY") or None,
            "location": os.environ.get("DJANGO_S3_LOCATION", ""),
            # A private bucket: every address the site writes is signed and expires, so that a
            # withdrawn article's photos stop being reachable once its pages are gone (the
            # signature outlives the page cache, the article cards' cache and a browser's copy:
            # 600 + 600 + 60 seconds at most). Nobody reads the bucket without a signature.
            "querystring_auth": True,
            "querystring_expire": int(os.environ.get("DJANGO_S3_SIGNED_URL_SECONDS", "3600")),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
    _options = MEDIA_STORAGE["OPTIONS"]
    if _options["custom_domain"] and not (
        _options["cloudfront_key_id"] and _options["cloudfront_key"]
    ):
        raise SystemExit(
            "Configuration error: DJANGO_S3_CUSTOM_DOMAIN needs DJANGO_S3_CLOUDFRONT_KEY_ID and "
            "DJANGO_S3_CLOUDFRONT_KEY (the bucket is private: every address must be signed)."
        )
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Caching ---------------------------------------------------------------------------------
# What the machine's processes keep on disk and read back trusting it (the file cache's pickles
# without Redis, jieba's segmentation dictionary): a folder only the web server's user may
# write to, created with mode 0700 and refused (one line, at start) otherwise.
CACHE_DIR = private_folder(
    os.environ.get("DJANGO_CACHE_DIR", "").strip()
    or Path(tempfile.gettempdir()) / f"newsroom-cache-{os.geteuid()}"
)
# One cache per database, so that two sites on one Redis (or a benchmark's databases) never
# share entries.
_db = DATABASES["default"]
_db_identity = f"{_db.get('HOST')}:{_db.get('PORT')}/{_db.get('NAME')}"
CACHE_KEY_PREFIX = "newsroom-" + hashlib.sha256(_db_identity.encode()).hexdigest()[:10]
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    # Several web processes or machines: every one sees the same pages and the same content
    # generation.
    CACHES = {
        "default": {
            # Django's, but once Redis stops answering (a machine gone, a network cut) each
            # process leaves it alone for a few seconds and goes on without the cache: a page
            # costs one timeout, not one per read (newsroom/cache.py).
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            # How long one read waits for an answer (redis-py's default is five seconds).
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("DJANGO_REDIS_TIMEOUT", "1")),
                "socket_timeout": float(os.environ.get("DJANGO_REDIS_TIMEOUT", "1")),
            },
        }
    }
    CONTENT_GENERATION_CACHE = "default"
else:
    CACHES = {
        # Pages and values, in each process's memory.
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DJANGO_CACHE_MAX_ENTRIES", "2000"))},
        },
        # The content generation must be the same for every web process on the machine (gunicorn
        # runs several): a change made in one makes the others' pages unreachable too.
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            # Its entries are unpickled when read: a private folder (CACHE_DIR).
            "LOCATION": CACHE_DIR,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        },
    }
    CONTENT_GENERATION_CACHE = "shared"

# Rendered fragments (article cards), in each process's memory whatever holds the pages: a card is
# cheaper to render than to fetch over the network, and its key holds the shared content
# generation, so no process serves a stale one. Kept apart so that cards never push pages out.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "newsroom-fragments",
    "KEY_PREFIX": CACHE_KEY_PREFIX,
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("DJANGO_FRAGMENT_CACHE_MAX_ENTRIES", "5000"))},
}

# Whole pages for anonymous readers (newsroom/pagecache.py): on unless DJANGO_PAGE_CACHE=0.
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", True)
# How long an entry is kept at most (a change of content or a scheduled time ends it sooner).
PAGE_CACHE_TIMEOUT = int(os.environ.get("DJANGO_PAGE_CACHE_TIMEOUT", "600"))
# What browsers (max-age) and shared caches such as a CDN (s-maxage) may reuse without asking.
PAGE_CACHE_MAX_AGE = int(os.environ.get("DJANGO_PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_S_MAXAGE = int(os.environ.get("DJANGO_PAGE_CACHE_S_MAXAGE", "60"))
PAGE_CACHE_EXCLUDE_PATHS = ["/admin/", "/preview/", "/editor/", "/health/"]
# No pile-ups after a change: one request renders a missing page while the others asking for it
# wait for that render, at most this many seconds, before rendering it themselves.
PAGE_CACHE_RENDER_WAIT = float(os.environ.get("DJANGO_PAGE_CACHE_RENDER_WAIT", "3"))

# Resized photos and page images (django-imagekit): which renditions exist is remembered in the
# cache, not looked up on the storage for every page.
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_CACHE_BACKEND = "default"
IMAGEKIT_CACHE_TIMEOUT = 24 * 60 * 60
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.JustInTime"

LOGIN_URL = "admin:login"

# Everyone who signs in is staff: a session lasts a working day and ends with the browser.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", str(9 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# A link to set a password (new sign-in or reset access) is valid for three days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60

# Password guessing: after 5 failures for one username from one address, that pair is locked out
# for 30 minutes (an administrator's "reset access" lifts it at once). Attempts are kept in the
# database, so each test starts with none.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on every manage.py command
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# Beyond the pair (accounts/signin.py): one address is locked out after this many failures,
# whatever usernames it tried; a username failing from this many addresses this many times is
# slowed (its password checked once every so many seconds from addresses it never signed in
# from), never locked.
AXES_HANDLER = "accounts.signin.SignInHandler"
SIGNIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("DJANGO_SIGNIN_ADDRESS_LIMIT", "20"))
SIGNIN_USERNAME_SLOWDOWN_AFTER = 10
SIGNIN_USERNAME_SLOWDOWN_ADDRESSES = 3
SIGNIN_USERNAME_SLOWDOWN_SECONDS = 10
AXES_HTTP_RESPONSE_CODE = 429
# Behind a reverse proxy every request comes from the proxy's address: set DJANGO_PROXY_COUNT to
# the number of proxies that append to X-Forwarded-For, so the client's own address is used.
# Left at 0 (no proxy), the header is ignored, since a client could forge it.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "accounts.network.client_ip"

# Uploads: the editor's image upload checks its own limits; these bound everything else.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A whole request body, by its Content-Length (newsroom.middleware.RequestBodyMiddleware, 413
# beyond): signed-in staff send an edition's page PDF (30 MB) and page image (20 MB) at once;
# anyone else sends at most the sign-in or set-password form. The proxy in front must allow at
# least the staff figure (nginx: client_max_body_size 64m; docs/operations.md).
REQUEST_BODY_MAX_BYTES_STAFF = int(os.environ.get("DJANGO_MAX_BODY_STAFF", 64 * 1024 * 1024))
REQUEST_BODY_MAX_BYTES_ANONYMOUS = int(os.environ.get("DJANGO_MAX_BODY_ANONYMOUS", 64 * 1024))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644
# An image is decoded whole to be re-encoded: 3-4 bytes a pixel, so the pixel cap bounds the
# memory (about 140 MB at the cap) and the time (about a second on one core) an upload costs. It
# still takes a full printed page scanned at 300 dpi (about 35 megapixels); measured with
# `manage.py benchmark_uploads` (docs/benchmarks.md).
IMAGE_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
IMAGE_UPLOAD_MAX_PIXELS = 36_000_000
PDF_UPLOAD_MAX_BYTES = 30 * 1024 * 1024

# Security headers that hold in every mode; the HTTPS ones follow in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp 4): scripts, styles, images and fonts from this site only,
# no plugins, no framing, forms post only here. Inline style *attributes* are allowed (the page
# map places its areas with them; rich text is stripped of them before it is stored or shown),
# inline <style> and <script> elements are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],  # for browsers without the two below
        "style-src-elem": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Added on admin pages only (newsroom.middleware): CKEditor 5 draws with data: images. (Checked
# in a browser: nothing else of the editor, image upload included, needs more.)
CONTENT_SECURITY_POLICY_ADMIN = {"img-src": ["data:"]}
# Browser features the site never uses, switched off for it and anything it could embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- E-mail notices (accounts/notifications.py) -------------------------------------------------
# Development prints each mail on the console; production sends through the SMTP server given
# by the EMAIL_* variables (README, "Configuration").
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "法院专刊 <noreply@localhost>")
# The address links in mails start with (no request to take it from).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# --- Rich text -------------------------------------------------------------------------------
# The toolbar is what a newspaper article needs. Raw-HTML features are removed outright, and the
# Markdown plugin too (it would switch the editor's data format). The HTML cleaner in
# articles/richtext.py allows exactly what this toolbar produces.
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "zh-cn",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "|",
                "imageUpload",
                "insertTable",
                "|",
                "undo",
                "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        "removePlugins": [
            "SourceEditing",
            "GeneralHtmlSupport",
            "HtmlEmbed",
            "FullPage",
            "Markdown",
            "MediaEmbed",
            "Style",
            "CodeBlock",
            "Code",
            "Font",
            "Highlight",
            "TodoList",
            "Mention",
            "Alignment",
            "TableProperties",
            "TableCellProperties",
            # Not "ImageInsert": in this build the image upload button comes with it.
            "ImageResize",
            "Underline",
            "Strikethrough",
            "Subscript",
            "Superscript",
            "PageBreak",
            "HorizontalLine",
            "IndentBlock",
            "ShowBlocks",
            "CKFinderUploadAdapter",
            "LinkImage",
            "ListProperties",
        ],
        # Named by rank, not by level: on the article's page the highest subhead of the body is
        # shown as h2, under the headline's h1, whatever it was written as (see with_dateline).
        "heading": {
            "options": [
                {"model": "paragraph", "title": _("Paragraph"), "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": _("Subhead"),
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": _("Subhead under a subhead"),
                    "class": "ck-heading_heading3",
                },
            ]
        },
        "image": {
            "toolbar": ["toggleImageCaption", "imageTextAlternative"],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "link": {"defaultProtocol": "https://"},
        # Chinese text has no spaces between words: the count of characters is the one to show.
        "wordCount": {"displayWords": False, "displayCharacters": True},
    }
}
# Our own upload view (articles.uploads.upload_image) checks permissions and re-encodes images;
# django-ckeditor-5's own view is not routed at all.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "articles:upload_image"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "gif", "webp"]
