"""Shared parts of the HTTP benchmarks: the real server and a closed-loop load generator.

- ``server(env, workers)``: ``govhall serve --bind 127.0.0.1:PORT --workers N`` (gunicorn sync
  workers) as a context manager that yields the port and the master's pid, and stops it after.
- ``load(port, plans, duration)``: one client process per plan (Python ``http.client``; every
  client sends its next request as soon as the previous one answered). A plan is a list of
  ``Request``; a client goes round its plan, or, with ``cycle=False``, stops at its end (requests
  that change state — a submit — must not be replayed).
- ``setup_django(parser, args, prefix)``: a temporary ``GOVHALL_VAR_DIR`` (SQLite) unless one is
  set, the bench endpoints on, Django set up and the database migrated.
- ``summarize``: requests/s, p50/p90/p99/max; ``server_cpu`` counts the CPU time of the gunicorn
  workers and, on PostgreSQL, of the database backends serving them.

Gunicorn's sync workers close the connection after each response, so every request is a new
connection; the load generator runs on the same machine as the server and its cost is included.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import multiprocessing
import os
import socket
import subprocess
import tempfile
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]


def setup_django(parser: argparse.ArgumentParser, args: argparse.Namespace, prefix: str) -> str:
    """Set Django up for a benchmark. Returns the temporary directory made for this run as its
    ``GOVHALL_VAR_DIR``, or "" when GOVHALL_VAR_DIR is set. ``--reuse`` needs an earlier run's database."""
    if args.reuse and not os.environ.get("GOVHALL_VAR_DIR") and not os.environ.get("DATABASE_URL"):
        parser.error("--reuse needs GOVHALL_VAR_DIR or DATABASE_URL naming an earlier run's database")
    tmp = ""
    if not os.environ.get("GOVHALL_VAR_DIR"):
        tmp = os.environ["GOVHALL_VAR_DIR"] = tempfile.mkdtemp(prefix=prefix)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govhall.config.settings")
    os.environ["GOVHALL_BENCH_ENDPOINTS"] = "1"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return tmp


class Request(NamedTuple):
    method: str
    path: str
    headers: dict[str, str] = {}  # never mutated
    body: bytes | None = None
    expect: int = 200


def get(path: str, headers: dict[str, str] | None = None) -> Request:
    return Request("GET", path, {"Accept": "application/json", **(headers or {})})


class Result(NamedTuple):
    latencies: list[float]  # seconds, successful and failed requests alike
    errors: int
    exhausted: int  # clients that reached the end of a non-cycling plan before the time was up
    first_error: str


def _client(port: int, plan: Sequence[Request], cycle: bool, start_at: float, duration: float, out: Any) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    errors = 0
    exhausted = 0
    first_error = ""
    i = 0
    while time.time() < start_at:
        time.sleep(0.001)
    end = time.perf_counter() + duration
    while True:
        started = time.perf_counter()
        if started >= end:
            break
        if i >= len(plan) and not cycle:
            exhausted = 1
            break
        request = plan[i % len(plan)]
        try:
            conn.request(request.method, request.path, body=request.body, headers=request.headers)
            response = conn.getresponse()
            body = response.read()
            if response.status != request.expect:
                errors += 1
                first_error = first_error or f"{request.method} {request.path}: {response.status} {body[:300]!r}"
            if response.will_close:
                conn.close()
        except (OSError, http.client.HTTPException) as error:
            errors += 1
            first_error = first_error or f"{request.method} {request.path}: {error!r}"
            conn.close()
        latencies.append(time.perf_counter() - started)
        i += 1
    out.put((latencies, errors, exhausted, first_error))


def load(port: int, plans: Sequence[Sequence[Request]], duration: float, *, cycle: bool = True) -> Result:
    """Run one closed-loop client process per plan for ``duration`` seconds."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    start_at = time.time() + 2.0
    procs = [ctx.Process(target=_client, args=(port, plan, cycle, start_at, duration, queue)) for plan in plans]
    for proc in procs:
        proc.start()
    latencies: list[float] = []
    errors = exhausted = 0
    first_error = ""
    for _ in procs:
        part, part_errors, part_exhausted, part_first = queue.get()
        latencies.extend(part)
        errors += part_errors
        exhausted += part_exhausted
        first_error = first_error or part_first
    for proc in procs:
        proc.join()
    return Result(latencies, errors, exhausted, first_error)


def percentile(sorted_values: Sequence[float], p: float) -> float:
    return sorted_values[min(int(len(sorted_values) * p), len(sorted_values) - 1)] if sorted_values else 0.0


def summarize(latencies: list[float], errors: int, seconds: float) -> dict[str, float]:
    """Requests/s (successful ones) and latency percentiles in ms."""
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "errors": errors,
        "rps": (len(ordered) - errors) / seconds,
        "p50": percentile(ordered, 0.50) * 1000,
        "p90": percentile(ordered, 0.90) * 1000,
        "p99": percentile(ordered, 0.99) * 1000,
        "max": (ordered[-1] if ordered else 0.0) * 1000,
    }


def server_pids(master: int, env: dict[str, str]) -> list[int]:
    """The gunicorn master and workers, and on PostgreSQL the database backends serving them."""
    pids = [master]
    children = Path(f"/proc/{master}/task/{master}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    database = urllib.parse.urlparse(env.get("DATABASE_URL", "")).path.lstrip("/")
    if database:
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                except OSError:
                    continue
                if title.startswith("postgres: ") and f" {database} " in title:
                    pids.append(int(entry.name))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by ``pids`` (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited; run it by hand to see why")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/v1/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not answer /api/v1/health within 60 s")


def check(port: int, request: Request) -> bytes:
    """Send one request and fail loudly unless it answers the expected status."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(request.method, request.path, body=request.body, headers=request.headers)
    response = conn.getresponse()
    body = response.read()
    if response.status != request.expect:
        raise SystemExit(f"{request.method} {request.path} answered {response.status}: {body[:300]!r}")
    return body


@contextlib.contextmanager
def server(env: dict[str, str], workers: int) -> Iterator[tuple[int, int]]:
    """The real server on a free port: yields ``(port, master pid)``."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 (our own server command)
        [str(ROOT / ".venv/bin/govhall"), "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_ready(port, process)
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)
