"""`python -m bench [--quick] [--out bench/results.json]`: run the benchmark, print the table, write the JSON.
`python -m bench reach [--runs N] [--out bench/reach.json]`: the published site against the app on a slow network.
`python -m bench load [--quick] [--out bench/load_results.json]`: the server under many readers (bench/load_run.py).
`python -m bench points [--counts 1000,5000,20000] [--out bench/points.json]`: point layers of many features.
`python -m bench dates [--rounds 20] [--out bench/dates.json]`: a date switch beside a chapter switch.
`python -m bench phone [--before REV] [--rounds 3] [--reads 3] [--no-lighthouse] [--out bench/phone.json]`: a phone
at CPU ×4."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bench import report
from bench.run import FULL, QUICK, run


def write(results: dict, out: Path) -> int:
    """Write the results as JSON, print their table and where they went."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(results["table"])
    print(f"\nwritten: {out} ({results['duration_s']} s)")
    return 0


def reach_main(argv: list[str]) -> int:
    from bench import reach
    from story.loader import default_story_path

    parser = argparse.ArgumentParser(prog="python -m bench reach", description=reach.__doc__)
    parser.add_argument("--runs", type=int, default=3, help="page loads per host and network (median reported)")
    parser.add_argument("--out", default=str(Path(__file__).with_name("reach.json")), help="where to write JSON")
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    results = reach.measure(
        str(default_story_path().resolve()), runs=args.runs, log=lambda m: print(m, file=sys.stderr)
    )
    results["duration_s"] = round(time.monotonic() - t0, 1)
    results["table"] = reach.table(results)
    return write(results, Path(args.out))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["reach"]:
        return reach_main(argv[1:])
    if argv[:1] == ["load"]:
        return main_load(argv[1:])
    if argv[:1] == ["points"]:
        return points_main(argv[1:])
    if argv[:1] == ["dates"]:
        return dates_main(argv[1:])
    if argv[:1] == ["phone"]:
        return phone_main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smoke run, under a minute (CI)")
    parser.add_argument("--out", default=str(Path(__file__).with_name("results.json")), help="where to write JSON")
    parser.add_argument("--story", default=None, help="story file (default: the shipped Bakhmut story)")
    args = parser.parse_args(argv)

    from story.loader import default_story_path

    story = str(Path(args.story or default_story_path()).resolve())
    t0 = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - t0:5.1f} s] {message}", file=sys.stderr, flush=True)

    results = run(QUICK if args.quick else FULL, story, log=log)
    results["budgets"] = report.budgets(results)
    results["table"] = report.table(results)
    return write(results, Path(args.out))


def dates_main(argv: list[str]) -> int:
    from bench import dateswitch

    parser = argparse.ArgumentParser(prog="python -m bench dates", description=dateswitch.__doc__)
    parser.add_argument("--rounds", type=int, default=20, help="date and chapter switches, each")
    parser.add_argument("--out", default=str(Path(__file__).with_name("dates.json")), help="where to write JSON")
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    results = dateswitch.measure(rounds=args.rounds, log=lambda m: print(m, file=sys.stderr))
    results["duration_s"] = round(time.monotonic() - t0, 1)
    results["table"] = dateswitch.table(results)
    return write(results, Path(args.out))


def phone_main(argv: list[str]) -> int:
    from bench import phone

    parser = argparse.ArgumentParser(prog="python -m bench phone", description=phone.__doc__)
    parser.add_argument("--before", help="a git revision to measure beside the working tree, in the same run")
    parser.add_argument("--rounds", type=int, default=3, help="passes through the layer toggles")
    parser.add_argument("--reads", type=int, default=phone.READS, help="reads down the story and back up by key")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (it needs npm)")
    parser.add_argument("--out", default=str(Path(__file__).with_name("phone.json")), help="where to write JSON")
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    results = phone.measure(
        before=args.before,
        rounds=args.rounds,
        reads=args.reads,
        with_lighthouse=not args.no_lighthouse,
        log=lambda m: print(f"[{time.monotonic() - t0:5.1f} s] {m}", file=sys.stderr, flush=True),
    )
    results["duration_s"] = round(time.monotonic() - t0, 1)
    results["table"] = phone.table(results)
    return write(results, Path(args.out))


def points_main(argv: list[str]) -> int:
    from bench import points

    parser = argparse.ArgumentParser(prog="python -m bench points", description=points.__doc__)
    parser.add_argument("--counts", default=",".join(map(str, points.COUNTS)), help="layer sizes, comma-separated")
    parser.add_argument("--rounds", type=int, default=4, help="J/K passes through the story per size")
    parser.add_argument("--out", default=str(Path(__file__).with_name("points.json")), help="where to write JSON")
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    counts = tuple(int(c) for c in args.counts.split(","))
    results = points.measure(counts, rounds=args.rounds, log=lambda m: print(m, file=sys.stderr, flush=True))
    results["duration_s"] = round(time.monotonic() - t0, 1)
    results["table"] = points.table(results)
    return write(results, Path(args.out))


def main_load(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench load", description="Many readers, one server.")
    parser.add_argument("--quick", action="store_true", help="smoke run, about a minute (CI)")
    parser.add_argument("--out", default=str(Path(__file__).with_name("load_results.json")), help="JSON output")
    parser.add_argument("--story", default=None, help="story file (default: the shipped Bakhmut story)")
    args = parser.parse_args(argv)

    from bench.load_run import LOAD_FULL, LOAD_QUICK, run_load
    from story.loader import default_story_path, load_story

    story_path = Path(args.story or default_story_path()).resolve()
    first = load_story(story_path).chapters[0].id
    t0 = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - t0:5.1f} s] {message}", file=sys.stderr, flush=True)

    results = run_load(LOAD_QUICK if args.quick else LOAD_FULL, str(story_path), first, log)
    return write(results, Path(args.out))


if __name__ == "__main__":
    sys.exit(main())
