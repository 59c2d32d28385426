"""A small per-process LRU map for caches whose keys carry a database generation token (the
catalogue search's result pages, the staff worklist's pages): an entry is found only while the
data it was built from is unchanged, so it never needs invalidating — old keys just age out.

Thread-safe (gunicorn may run threads); values must be immutable, since they are shared."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class LruCache(Generic[V]):
    """At most ``size()`` entries (read on first use, so settings may change it in tests); an
    entry older than ``max_age`` seconds (when given) counts as absent — the bound for anything
    the generation token does not cover."""

    def __init__(self, size: Callable[[], int], *, max_age: float | None = None) -> None:
        self._size_setting = size
        self._size: int | None = None
        self._max_age = max_age
        self._entries: OrderedDict[Hashable, tuple[float, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if self._max_age is not None and time.monotonic() - entry[0] > self._max_age:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: Hashable, value: V) -> None:
        if self._size is None:
            self._size = self._size_setting()
        if self._size <= 0:
            return
        with self._lock:
            self._entries[key] = (time.monotonic(), value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = None
