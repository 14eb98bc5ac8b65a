"""`python -m story.stories.bakhmut.derive export DIR` and `… preview OUT.png`: build, export and preview the
Bakhmut story's layers; errors are one sentence and exit code 1."""

from __future__ import annotations

import argparse
import sys

from geo.io import GeoDataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m story.stories.bakhmut.derive", description="Build, export and preview the map layers."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write one <id>.geojson per layer into DIR")
    export.add_argument("dir")
    preview = commands.add_parser("preview", help="draw all layers with labels into a PNG")
    preview.add_argument("out")
    args = parser.parse_args(argv)
    try:
        if args.command == "export":
            from story.stories.bakhmut.derive.export import export_layers

            sizes = export_layers(args.dir)
            for layer_id, size in sizes.items():
                print(f"{layer_id}.geojson {size} bytes")
            print(f"total {sum(sizes.values())} bytes")
        else:
            from story.stories.bakhmut.derive.preview import draw_preview

            print(f"wrote {draw_preview(args.out)}")
    except GeoDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {error.strerror or error} ({error.filename})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
