#!/usr/bin/env bash
# The README's test command: installs everything the tests need on a fresh Debian machine with Python 3.11
# (Chromium from Debian when it is missing, the pinned Python packages in .venv), then runs lint and the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian's chromium (needs root) =="
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt >.venv/pip.log 2>&1; then
  grep -v "is ignored" .venv/pip.log >&2; exit 1
fi
.venv/bin/python -m pip check >/dev/null

echo "== ruff =="
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== pytest =="
exec .venv/bin/python -m pytest "$@"
