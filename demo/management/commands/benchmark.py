"""
The site's benchmark: every public page type under concurrent load, on PostgreSQL with production
settings, served by gunicorn on loopback and loaded by wrk, cached and uncached, at two archive
sizes, each page's throughput compared with a view that does no database work served by the same
stack in the same run. Writes its table into docs/benchmarks.md.

    make bench                   # or: .venv/bin/python manage.py benchmark

A program, not a test: its numbers depend on the machine. Only the ratios to the baseline are
compared with the targets.
"""

import contextlib
import datetime
import gzip
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SEED = "1"
UNTIL = "2025-06-30"
SIZES = [10_000, 100_000]
DOC = Path(settings.BASE_DIR) / "docs" / "benchmarks.md"
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"

# Targets (issue: performance at archive scale).
CACHED_TARGET, UNCACHED_TARGET, GROWTH_TARGET = 0.6, 0.2, 1.3
# Cached pages against the smallest Django page there is (demo/reference.py).
MINIMAL_TARGET = 0.9

# wrk prints one JSON line with what the report needs (percentiles in microseconds).
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50": %d, "p95": %d, "p99": %d, "errors": %d, '
    .. '"non2xx": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), errors, summary.errors.status))
end
"""

PAGES = [
    ("home", "Home"),
    ("issues", "Edition list"),
    ("issue", "Edition page"),
    ("article", "Article page"),
    ("articles", "/articles/"),
    ("articles_court", "/articles/ by a city court"),
    ("search", "Search"),
    ("feed", "Feed"),
]


def database_name(size):
    return f"newsroom_bench_{size // 1000}k"


def signature(size):
    return f"generate_demo --articles {size} --seed {SEED} --until {UNTIL}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Command(BaseCommand):
    help = (
        "Benchmark every public page type with wrk against gunicorn on PostgreSQL, cached and "
        "uncached, at 10,000 and 100,000 articles; write the table into docs/benchmarks.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--server",
            default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
            help="PostgreSQL server to use (user and host, no database name); "
            "default $BENCH_POSTGRES or postgres://postgres@127.0.0.1:5432.",
        )
        parser.add_argument(
            "--sizes",
            default=",".join(str(s) for s in SIZES),
            help="Archive sizes in articles, comma-separated (default 10000,100000).",
        )
        parser.add_argument("--duration", type=int, default=10, help="Seconds per wrk run.")
        parser.add_argument("--connections", type=int, default=16, help="wrk connections.")
        parser.add_argument("--threads", type=int, default=2, help="wrk threads.")
        parser.add_argument(
            "--workers", type=int, default=2, help="gunicorn worker processes (default 2)."
        )
        parser.add_argument(
            "--regenerate", action="store_true", help="Generate the databases again."
        )
        parser.add_argument(
            "--no-write", action="store_true", help="Print the table; leave docs/ alone."
        )
        # Internal: run inside a benchmark database by the command itself.
        parser.add_argument("--probe", action="store_true", help="(internal)")
        parser.add_argument("--bump", action="store_true", help="(internal)")

    def handle(self, *args, **options):
        if options["probe"]:
            return self.probe()
        if options["bump"]:
            from newsroom.generation import bump_content_generation

            bump_content_generation()
            return None
        self.options = options
        wrk = self.check_tools()
        sizes = [int(s) for s in options["sizes"].split(",") if s.strip()]
        load_before = os.getloadavg()
        started = datetime.datetime.now()
        self.collectstatic()
        results = {}
        for size in sizes:
            env = self.prepare_database(size)
            pages = json.loads(self.manage(env, "benchmark", "--probe", capture=True))
            results[size] = {"pages": pages, "modes": {}}
            for mode in ("cached", "uncached"):
                results[size]["modes"][mode] = self.measure(env, wrk, pages, mode)
        load_after = os.getloadavg()
        report = self.report(results, sizes, load_before, load_after, started)
        self.stdout.write(report)
        if not options["no_write"]:
            self.write_doc(report)
            written = DOC.relative_to(settings.BASE_DIR)
            self.stdout.write(self.style.SUCCESS(f"Written to {written}"))

    # --- Tools and databases -------------------------------------------------------------------

    def check_tools(self):
        wrk = shutil.which("wrk")
        if wrk is None and shutil.which("apt-get") and os.geteuid() == 0:
            self.stdout.write("wrk is missing: installing it from Debian's packages …")
            subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False)
            wrk = shutil.which("wrk")
        if wrk is None:
            raise CommandError(
                "wrk (the HTTP load generator) is not installed. Install it with "
                "`sudo apt-get install wrk` (Debian/Ubuntu) or `brew install wrk` (macOS)."
            )
        if shutil.which("gunicorn", path=str(Path(sys.executable).parent)) is None:
            raise CommandError("gunicorn is not installed in this environment: run `make install`.")
        try:
            import psycopg
        except ImportError as error:
            raise CommandError("psycopg is missing: run `make install`.") from error
        try:
            psycopg.connect(self.server_url("postgres"), connect_timeout=5).close()
        except psycopg.Error as error:
            raise CommandError(
                f"PostgreSQL does not answer at {self.options['server']} ({error}). Start it, or "
                "name another server with --server or BENCH_POSTGRES."
            ) from error
        return wrk

    def server_url(self, name):
        return f"{self.options['server'].rstrip('/')}/{name}"

    def admin(self, sql, params=None, fetch=False):
        import psycopg

        with psycopg.connect(self.server_url("postgres"), autocommit=True) as conn:
            cursor = conn.execute(sql, params)
            return cursor.fetchall() if fetch else None

    def prepare_database(self, size):
        """Generate the database once for these parameters; later runs reuse it."""
        name = database_name(size)
        env = {**os.environ, "DATABASE_URL": self.server_url(name), "DJANGO_LOG_LEVEL": "WARNING"}
        rows = self.admin(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
            fetch=True,
        )
        if rows and rows[0][0] == signature(size) and not self.options["regenerate"]:
            self.stdout.write(f"{name}: reusing ({signature(size)}).")
            self.manage(env, "migrate", "--noinput", "-v", "0")
            self.complete_search(env)
            return env
        self.stdout.write(f"{name}: generating {size:,} articles …")
        self.admin(f'DROP DATABASE IF EXISTS "{name}"')
        self.admin(f'CREATE DATABASE "{name}"')
        self.manage(env, "migrate", "--noinput", "-v", "0")
        self.manage(env, "generate_demo", "--articles", str(size), "--seed", SEED, "--until", UNTIL)
        self.complete_search(env)
        import psycopg

        # Fresh bulk-loaded tables have no planner statistics: without them PostgreSQL picks
        # plans a hundred times slower than what autovacuum would give it a while later.
        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        self.admin(f"COMMENT ON DATABASE \"{name}\" IS '{signature(size)}'")
        return env

    def complete_search(self, env):
        """Search words for articles that have none (a database made before search existed)."""
        from django.core.management import get_commands

        if "rebuild_search" in get_commands():
            self.manage(env, "rebuild_search", "--missing", "-v", "0")

    def manage(self, env, *args, capture=False):
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args]
        result = subprocess.run(command, env=env, check=False, text=True, capture_output=capture)
        if result.returncode:
            raise CommandError(
                f"`manage.py {' '.join(args)}` failed"
                + (f":\n{result.stderr[-2000:]}" if capture else ".")
            )
        return result.stdout

    def production_env(self, env, cache_on):
        return {
            **env,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": self.secret,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_PAGE_CACHE": "1" if cache_on else "0",
            "DJANGO_CACHE_DIR": self.cache_dir,
            "DJANGO_LOG_LEVEL": "WARNING",
        }

    @property
    def secret(self):
        if not hasattr(self, "_secret"):
            self._secret = secrets.token_urlsafe(50)
        return self._secret

    @property
    def cache_dir(self):
        if not hasattr(self, "_cache_dir"):
            self._cache_dir = tempfile.mkdtemp(prefix="newsroom-bench-cache-")
        return self._cache_dir

    def collectstatic(self):
        env = self.production_env(dict(os.environ), True)
        self.manage(env, "collectstatic", "--noinput", "-v", "0")

    # --- Inside a benchmark database -----------------------------------------------------------

    def probe(self):
        """Pick the pages' addresses; count each page's queries and size, rendered uncached."""
        from django.db import connection
        from django.test import Client, override_settings
        from django.test.utils import CaptureQueriesContext

        from articles.models import Article, Issue
        from courts.models import Court

        issue = Issue.objects.published().order_by("-date", "page_number").first()
        article = (
            Article.objects.published()
            .filter(issue=issue, photos__isnull=False)
            .order_by("position")
            .first()
            or Article.objects.published().filter(issue=issue).order_by("position").first()
        )
        city = Court.objects.published().cities().order_by("position", "name").first()
        urls = {
            "home": "/",
            "issues": "/issues/",
            "issue": issue.get_absolute_url(),
            "article": article.get_absolute_url(),
            "articles": "/articles/",
            "articles_court": f"/articles/?court={city.slug}",
            "search": "/search/?" + urllib.parse.urlencode({"q": "调解"}),
            "feed": "/articles/feed/",
        }
        pages = {}
        client = Client(HTTP_HOST="127.0.0.1")
        with override_settings(PAGE_CACHE_ENABLED=False, ALLOWED_HOSTS=["127.0.0.1"]):
            for name, url in urls.items():
                from django.core.cache import caches

                for cache in caches.all():
                    cache.clear()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
                pages[name] = {
                    "url": url,
                    "queries": len(queries),
                    "bytes": len(response.content),
                    "gzip_bytes": len(gzip.compress(response.content, compresslevel=6)),
                }
        self.stdout.write(json.dumps(pages))

    # --- Load ----------------------------------------------------------------------------------

    def serve(self, application, server_env):
        """gunicorn serving ``application`` on a free port: (process, its address, its log)."""
        port = free_port()
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        log = tempfile.NamedTemporaryFile(prefix="newsroom-bench-gunicorn-", delete=False)  # noqa: SIM115
        process = subprocess.Popen(
            [
                gunicorn,
                application,
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(self.options["workers"]),
                "--log-level",
                "warning",
            ],
            env=server_env,
            cwd=settings.BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return process, f"http://127.0.0.1:{port}", log

    @staticmethod
    def stop(process, log):
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        os.unlink(log.name)

    def measure(self, env, wrk, pages, mode):
        server_env = self.production_env(env, mode == "cached")
        process, base, log = self.serve("newsroom.wsgi:application", server_env)
        reference = None
        if mode == "cached":
            # The smallest Django page, same gunicorn: what a cached page could cost at best.
            reference = self.serve("demo.reference:application", server_env)
        try:
            self.wait_for(base + "/health/", process, log.name)
            if reference:
                self.wait_for(reference[1] + "/", reference[0], reference[2].name)
                self.load(wrk, reference[1] + "/", duration=2)
            self.load(wrk, base + "/health/alive/", duration=2)  # every worker warm
            results = {"baseline": self.load(wrk, base + "/health/alive/")}
            if mode == "uncached":
                alone = self.load(
                    wrk, base + "/health/alive/", connections=1, threads=1, duration=5
                )
                results["baseline"]["alone_p50"] = alone["p50"]
            self.stdout.write(f"  {mode:8} baseline      {results['baseline']['rps']:8.0f} req/s")
            before = results["baseline"]["rps"]
            if reference:
                results["minimal"] = self.load(wrk, reference[1] + "/")
                minimal_before = results["minimal"]["rps"]
                self.stdout.write(f"  {mode:8} minimal       {minimal_before:8.0f} req/s")
            for name, _label in PAGES:
                url = base + pages[name]["url"]
                cold = self.cold(env, server_env, url)
                results[name] = self.load(wrk, url)
                results[name]["cold_ms"] = cold
                # The machine's speed drifts (other work): the page is compared with the
                # baseline measured just before and just after it.
                after = self.load(wrk, base + "/health/alive/", duration=5)["rps"]
                results[name]["baseline_rps"] = (before + after) / 2
                before = after
                if reference:
                    minimal_after = self.load(wrk, reference[1] + "/", duration=5)["rps"]
                    results[name]["minimal_rps"] = (minimal_before + minimal_after) / 2
                    minimal_before = minimal_after
                if mode == "uncached":
                    # One reader at a time: the page's own time, without queueing behind others.
                    alone = self.load(wrk, url, connections=1, threads=1, duration=5)
                    results[name]["alone_p50"] = alone["p50"]
                self.stdout.write(
                    f"  {mode:8} {name:14}{results[name]['rps']:8.0f} req/s  "
                    f"p50 {results[name]['p50']:6.1f} ms"
                )
            return results
        finally:
            self.stop(process, log)
            if reference:
                self.stop(reference[0], reference[2])

    def wait_for(self, url, process, log_name):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise CommandError(
                    "gunicorn stopped:\n" + Path(log_name).read_text(errors="replace")[-2000:]
                )
            with (
                contextlib.suppress(OSError, urllib.error.URLError),
                urllib.request.urlopen(url, timeout=5) as response,
            ):
                if response.status == 200:
                    return
            time.sleep(0.3)
        raise CommandError(f"gunicorn did not answer {url} within a minute.")

    def cold(self, env, server_env, url):
        """One request right after a change of content: nothing of it is in any cache."""
        self.manage(server_env, "benchmark", "--bump")
        # The server's processes learn of a change made elsewhere within this time (they read
        # the shared generation at most once per interval): until then they may serve a hit.
        from newsroom.generation import GENERATION_READ_INTERVAL

        time.sleep(GENERATION_READ_INTERVAL + 0.1)
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
        elapsed = (time.perf_counter() - started) * 1000
        # Warm every worker before the load.
        for _ in range(self.options["workers"] * 3):
            with urllib.request.urlopen(url, timeout=120) as response:
                response.read()
        return elapsed

    def load(self, wrk, url, connections=None, threads=None, duration=None):
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        try:
            result = subprocess.run(
                [
                    wrk,
                    f"-t{threads or self.options['threads']}",
                    f"-c{connections or self.options['connections']}",
                    f"-d{duration or self.options['duration']}s",
                    # As browsers do: pages may come compressed.
                    "-H",
                    "Accept-Encoding: gzip, deflate, br",
                    "--timeout",
                    "30s",
                    "-s",
                    script.name,
                    url,
                ],
                capture_output=True,
                text=True,
                check=True,
            )
        finally:
            os.unlink(script.name)
        line = next(
            line for line in result.stdout.splitlines()[::-1] if line.startswith('{"requests"')
        )
        data = json.loads(line)
        if data["non2xx"] or data["errors"]:
            raise CommandError(f"{url}: {data['non2xx']} non-2xx answers, {data['errors']} errors")
        return {
            "rps": data["requests"] / data["seconds"],
            "p50": data["p50"] / 1000,
            "p95": data["p95"] / 1000,
            "p99": data["p99"] / 1000,
        }

    # --- Report --------------------------------------------------------------------------------

    def report(self, results, sizes, load_before, load_after, started):
        lines = [
            START,
            "## Pages under load",
            "",
            f"Run on {started:%Y-%m-%d %H:%M} with `make bench` "
            f"(`python manage.py benchmark --duration {self.options['duration']} "
            f"--connections {self.options['connections']} --threads {self.options['threads']} "
            f"--workers {self.options['workers']}`).",
            "",
            *self.machine(load_before, load_after),
            "",
            "How: the databases are made by `generate_demo --seed 1 --until 2025-06-30` (kept and "
            "reused when their parameters match). gunicorn serves the site with production "
            "settings (`DJANGO_DEBUG=0`, WhiteNoise's compressed manifest for static files) on "
            "loopback; wrk loads one page at a time and, as browsers do, accepts gzip. "
            "*Minimal* is the smallest Django page there is (`demo/reference.py`: a fixed 20 KB "
            "body behind SecurityMiddleware and CommonMiddleware only) under the same gunicorn, "
            "measured before and after each cached page like the baseline; *vs minimal* is a "
            "cached page's throughput divided by it. "
            "*Baseline* is `/health/alive/`, a view that does no database work, through the "
            "same middleware and server, measured in "
            "the same server run; each page's *ratio* is its throughput divided by the "
            "baseline's measured just before and just after it (their mean), since other work "
            "on the machine changes its speed from minute to minute. *Cached*: the page cache "
            "is on and warm (anonymous readers); a hit is sent before Django's handler runs "
            "(`newsroom.pagecache.HitsFirst`, the application `newsroom/wsgi.py` serves). "
            "*Uncached*: the page cache is off, so every request renders the page with its SQL "
            "queries; counts over the whole archive stay in the data cache (per content "
            "generation). *First view* is one request right after a change of content, when "
            "nothing of the page is in any cache. *Queries* and *HTML* are those of rendering "
            "the page once (Django's test client, CaptureQueriesContext), HTML its size "
            "uncompressed (and gzipped, as cached pages are sent). Latencies in ms.",
            "",
        ]
        targets = []
        for size in sizes:
            lines += self.size_table(size, results[size], targets)
        if len(sizes) >= 2:
            small, large = sizes[0], sizes[-1]
            lines += [
                f"### Growth of uncached p50 from {small:,} to {large:,} articles",
                "",
                "Under load (16 connections, so mostly time spent queueing behind other "
                "requests) and for one reader at a time (the page's own time). The machine's "
                "speed changed between the two sizes' runs (other work), so the target is "
                "judged on the page's own time in units of the baseline's own time in the same "
                "run (*normalised*).",
                "",
                "| page | under load: small | large | ratio | alone: small | large | ratio "
                "| normalised ratio | target ≤ 1.3 |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
            ]
            base_a = results[small]["modes"]["uncached"]["baseline"]["alone_p50"]
            base_b = results[large]["modes"]["uncached"]["baseline"]["alone_p50"]
            lines.append(
                f"| *baseline* | – | – | – | {base_a:.2f} | {base_b:.2f} | {base_b / base_a:.2f} "
                "| 1.00 | – |"
            )
            for name, label in PAGES:
                a = results[small]["modes"]["uncached"][name]
                b = results[large]["modes"]["uncached"][name]
                loaded = b["p50"] / a["p50"]
                alone = b["alone_p50"] / a["alone_p50"]
                normalised = (b["alone_p50"] / base_b) / (a["alone_p50"] / base_a)
                ok = normalised <= GROWTH_TARGET
                targets.append(ok)
                lines.append(
                    f"| {label} | {a['p50']:.1f} | {b['p50']:.1f} | {loaded:.2f} "
                    f"| {a['alone_p50']:.1f} | {b['alone_p50']:.1f} | {alone:.2f} "
                    f"| {normalised:.2f} | {'met' if ok else 'missed'} |"
                )
            lines.append("")
        met = sum(targets)
        lines += [f"Targets met: {met} of {len(targets)}.", "", END]
        return "\n".join(lines) + "\n"

    def size_table(self, size, result, targets):
        lines = [
            f"### {size:,} articles",
            "",
            "| page | queries | HTML (KB, gzip) | cached req/s | ratio | vs minimal "
            "| p50 / p95 / p99 | uncached req/s | ratio | p50 / p95 / p99 | first view |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: |",
        ]
        cached, uncached = result["modes"]["cached"], result["modes"]["uncached"]
        minimal = cached.get("minimal")
        if minimal:
            lines.append(
                f"| *minimal Django page* (`demo/reference.py`) | 0 | 20 | {minimal['rps']:.0f} "
                f"| – | 1.00 | {self.latencies(minimal)} | – | – | – | – |"
            )
        lines.append(
            f"| *baseline* (`/health/alive/`) | 0 | 0 | {cached['baseline']['rps']:.0f} | 1.00 "
            f"| – | {self.latencies(cached['baseline'])} | {uncached['baseline']['rps']:.0f} "
            f"| 1.00 | {self.latencies(uncached['baseline'])} | – |"
        )
        for name, label in PAGES:
            page = result["pages"][name]
            c, u = cached[name], uncached[name]
            c_ratio = c["rps"] / c["baseline_rps"]
            u_ratio = u["rps"] / u["baseline_rps"]
            targets += [c_ratio >= CACHED_TARGET, u_ratio >= UNCACHED_TARGET]
            m_ratio = c["rps"] / c["minimal_rps"] if c.get("minimal_rps") else None
            if m_ratio is not None:
                targets.append(m_ratio >= MINIMAL_TARGET)
            lines.append(
                f"| {label} | {page['queries']} "
                f"| {page['bytes'] / 1024:.0f} ({page['gzip_bytes'] / 1024:.0f}) "
                f"| {c['rps']:.0f} | {self.mark(c_ratio, CACHED_TARGET)} "
                f"| {self.mark(m_ratio, MINIMAL_TARGET) if m_ratio is not None else '–'} "
                f"| {self.latencies(c)} "
                f"| {u['rps']:.0f} | {self.mark(u_ratio, UNCACHED_TARGET)} | {self.latencies(u)} "
                f"| {u['cold_ms']:.0f} |"
            )
        lines += [
            "",
            f"Targets: cached ratio ≥ {CACHED_TARGET}, uncached ratio ≥ {UNCACHED_TARGET}, "
            f"cached against the minimal Django page ≥ {MINIMAL_TARGET} (a ratio below its "
            "target is in bold).",
            "",
        ]
        return lines

    @staticmethod
    def latencies(row):
        return f"{row['p50']:.1f} / {row['p95']:.1f} / {row['p99']:.1f}"

    @staticmethod
    def mark(ratio, target):
        return f"{ratio:.2f}" if ratio >= target else f"**{ratio:.2f}**"

    def machine(self, load_before, load_after):
        cpu = platform.processor() or platform.machine()
        with contextlib.suppress(OSError):
            match = re.search(
                r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text(errors="replace")
            )
            if match:
                cpu = match.group(1).strip()
        memory = ""
        with contextlib.suppress(OSError, ValueError, IndexError):
            kb = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
            memory = f", {kb / 1024 / 1024:.0f} GiB memory"
        versions = self.versions()
        return [
            f"- Machine: {cpu}, {os.cpu_count()} cores{memory}; {platform.system()} "
            f"{platform.release()}.",
            f"- Versions: {versions}.",
            f"- Load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load_before)}; "
            f"after: {', '.join(f'{x:.2f}' for x in load_after)} (other work on the machine "
            "shares its cores: compare ratios, not absolute numbers).",
        ]

    def versions(self):
        import django
        import gunicorn

        parts = [f"Python {platform.python_version()}", f"Django {django.get_version()}"]
        with contextlib.suppress(Exception):
            version = self.admin("SHOW server_version", fetch=True)[0][0]
            parts.append(f"PostgreSQL {version.split()[0]}")
        parts.append(f"gunicorn {gunicorn.__version__}")
        with contextlib.suppress(Exception):
            out = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
            parts.append(out.split()[0] + " " + out.split()[1])
        return ", ".join(parts)

    def write_doc(self, report):
        # Read just before writing: other sections of the file (e.g. Search) are kept as they are.
        DOC.parent.mkdir(exist_ok=True)
        text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n\n"
        if START in text and END in text:
            before, rest = text.split(START, 1)
            after = rest.split(END, 1)[1]
            text = before + report.rstrip("\n") + after
        else:
            text = text.rstrip("\n") + "\n\n" + report
        DOC.write_text(text, encoding="utf-8")
