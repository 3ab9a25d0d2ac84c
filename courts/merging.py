"""A court in use is never deleted (articles would silently lose it, its contributors their
court); it is merged into another court instead: its article links, contributors, courts below
it and names move there, as one version, and then it goes.
"""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import router, transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Revision, Version

from .models import Court


def uses(court, children=True):
    """What still uses ``court``: [(what, count)], empty when nothing does."""
    counts = [
        (_("articles"), court.articles.count()),
        (_("contributors"), court.contributors.count()),
        (_("courts below it"), court.children.count() if children else 0),
    ]
    return [(what, count) for what, count in counts if count]


def in_use_message(court):
    return _(
        "%(court)s cannot be deleted: it is used by %(uses)s. Merge it into another court "
        "instead (the action “Merge into another court” in the list of courts)."
    ) % {
        "court": court.name,
        "uses": _(", ").join(f"{count} {what}" for what, count in uses(court)),
    }


class CourtInUse(Exception):
    """Raised on deleting a court still in use, whatever deletes it."""


@receiver(pre_delete, sender=Court, dispatch_uid="courts.refuse_deleting_a_court_in_use")
def _refuse_deleting_a_court_in_use(sender, instance, **kwargs):
    # The admin checks first and says so (CourtAdmin.get_deleted_objects); this holds for any
    # other way (the shell, a script), before a link is removed.
    # Courts below it are protected by their foreign key already (and may go in the same
    # delete, as the demo's do).
    if uses(instance, children=False):
        raise CourtInUse(in_use_message(instance))


def merge_problem(source, target):
    """Why ``source`` cannot be merged into ``target`` (a message), or None."""
    if source.pk == target.pk:
        return _("A court cannot be merged into itself.")
    if target.path.startswith(source.path):
        return _("%(court)s cannot be merged into a court below it.") % {"court": source.name}
    return None


def _keep_as_it_was(court, user):
    """A version of ``court`` as it is, in a revision of its own, so that it can be recovered
    from the deleted courts. (django-reversion drops the version of an object deleted in the
    same revision, and the admin's revision spans the whole request.)"""
    revision = Revision.objects.create(
        user=user,
        date_created=timezone.now(),
        comment=_("Before the merge into another court"),
    )
    Version.objects.create(
        revision=revision,
        content_type=ContentType.objects.get_for_model(Court),
        object_id=str(court.pk),
        db=router.db_for_write(Court),
        format="json",
        serialized_data=serializers.serialize("json", [court]),
        object_repr=str(court),
    )


@transaction.atomic
def merge(source, target, user=None):
    """Move everything of ``source`` to ``target`` and delete ``source``; returns the counts
    moved. One revision (django-reversion) holds the target, the moved contributors, courts and
    articles; one before it the source as it was, so that it can be recovered.
    The signals of the moves refresh the page cache and the articles' search documents."""
    problem = merge_problem(source, target)
    if problem:
        raise ValueError(problem)
    source = Court.objects.select_for_update().get(pk=source.pk)
    target = Court.objects.select_for_update().get(pk=target.pk)
    _keep_as_it_was(source, user)
    with reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(
            _("Merged %(source)s into %(target)s") % {"source": source.name, "target": target.name}
        )
        articles = list(source.articles.all())
        target.articles.add(*articles)
        source.articles.clear()
        contributors = list(source.contributors.all())
        for contributor in contributors:
            contributor.court = target
            contributor.save(update_fields=["court"])
        children = list(source.children.all())
        for child in children:
            child.parent = target
            child.save()  # moves the child's own subtree with it
        known = set(target.names)
        new_names = [name for name in source.names if name not in known]
        if new_names:
            target.aliases = "\n".join([*target.alias_list, *sorted(new_names, key=len)])
            target.save(update_fields=["aliases"])
        for obj in [target, *articles, *contributors, *children]:
            if reversion.is_registered(type(obj)):
                reversion.add_to_revision(obj)
        source.delete()
    return {"articles": len(articles), "contributors": len(contributors), "courts": len(children)}
