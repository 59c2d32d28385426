"""Browser tests against the platform started exactly as a user would start it.

One server per session: a fresh ``GOVHALL_VAR_DIR`` (SQLite, secrets, files), then ``govhall
migrate``, ``govhall demo``, ``govhall collectstatic`` and ``govhall serve`` (gunicorn) on a free
port. Chromium is Debian's (``/usr/bin/chromium``); ``playwright install`` cannot work here.

pytest-django is installed and configures settings for this process too (harmless), but nothing
here uses its test database: every test talks to the server over HTTP. Tests therefore carry no
``django_db`` mark and must not touch the ORM.
"""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[1]
BIN = REPO_ROOT / ".venv" / "bin"
GOVHALL = str(BIN / "govhall")
SCREENSHOT_DIR = REPO_ROOT / "var" / "e2e"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--headless",
]
STARTUP_SECONDS = 60
# Variables that would point the server at another database or file store than the fresh one.
_FOREIGN_ENV = (
    "DATABASE_URL",
    "DATABASE_URL_FILE",
    "GOVHALL_SQLITE_PATH",
    "GOVHALL_SQLITE_PATH_FILE",
    "GOVHALL_FILES_DIR",
    "GOVHALL_FILES_DIR_FILE",
    "GOVHALL_ENV",
    "REDIS_URL",
)


# The last TOTP code handed out per staff user (see ``Server.totp_code``).
_ISSUED_CODES: dict[str, str] = {}


@dataclass(frozen=True)
class Server:
    base_url: str
    env: dict[str, str]
    var_dir: Path

    def govhall(self, *args: str, timeout: float = 60) -> str:
        """Run ``govhall <args>`` against this server's installation; return its stdout."""
        result = subprocess.run(
            [GOVHALL, *args],
            env=self.env,
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            pytest.fail(
                f"govhall {' '.join(args)} exited {result.returncode}\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
            )
        return result.stdout

    def totp_code(self, username: str) -> str:
        """The current TOTP code of ``username``, never one handed out before in this session: a
        code works once (replay protection), so a second sign-in within the same 30 s step
        waits for the next code."""
        deadline = time.monotonic() + 40
        while True:
            code = self.govhall("totp-code", username).strip()
            assert code.isdigit() and len(code) == 6, code
            if _ISSUED_CODES.get(username) != code or time.monotonic() > deadline:
                _ISSUED_CODES[username] = code
                return code
            time.sleep(1)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (http://127.0.0.1 only)
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    with tempfile.TemporaryDirectory(prefix="govhall-e2e-") as tmp:
        var_dir = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k not in _FOREIGN_ENV}
        env["GOVHALL_VAR_DIR"] = str(var_dir)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        # Every browser test signs in from 127.0.0.1: allow the whole suite's sign-ins.
        env["GOVHALL_RATE_LIMIT_LOGIN"] = "1000/300"
        port = _free_port()
        base_url = f"http://127.0.0.1:{port}"
        srv = Server(base_url=base_url, env=env, var_dir=var_dir)

        srv.govhall("migrate", "--no-input", "-v", "0", timeout=120)
        srv.govhall("demo", "--quiet", timeout=120)
        srv.govhall("collectstatic", "--no-input", "-v", "0", timeout=120)

        log_path = var_dir / "server.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [GOVHALL, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
                env=env,
                cwd=REPO_ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while not _healthy(f"{base_url}/api/v1/health"):
                if process.poll() is not None or time.monotonic() > deadline:
                    output = log_path.read_text(encoding="utf-8", errors="replace")
                    state = (
                        f"exited {process.returncode}"
                        if process.poll() is not None
                        else f"not healthy after {STARTUP_SECONDS} s"
                    )
                    pytest.fail(f"govhall serve {state}; output:\n{output}")
                time.sleep(0.2)
            yield srv
        finally:
            _stop(process)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (apt-get install chromium)")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, server: Server) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=server.base_url,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh context; its final state is saved as ``var/e2e/<test-name>.png``."""
    page = context.new_page()
    yield page
    screenshot(page, request)


def screenshot(page: Page, request: pytest.FixtureRequest, suffix: str = "") -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{request.node.name}{suffix}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def snapshot(page: Page, request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """``snapshot("-step")`` saves an intermediate state as ``var/e2e/<test-name>-step.png``."""
    return lambda suffix: screenshot(page, request, suffix)
