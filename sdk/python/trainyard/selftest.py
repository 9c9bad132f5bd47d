"""End-to-end check of the SDK against a live server.

    TRAINYARD_URL=http://localhost:3000 TRAINYARD_TOKEN=ty_... python3 -m trainyard.selftest --project prj_...

Creates a run, logs params, 1,000 points over two keys (NaN and +-inf among them), a tag and a small
artifact, finishes, then reads everything back and compares. Prints "selftest ok" and exits 0, or
prints what differed and exits 1.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import shutil
import sys
import tempfile
import uuid
from typing import Any, Dict, List

from . import init
from .client import TrainyardError

STEPS = 500
KEYS = ("selftest/loss", "selftest/acc")


def expected_value(key: str, step: int) -> Any:
    """The value logged for (key, step), in wire form."""
    if key == KEYS[0]:
        if step == 100:
            return "NaN"
        if step == 200:
            return "Infinity"
        if step == 300:
            return "-Infinity"
        return 1.0 / (step + 1)
    return step * 0.001 if step % 7 else step  # ints and floats both


def as_python(v: Any) -> float:
    return float(v.replace("Infinity", "inf")) if isinstance(v, str) else float(v)


def same(a: Any, b: Any) -> bool:
    fa, fb = as_python(a), as_python(b)
    return (math.isnan(fa) and math.isnan(fb)) or fa == fb


def main(argv: List[str] = None) -> int:  # type: ignore[assignment]
    parser = argparse.ArgumentParser(prog="python3 -m trainyard.selftest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", required=True, help='project id (prj_…) or "team-slug/project-slug"')
    parser.add_argument("--url", default=None, help="server URL (default: $TRAINYARD_URL)")
    parser.add_argument("--token", default=None, help="API token (default: $TRAINYARD_TOKEN)")
    args = parser.parse_args(argv)

    failures: List[str] = []

    def check(cond: bool, what: str) -> None:
        if not cond:
            failures.append(what)

    tmp = tempfile.mkdtemp(prefix="trainyard-selftest-")
    try:
        os.environ.pop("TRAINYARD_RUN_ID", None)  # always a fresh run
        params = {"lr": 0.001, "batch_size": 32, "optimizer": "adam", "selftest": True}
        run = init(project=args.project, name=f"selftest-{uuid.uuid4().hex[:8]}", params={"lr": 0.001}, url=args.url, token=args.token)
        run.log_params({k: v for k, v in params.items() if k != "lr"})
        for step in range(STEPS):
            run.log({k: as_python(expected_value(k, step)) for k in KEYS})
        run.set_tags({"selftest": "yes"})
        run.log_dataset("file:///selftest/data.csv", digest="0" * 64, name="selftest", context="training")

        payload = os.urandom(4096) + b"trainyard selftest\n"
        art_path = os.path.join(tmp, "selftest.bin")
        with open(art_path, "wb") as f:
            f.write(payload)
        uploaded = run.log_artifact(art_path, "selftest/selftest.bin")
        check(len(uploaded) == 1, f"artifact upload answered {uploaded!r}")
        if uploaded:
            check(uploaded[0].get("sha256") == hashlib.sha256(payload).hexdigest(), f"artifact sha256 {uploaded[0].get('sha256')}")
            check(uploaded[0].get("size") == len(payload), f"artifact size {uploaded[0].get('size')} != {len(payload)}")

        version = run.register_model("selftest-model", "selftest")
        check(version.get("artifact_path") == "selftest", f"register_model answered {version!r}")
        lineage_keys = {m.get("key") for m in version.get("lineage", {}).get("metrics", [])}
        check(set(KEYS) <= lineage_keys, f"model version lineage has metrics {sorted(lineage_keys)}")

        ok = run.finish()
        check(ok, "finish() could not deliver everything")
        client = run.client

        got = client.get_run(run.id)
        check(got.get("status") == "succeeded", f"status is {got.get('status')!r}, not 'succeeded'")
        want_params = {"lr": "0.001", "batch_size": "32", "optimizer": "adam", "selftest": "true"}
        for k, v in want_params.items():
            check(got.get("params", {}).get(k) == v, f"param {k} is {got.get('params', {}).get(k)!r}, expected {v!r}")
        check(got.get("tags", {}).get("selftest") == "yes", f"tags are {got.get('tags')!r}")
        check(any(d.get("uri") == "file:///selftest/data.csv" for d in got.get("datasets", [])), f"datasets are {got.get('datasets')!r}")
        summaries: Dict[str, Any] = {m["key"]: m for m in got.get("metrics", [])}
        for key in KEYS:
            m = summaries.get(key)
            if m is None:
                failures.append(f"run has no metric {key!r} (has {sorted(summaries)})")
                continue
            check(m.get("count") == STEPS, f"{key}: count {m.get('count')} != {STEPS}")
            check(m.get("last_step") == STEPS - 1, f"{key}: last_step {m.get('last_step')} != {STEPS - 1}")
            check(same(m.get("last"), expected_value(key, STEPS - 1)), f"{key}: last {m.get('last')!r}")

            series = client.get_metric(run.id, key, max_points=STEPS * 2)
            points = series.get("points", [])
            check(series.get("total") == STEPS, f"{key}: total {series.get('total')} != {STEPS}")
            check(series.get("aggregated") is False, f"{key}: aggregated is {series.get('aggregated')!r}")
            steps = [p["step"] for p in points]
            check(steps == list(range(STEPS)), f"{key}: steps are not 0..{STEPS - 1} exactly once (got {len(steps)} points)")
            bad = [(p["step"], p["value"]) for p in points if not same(p["value"], expected_value(key, p["step"]))]
            check(not bad, f"{key}: {len(bad)} value(s) differ, first {bad[:3]}")
            if key == KEYS[0]:
                by_step = {p["step"]: p["value"] for p in points}
                for s, w in ((100, "NaN"), (200, "Infinity"), (300, "-Infinity")):
                    check(by_step.get(s) == w, f"{key}: step {s} is {by_step.get(s)!r}, expected {w!r}")

        listed = {a["path"]: a for a in client.list_artifacts(run.id)}
        check("selftest/selftest.bin" in listed, f"artifact list is {sorted(listed)}")
        body = client.download_artifact(run.id, "selftest/selftest.bin")
        check(body == payload, f"artifact bytes differ ({len(body)} bytes back, {len(payload)} sent)")
    except (TrainyardError, OSError, KeyError, ValueError) as e:
        failures.append(f"{type(e).__name__}: {e}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if failures:
        print("selftest FAILED:")
        for f in failures:
            print(f"  - {f}")
        return 1
    print(f"run {run.id}: {run.url}")
    print("selftest ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
