"""
Backups restore: the procedure in docs/operations.md, run for real. The database is dumped with
``pg_dump --format=custom``, the uploads packed with ``tar``; both are restored into an empty
database and an empty folder, and every edition, article, court, contributor, version and
uploaded file is there, byte for byte.
"""

import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
import reversion
from django.core.files.base import ContentFile
from django.db import connection
from PIL import Image
from reversion.models import Revision, Version

from articles.models import Article, Contributor, Issue, Photo
from courts.models import Court
from tests.factories import (
    ArticleFactory,
    ContributorFactory,
    CourtFactory,
    CreditFactory,
    IssueFactory,
)

ROOT = Path(__file__).resolve().parents[2]
MEDIA_IN_BODY = re.compile(r'src="/media/([^"]+)"')


def requirements():
    if connection.vendor != "postgresql":
        return "backups are PostgreSQL dumps: run with DATABASE_URL=postgres://..."
    missing = [tool for tool in ("pg_dump", "pg_restore", "tar") if not shutil.which(tool)]
    if missing:
        return f"{', '.join(missing)} not installed (apt-get install postgresql-client)"
    return None


def conninfo(name):
    params = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        dbname=name,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
    )


def run(*command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{command[0]}: {result.stderr}"
    return result


def image_file(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


def table_digests(dbname):
    """Every table of the schema: its row count and a digest of all its rows."""
    with psycopg.connect(conninfo(dbname)) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        digests = {}
        for table in tables:
            query = psycopg.sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                " FROM {} AS t"
            ).format(psycopg.sql.Identifier(table))
            digests[table] = db.execute(query).fetchone()
        return digests


@pytest.fixture
def backup_tools():
    reason = requirements()
    if reason:
        pytest.skip(reason)


@pytest.fixture
def archive(backup_tools, transactional_db, django_db_serialized_rollback, settings, tmp_path):
    """Committed content of every kind, with files, in a media folder of its own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # A serialized rollback brings back the basic courts that migration courts.0004 loads.
    court = Court.objects.filter(name="达拉特旗人民法院").first() or CourtFactory(
        name="达拉特旗人民法院", slug="dalate"
    )
    reporter = ContributorFactory(name="肖玥", court=court)
    with reversion.create_revision():
        reversion.set_comment("首次保存")
        issue = IssueFactory(quote="公正司法，一心为民。")
        issue.page_image.save("ignored.jpg", image_file("grey"))
        issue.page_pdf.save("ignored.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    body_image = "uploads/2025/06/" + image_file("red").name
    Path(settings.MEDIA_ROOT, body_image).parent.mkdir(parents=True, exist_ok=True)
    Path(settings.MEDIA_ROOT, body_image).write_bytes(image_file("red").read())
    for index in range(3):
        with reversion.create_revision():
            reversion.set_comment(f"稿件 {index}")
            article = ArticleFactory(
                issue=issue,
                courts=[court],
                body=f'<p>第{index}篇</p><figure class="image"><img src="/media/{body_image}">'
                "</figure>",
            )
            CreditFactory(article=article, contributor=reporter)
            photo = Photo(article=article, caption="庭审现场", photographer=reporter)
            photo.image.save("ignored.jpg", image_file("blue"))
        with reversion.create_revision():  # a second version of each
            article.headline += "（修订）"
            article.save()
    return Path(settings.MEDIA_ROOT)


def test_dump_and_restore_bring_back_everything(archive, tmp_path):
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restore_{uuid.uuid4().hex[:8]}"
    dump, media_archive = tmp_path / "newsroom.dump", tmp_path / "media.tar.gz"

    # Backup, as docs/operations.md says.
    run("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", conninfo(source))
    run("tar", "-C", str(archive), "-czf", str(media_archive), ".")

    # Restore into an empty database and an empty folder.
    with psycopg.connect(conninfo("postgres"), autocommit=True) as admin:
        admin.execute(
            psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(restored))
        )
    restored_media = tmp_path / "restored-media"
    restored_media.mkdir()
    try:
        run(
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={conninfo(restored)}",
            str(dump),
        )
        run("tar", "-C", str(restored_media), "-xzf", str(media_archive))

        # Every table, row for row.
        original, copy = table_digests(source), table_digests(restored)
        assert copy == original
        counts = {table: count for table, (count, _digest) in copy.items()}
        for model, expected in [
            (Issue, 1),
            (Article, 3),
            (Contributor, 1),
            (Photo, 3),
            (Version, None),
            (Revision, 7),
        ]:
            assert counts[model._meta.db_table] == (expected or model.objects.count()) > 0
        assert counts[Court._meta.db_table] == Court.objects.count() > 13  # the loaded tree too

        # Every uploaded file the restored database names is there, byte for byte.
        with psycopg.connect(conninfo(restored)) as db:
            names = [
                name
                for (name,) in db.execute(
                    "SELECT page_image FROM articles_issue UNION ALL "
                    "SELECT page_pdf FROM articles_issue UNION ALL "
                    "SELECT image FROM articles_photo"
                )
            ]
            for (body,) in db.execute("SELECT body FROM articles_article"):
                names += MEDIA_IN_BODY.findall(body)
        assert len(names) == 2 + 3 + 3
        for name in names:
            assert (restored_media / name).read_bytes() == (archive / name).read_bytes(), name
        with tarfile.open(media_archive) as packed:
            assert len([m for m in packed.getmembers() if m.isfile()]) == len(set(names))

        # The restored database is one this code can run on: no migration missing.
        environment = {**os.environ, "DATABASE_URL": _url(restored), "DJANGO_DEBUG": "1"}
        check = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert check.returncode == 0, check.stdout + check.stderr
    finally:
        with psycopg.connect(conninfo("postgres"), autocommit=True) as admin:
            admin.execute(
                psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    psycopg.sql.Identifier(restored)
                )
            )


def _url(name):
    params = connection.settings_dict
    credentials = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    return f"postgres://{credentials}@{params['HOST']}:{params['PORT']}/{name}"
