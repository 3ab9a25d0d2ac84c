"""
Who may fetch an uploaded file. The apps whose rows own files (articles: photos, page images and
PDFs, body images, renditions) register a rule in their AppConfig.ready(); a file is public
while any rule says so. newsroom.views.media asks before it serves a file to a reader.
"""

_rules = []


def register_public_uploads(rule):
    """``rule(name)`` says whether readers may fetch the upload stored under ``name``."""
    if rule not in _rules:
        _rules.append(rule)


def is_public_upload(name):
    return any(rule(name) for rule in _rules)
