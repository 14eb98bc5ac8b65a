"""`python -m bench load`: many readers' sessions against one `streamlit run`, spoken in Streamlit's own websocket
protocol (its protobufs, streamlit.proto), on 127.0.0.1 only and bounded in time.

A session is what a reader's browser does to the server: open /_stcore/stream, ask for the first script run
(BackMsg rerun_script with the page's query string), read ForwardMsgs until script_finished — the first render,
timed — stay a while as a reader would, close. No browser: the figures are the server's cost alone.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.procs import cpu_seconds, rss_bytes
from bench.stats import summary

QUERY = "chapter=west&layers=west,front"
TIMEOUT_S = 60.0  # a session that has no first render by then is an error


@dataclass
class Session:
    first_render_s: float | None = None
    error: str | None = None


async def session(ws_url: str, hold_s: float, query: str = QUERY) -> Session:
    out = Session()
    t0 = time.perf_counter()
    try:
        async with websockets.connect(
            ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=TIMEOUT_S, ping_interval=None
        ) as ws:
            msg = BackMsg()
            msg.rerun_script.query_string = query
            await ws.send(msg.SerializeToString())
            async with asyncio.timeout(TIMEOUT_S):
                while out.first_render_s is None:
                    fwd = ForwardMsg()
                    fwd.ParseFromString(await ws.recv())
                    kind = fwd.WhichOneof("type")
                    if kind == "delta" and fwd.delta.new_element.WhichOneof("type") == "exception":
                        out.error = "the script raised: " + fwd.delta.new_element.exception.message[:200]
                    elif kind == "script_finished":
                        if fwd.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                            out.error = out.error or f"script finished with status {fwd.script_finished}"
                        out.first_render_s = time.perf_counter() - t0
            await asyncio.sleep(hold_s)
    except Exception as exc:  # noqa: BLE001 — counted and reported, never raised: a benchmark measures errors
        out.error = out.error or f"{type(exc).__name__}: {exc}"[:200]
    return out


async def _wave(ws_url: str, n: int, hold_s: float, spread_s: float) -> list[Session]:
    """n sessions whose openings are spread evenly over spread_s (0: all at once)."""

    async def one(i: int) -> Session:
        await asyncio.sleep(spread_s * i / max(n, 1))
        return await session(ws_url, hold_s)

    return list(await asyncio.gather(*(one(i) for i in range(n))))


def _figures(sessions: list[Session], cpu_s: float, rss_delta: int, wall_s: float) -> dict[str, Any]:
    ok = [s.first_render_s * 1000 for s in sessions if s.first_render_s is not None and s.error is None]
    errors = [s.error for s in sessions if s.error]
    n = len(sessions)
    return {
        "sessions": n,
        "first_render_ms": summary(ok, 0),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:3],
        "server_cpu_s": round(cpu_s, 2),
        "cpu_ms_per_session": round(1000 * cpu_s / n, 1) if n else None,
        "rss_mb_per_session": round(rss_delta / n / 1e6, 2) if n else None,
        "wall_s": round(wall_s, 1),
    }


def concurrent(base: str, pid: int, n: int, *, hold_s: float = 2.0) -> dict[str, Any]:
    """n sessions opened at once; the RSS figure is taken while all of them are open."""
    ws_url = base.replace("http", "ws", 1) + "/_stcore/stream"
    cpu0, rss0, t0 = cpu_seconds(pid), rss_bytes(pid), time.perf_counter()
    peak = [rss0]

    async def run() -> list[Session]:
        task = asyncio.ensure_future(_wave(ws_url, n, hold_s, 0.0))
        while not task.done():  # sample the server's memory while the sessions are open
            peak[0] = max(peak[0], rss_bytes(pid))
            await asyncio.sleep(0.25)
        return task.result()

    sessions = asyncio.run(run())
    return _figures(sessions, cpu_seconds(pid) - cpu0, peak[0] - rss0, time.perf_counter() - t0)


def rate(base: str, pid: int, per_s: float, seconds: float, *, hold_s: float = 2.0) -> dict[str, Any]:
    """Sessions arriving evenly at per_s for `seconds` (an open loop: arrivals do not wait for the server)."""
    ws_url = base.replace("http", "ws", 1) + "/_stcore/stream"
    n = max(1, round(per_s * seconds))
    cpu0, rss0, t0 = cpu_seconds(pid), rss_bytes(pid), time.perf_counter()
    sessions = asyncio.run(_wave(ws_url, n, hold_s, seconds))
    out = _figures(sessions, cpu_seconds(pid) - cpu0, rss_bytes(pid) - rss0, time.perf_counter() - t0)
    return {"per_s": per_s, **out}


def sustainable_rate(
    base: str, pid: int, rates: tuple[float, ...], seconds: float, p95_ms: float = 2000
) -> dict[str, Any]:
    """The highest arrival rate (of `rates`, tried in order) whose p95 first render stays ≤ p95_ms, no errors."""
    steps, best = [], None
    for r in rates:
        step = rate(base, pid, r, seconds)
        steps.append(step)
        p95 = step["first_render_ms"]["p95"]
        if step["errors"] or p95 is None or p95 > p95_ms:
            break
        best = r
    return {"sessions_per_s": best, "p95_limit_ms": p95_ms, "steps": steps}
