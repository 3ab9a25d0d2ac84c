"""Fast, isolated settings for the test suite."""

import tempfile

from newsroom.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
    },
}
CONTENT_GENERATION_CACHE = "shared"
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True  # no collectstatic in tests
# Sign-in lockout (django-axes) needs a request with every authenticate(), which the test
# client's login() does not give; tests of the lockout switch it on with the settings fixture.
AXES_ENABLED = False
# Uploads are served by Django in the tests, as on a single machine (the browser tests load them).
SERVE_MEDIA = True
