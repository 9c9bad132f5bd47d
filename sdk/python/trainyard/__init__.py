"""Trainyard: log params, metrics, tags, datasets and artifacts from training code.

    import trainyard

    with trainyard.init(project="my-team/my-project", params={"lr": 1e-3}) as run:
        for step in range(1000):
            run.log({"train/loss": loss}, step=step)
        run.log_artifact("model.pt")

Configuration comes from the arguments or from ``TRAINYARD_URL``, ``TRAINYARD_TOKEN`` and
``TRAINYARD_RUN_ID``. Standard library only; Python 3.9+.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import Any, Mapping, Optional

from .client import ApiError, Client, ConnectionFailed, TrainyardError
from .run import Run, current_run, git_source, init


def log(metrics: Mapping[str, Any], step: Optional[int] = None) -> None:
    """``run.log`` on the run from the last :func:`init`."""
    run = current_run()
    if run is None:
        raise TrainyardError("call trainyard.init() first")
    run.log(metrics, step=step)


def finish(status: str = "succeeded") -> bool:
    """``run.finish`` on the run from the last :func:`init`."""
    run = current_run()
    if run is None:
        return True
    return run.finish(status)


__all__ = [
    "ApiError",
    "Client",
    "ConnectionFailed",
    "Run",
    "TrainyardError",
    "__version__",
    "current_run",
    "finish",
    "git_source",
    "init",
    "log",
]
