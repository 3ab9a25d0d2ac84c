"""A folder only this process's user may write to, for data the site reads back trusting it.

Django's file-based cache unpickles what it finds in its folder: whoever can write a file there
runs code as the web user. A folder in the system's shared temporary directory under a name
anyone can guess could be made (or swapped for a link) by another local user first, so the
folder is created private (mode 0700) and refused, with one clear line, when it is not.
"""

import os
import stat


def private_folder(path, *, create=True):
    """Return ``path`` after making sure it is a real folder, owned by this process's user and
    writable by nobody else; create it with mode 0700 if it is missing (and ``create``).

    Raises SystemExit (one readable line, as for the other configuration errors) otherwise.
    """
    path = os.fspath(path)
    if create:
        try:
            os.makedirs(path, mode=0o700, exist_ok=True)
        except OSError as error:
            raise SystemExit(
                f"Configuration error: the cache folder {path} cannot be created ({error})."
            ) from None
    try:
        info = os.lstat(path)
    except OSError as error:
        raise SystemExit(
            f"Configuration error: the cache folder {path} cannot be read ({error})."
        ) from None
    if not stat.S_ISDIR(info.st_mode):
        problem = "is not a folder (a link or a file)"
    elif info.st_uid != os.geteuid():
        problem = f"belongs to another user (uid {info.st_uid}, not {os.geteuid()})"
    elif info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        problem = f"can be written by other users (mode {stat.S_IMODE(info.st_mode):o})"
    else:
        return path
    raise SystemExit(
        f"Configuration error: the cache folder {path} {problem}; remove it or set "
        "DJANGO_CACHE_DIR to a folder only the web server's user can write to (mode 0700)."
    )
