"""
A browser tab for the end-to-end tests: it records what goes wrong on every page (console
errors, uncaught exceptions, failed requests, HTTP errors), checks a page with axe-core and keeps a
screenshot of it in artifacts/screens/ for people to look at.
"""

import json
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1366, "height": 900},
}
SCREENS = Path(settings.BASE_DIR) / "artifacts" / "screens"
# axe-core's impacts that fail a page; "minor" ones are written to the report only.
BLOCKING_IMPACTS = {"moderate", "serious", "critical"}

_axe = Axe()


def axe_options(page, rules=()):
    """Every rule axe runs by default, its experimental ones (e.g. label-content-name-mismatch),
    and ``rules``."""
    page.evaluate(_axe.axe_script)
    experimental = page.evaluate("axe.getRules(['experimental']).map((rule) => rule.ruleId)")
    enabled = {rule: {"enabled": True} for rule in [*experimental, *rules]}
    return {"resultTypes": ["violations"], "rules": enabled}


def assert_fits_the_screen(tab):
    """Nothing is wider than the viewport: no sideways scrolling."""
    overflow = tab.page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll("body *")].filter((el) => {
                const box = el.getBoundingClientRect();
                return box.width > 0 && box.right > width + 1 && getComputedStyle(el).position !== "fixed";
            });
            return {scroll: document.documentElement.scrollWidth - width,
                    wide: wide.slice(0, 5).map((el) => el.outerHTML.slice(0, 120))};
        }"""
    )
    assert overflow["scroll"] <= 0 and not overflow["wide"], f"{tab.page.url}: {overflow}"


class Tab:
    def __init__(self, browser, base_url, viewport, javascript=True):
        self.base_url = base_url.rstrip("/")
        self.viewport = viewport
        self.context = browser.new_context(
            java_script_enabled=javascript,
            viewport=VIEWPORTS[viewport],
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            is_mobile=viewport == "phone",
            has_touch=viewport == "phone",
        )
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.problems = []
        self.expected_statuses = {}  # url -> an HTTP error status the test means to see
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.problems.append(f"uncaught error: {error}"))
        self.page.on("requestfailed", self._on_request_failed)
        self.page.on("response", self._on_response)

    # --- what goes wrong --------------------------------------------------------------------

    def _on_console(self, message):
        if message.type != "error":
            return
        location = message.location.get("url") or self.page.url
        status = self.expected_statuses.get(location)
        if status and f"status of {status}" in message.text:
            return  # Chromium's own note on a response the test asked for
        self.problems.append(f"console error on {location}: {message.text}")

    def _on_request_failed(self, request):
        if request.failure == "net::ERR_ABORTED" and not request.is_navigation_request():
            # Cancelled by the browser, not refused by the server: the page dropped a stale
            # lookup (autocomplete), or the test moved on while the favicon or a lazy picture was
            # still loading. A server failure shows as an HTTP status (see _on_response).
            return
        self.problems.append(f"request failed: {request.method} {request.url}: {request.failure}")

    def _on_response(self, response):
        if response.status >= 400 and self.expected_statuses.get(response.url) != response.status:
            self.problems.append(
                f"HTTP {response.status}: {response.request.method} {response.url}"
            )

    def assert_clean(self):
        """No console error and no failed request so far."""
        problems, self.problems = self.problems, []
        assert not problems, "\n".join(problems)

    # --- moving around ----------------------------------------------------------------------

    def url(self, path):
        return self.base_url + path

    def goto(self, path, expect_status=None):
        if expect_status:
            self.expected_statuses[self.url(path)] = expect_status
        response = self.page.goto(self.url(path))
        assert response.status == (expect_status or 200), f"{path}: HTTP {response.status}"
        return response

    def path(self):
        return self.page.url.removeprefix(self.base_url)

    def settle(self):
        """Wait until the page has loaded, its pictures (lazy ones too, for full-page screenshots)
        and its fonts included."""
        self.page.wait_for_load_state("load")
        self.page.evaluate(
            """() => {
                const images = [...document.images];
                images.forEach((img) => { img.loading = "eager"; });
                const loaded = images.filter((img) => !img.complete).map((img) => new Promise(
                    (done) => { img.onload = img.onerror = done; }
                ));
                const timeout = new Promise((done) => setTimeout(done, 5000));
                return Promise.race([Promise.all([...loaded, document.fonts.ready]), timeout]);
            }"""
        )

    # --- checks -----------------------------------------------------------------------------

    def fonts_used(self, selector):
        """The fonts Chromium really draws the Chinese text in ``selector`` with, after fallback:
        without a CJK font it draws boxes (tofu) in whatever font it has."""
        found = self.page.evaluate(
            """(selector) => {
                const root = document.querySelector(selector);
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const box = node.parentElement.getBoundingClientRect();
                    const shown = node.parentElement.checkVisibility() && box.width > 2 && box.height > 2;
                    if (shown && /[\u4e00-\u9fff]/.test(node.data)) {
                        node.parentElement.setAttribute("data-font-probe", "");
                        return true;
                    }
                }
                return false;
            }""",
            selector,
        )
        assert found, f"no Chinese text in {selector} on {self.page.url}"
        cdp = self.context.new_cdp_session(self.page)
        try:
            cdp.send("DOM.enable")
            cdp.send("CSS.enable")
            root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-font-probe]"})
            node = node["nodeId"]
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        finally:
            cdp.detach()
            self.page.evaluate(
                "document.querySelector('[data-font-probe]').removeAttribute('data-font-probe')"
            )
        assert fonts, f"no font reported for the Chinese text in {selector} on {self.page.url}"
        return [font["familyName"] for font in fonts]

    def lowest_contrasts(self, below):
        """Every text shown on the page whose contrast with what is behind it is below ``below``
        (WCAG's ratio, from the computed colours: the text's over the first opaque background
        of it or its ancestors, translucent ones blended in). Hidden text, and text that only
        screen readers get, is left out; text on a picture or gradient cannot be computed and
        fails the check."""
        return self.page.evaluate(
            """(below) => {
                const parse = (c) => {
                    const m = c.match(/rgba?\\(([^)]+)\\)/);
                    if (!m) { return null; }
                    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
                    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
                };
                const over = (top, under) => [0, 1, 2].map(
                    (i) => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
                const luminance = (c) => {
                    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
                };
                const ratio = (a, b) => {
                    const [x, y] = [luminance(a), luminance(b)];
                    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
                };
                const background = (el) => {
                    const layers = [];
                    for (let e = el; e; e = e.parentElement) {
                        const style = getComputedStyle(e);
                        if (style.backgroundImage !== "none") { return null; }
                        const colour = parse(style.backgroundColor);
                        if (colour && colour[3] > 0) { layers.push(colour); if (colour[3] >= 1) { break; } }
                    }
                    return layers.reduceRight((under, layer) => over(layer, under), [255, 255, 255, 1]);
                };
                const found = [];
                const seen = new Set();
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const el = node.parentElement;
                    if (!node.data.trim() || seen.has(el)) { continue; }
                    seen.add(el);
                    const box = el.getBoundingClientRect();
                    const style = getComputedStyle(el);
                    const shown = el.checkVisibility({opacityProperty: true, visibilityProperty: true});
                    if (!shown || box.width <= 1 || box.height <= 1 || style.clipPath === "inset(50%)") { continue; }
                    const behind = background(el);
                    const contrast = behind ? ratio(over(parse(style.color), behind), behind) : 0;
                    if (contrast < below) {
                        found.push(`${node.data.trim().slice(0, 20)} (${el.tagName}.${el.className}): ${contrast.toFixed(2)}`);
                    }
                }
                return found;
            }""",
            below,
        )

    def screenshot(self, name):
        self.settle()
        SCREENS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=SCREENS / f"{name}-{self.viewport}.png", full_page=True)

    def check_page(self, name, defer=False, rules=()):
        """Screenshot the page, check it with axe-core (its experimental rules too, and the
        ``rules`` named, which axe leaves out by default), and check nothing went wrong on it.
        With ``defer``, what is wrong is kept for the next assert_clean()."""
        self.screenshot(name)
        violations = _axe.run(self.page, options=axe_options(self.page, rules)).response[
            "violations"
        ]
        report = [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [node["target"] for node in v["nodes"]],
            }
            for v in violations
        ]
        (SCREENS / f"{name}-{self.viewport}.axe.json").write_text(
            json.dumps({"url": self.page.url, "violations": report}, ensure_ascii=False, indent=1)
        )
        self.problems += [
            f"accessibility ({v['impact']}) on {self.page.url}: {v['rule']}: {v['help']} "
            f"at {v['nodes'][:5]}"
            for v in report
            if v["impact"] in BLOCKING_IMPACTS
        ]
        if not defer:
            self.assert_clean()

    def close(self):
        self.context.close()
