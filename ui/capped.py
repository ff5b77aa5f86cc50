"""A cache of a few entries that many sessions share: at most `most`, the oldest out first."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class CappedCache(Generic[Value]):
    """Values made once per key and kept while they are among the `most` newest.

    The dashboard's one cached corpus is shared by every browser session, each on its own
    thread: lookups, insertions and evictions hold a lock (a dict changed by one thread while
    another evicted from it raised "dictionary changed size during iteration" or lost a key
    between the check and the read). A value is made outside the lock, so a slow one holds up
    no other key; when two threads make the same key at once, both get the first one kept.
    """

    def __init__(self, most: int) -> None:
        self.most = most
        self._items: dict[Hashable, Value] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Value]) -> Value:
        with self._lock:
            if key in self._items:
                return self._items[key]
        value = make()
        with self._lock:
            if key in self._items:
                return self._items[key]
            while len(self._items) >= self.most:
                self._items.pop(next(iter(self._items)))
            self._items[key] = value
            return value

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._items
