"""Background delivery of metric batches (and small run updates) with a disk spool.

Training code only appends to an in-memory queue. A daemon thread takes up to ``max_batch`` points at
a time (or whatever arrived within ``interval`` seconds) and POSTs them with a fresh idempotency key.
When the server cannot be reached (connection refused or reset, timeout, 5xx, 408, 429) the batch is
written to the spool directory as ``<idempotency_key>.json``, and every later batch goes behind it, so
that the order is kept. The spool is re-sent oldest first, with the same key, as soon as the server
answers again; a file is deleted only once the server answered 200/207 (or refused the batch for good
with another 4xx, which is logged and dropped). Because the server records idempotency keys, a batch
that was stored but whose answer got lost is never stored twice.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from collections import deque
from typing import Any, Deque, Dict, List, Optional, Tuple

from .client import ApiError, Client, ConnectionFailed, backoff_delay

log = logging.getLogger("trainyard")

MAX_BATCH = 1000
INTERVAL = 1.0
MAX_BACKOFF = 5.0
# While someone waits in flush(), an offline server is retried at least this often.
FLUSH_BACKOFF = 0.5

OK, PERMANENT, TRANSIENT = "ok", "permanent", "transient"


def default_spool_root() -> str:
    root = os.environ.get("TRAINYARD_SPOOL_DIR")
    if root:
        return os.path.expanduser(root)
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "trainyard", "spool")


class Spool:
    """An ordered list of undelivered entries, one JSON file each; kept in memory when the disk fails."""

    def __init__(self, directory: str):
        self.dir = directory
        # (file path or None, entry or None): entries read from disk are loaded when needed.
        self._items: Deque[Tuple[Optional[str], Optional[Dict[str, Any]]]] = deque()
        self._seq = 0
        self._disk_warned = False
        self._load_existing()

    def _load_existing(self) -> None:
        """Picks up what an earlier process left for this run, oldest first."""
        try:
            names = [n for n in os.listdir(self.dir) if n.endswith(".json")]
        except OSError:
            return
        found = []
        for name in names:
            path = os.path.join(self.dir, name)
            try:
                with open(path, "r", encoding="utf-8") as f:
                    entry = json.load(f)
                found.append((int(entry.get("created_ns", 0)), int(entry.get("seq", 0)), path))
            except (OSError, ValueError, AttributeError, TypeError):
                log.warning("trainyard: ignoring unreadable spool file %s", path)
                try:
                    os.replace(path, path + ".bad")
                except OSError:
                    pass
        for created, seq, path in sorted(found):
            self._items.append((path, None))
            self._seq = max(self._seq, seq + 1)
        if found:
            log.info("trainyard: %d undelivered batch(es) found in %s; re-sending them", len(found), self.dir)

    def __len__(self) -> int:
        return len(self._items)

    def append(self, entry: Dict[str, Any]) -> None:
        entry = dict(entry, created_ns=time.time_ns(), seq=self._seq)
        self._seq += 1
        path = os.path.join(self.dir, f"{entry['idempotency_key']}.json")
        tmp = path + ".tmp"
        try:
            os.makedirs(self.dir, exist_ok=True)
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(entry, f, separators=(",", ":"))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
            self._items.append((path, None))
        except OSError as e:
            if not self._disk_warned:
                log.warning("trainyard: cannot write the spool in %s (%s); keeping undelivered batches in memory", self.dir, e)
                self._disk_warned = True
            self._items.append((None, entry))

    def peek(self) -> Optional[Dict[str, Any]]:
        """The oldest entry, or None (an unreadable file is set aside and skipped)."""
        while self._items:
            path, entry = self._items[0]
            if entry is not None:
                return entry
            try:
                with open(path, "r", encoding="utf-8") as f:  # type: ignore[arg-type]
                    return json.load(f)
            except (OSError, ValueError) as e:
                log.warning("trainyard: dropping unreadable spool file %s: %s", path, e)
                self._items.popleft()
        return None

    def pop(self) -> None:
        """Removes the oldest entry (after the server answered for it)."""
        if not self._items:
            return
        path, _ = self._items.popleft()
        if path is not None:
            try:
                os.remove(path)
            except FileNotFoundError:
                pass
            except OSError as e:
                log.warning("trainyard: cannot delete spool file %s: %s", path, e)
        if not self._items:
            try:
                os.rmdir(self.dir)
            except OSError:
                pass


class Batcher:
    """Queues points and run updates and delivers them from a daemon thread."""

    def __init__(
        self,
        client: Client,
        run_id: str,
        spool_dir: Optional[str] = None,
        max_batch: int = MAX_BATCH,
        interval: float = INTERVAL,
        request_timeout: Optional[float] = None,
    ):
        self.client = client
        self.run_id = run_id
        self.max_batch = max_batch
        self.interval = interval
        self.request_timeout = request_timeout
        self.spool = Spool(spool_dir or os.path.join(default_spool_root(), run_id))
        self._cond = threading.Condition()
        self._points: Deque[Dict[str, Any]] = deque()
        self._ops: Deque[Tuple[str, Dict[str, Any]]] = deque()
        self._busy = False
        self._flushing = 0
        self._closed = False
        self._failures = 0
        self._next_retry = 0.0
        self._offline_warned = False
        # Counters, for tests and for the user's curiosity.
        self.sent_points = 0
        self.sent_batches = 0
        self.spooled_batches = 0
        self.dropped_points = 0
        self._thread = threading.Thread(target=self._loop, name=f"trainyard-batcher-{run_id}", daemon=True)
        self._thread.start()

    # -- producer side (training thread) ---------------------------------------------------------

    def add_points(self, points: List[Dict[str, Any]]) -> None:
        if not points:
            return
        with self._cond:
            if self._closed:
                return
            self._points.extend(points)
            if len(self._points) >= self.max_batch:
                self._cond.notify_all()

    def add_op(self, kind: str, body: Dict[str, Any]) -> None:
        """``kind`` is params, tags, datasets or update; sent in order, spooled like metric batches."""
        with self._cond:
            if self._closed:
                return
            self._ops.append((kind, body))
            self._cond.notify_all()

    def pending(self) -> int:
        """Points and updates not yet delivered (queued, in flight or spooled), roughly."""
        with self._cond:
            return len(self._points) + len(self._ops) + len(self.spool) + (1 if self._busy else 0)

    def flush(self, timeout: float = 60.0) -> bool:
        """Sends everything queued and spooled; True when nothing is left within ``timeout`` seconds."""
        deadline = time.monotonic() + max(0.0, timeout)
        with self._cond:
            self._flushing += 1
            # Whoever waits wants an answer now, not after the offline backoff.
            self._next_retry = min(self._next_retry, time.monotonic())
            self._cond.notify_all()
            try:
                while self._points or self._ops or self._busy or len(self.spool):
                    if not self._thread.is_alive():
                        break
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    self._cond.wait(min(remaining, 0.25))
                return not (self._points or self._ops or self._busy or len(self.spool))
            finally:
                self._flushing -= 1

    def close(self, timeout: float = 60.0) -> bool:
        ok = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        return ok

    # -- the delivery thread ---------------------------------------------------------------------

    def _work_due(self, now: float, last_send: float) -> bool:
        if self._ops or len(self._points) >= self.max_batch:
            return True
        if self._points and (self._flushing or now - last_send >= self.interval):
            return True
        return bool(len(self.spool)) and now >= self._next_retry

    def _loop(self) -> None:
        last_send = time.monotonic()
        while True:
            with self._cond:
                while True:
                    now = time.monotonic()
                    if self._work_due(now, last_send):
                        break
                    if self._closed and not (self._points or self._ops):
                        self._busy = False
                        self._cond.notify_all()
                        return
                    waits = []
                    if self._points:
                        waits.append(last_send + self.interval - now)
                    if len(self.spool):
                        waits.append(self._next_retry - now)
                    self._busy = False
                    self._cond.notify_all()
                    self._cond.wait(max(0.005, min(waits)) if waits else None)
                self._busy = True
                ops = list(self._ops)
                self._ops.clear()
                batch = [self._points.popleft() for _ in range(min(self.max_batch, len(self._points)))]
            last_send = time.monotonic()
            try:
                entries = [self._entry(kind, body) for kind, body in ops]
                if batch:
                    entries.append(self._entry("metrics", {"points": batch}))
                for entry in entries:
                    self._deliver(entry)
                if len(self.spool) and time.monotonic() >= self._next_retry:
                    self._drain()
            except Exception:  # noqa: BLE001 - the thread must survive anything
                log.exception("trainyard: unexpected error in the metric sender")

    @staticmethod
    def _entry(kind: str, body: Dict[str, Any]) -> Dict[str, Any]:
        return {"kind": kind, "idempotency_key": uuid.uuid4().hex, "body": body}

    def _deliver(self, entry: Dict[str, Any]) -> None:
        # Behind an existing spool (or while the server is known to be down) a new entry queues up on disk.
        if len(self.spool) or time.monotonic() < self._next_retry:
            self._to_spool(entry)
            return
        if self._send(entry) == TRANSIENT:
            self._to_spool(entry)

    def _to_spool(self, entry: Dict[str, Any]) -> None:
        self.spool.append(entry)
        self.spooled_batches += 1

    def _drain(self) -> None:
        while True:
            entry = self.spool.peek()
            if entry is None:
                return
            if self._send(entry) == TRANSIENT:
                return
            self.spool.pop()
            # Let a flush() waiter see progress; new points keep queueing in memory meanwhile.
            with self._cond:
                self._cond.notify_all()

    def _went_offline(self, why: str) -> None:
        self._failures += 1
        cap = FLUSH_BACKOFF if self._flushing else MAX_BACKOFF
        self._next_retry = time.monotonic() + backoff_delay(self._failures - 1, 0.25, cap)
        if not self._offline_warned:
            log.warning(
                "trainyard: server unreachable (%s); spooling metrics to %s and retrying in the background",
                why,
                self.spool.dir,
            )
            self._offline_warned = True

    def _came_back(self) -> None:
        if self._offline_warned:
            log.warning("trainyard: server reachable again; re-sending %d spooled batch(es)", len(self.spool))
        self._failures = 0
        self._next_retry = 0.0
        self._offline_warned = False

    def _send(self, entry: Dict[str, Any]) -> str:
        kind, body, key = entry["kind"], entry["body"], entry["idempotency_key"]
        kw: Dict[str, Any] = {"retries": 0}
        if self.request_timeout is not None:
            kw["timeout"] = self.request_timeout
        try:
            if kind == "metrics":
                status, answer = self.client.log_metrics(self.run_id, body["points"], key, **kw)
                n = len(body["points"])
                rejected = (answer or {}).get("rejected") or []
                if rejected:
                    shown = "; ".join(f"#{r.get('index')}: {r.get('message')}" for r in rejected[:5])
                    log.warning("trainyard: the server rejected %d of %d metric points (%s)", len(rejected), n, shown)
                    self.dropped_points += len(rejected)
                self.sent_points += n - len(rejected)
                self.sent_batches += 1
            elif kind == "params":
                self.client.log_params(self.run_id, body["params"], **kw)
            elif kind == "tags":
                self.client.set_tags(self.run_id, body["tags"], **kw)
            elif kind == "datasets":
                self.client.log_datasets(self.run_id, body["datasets"], **kw)
            elif kind == "update":
                self.client.update_run(self.run_id, body, **kw)
            else:
                log.warning("trainyard: dropping a spooled entry of unknown kind %r", kind)
                return PERMANENT
        except ConnectionFailed as e:
            self._went_offline(str(e))
            return TRANSIENT
        except ApiError as e:
            if e.retryable:
                self._went_offline(f"{e.status} {e.code}")
                return TRANSIENT
            if kind == "metrics":
                self.dropped_points += len(body.get("points", []))
            log.warning("trainyard: the server refused %s (%s %s: %s); dropped", _describe(kind, body), e.status, e.code, e.message)
            self._came_back()
            return PERMANENT
        self._came_back()
        return OK


def _describe(kind: str, body: Dict[str, Any]) -> str:
    if kind == "metrics":
        return f"a batch of {len(body.get('points', []))} metric points"
    return f"{kind} {json.dumps(body, default=str)[:200]}"
