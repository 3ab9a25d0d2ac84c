"""
A page PDF kept between the import's preview and its confirmation: a temporary upload owned by
the editor who made it, in ``import-pending/<user id>/<token>.pdf`` on the default storage, with
the preview's page images beside it. Only that editor can reach it (the token is random and the
folder is theirs); ``clean`` removes what is older than a day (the ``clean_pending_imports``
command, and every new preview).
"""

import datetime
import re
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "import-pending"
LIFETIME = datetime.timedelta(days=1)
TOKEN = re.compile(r"[0-9a-f]{32}")


def _folder(user):
    return f"{FOLDER}/{int(user.pk)}"


def _name(user, token, suffix):
    if not TOKEN.fullmatch(str(token)):
        raise FileNotFoundError(token)
    return f"{_folder(user)}/{token}{suffix}"


def keep(user, data, images):
    """Store the PDF and its pages' images; return the token."""
    token = secrets.token_hex(16)
    default_storage.save(_name(user, token, ".pdf"), ContentFile(data))
    for index, image in enumerate(images):
        default_storage.save(_name(user, token, f"-{index}.png"), ContentFile(image))
    return token


def load(user, token):
    """The PDF's bytes; FileNotFoundError if it is not this user's or it is gone."""
    name = _name(user, token, ".pdf")
    if not default_storage.exists(name):
        raise FileNotFoundError(name)
    with default_storage.open(name) as stored:
        return stored.read()


def image_name(user, token, index):
    name = _name(user, token, f"-{int(index)}.png")
    if not default_storage.exists(name):
        raise FileNotFoundError(name)
    return name


def discard(user, token):
    try:
        folder = _folder(user)
        _name(user, token, "")
    except FileNotFoundError:
        return
    try:
        files = default_storage.listdir(folder)[1]
    except FileNotFoundError:
        return
    for name in files:
        if name.startswith(str(token)):
            default_storage.delete(f"{folder}/{name}")


def clean(lifetime=LIFETIME, now=None):
    """Delete pending uploads older than ``lifetime``; returns how many files went."""
    now = now or timezone.now()
    removed = 0
    try:
        folders = default_storage.listdir(FOLDER)[0]
    except FileNotFoundError:
        return 0
    for folder in folders:
        for name in default_storage.listdir(f"{FOLDER}/{folder}")[1]:
            path = f"{FOLDER}/{folder}/{name}"
            if now - default_storage.get_modified_time(path) > lifetime:
                default_storage.delete(path)
                removed += 1
    return removed
