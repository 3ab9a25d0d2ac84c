"""Existing bodies stored as CKEditor writes them back (richtext.as_editor_writes): a body a page
import stored with line breaks between paragraphs, opened and saved untouched, is no longer
recorded as a change. Their search documents are rebuilt."""

from django.db import migrations

from articles.richtext import as_editor_writes


def forwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    changed = []
    for pk, body in Article.objects.values_list("pk", "body").iterator():
        written = as_editor_writes(body)
        if written != body:
            Article.objects.filter(pk=pk).update(body=written)
            changed.append(pk)
    if changed:
        # The index builds from the current models with .only() of the fields it needs; on a
        # fresh database (no rows) it is not reached.
        from articles.search.index import index_articles

        index_articles(changed)


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_keep_credited_courts")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
