"""One benchmark run: both apps on 127.0.0.1, driven by Chromium, plus the in-process build figures."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import time
from dataclasses import asdict, dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import psutil

from bench import build, reruns, startup, switching, weight
from bench.apps import BASELINE, OURS, App, open_reader
from bench.browser import chromium
from bench.procs import cpu_seconds, drain, rss_bytes
from bench.stats import ratio, summary
from tests.browser.server import ROOT, streamlit_server

PACKAGES = ("streamlit", "folium", "streamlit-folium", "django-js-lib-leaflet", "playwright", "geopandas", "shapely")


@dataclass(frozen=True)
class Plan:
    quick: bool
    cold_runs: int
    warm_runs: int
    scroll_runs: int  # one-way scrolls through the story, alternating down and up: chapters − 1 switches each
    key_runs: int  # one-way J (then K) runs through the story: chapters − 1 switches each
    read_pause_ms: int  # the paced read's stay on each chapter (the page settles after 400 ms)
    baseline_switches: int
    sessions: int
    reuse_sessions: int
    build_repeats: int
    densify: tuple[int, ...] = (1, 4, 16)


FULL = Plan(False, 3, 15, 8, 8, 700, 49, 20, 3, 9)
QUICK = Plan(True, 1, 1, 1, 1, 500, 4, 2, 2, 1)


def meta(browser_version: str, load_at_start: list[float]) -> dict[str, Any]:
    def pkg(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = ""
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "cpu_count_physical": psutil.cpu_count(logical=False),
        # Others' work on a shared machine shows here: a busy machine makes the tails longer.
        "load_avg_at_start": load_at_start,
        "load_avg_at_end": [round(x, 2) for x in os.getloadavg()],
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "chromium": browser_version,
        "versions": {name: pkg(name) for name in PACKAGES},
        "git_commit": commit,
    }


def speedups(baseline: dict[str, Any], ours: dict[str, Any]) -> dict[str, float | None]:
    """Baseline ÷ ours at p50 and p95, for the DOM and for the painted frame."""
    out = {}
    for key, name in (("to_painted_ms", "speedup"), ("to_dom_ms", "speedup_dom")):
        for q in ("p50", "p95"):
            out[f"{name}_{q}"] = ratio(baseline[key][q], ours[key][q])
    return out


def measure_app(browser: Any, app: App, plan: Plan, chapters: list[str], log: Any) -> dict[str, Any]:
    """Everything measured on one server of `app`, plus extra cold starts on servers of their own."""
    out: dict[str, Any] = {}
    log(f"{app.name}: cold start, bytes on the wire")
    t0 = time.monotonic()
    with streamlit_server(app.script, env=app.env) as (base, proc):
        out["healthy_s"] = round(time.monotonic() - t0, 2)
        drain(proc)
        idle = rss_bytes(proc.pid)
        cpu0 = cpu_seconds(proc.pid)
        first = open_reader(browser, base, app, chapters[0])  # the process's first reader: a cold start
        cold = [first.ready_at - t0]
        out["weight"] = weight.on_the_wire(first)
        first.page.wait_for_timeout(startup.SETTLE_S * 1000)
        out["first_session_server_cpu_ms"] = round((cpu_seconds(proc.pid) - cpu0) * 1000)
        first.close()

        log(f"{app.name}: warm starts")
        out["warm"] = startup.warm_starts(browser, base, proc.pid, app, chapters[0], plan.warm_runs)

        log(f"{app.name}: chapter switches")
        reader = open_reader(browser, base, app, chapters[0])
        if app.name == OURS.name:
            out["switch"] = switching.ours(reader, chapters, plan.scroll_runs, plan.key_runs)
        else:
            out["switch"] = switching.baseline(reader, chapters, plan.baseline_switches)
        reader.close()

        log(f"{app.name}: reruns during a full read")
        reader = open_reader(browser, base, app, chapters[0])
        out["reruns"] = (
            reruns.ours(reader, chapters, plan.read_pause_ms)
            if app.name == OURS.name
            else reruns.baseline(reader, chapters)
        )
        reader.close()

        log(f"{app.name}: memory with {plan.sessions} sessions")
        out["memory"] = startup.memory(browser, base, proc.pid, app, chapters[0], plan.sessions, idle)
    if plan.cold_runs > 1:
        log(f"{app.name}: {plan.cold_runs - 1} more cold starts")
    for _ in range(plan.cold_runs - 1):
        cold.append(startup.cold_start(browser, app, chapters[0]))
    out["cold_s"] = summary(cold, digits=2)
    return out


def _figures(apps: dict[str, Any], *, in_process: Any, folium_page: Any, reuse: Any) -> dict[str, Any]:
    """The browser-measured figures of both apps, side by side."""
    ours, base = apps["ours"], apps["baseline"]
    return {
        "switch": {
            "ours": ours["switch"],
            "baseline": base["switch"],
            **speedups(base["switch"]["all"], ours["switch"]["all"]),
        },
        "reruns": {"ours": ours["reruns"], "baseline": base["reruns"]},
        "weight": {
            "ours": {**ours["weight"], "in_process": in_process},
            "baseline": base["weight"],
            "folium_default_page": folium_page,
        },
        "startup": {
            name: {"healthy_s": a["healthy_s"], "cold_s": a["cold_s"], "warm_ms": a["warm"]["ms"]}
            for name, a in apps.items()
        },
        "memory": {name: a["memory"] for name, a in apps.items()},
        "build": {
            "reuse": reuse,
            "server_cpu_ms": {
                name: {
                    "first_session": a["first_session_server_cpu_ms"],
                    "later_sessions": a["warm"]["server_cpu_ms_per_session"],
                }
                for name, a in apps.items()
            },
        },
    }


def run(plan: Plan, story_path: str, log: Any = print) -> dict[str, Any]:
    from story.loader import load_story

    started = time.monotonic()
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    chapters = [c.id for c in load_story(story_path).chapters]
    log("in-process: map build, densified geometry, folium's default page")
    fresh = build.first_build_in_fresh_process(story_path)
    curve = build.densify_curve(story_path, plan.densify, plan.build_repeats)
    repeated = build.repeated_builds(story_path, plan.build_repeats)
    from page.apppage import build_app_story

    in_process = weight.ours_in_process(build_app_story(story_path))
    folium_page = weight.folium_default_page(story_path)

    apps: dict[str, Any] = {}
    with chromium() as browser:
        browser_version = browser.version
        for spec in (OURS, BASELINE):
            # Both apps read the story file from STORY (the app also takes `-- --story`).
            app = replace(spec, env={**spec.env, "STORY": story_path})
            apps[app.name] = measure_app(browser, app, plan, chapters, log)
        log("ours: builds per process (bench/counted_app.py)")
        reuse = startup.build_reuse(browser, chapters[0], plan.reuse_sessions, story_path)

    figures = _figures(apps, in_process=in_process, folium_page=folium_page, reuse=reuse)
    figures["build"] = {"fresh_process": fresh, "repeated_in_process": repeated, **figures["build"]}
    figures["densify"] = curve
    return {
        "meta": meta(browser_version, load_at_start),
        "plan": asdict(plan),
        "story": os.path.relpath(story_path, ROOT),
        "chapters": len(chapters),
        "figures": figures,
        "duration_s": round(time.monotonic() - started, 1),
    }
