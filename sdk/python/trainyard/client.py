"""A small HTTP client for the Trainyard REST API (``/api/v1``), standard library only.

Every request carries ``Authorization: Bearer <token>``, a timeout, and is retried with exponential
backoff (and jitter) on connection errors, timeouts, 5xx, 408 and 429 (``Retry-After`` honoured).
Errors from the server come back as :class:`ApiError` with the server's ``code`` and ``message``;
a request that could not get an answer after its retries raises :class:`ConnectionFailed`.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, BinaryIO, Callable, Dict, Mapping, Optional, Sequence, Tuple, Union

from . import __version__

DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 4
DEFAULT_BACKOFF = 0.5
MAX_BACKOFF = 10.0

# Statuses that a retry may fix: the request timed out, too many requests, or a server-side failure.
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


class TrainyardError(Exception):
    """Base class of every error this package raises."""


class ApiError(TrainyardError):
    """The server answered with an error status."""

    def __init__(self, status: int, code: str, message: str, body: Any = None, method: str = "", path: str = ""):
        self.status = status
        self.code = code
        self.message = message
        self.body = body
        self.method = method
        self.path = path
        super().__init__(f"{method} {path} -> {status} {code}: {message}".strip())

    @property
    def retryable(self) -> bool:
        return is_retryable_status(self.status)


class ConnectionFailed(TrainyardError):
    """No answer from the server (refused, reset, DNS, timeout) after all retries."""


def is_retryable_status(status: int) -> bool:
    return status in RETRYABLE_STATUSES or status >= 500


def quote_segment(segment: str) -> str:
    """Percent-encodes one path segment (a ``/`` inside it is encoded too)."""
    return urllib.parse.quote(segment, safe="")


def quote_path(path: str) -> str:
    """Percent-encodes a ``/``-separated path segment by segment, keeping the slashes."""
    return "/".join(quote_segment(s) for s in path.split("/"))


def _retry_after(headers: Any) -> Optional[float]:
    if headers is None:
        return None
    value = headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, min(float(value), 60.0))
    except ValueError:
        return None


def backoff_delay(attempt: int, base: float = DEFAULT_BACKOFF, cap: float = MAX_BACKOFF) -> float:
    """``base * 2**attempt`` capped at ``cap``, with +-25% jitter so that many clients spread out."""
    delay = min(cap, base * (2 ** attempt))
    return delay * random.uniform(0.75, 1.25)


Body = Union[None, bytes, Mapping[str, Any], Sequence[Any]]
# A factory for a streamed body: called once per attempt so that a retry starts from byte 0.
BodyFactory = Callable[[], Tuple[BinaryIO, int]]


class Client:
    """Talks to one Trainyard server with one API token."""

    def __init__(
        self,
        url: Optional[str] = None,
        token: Optional[str] = None,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
    ):
        url = url or os.environ.get("TRAINYARD_URL") or "http://localhost:3000"
        self.url = url.rstrip("/")
        if self.url.endswith("/api/v1"):
            self.url = self.url[: -len("/api/v1")]
        self.token = token if token is not None else os.environ.get("TRAINYARD_TOKEN")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.user_agent = f"trainyard-python/{__version__}"

    # -- low level -------------------------------------------------------------------------------

    def _headers(self, extra: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": self.user_agent}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if extra:
            headers.update(extra)
        return headers

    def _full_url(self, path: str, query: Optional[Mapping[str, Any]] = None) -> str:
        if not path.startswith("/"):
            path = "/" + path
        url = f"{self.url}/api/v1{path}"
        if query:
            q = {k: str(v) for k, v in query.items() if v is not None}
            if q:
                url += "?" + urllib.parse.urlencode(q)
        return url

    def request_raw(
        self,
        method: str,
        path: str,
        *,
        json_body: Body = None,
        body_factory: Optional[BodyFactory] = None,
        headers: Optional[Mapping[str, str]] = None,
        query: Optional[Mapping[str, Any]] = None,
        retries: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> Tuple[int, Mapping[str, str], bytes]:
        """Sends one request with retries; returns ``(status, headers, body bytes)`` for any status < 400.

        Raises :class:`ApiError` for an error status (after retries when it is retryable) and
        :class:`ConnectionFailed` when no answer came back at all.
        """
        url = self._full_url(path, query)
        attempts = 1 + (self.retries if retries is None else retries)
        timeout = self.timeout if timeout is None else timeout
        data: Optional[bytes] = None
        extra = dict(headers or {})
        if json_body is not None:
            data = json.dumps(json_body, allow_nan=False, separators=(",", ":")).encode("utf-8")
            extra.setdefault("Content-Type", "application/json")
        last_error: Optional[BaseException] = None
        for attempt in range(attempts):
            stream: Optional[BinaryIO] = None
            req_headers = self._headers(extra)
            payload: Any = data
            if body_factory is not None:
                # Outside the try: a local file that cannot be opened is the caller's error, not a retry.
                stream, length = body_factory()
                payload = stream
                req_headers["Content-Length"] = str(length)
                req_headers.setdefault("Content-Type", "application/octet-stream")
            try:
                req = urllib.request.Request(url, data=payload, method=method, headers=req_headers)
                with urllib.request.urlopen(req, timeout=timeout) as resp:
                    return resp.status, resp.headers, resp.read()
            except urllib.error.HTTPError as e:
                try:
                    raw = e.read()
                except Exception:  # noqa: BLE001 - the body of an error is best effort
                    raw = b""
                error = _api_error(e.code, raw, method, path)
                if not error.retryable or attempt == attempts - 1:
                    raise error from None
                last_error = error
                delay = _retry_after(e.headers) if e.code in (429, 503) else None
                time.sleep(delay if delay is not None else backoff_delay(attempt, self.backoff))
            except (urllib.error.URLError, http.client.HTTPException, socket.timeout, ConnectionError, OSError) as e:
                if isinstance(e, ssl.SSLCertVerificationError) or (
                    isinstance(e, urllib.error.URLError) and isinstance(e.reason, ssl.SSLCertVerificationError)
                ):
                    raise ConnectionFailed(f"{method} {url}: {e}") from None
                last_error = e
                if attempt == attempts - 1:
                    break
                time.sleep(backoff_delay(attempt, self.backoff))
            finally:
                if stream is not None:
                    try:
                        stream.close()
                    except Exception:  # noqa: BLE001
                        pass
        reason = getattr(last_error, "reason", None) or last_error
        raise ConnectionFailed(f"{method} {url}: no answer after {attempts} attempt(s): {reason}")

    def request(self, method: str, path: str, json_body: Body = None, **kwargs: Any) -> Any:
        """Sends a JSON request and returns the decoded JSON answer (``None`` for an empty body)."""
        _status, _headers, raw = self.request_raw(method, path, json_body=json_body, **kwargs)
        if not raw:
            return None
        return json.loads(raw.decode("utf-8"))

    def get(self, path: str, query: Optional[Mapping[str, Any]] = None, **kwargs: Any) -> Any:
        return self.request("GET", path, query=query, **kwargs)

    def post(self, path: str, body: Body = None, **kwargs: Any) -> Any:
        return self.request("POST", path, json_body=body if body is not None else {}, **kwargs)

    def patch(self, path: str, body: Body = None, **kwargs: Any) -> Any:
        return self.request("PATCH", path, json_body=body if body is not None else {}, **kwargs)

    # -- REST API ------------------------------------------------------------------------------

    def list_projects(self, team_slug: str) -> Any:
        return self.get(f"/teams/{quote_segment(team_slug)}/projects")["projects"]

    def resolve_project(self, project: str) -> str:
        """``prj_…`` ids pass through; ``"team-slug/project-slug"`` is looked up among the team's projects."""
        if "/" not in project:
            return project
        team, _, slug = project.partition("/")
        for p in self.list_projects(team):
            if p.get("slug") == slug:
                return str(p["id"])
        raise TrainyardError(f'No project "{slug}" in team "{team}" (or the token cannot see it)')

    def create_run(self, project_id: str, body: Mapping[str, Any]) -> Any:
        return self.post(f"/projects/{quote_segment(project_id)}/runs", dict(body))

    def get_run(self, run_id: str) -> Any:
        return self.get(f"/runs/{quote_segment(run_id)}")

    def register_model(self, run_id: str, body: Mapping[str, Any]) -> Any:
        return self.post(f"/runs/{quote_segment(run_id)}/models", dict(body))

    def update_run(self, run_id: str, fields: Mapping[str, Any], **kw: Any) -> Any:
        """PATCHes status, name and/or notes."""
        return self.patch(f"/runs/{quote_segment(run_id)}", {k: v for k, v in fields.items() if v is not None}, **kw)

    def log_params(self, run_id: str, params: Mapping[str, Any], **kw: Any) -> Any:
        return self.post(f"/runs/{quote_segment(run_id)}/params", {"params": dict(params)}, **kw)

    def set_tags(self, run_id: str, tags: Mapping[str, str], **kw: Any) -> Any:
        return self.post(f"/runs/{quote_segment(run_id)}/tags", {"tags": dict(tags)}, **kw)

    def log_datasets(self, run_id: str, datasets: Sequence[Mapping[str, str]], **kw: Any) -> Any:
        return self.post(f"/runs/{quote_segment(run_id)}/datasets", {"datasets": list(datasets)}, **kw)

    def log_metrics(self, run_id: str, points: Sequence[Mapping[str, Any]], idempotency_key: Optional[str] = None, **kw: Any) -> Tuple[int, Any]:
        """Returns ``(status, answer)``: 200 when every point was stored, 207 when some were rejected."""
        body: Dict[str, Any] = {"points": list(points)}
        if idempotency_key:
            body["idempotency_key"] = idempotency_key
        status, _h, raw = self.request_raw("POST", f"/runs/{quote_segment(run_id)}/metrics", json_body=body, **kw)
        return status, (json.loads(raw.decode("utf-8")) if raw else None)

    def get_metric(self, run_id: str, key: str, max_points: Optional[int] = None, from_step: Optional[int] = None, to_step: Optional[int] = None) -> Any:
        return self.get(
            f"/runs/{quote_segment(run_id)}/metrics/{quote_path(key)}",
            {"max_points": max_points, "from_step": from_step, "to_step": to_step},
        )

    def append_logs(self, run_id: str, lines: Sequence[Mapping[str, Any]]) -> Any:
        return self.post(f"/runs/{quote_segment(run_id)}/logs", {"lines": list(lines)})

    def list_artifacts(self, run_id: str) -> Any:
        return self.get(f"/runs/{quote_segment(run_id)}/artifacts")["artifacts"]

    def upload_artifact(self, run_id: str, artifact_path: str, local_file: str, content_type: Optional[str] = None) -> Any:
        """PUTs a file's bytes, streamed from disk (re-opened for each retry)."""

        def open_body() -> Tuple[BinaryIO, int]:
            f = open(local_file, "rb")
            return f, os.fstat(f.fileno()).st_size

        headers = {"Content-Type": content_type or "application/octet-stream"}
        _s, _h, raw = self.request_raw(
            "PUT", f"/runs/{quote_segment(run_id)}/artifacts/{quote_path(artifact_path)}", body_factory=open_body, headers=headers
        )
        return json.loads(raw.decode("utf-8")) if raw else None

    def download_artifact(self, run_id: str, artifact_path: str) -> bytes:
        _s, _h, raw = self.request_raw("GET", f"/runs/{quote_segment(run_id)}/artifacts/{quote_path(artifact_path)}")
        return raw


def _api_error(status: int, raw: bytes, method: str, path: str) -> ApiError:
    code, message, body = f"HTTP_{status}", "", None
    try:
        body = json.loads(raw.decode("utf-8")) if raw else None
        err = body.get("error") if isinstance(body, dict) else None
        if isinstance(err, dict):
            code = str(err.get("code") or code)
            message = str(err.get("message") or "")
    except (ValueError, UnicodeDecodeError):
        message = raw[:500].decode("utf-8", "replace")
    return ApiError(status, code, message, body, method, path)
