"""`python -m bench [--quick] [--out bench/results.json]`: run the benchmark, print the table, write the JSON."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bench import report
from bench.run import FULL, QUICK, run


def main(argv: list[str] | None = None) -> int:
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
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(results["table"])
    print(f"\nwritten: {out} ({results['duration_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
