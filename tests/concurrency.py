"""Run work in several threads at once, each with its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections


def run_concurrently(count: int, work: Callable[[], object]) -> list[object]:
    """Run ``work`` in ``count`` threads released together by a barrier; return each result or
    the exception it raised (in completion order)."""
    results: list[object] = []
    lock = threading.Lock()
    barrier = threading.Barrier(count)

    def runner() -> None:
        try:
            barrier.wait()
            outcome: object = work()
        except Exception as error:  # collected for the caller's assertions
            outcome = error
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=runner) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
