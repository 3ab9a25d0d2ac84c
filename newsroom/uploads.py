"""
Who may fetch an uploaded file. The apps whose rows own files (articles: photos, page images and
PDFs, body images, renditions) register rules in their AppConfig.ready():

- a file is public while any public rule says so (newsroom.views.media asks before it serves a
  file to a reader);
- a file that is not public goes to a signed-in staff member only while a staff rule says they
  may see what uses it (a correspondent sees the files of their own court's pieces, not of
  another court's drafts; an editor sees every file).
"""

_rules = []
_staff_rules = []


def register_public_uploads(rule):
    """``rule(name)`` says whether readers may fetch the upload stored under ``name``."""
    if rule not in _rules:
        _rules.append(rule)


def is_public_upload(name):
    return any(rule(name) for rule in _rules)


def register_staff_uploads(rule):
    """``rule(name, user)`` says whether a staff member may fetch a non-public upload."""
    if rule not in _staff_rules:
        _staff_rules.append(rule)


def staff_may_fetch(name, user):
    if not (user.is_active and user.is_staff):
        return False
    return any(rule(name, user) for rule in _staff_rules)
