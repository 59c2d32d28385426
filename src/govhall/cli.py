"""The ``govhall`` console command.

govhall serve [--bind 127.0.0.1:8000] [--workers N]   web server (gunicorn, sync workers)
govhall worker                                       background task worker (+ periodic sweeps)
govhall run                                          migrate, load demo once, serve + worker
govhall demo                                         load the demo region (idempotent)
govhall verify-audit                                 check the audit hash chain
govhall <any Django management command>              migrate, check, createsuperuser, …
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Sequence

ALIASES = {
    "verify-audit": "verify_audit",
    "calendar-load": "calendar_load",
    "totp-code": "totp_code",
    "load-regions": "load_regions",
}


def _django(argv: Sequence[str]) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["govhall", *argv])


def _serve_command(argv: Sequence[str]) -> list[str]:
    bind = os.environ.get("GOVHALL_BIND", "127.0.0.1:8000")
    workers = os.environ.get("GOVHALL_WEB_WORKERS", str(max(2, (os.cpu_count() or 1) * 2)))
    args = list(argv)
    if "--bind" in args:
        i = args.index("--bind")
        bind = args[i + 1]
        del args[i : i + 2]
    if "--workers" in args:
        i = args.index("--workers")
        workers = args[i + 1]
        del args[i : i + 2]
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "govhall.config.wsgi:application",
        "--bind",
        bind,
        "--workers",
        workers,
        "--worker-class",
        "sync",
        "--timeout",
        "60",
        "--access-logfile",
        "-",
        # Access log without query strings: URLs must carry no personal data, but be safe.
        "--access-logformat",
        '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss',
        *args,
    ]


def _worker_command() -> list[str]:
    return [sys.executable, "-m", "govhall.cli", "worker"]


def _run(argv: Sequence[str]) -> int:
    """Everything a newcomer needs: migrate, demo data once, web + worker until Ctrl-C."""
    _django(["migrate", "--no-input", "-v", "0"])
    _django(["demo"])
    _django(["collectstatic", "--no-input", "-v", "0"])
    worker = subprocess.Popen(_worker_command())
    web = subprocess.Popen(_serve_command(argv))
    try:
        return web.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for proc in (web, worker):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in (web, worker):
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govhall.config.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = args[0], args[1:]
    if command == "serve":
        os.execv(sys.executable, _serve_command(rest))
    if command == "run":
        return _run(rest)
    _django([ALIASES.get(command, command), *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
