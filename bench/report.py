"""The issue's budgets, judged on one run's figures, and the Markdown table printed and kept in README.md."""

from __future__ import annotations

from typing import Any

SWITCH_P95_MS = 50
SPEEDUP = 10
RERUNS_PER_CHAPTER = 1
STORY_BYTES = 400_000  # "400 KB", read as 400 000 bytes (the stricter reading)
WARM_START_MS = 1500


def _met(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**not met**")


def budgets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each budget of the issue with the figure it is judged on; `met` is None when the figure is missing."""
    f = results["figures"]
    sw = f["switch"]
    painted, dom = sw["ours"]["all"]["to_painted_ms"], sw["ours"]["all"]["to_dom_ms"]
    speed = [sw["speedup_p50"], sw["speedup_p95"]]
    speed_dom = [sw["speedup_dom_p50"], sw["speedup_dom_p95"]]
    rr = f["reruns"]["ours"]
    wt = f["weight"]["ours"]
    warm = f["startup"]["ours"]["warm_ms"]
    builds = f["build"]["reuse"]["builds"]

    def at_most(v: float | None, limit: float) -> bool | None:
        return None if v is None else v <= limit

    def fast(vs: list[float | None]) -> bool | None:
        return None if None in vs else all(v >= SPEEDUP for v in vs)

    rows = [
        ("switch p95, to the map's DOM", f"≤ {SWITCH_P95_MS} ms", dom["p95"], at_most(dom["p95"], SWITCH_P95_MS)),
        ("switch p95, painted", f"≤ {SWITCH_P95_MS} ms", painted["p95"], at_most(painted["p95"], SWITCH_P95_MS)),
        ("speed-up to the map's DOM (p50, p95)", f"≥ {SPEEDUP}×", speed_dom, fast(speed_dom)),
        ("speed-up painted (p50, p95)", f"≥ {SPEEDUP}×", speed, fast(speed)),
        ("reruns per chapter, full read", f"≤ {RERUNS_PER_CHAPTER}", rr["per_chapter"], at_most(rr["per_chapter"], 1)),
        ("story bytes before first map paint", "≤ 400 KB", wt["story_bytes"], at_most(wt["story_bytes"], STORY_BYTES)),
        (
            "non-tile requests to other hosts",
            "0",
            wt["non_tile_foreign_requests"],
            wt["non_tile_foreign_requests"] == 0,
        ),
        ("warm start p50", f"≤ {WARM_START_MS} ms", warm["p50"], at_most(warm["p50"], WARM_START_MS)),
        ("map builds per process", "1", builds, builds == 1),
    ]
    return [{"name": n, "budget": b, "value": v, "met": ok} for n, b, v, ok in rows]


def _ms(s: dict[str, Any]) -> str:
    return f"{s['p50']:.0f} / {s['p95']:.0f}" if s.get("p50") is not None else "—"


def _kb(n: int | None) -> str:
    return "—" if n is None else f"{n / 1000:.0f} KB"


Row = tuple[str, str, str, str, str, str]
HEADER: Row = ("#", "Figure", "Ours", "Baseline (st_folium)", "Budget (ours)", "Met")


def _switch_rows(f: dict[str, Any], met: dict[str, str]) -> list[Row]:
    sw = f["switch"]
    so, sb = sw["ours"], sw["baseline"]
    return [
        (
            "1",
            "Chapter switch → highlight in the map's DOM, p50 / p95 (ms)",
            f"{_ms(so['all']['to_dom_ms'])} (n={so['all']['to_dom_ms']['n']})",
            f"{_ms(sb['all']['to_dom_ms'])} (n={sb['all']['to_dom_ms']['n']})",
            "p95 ≤ 50 ms",
            met["switch p95, to the map's DOM"],
        ),
        (
            "1",
            "Chapter switch → highlight painted, p50 / p95 (ms)",
            f"{_ms(so['all']['to_painted_ms'])}",
            f"{_ms(sb['all']['to_painted_ms'])}",
            "p95 ≤ 50 ms",
            met["switch p95, painted"],
        ),
        (
            "1",
            "… painted, ours by scroll; by keyboard (ms)",
            f"{_ms(so['scroll']['to_painted_ms'])}; {_ms(so['key']['to_painted_ms'])}",
            "radio click only",
            "",
            "",
        ),
        (
            "1",
            "Speed-up, baseline ÷ ours, p50 / p95: to the DOM",
            f"{sw['speedup_dom_p50']}× / {sw['speedup_dom_p95']}×",
            "",
            "≥ 10×",
            met["speed-up to the map's DOM (p50, p95)"],
        ),
        (
            "1",
            "Speed-up, baseline ÷ ours, p50 / p95: painted",
            f"{sw['speedup_p50']}× / {sw['speedup_p95']}×",
            "",
            "≥ 10×",
            met["speed-up painted (p50, p95)"],
        ),
    ]


def _rerun_rows(f: dict[str, Any], met: dict[str, str], n: int) -> list[Row]:
    ro, rb = f["reruns"]["ours"], f["reruns"]["baseline"]
    return [
        (
            "2",
            f"Python reruns, full read of {n} chapters",
            f"read {ro['paced']['reruns']}, skim {ro['skim']['reruns']} ({ro['per_chapter']}/chapter at most; "
            f"{_kb(ro['paced']['bytes_received'])} from the server)",
            f"{rb['reruns']} ({rb['per_chapter']}/chapter; {_kb(rb['bytes_received'])} from the server)",
            "≤ 1 per chapter",
            met["reruns per chapter, full read"],
        )
    ]


def _weight_rows(f: dict[str, Any], met: dict[str, str]) -> list[Row]:
    wo, wb, fp = f["weight"]["ours"], f["weight"]["baseline"], f["weight"]["folium_default_page"]
    unmeasured = len(wb["cdn_files_not_measured"])
    return [
        (
            "3",
            "Bytes the story adds before first map paint",
            f"{_kb(wo['story_bytes'])} (ws {_kb(wo['websocket_bytes'])})",
            f"{_kb(wb['story_bytes'])}+ (ws {_kb(wb['websocket_bytes'])}, component "
            f"{_kb(wb['component_http_bytes'])}, CDN {_kb(wb['cdn_bytes'])} + {unmeasured} files not measured)",
            "≤ 400 KB",
            met["story bytes before first map paint"],
        ),
        (
            "3",
            "Requests to other hosts (not tiles)",
            str(wo["non_tile_foreign_requests"]),
            f"{wb['non_tile_foreign_requests']} ({', '.join(wb['non_tile_foreign_hosts'])})",
            "0",
            met["non-tile requests to other hosts"],
        ),
        (
            "3",
            "folium's default page, same layers",
            "",
            f"{_kb(fp['html_bytes'])} HTML, {fp['cdn_scripts']} CDN scripts + {fp['cdn_stylesheets']} stylesheets",
            "",
            "",
        ),
    ]


def _server_rows(f: dict[str, Any], met: dict[str, str]) -> list[Row]:
    st_o, st_b = f["startup"]["ours"], f["startup"]["baseline"]
    mo, mb = f["memory"]["ours"], f["memory"]["baseline"]
    return [
        (
            "4",
            "Cold start: process start → first chapter and map (s, p50)",
            f"{st_o['cold_s']['p50']} (n={st_o['cold_s']['n']})",
            f"{st_b['cold_s']['p50']} (n={st_b['cold_s']['n']})",
            "",
            "",
        ),
        (
            "4",
            "Warm start: new reader on a running server, p50 / p95 (ms)",
            _ms(st_o["warm_ms"]),
            _ms(st_b["warm_ms"]),
            "≤ 1500 ms (p50)",
            met["warm start p50"],
        ),
        (
            "5",
            f"Server RSS idle / 1 / {mo['sessions']} sessions (MB)",
            f"{mo['idle_mb']} / {mo['one_session_mb']} / {mo['many_sessions_mb']}",
            f"{mb['idle_mb']} / {mb['one_session_mb']} / {mb['many_sessions_mb']}",
            "",
            "",
        ),
        ("5", "Cost per extra session (MB)", str(mo["per_extra_session_mb"]), str(mb["per_extra_session_mb"]), "", ""),
    ]


def _build_rows(f: dict[str, Any], met: dict[str, str]) -> list[Row]:
    b = f["build"]
    d_ship, d_raw = f["densify"]["shipped"], f["densify"]["unsimplified"]
    curve = " → ".join(f"{k}: {d_ship[k]['build_s'] * 1000:.0f} ms, {_kb(d_ship[k]['payload_bytes'])}" for k in d_ship)
    raw = " → ".join(f"{k}: {d_raw[k]['build_s'] * 1000:.0f} ms, {_kb(d_raw[k]['payload_bytes'])}" for k in d_raw)
    cpu = b["server_cpu_ms"]
    return [
        (
            "6",
            "Map build, first in a fresh process (ms)",
            f"{b['fresh_process']['build_s'] * 1000:.0f} (in the server: "
            f"{(b['reuse']['server_build_s'] or 0) * 1000:.0f})",
            "",
            "",
            "",
        ),
        (
            "6",
            "Builds per server process",
            f"{b['reuse']['builds']} in {b['reuse']['sessions']} sessions",
            "",
            "1",
            met["map builds per process"],
        ),
        (
            "6",
            "Server CPU, first session / later sessions p50 (ms)",
            f"{cpu['ours']['first_session']} / {cpu['ours']['later_sessions']['p50']:.0f}",
            f"{cpu['baseline']['first_session']} / {cpu['baseline']['later_sessions']['p50']:.0f}",
            "",
            "",
        ),
        ("7", "Build and payload at 1× → 4× → 16× vertices (as built)", curve, "", "", ""),
        ("7", "… with web simplification off", raw, "", "", ""),
    ]


def table(results: dict[str, Any]) -> str:
    """The results as the README's Markdown table, one row per figure."""
    f = results["figures"]
    met = {b["name"]: _met(b["met"]) for b in budgets(results)}
    rows = [
        HEADER,
        *_switch_rows(f, met),
        *_rerun_rows(f, met, results["chapters"]),
        *_weight_rows(f, met),
        *_server_rows(f, met),
        *_build_rows(f, met),
    ]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)
