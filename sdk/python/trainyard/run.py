"""The :class:`Run` object that training code logs through, and :func:`init` that makes one."""

from __future__ import annotations

import atexit
import decimal
import hashlib
import logging
import math
import mimetypes
import numbers
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from typing import Any, Dict, List, Mapping, Optional

from .batcher import Batcher
from .client import ApiError, Client, ConnectionFailed, TrainyardError

log = logging.getLogger("trainyard")

STATUSES = ("running", "succeeded", "failed", "cancelled", "lost")
_KEY_RE = re.compile(r"^[A-Za-z0-9_\-. /:]{1,250}$")
_MAX_SAFE_INT = 2 ** 53 - 1


def _flush_timeout() -> float:
    try:
        return float(os.environ.get("TRAINYARD_FLUSH_TIMEOUT", "60"))
    except ValueError:
        return 60.0


def wire_value(value: Any) -> Any:
    """A metric value as the server takes it, or raises ``TypeError``.

    ints and floats pass (NaN and +-inf as the strings "NaN", "Infinity", "-Infinity"), bools become
    0/1, and numpy scalars or one-element tensors are unwrapped with ``.item()``.
    """
    if isinstance(value, bool):
        return int(value)
    if not isinstance(value, (int, float)) and hasattr(value, "item") and callable(value.item):
        try:
            value = value.item()
        except Exception as e:  # noqa: BLE001 - e.g. a tensor with many elements
            raise TypeError(f"cannot log {type(value).__name__} as a number ({e})") from None
        if isinstance(value, bool):
            return int(value)
    if isinstance(value, numbers.Integral):
        v = int(value)
        return v if -_MAX_SAFE_INT <= v <= _MAX_SAFE_INT else float(v)
    if isinstance(value, (numbers.Real, decimal.Decimal)):
        f = float(value)
        if math.isnan(f):
            return "NaN"
        if math.isinf(f):
            return "Infinity" if f > 0 else "-Infinity"
        return f
    raise TypeError(f"cannot log {type(value).__name__} as a number")


def _wire_param(value: Any) -> Any:
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return str(value)


def _git(args: List[str], cwd: str) -> Optional[bytes]:
    try:
        r = subprocess.run(
            ["git", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return r.stdout if r.returncode == 0 else None


def _strip_credentials(url: str) -> str:
    """``https://user:token@host/x`` -> ``https://host/x`` (scp-like ``git@host:x`` is kept)."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return url
    if parts.scheme and "@" in parts.netloc:
        host = parts.netloc.rsplit("@", 1)[1]
        return urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return url


def git_source(cwd: Optional[str] = None) -> Optional[Dict[str, str]]:
    """``{git_url, commit, dirty_sha256}`` of the git checkout at ``cwd``, or None; never raises."""
    cwd = cwd or os.getcwd()
    try:
        if _git(["rev-parse", "--is-inside-work-tree"], cwd) is None:
            return None
        source: Dict[str, str] = {}
        commit = _git(["rev-parse", "HEAD"], cwd)
        if commit:
            source["commit"] = commit.decode("utf-8", "replace").strip()
        remote = _git(["config", "--get", "remote.origin.url"], cwd)
        if remote and remote.strip():
            source["git_url"] = _strip_credentials(remote.decode("utf-8", "replace").strip())
        diff = _git(["diff", "HEAD"], cwd) if commit else None
        if diff:
            source["dirty_sha256"] = hashlib.sha256(diff).hexdigest()
        return source or None
    except Exception:  # noqa: BLE001 - source capture is best effort
        return None


class Run:
    """One tracked run. Logging methods queue work and return at once; none raises into training code."""

    def __init__(self, client: Client, data: Mapping[str, Any], owned: bool, spool_dir: Optional[str] = None):
        self.client = client
        self.data: Dict[str, Any] = dict(data)
        self.id: str = str(data["id"])
        self.project_id: Optional[str] = data.get("project_id")
        self.name: Optional[str] = data.get("name")
        # A run this process created is ended by it; one it attached to (TRAINYARD_RUN_ID) is the agent's.
        self.owned = owned
        self.finished = False
        self._step = 0
        self._lock = threading.Lock()
        self._warned: set = set()
        self._batcher = Batcher(client, self.id, spool_dir=spool_dir)
        _live_runs.add(self)

    # -- identity --------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The run's page in the studio."""
        if self.project_id:
            return f"{self.client.url}/projects/{urllib.parse.quote(self.project_id, safe='')}/runs/{urllib.parse.quote(self.id, safe='')}"
        return f"{self.client.url}/runs/{urllib.parse.quote(self.id, safe='')}"

    def __repr__(self) -> str:
        return f"<trainyard.Run {self.id} {self.name!r}>"

    def _warn_once(self, tag: str, message: str, *args: Any) -> None:
        if tag in self._warned:
            return
        self._warned.add(tag)
        log.warning("trainyard: " + message + " (further warnings like this are suppressed)", *args)

    # -- logging ---------------------------------------------------------------------------------

    def log(self, metrics: Mapping[str, Any], step: Optional[int] = None) -> None:
        """Logs metric values for one step; never blocks on the network and never raises.

        ``step`` defaults to an internal counter that advances by one per call; an explicit step moves
        the counter to ``step + 1``.
        """
        try:
            if self.finished:
                self._warn_once("log-finished", "run %s is finished; run.log() calls are ignored", self.id)
                return
            ts = int(time.time() * 1000)
            with self._lock:
                if step is None:
                    s = self._step
                else:
                    if isinstance(step, bool) or not isinstance(step, (numbers.Integral, float)) or (
                        isinstance(step, float) and not step.is_integer()
                    ):
                        self._warn_once(f"step:{type(step).__name__}", "step must be an integer, got %r; using the counter", step)
                        s = self._step
                    else:
                        s = int(step)
                self._step = s + 1
            points = []
            if not isinstance(metrics, Mapping):
                self._warn_once("metrics-type", "run.log() takes a dict of metric values, got %s", type(metrics).__name__)
                return
            for key, value in metrics.items():
                if not isinstance(key, str) or not _KEY_RE.match(key):
                    self._warn_once(
                        f"key:{key!r}", "metric key %r is not valid (letters, digits, _ - . / : and spaces, at most 250); skipped", key
                    )
                    continue
                try:
                    v = wire_value(value)
                except TypeError as e:
                    self._warn_once(f"value:{key}:{type(value).__name__}", "metric %r: %s; skipped", key, e)
                    continue
                points.append({"key": key, "value": v, "step": s, "timestamp": ts})
            self._batcher.add_points(points)
        except Exception as e:  # noqa: BLE001 - never raise into training code
            self._warn_once("log-internal", "run.log() failed: %s", e)

    def log_params(self, params: Mapping[str, Any]) -> None:
        """Logs parameters (values become strings on the server; a changed value is refused)."""
        try:
            wire = {str(k): _wire_param(v) for k, v in dict(params).items()}
            if wire:
                self._batcher.add_op("params", {"params": wire})
        except Exception as e:  # noqa: BLE001
            self._warn_once("params-internal", "run.log_params() failed: %s", e)

    def set_tags(self, tags: Mapping[str, Any]) -> None:
        """Sets tags (string values; a tag set again is overwritten)."""
        try:
            wire = {str(k): str(v) for k, v in dict(tags).items()}
            if wire:
                self._batcher.add_op("tags", {"tags": wire})
        except Exception as e:  # noqa: BLE001
            self._warn_once("tags-internal", "run.set_tags() failed: %s", e)

    def log_dataset(self, uri: str, digest: str = "", name: str = "", context: str = "") -> None:
        """Records a data reference (e.g. ``s3://bucket/train.parquet``, its digest, ``context="training"``)."""
        try:
            self._batcher.add_op(
                "datasets", {"datasets": [{"uri": str(uri), "digest": str(digest), "name": str(name), "context": str(context)}]}
            )
        except Exception as e:  # noqa: BLE001
            self._warn_once("datasets-internal", "run.log_dataset() failed: %s", e)

    def set_name(self, name: str) -> None:
        self.name = name
        self._batcher.add_op("update", {"name": name})

    def log_artifact(self, local_path: str, artifact_path: Optional[str] = None) -> List[Dict[str, Any]]:
        """Uploads a file, or a directory recursively, and returns what the server stored.

        ``artifact_path`` is where it lands in the run (default: the file's or directory's name).
        Uploads are synchronous (streamed from disk, retried); a failure is logged, not raised.
        """
        stored: List[Dict[str, Any]] = []
        try:
            local_path = os.path.abspath(os.path.expanduser(local_path))
            base = (artifact_path or os.path.basename(local_path.rstrip(os.sep))).replace(os.sep, "/").strip("/")
            if os.path.isdir(local_path):
                files = []
                for root, dirs, names in os.walk(local_path):
                    dirs.sort()
                    for n in sorted(names):
                        full = os.path.join(root, n)
                        rel = os.path.relpath(full, local_path).replace(os.sep, "/")
                        files.append((full, f"{base}/{rel}" if base else rel))
            elif os.path.isfile(local_path):
                files = [(local_path, base)]
            else:
                log.warning("trainyard: log_artifact: %s is not a file or directory", local_path)
                return stored
            for full, dest in files:
                content_type = mimetypes.guess_type(full)[0] or "application/octet-stream"
                try:
                    answer = self.client.upload_artifact(self.id, dest, full, content_type)
                    if answer:
                        stored.append(answer)
                except (ApiError, ConnectionFailed, OSError) as e:
                    log.warning("trainyard: could not upload artifact %s as %s: %s", full, dest, e)
        except Exception as e:  # noqa: BLE001
            log.warning("trainyard: log_artifact(%r) failed: %s", local_path, e)
        return stored

    def register_model(self, name: str, artifact_path: str, description: str = "") -> Dict[str, Any]:
        """Registers an artifact of this run (a file or a folder) as the next version of model ``name``.

        Waits for what was logged so far to reach the server first, so the version's metric snapshot
        includes it. Creates the model on first use. Raises ``ApiError`` when the server refuses
        (no such artifact, no permission), since a model that silently did not register is worse.
        """
        self.flush()
        body = {"name": name, "artifact_path": artifact_path.strip("/")}
        if description:
            body["description"] = description
        return self.client.register_model(self.id, body)

    # -- ending ----------------------------------------------------------------------------------

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Waits until every queued and spooled item reached the server; False on timeout."""
        return self._batcher.flush(_flush_timeout() if timeout is None else timeout)

    def finish(self, status: str = "succeeded", timeout: Optional[float] = None) -> bool:
        """Flushes everything, then sets the run's status. Returns True when all data got through."""
        if self.finished:
            return True
        self.finished = True
        if status not in STATUSES:
            log.warning("trainyard: unknown status %r; using 'failed'", status)
            status = "failed"
        ok = self._batcher.close(_flush_timeout() if timeout is None else timeout)
        if not ok:
            log.warning(
                "trainyard: %d item(s) for run %s could not be delivered; they stay in %s and are re-sent "
                "the next time a process attaches to this run (TRAINYARD_RUN_ID=%s)",
                self._batcher.pending(),
                self.id,
                self._batcher.spool.dir,
                self.id,
            )
        try:
            answer = self.client.update_run(self.id, {"status": status})
            if isinstance(answer, dict):
                self.data = answer
        except (ApiError, ConnectionFailed) as e:
            log.warning("trainyard: could not set run %s to %s: %s", self.id, status, e)
            ok = False
        _live_runs.discard(self)
        return ok

    def _at_exit(self) -> None:
        if self.finished:
            return
        if self.owned:
            self.finish("failed" if _saw_uncaught_exception else "succeeded")
        else:
            if not self._batcher.flush(_flush_timeout()):
                log.warning("trainyard: %d item(s) for run %s stay spooled in %s", self._batcher.pending(), self.id, self._batcher.spool.dir)

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self.finish("failed" if exc_type is not None else "succeeded")


# -- process-wide bookkeeping ----------------------------------------------------------------------

# Strong references: a run that went out of scope unfinished must still be flushed at exit.
_live_runs: "set[Run]" = set()
_saw_uncaught_exception = False
_hooks_installed = False
_current: Optional[Run] = None


def _excepthook(exc_type: Any, exc: Any, tb: Any) -> None:
    global _saw_uncaught_exception
    _saw_uncaught_exception = True
    _previous_excepthook(exc_type, exc, tb)


_previous_excepthook = sys.excepthook


def _at_exit() -> None:
    for run in list(_live_runs):
        try:
            run._at_exit()
        except Exception as e:  # noqa: BLE001
            log.warning("trainyard: flushing run %s at exit failed: %s", run.id, e)


def _install_hooks() -> None:
    global _hooks_installed, _previous_excepthook
    if _hooks_installed:
        return
    _hooks_installed = True
    _previous_excepthook = sys.excepthook
    sys.excepthook = _excepthook
    atexit.register(_at_exit)


def current_run() -> Optional[Run]:
    return _current


def init(
    project: Optional[str] = None,
    name: Optional[str] = None,
    params: Optional[Mapping[str, Any]] = None,
    tags: Optional[Mapping[str, Any]] = None,
    run_id: Optional[str] = None,
    url: Optional[str] = None,
    token: Optional[str] = None,
    *,
    source: Optional[Mapping[str, str]] = None,
    capture_git: bool = True,
    spool_dir: Optional[str] = None,
) -> Run:
    """Creates a run in ``project`` (``prj_…`` or ``"team-slug/project-slug"``), or attaches to ``run_id``.

    ``url``/``token`` default to ``TRAINYARD_URL``/``TRAINYARD_TOKEN``. When ``TRAINYARD_RUN_ID`` is set
    (the agent sets it for launched jobs) or ``run_id`` is given, the existing run is used, and the
    given params, tags and name are added to it. Raises :class:`TrainyardError` when no run can be had.
    """
    global _current
    client = Client(url=url, token=token)
    if not client.token:
        raise TrainyardError("No API token: pass token=... or set TRAINYARD_TOKEN")
    run_id = run_id or os.environ.get("TRAINYARD_RUN_ID") or None
    _install_hooks()
    if run_id:
        try:
            data: Dict[str, Any] = client.get(f"/runs/{urllib.parse.quote(run_id, safe='')}", retries=2)
        except ConnectionFailed as e:
            log.warning("trainyard: cannot reach the server to read run %s (%s); logging to it anyway", run_id, e)
            data = {"id": run_id}
        run = Run(client, data, owned=False, spool_dir=spool_dir)
        if name:
            run.set_name(name)
        if params:
            run.log_params(params)
        if tags:
            run.set_tags(tags)
    else:
        if not project:
            raise TrainyardError('init() needs project="prj_…" or "team-slug/project-slug" (or TRAINYARD_RUN_ID)')
        project_id = client.resolve_project(project)
        body: Dict[str, Any] = {}
        if name:
            body["name"] = name
        if params:
            body["params"] = {str(k): _wire_param(v) for k, v in params.items()}
        if tags:
            body["tags"] = {str(k): str(v) for k, v in tags.items()}
        src = dict(source) if source else (git_source() if capture_git else None)
        if src:
            body["source"] = src
        data = client.create_run(project_id, body)
        run = Run(client, data, owned=True, spool_dir=spool_dir)
    _current = run
    return run
