"""`python -m story` was the command line before it moved above the format and the page: say where it went."""

import sys

if __name__ == "__main__":
    args = " ".join(sys.argv[1:]) or "check"
    print(f"python -m story is now python -m mapstory: run python -m mapstory {args}", file=sys.stderr)
    sys.exit(2)
