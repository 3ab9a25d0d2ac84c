"""
Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright cannot download a browser of its own here, so it is pointed at the system's Chromium
(``CHROMIUM_PATH``, else ``chromium`` on the PATH). Where there is none, every browser test is
skipped with one reason that says what to install; in CI (``CI`` set) a missing browser fails
instead, so that a green run cannot hide a missing install step.
"""

import datetime
import functools
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.management import call_command

pytest.register_assert_rewrite("tests.e2e.browsing")

from tests.chromium import CHROMIUM_ARGS  # noqa: E402
from tests.e2e.browsing import Tab  # noqa: E402

BROWSER_MISSING = "Chromium not installed: apt-get install chromium fonts-noto-cjk"


@functools.cache
def find_chromium():
    candidates = [
        os.environ.get("CHROMIUM_PATH"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ]
    return next((path for path in candidates if path and Path(path).is_file()), None)


class BrowserThread:
    """Chromium driven by Playwright's sync API, in a thread of its own.

    Playwright's sync API keeps an asyncio loop running in the thread that uses it. Django takes
    such a thread for async code: it refuses database queries there and keeps separate
    connections, which would split the tests' data (and the database resets between tests) from
    the live server's. So every browser call goes to this thread through ``run()``, and the tests'
    own queries stay in the main thread.
    """

    def __init__(self, executable):
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="browser")
        self.run(self._start, executable)

    def _start(self, executable):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.chromium = self._playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )

    def _stop(self):
        self.chromium.close()
        self._playwright.stop()

    def run(self, function, *args, **kwargs):
        """Call ``function(*args, **kwargs)`` in the browser's thread and return its result."""
        return self._worker.submit(function, *args, **kwargs).result()

    def close(self):
        try:
            self.run(self._stop)
        finally:
            self._worker.shutdown()


def pytest_runtest_setup(item):
    # Here rather than in a fixture, so that `make test` sums the skips up in one line.
    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail(f"{BROWSER_MISSING} (CI installs it before the tests)")
        pytest.skip(BROWSER_MISSING)


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module; each test opens its own tabs (contexts) in it."""
    thread = BrowserThread(find_chromium())
    yield thread
    thread.close()


@pytest.fixture
def open_tab(browser, live_server):
    """Open a tab at a viewport ("phone" or "desktop"). Every tab watches for console errors and
    failed requests; any left unchecked when the test ends fail it."""
    tabs = []

    def open_tab(viewport, javascript=True):
        tab = browser.run(Tab, browser.chromium, live_server.url, viewport, javascript)
        tabs.append(tab)
        return tab

    yield open_tab
    problems = [problem for tab in tabs for problem in tab.problems]
    for tab in tabs:
        browser.run(tab.close)
    assert not problems, "\n".join(problems)


@pytest.fixture(params=["phone", "desktop"])
def viewport(request):
    return request.param


@pytest.fixture
def demo(transactional_db):
    """A small archive written by generate_demo: six weeks of editions with page images and
    areas, web-only articles, basic courts, contributors and photos. The same every run."""
    call_command(
        "generate_demo",
        articles=40,
        seed="e2e",
        until=datetime.date(2025, 7, 1),
        years=1,
        verbosity=0,
    )
