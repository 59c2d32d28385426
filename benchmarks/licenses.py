"""Electronic licence benchmark: issuance by the worker (PDF + PAdES signature) and the public
verification page under load.

    .venv/bin/python benchmarks/licenses.py [--licenses 60] [--workers 1,2] [--clients 4] [--duration 10]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/licenses.py

1. A fresh database (SQLite in a temporary GOVHALL_VAR_DIR, or the *empty* database named by
   DATABASE_URL), one department, an enterprise, the 营业执照 licence type and the demo CA chain
   + SM2 key generated once into the temporary key directory.
2. **Worker path in-process**: ``license_issue`` (identifier, pending row, task enqueued) for
   ``--licenses`` licences, then ``license_sign`` for each — render the HTML/CSS layout with
   WeasyPrint (seal + QR), sign it with pyHanko (PKCS#12), store the file, mark it valid — in one
   process, with the time split between rendering, signing and the rest.
3. **Real workers**: ``--licenses`` more licences issued (tasks queued), then N worker processes
   (``manage.py db_worker``, django-tasks' database worker, as ``govhall worker`` runs it) drain
   the queue; licences/s is counted from the first to the last licence signed (process start-up
   excluded).
4. **Verification page**: the real server (``govhall serve``, gunicorn sync workers) with
   ``--clients`` closed-loop clients, in alternating 5 s slices: ``GET /api/v1/bench/ceiling``
   (the cheapest JSON endpoint on the same stack), ``GET /licenses/verify/?identifier=…`` (the
   public page, HTML) and ``GET /api/v1/licenses/verify?identifier=…`` (the API). The per-address
   rate limit on verification is switched off for the run (one load-generator address).

No budget is set by the issue; the figures are reported in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from _common import Request, cpu_seconds, get, load, server, server_pids, summarize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def setup() -> tuple[int, int]:
    """Department, enterprise and licence type; returns (department id, organization id)."""
    from govhall.accounts import services as accounts
    from govhall.core.contracts import Actor
    from govhall.core.identifiers import id_number_check_char, make_credit_code
    from govhall.licenses import facade as licenses

    actor = Actor.system("bench")
    accounts.region_import(
        rows=[
            ("350000", "福建省", "province", ""),
            ("350600", "漳州市", "prefecture", "350000"),
            ("350602", "芗城区", "county", "350600"),
        ]
    )
    department = accounts.department_create(
        actor=actor,
        name="漳州市市场监督管理局",
        credit_code=make_credit_code("1", "1", "350600", "00000101"),
        region_code="350600",
    )
    first17 = "35060219850312123"
    person = accounts.person_create(actor=actor, real_name="林小梅", id_number=first17 + id_number_check_char(first17))
    organization = accounts.organization_create(
        actor=actor,
        name="漳州市芗城区闽南小吃店",
        credit_code=make_credit_code("9", "2", "350602", "00000202"),
        org_type="individual_business",
        legal_representative=person,
        region_code="350602",
    )
    licenses.license_type_save(
        actor=actor,
        code="business_license",
        type_code=department.credit_code + "001",
        name="营业执照",
        holder_kind="organization",
        data_schema={
            "type": "object",
            "properties": {
                "business_scope": {"type": "string", "title": "经营范围"},
                "address": {"type": "string", "title": "住所"},
            },
        },
        issuing_department_ids=[department.pk],
    )
    return department.pk, organization.pk


def issue(count: int, department_id: int, organization_id: int) -> list[int]:
    from govhall.core.contracts import Actor
    from govhall.licenses import facade as licenses

    ids = []
    for _ in range(count):
        info = licenses.license_issue(
            actor=Actor.system("bench"),
            license_type_code="business_license",
            issuer_department_id=department_id,
            holder_organization_id=organization_id,
            data={"business_scope": "小吃服务；预包装食品销售（不含冷藏冷冻食品）", "address": "芗城区延安北路1号"},
        )
        ids.append(info.id)
    return ids


def worker_path_in_process(ids: list[int]) -> None:
    from govhall.licenses import documents, services, signing
    from govhall.licenses.models import License

    # split of one licence's cost (render / sign), median of a few
    renders, signs = [], []
    sample = License.objects.select_related("license_type", "issuer").get(pk=ids[0])
    payload = signing.qr_payload_make(sample)
    for _ in range(5):
        started = time.perf_counter()
        pdf = documents.render_license_pdf(sample, qr_payload=payload)
        renders.append(time.perf_counter() - started)
        started = time.perf_counter()
        signing.pdf_sign(pdf, reason=sample.identifier)
        signs.append(time.perf_counter() - started)
    started = time.perf_counter()
    for license_id in ids:
        assert services.license_sign(license_id=license_id) == "signed"
    elapsed = time.perf_counter() - started
    renders.sort()
    signs.sort()
    print(
        f"worker path in one process: {len(ids)} licences in {elapsed:.1f}s = {len(ids) / elapsed:.2f} licences/s "
        f"({elapsed / len(ids) * 1000:.0f} ms each; render {renders[2] * 1000:.0f} ms, "
        f"PAdES sign {signs[2] * 1000:.0f} ms, PDF ~{len(pdf) // 1024} KiB)"
    )


def real_workers(count: int, workers: int, department_id: int, organization_id: int) -> float:
    from django.db import connection

    from govhall.licenses.models import License

    ids = issue(count, department_id, organization_id)
    connection.close()
    env = os.environ.copy()
    procs = [
        subprocess.Popen(  # noqa: S603 (our own command)
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "db_worker",
                "--batch",
                "--interval",
                "0.05",
                "--no-startup-delay",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    marks: list[tuple[float, int]] = []
    deadline = time.time() + 600
    while time.time() < deadline:
        done = License.objects.filter(pk__in=ids, status="valid").count()
        marks.append((time.perf_counter(), done))
        if done == count:
            break
        time.sleep(0.1)
    for proc in procs:
        proc.wait(timeout=60)
    connection.close()
    first = next(t for t, n in marks if n >= 1)
    first_n = next(n for t, n in marks if n >= 1)
    last = marks[-1][0]
    rate = (count - first_n) / (last - first) if last > first else float("nan")
    print(f"{workers} db_worker process(es): {count} licences signed, {rate:.2f} licences/s (first to last completion)")
    return rate


def verify_in_process(identifier: str, requests: int = 200) -> None:
    """Per-request cost through Django's test client (no sockets, no load generator), best of 5:
    the figure background load on a shared machine distorts least."""
    from django.core.cache import caches
    from django.test import Client

    client = Client()
    quoted = urllib.parse.quote(identifier)
    paths = {
        "ceiling": "/api/v1/bench/ceiling",
        "verify page (HTML)": f"/licenses/verify/?identifier={quoted}",
        "verify API (JSON)": f"/api/v1/licenses/verify?identifier={quoted}",
    }
    print(f"in-process (Django test client, best of 5 x {requests} requests):")
    ceiling = 0.0
    for name, path in paths.items():
        assert client.get(path).status_code == 200, path
        best = float("inf")
        for _ in range(5):
            caches["ratelimit"].clear()
            started = time.perf_counter()
            for _ in range(requests):
                client.get(path)
            best = min(best, (time.perf_counter() - started) / requests * 1000)
        ceiling = ceiling or best
        print(f"  {name:<22} {best:6.2f} ms/request ({ceiling / best:.0%} of the ceiling's rate)")


def verify_load(identifier: str, args: argparse.Namespace) -> None:
    env = os.environ.copy()
    env["GOVHALL_RATE_LIMIT_LICENSE_VERIFY"] = "0/60"
    env["GOVHALL_BENCH_ENDPOINTS"] = "1"
    quoted = urllib.parse.quote(identifier)
    paths = {
        "ceiling": get("/api/v1/bench/ceiling"),
        "verify page (HTML)": Request("GET", f"/licenses/verify/?identifier={quoted}", {"Accept": "text/html"}),
        "verify API (JSON)": get(f"/api/v1/licenses/verify?identifier={quoted}"),
    }
    totals = {name: {"latencies": [], "errors": 0, "seconds": 0.0, "cpu": 0.0} for name in paths}
    with server(env, args.web_workers) as (port, master):
        from _common import check

        for request in paths.values():
            check(port, request)
        body = check(port, paths["verify page (HTML)"]).decode()
        assert 'data-license-status="valid"' in body, "the page did not show the licence as valid"
        pids = server_pids(master, env)
        slices = max(1, int(args.duration // 5))
        for _ in range(slices):
            for name, request in paths.items():
                cpu_before = cpu_seconds(pids)
                result = load(port, [[request]] * args.clients, 5.0)
                totals[name]["cpu"] += cpu_seconds(pids) - cpu_before
                totals[name]["latencies"] += result.latencies
                totals[name]["errors"] += result.errors
                totals[name]["seconds"] += 5.0
    print(
        f"\nverification under load: {args.clients} clients, {args.web_workers} gunicorn workers, "
        f"{slices * 5:.0f}s per endpoint in 5 s slices"
    )
    print(f"{'endpoint':<22} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'server CPU ms/req':>18}")
    ceiling = None
    for name, t in totals.items():
        r = summarize(t["latencies"], t["errors"], t["seconds"])
        cpu_ms = t["cpu"] * 1000 / max(1, r["requests"])
        ceiling = ceiling or r["rps"]
        print(
            f"{name:<22} {r['rps']:>7.0f} {r['p50']:>7.2f} {r['p99']:>7.2f} {int(r['errors']):>6} {cpu_ms:>18.3f}"
            f"   ({r['rps'] / ceiling:.0%} of the ceiling)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--licenses", type=int, default=60, help="licences per worker measurement")
    parser.add_argument("--workers", default="1,2", help="db_worker process counts to measure, comma-separated")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per verification endpoint")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="govhall-bench-licenses-")
    os.environ.setdefault("GOVHALL_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govhall.config.settings")
    os.environ["GOVHALL_PUBLIC_BASE_URL"] = "https://zwfw.example.gov.cn"
    os.environ["GOVHALL_BENCH_ENDPOINTS"] = "1"
    os.environ["GOVHALL_RATE_LIMIT_LICENSE_VERIFY"] = "0/60"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}; cpus: {os.cpu_count()}; load average at start: {os.getloadavg()[0]:.2f}")
    department_id, organization_id = setup()
    started = time.perf_counter()
    from govhall.licenses import signing

    signing.demo_pki_generate(signing.key_dir())
    print(f"demo CA chain + SM2 key generated once in {time.perf_counter() - started:.2f}s")
    started = time.perf_counter()
    ids = issue(args.licenses, department_id, organization_id)
    elapsed = time.perf_counter() - started
    print(f"license_issue (identifier + pending row + task enqueued): {args.licenses / elapsed:.0f}/s")
    worker_path_in_process(ids)
    for workers in [int(w) for w in args.workers.split(",") if w]:
        real_workers(args.licenses, workers, department_id, organization_id)
    from govhall.licenses.models import License

    identifier = License.objects.filter(status="valid").values_list("identifier", flat=True).first()
    verify_in_process(identifier)
    connection.close()
    verify_load(identifier, args)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
