"""Production mode refuses to start without its secrets, with one readable line."""

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.newsroom.processes import clean_environment

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"DJANGO_DEBUG": "0"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50}, "DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without(env, missing):
    result = run_check(**env)
    assert result.returncode != 0
    assert missing in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_production_starts_with_secret_and_hosts():
    result = run_check(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="example.org"
    )
    assert result.returncode == 0, result.stderr


def test_development_needs_nothing():
    result = run_check()
    assert result.returncode == 0, result.stderr


def test_chinese_first():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"


def test_the_default_cache_folder_is_created_private(tmp_path):
    result = run_check(TMPDIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    [folder] = tmp_path.glob("newsroom-cache*")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert folder.stat().st_uid == os.geteuid()


def test_a_cache_folder_made_first_by_someone_else_is_refused(tmp_path):
    # Another local user made the predictable folder first, open to all, to plant a pickle.
    planted = tmp_path / f"newsroom-cache-{os.geteuid()}"
    planted.mkdir()
    planted.chmod(0o777)
    result = run_check(TMPDIR=str(tmp_path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "cache folder" in result.stderr and "DJANGO_CACHE_DIR" in result.stderr


def test_a_named_cache_folder_that_is_a_link_or_open_is_refused(tmp_path):
    from newsroom.folders import private_folder

    target = tmp_path / "target"
    target.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(target)
    with pytest.raises(SystemExit, match="not a folder"):
        private_folder(link)
    target.chmod(0o775)
    with pytest.raises(SystemExit, match="written by other users"):
        private_folder(target)
    target.chmod(0o700)
    assert private_folder(target) == str(target)


def test_the_docker_image_runs_in_production_mode():
    # The image's own environment (ENV lines), not compose's: `docker run` without -e must not
    # start a development server with tracebacks.
    dockerfile = (ROOT / "Dockerfile").read_text()
    instructions = re.sub(r"\\\n", " ", dockerfile)
    env = " ".join(line for line in instructions.splitlines() if line.startswith("ENV "))
    assert re.search(r"\bDJANGO_DEBUG=0\b", env)
    # Development keeps its default: test_development_needs_nothing.
