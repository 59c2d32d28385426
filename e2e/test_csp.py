"""The strict Content-Security-Policy in a real browser: pages of the portal and the workbench
render without a single CSP violation in chromium (console messages and securitypolicyviolation
events are collected), including the bpmn-js process diagram and the framed material previews."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect

from e2e.conftest import Server
from e2e.test_portal_login import CITIZEN, citizen_sign_in
from e2e.test_workbench_login import staff_password_step, submit_totp
from govhall.demo.management.commands.demo import citizen_id_number
from govhall.demo.region import DEMO_PASSWORD

# Records every violation the page reports, also those raised inside frames.
_LISTEN = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations = window.__cspViolations || [];
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


class Violations:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        page.on("console", self._on_console)

    def _on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(f"{self.page.url}: {message.text}")

    def visit(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.status < 500, path
        assert "default-src 'self'" in (response.header_value("content-security-policy") or "")
        self.page.wait_for_load_state("load")

    def events(self) -> list[str]:
        # The main document's events; violations inside frames (PDF and image previews, which
        # have no script context to ask) still reach the console listener.
        found: list[str] = self.page.evaluate("window.__cspViolations || []")
        return found


@pytest.fixture
def watched(context: BrowserContext, page: Page) -> Iterator[Violations]:
    context.add_init_script(_LISTEN)
    yield Violations(page)


def _staff_sign_in(page: Page, server: Server, username: str) -> None:
    """Password + TOTP. A code is accepted once (replay protection): when another test used this
    account's current code, wait for the next one."""
    staff_password_step(page, username)
    used = server.totp_code(username)
    submit_totp(page, used)
    deadline = time.monotonic() + 40
    while page.url.endswith("/login/totp/") and time.monotonic() < deadline:
        page.wait_for_timeout(2000)
        code = server.totp_code(username)
        if code != used:
            used = code
            submit_totp(page, code)
    expect(page).to_have_url(re.compile(r"/workbench/$"))


def _links(page: Page, pattern: str, limit: int) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    return [h for h in dict.fromkeys(hrefs) if re.match(pattern, h)][:limit]


def test_portal_pages_render_without_csp_violations(watched: Violations, page: Page) -> None:
    for path in ["/", "/services/", "/services/search/?q=营业执照", "/login/", "/workbench/login/"]:
        watched.visit(path)
        assert watched.events() == [], path
    watched.visit("/services/")
    for guide in _links(page, r"^/services/item/", 3) + _links(page, r"^/services/(theme|bundle)/", 2):
        watched.visit(guide)
        assert watched.events() == [], guide
    # The elderly-friendly mode (a POST form) and back.
    page.get_by_test_id("elderly-toggle").click()
    page.wait_for_load_state("load")
    assert watched.events() == []
    citizen = CITIZEN["张三"]
    citizen_sign_in(page, citizen_id_number(citizen), DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/me/$"))
    for path in ["/me/", "/me/cases/"]:
        watched.visit(path)
    for case_page in _links(page, r"^/me/cases/\d+/$", 3):
        watched.visit(case_page)
        assert watched.events() == [], case_page
    # The application form (apply.js builds the form from the item's JSON Schema).
    watched.visit("/services/")
    for guide in _links(page, r"^/services/item/", 6):
        watched.visit(guide)
        applying = _links(page, r"^/apply/[^/]+/$", 1)
        if applying:
            watched.visit(applying[0])
            assert watched.events() == [], applying[0]
            break
    assert watched.console == []


def test_workbench_pages_render_without_csp_violations(watched: Violations, page: Page, server: Server) -> None:
    _staff_sign_in(page, server, "hrss_reviewer")  # an account no other browser test signs in with
    case_pages: list[str] = []
    for tab in ("review", "closed", "submitted", "decided"):
        watched.visit(f"/workbench/cases/?tab={tab}")
        case_pages += _links(page, r"^/workbench/cases/\d+/$", 2)
    assert case_pages, "the demo has cases for this reviewer's department"
    for case_page in case_pages:
        watched.visit(case_page)  # material previews are framed PDFs and images
        assert watched.events() == [], case_page
    watched.visit("/workbench/")
    assert watched.console == []


def test_bpmn_diagram_renders_under_the_csp(watched: Violations, page: Page, server: Server) -> None:
    _staff_sign_in(page, server, "catalog_admin")
    watched.visit("/workbench/processes/")
    diagrams = _links(page, r"^/workbench/processes/[^/]+/\d+/$", 1)
    assert diagrams, "the demo installs review processes"
    watched.visit(diagrams[0])
    expect(page.locator("#bpmn-canvas svg").first).to_be_visible()
    expect(page.locator("#bpmn-error")).to_be_hidden()
    assert watched.events() == []
    assert watched.console == []


def test_the_watch_notices_a_violation(watched: Violations, page: Page) -> None:
    """The checks above can fail: an inline script injected into a page is blocked and reported."""
    watched.visit("/services/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.head.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in event for event in watched.events())
    assert any("Content Security Policy" in line for line in watched.console)
