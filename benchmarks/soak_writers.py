"""The writers of ``benchmarks/soak.py``, run as their own process (``python soak_writers.py BASE
SECONDS USER…``): each user edits indicators shared with the others, always naming the version it
read, for SECONDS; prints one JSON line with latencies, status counts and the lost-update check.

A write answered 200 moved an indicator from version v to v + 1. The check, per indicator: no two
200s produced the same version, their number equals the stored version minus the initial one, and
the stored value is the one written by the 200 with the highest version. Anything else is a lost
update (a 200 whose edit was silently overwritten)."""

from __future__ import annotations

import json
import random
import sys
import threading
import time
from collections import Counter
from typing import Any

import httpx

PASSWORD = "soak writer password"


def _indicators(base: str, username: str, projects: list[int]) -> dict[int, dict[str, Any]]:
    """The indicators of ``projects`` as ``username`` sees them (drafts are visible to their unit)."""
    out = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        login = client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
        if login.status_code != 200:
            raise SystemExit(f"{username} cannot log in: {login.text}")
        for project in projects:
            reply = client.get(f"/api/v1/projects/{project}/indicators")
            if reply.status_code != 200:
                raise SystemExit(f"project {project}: {reply.text}")
            for item in reply.json()["items"]:
                out[item["id"]] = {"project": project, "name": item["name"], "version": item["version"],
                                   "value": item["value"]}
    return out


def run(base: str, seconds: float, users: list[str], projects: list[int]) -> dict[str, Any]:
    lock = threading.Lock()
    codes: Counter[int] = Counter()
    latencies: list[float] = []
    wins: list[tuple[int, int, str]] = []  # indicator, new version, value written
    unknown: set[tuple[int, str]] = set()  # writes whose answer never came (client timeout)
    initial = _indicators(base, users[0], projects)
    ids = sorted(initial)
    deadline = time.monotonic() + seconds

    failures: list[str] = []

    def writer(number: int, username: str) -> None:
        try:
            write(number, username)
        except Exception as exc:  # reported, not lost in a thread
            failures.append(f"{username}: {exc!r}")

    def write(number: int, username: str) -> None:
        rng = random.Random(number)
        with httpx.Client(base_url=base, timeout=30) as client:
            login = client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
            headers = {"X-CSRF-Token": login.json()["csrf_token"]}
            serial = 0
            while time.monotonic() < deadline:
                indicator = rng.choice(ids)
                project = initial[indicator]["project"]
                items = client.get(f"/api/v1/projects/{project}/indicators").json()["items"]
                current = next(i for i in items if i["id"] == indicator)
                serial += 1
                value = str(number * 1_000_000 + serial)
                body = {"name": current["name"], "operator": "≥", "value": value, "unit": "个",
                        "version": current["version"]}
                started = time.perf_counter()
                try:
                    reply = client.put(f"/api/v1/indicators/{indicator}", json=body, headers=headers)
                except httpx.TimeoutException:  # outcome unknown: the value may or may not be stored
                    with lock:
                        codes[0] += 1
                        unknown.add((indicator, value))
                    continue
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    codes[reply.status_code] += 1
                    latencies.append(elapsed)
                    if reply.status_code == 200:
                        wins.append((indicator, reply.json()["indicator"]["version"], value))

    threads = [threading.Thread(target=writer, args=(n + 1, u)) for n, u in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = _indicators(base, users[0], projects)
    lost = 0
    for indicator in ids:
        mine = [(version, value) for i, version, value in wins if i == indicator]
        versions = Counter(version for version, _ in mine)
        lost += sum(n - 1 for n in versions.values())
        lost += max(0, len(mine) - (final[indicator]["version"] - initial[indicator]["version"]))
        stored = final[indicator]["value"]
        if mine and max(mine)[1] != stored and (indicator, stored) not in unknown:
            lost += 1
    return {"codes": {str(k): v for k, v in sorted(codes.items())}, "latencies": latencies,
            "writes": len(wins), "lost_updates": lost, "indicators": len(ids),
            "failures": failures}


if __name__ == "__main__":
    base_url, duration, names, ids_text = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
    result = run(base_url, duration, names.split(","), [int(p) for p in ids_text.split(",")])
    print(json.dumps(result))
