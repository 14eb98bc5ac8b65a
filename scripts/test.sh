#!/usr/bin/env bash
# The README's test command: installs everything the tests need on a fresh Debian machine with Python 3.11
# (Chromium, Firefox, WebKitGTK's driver, Xvfb, Node.js and nginx from Debian when they are missing, the pinned
# Python packages in .venv, the pinned npm packages of the browser tests), then
# runs lint, the JavaScript unit tests and the whole pytest suite.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need: Chromium for the browser tests, Node.js for the page's JavaScript unit tests
# (`node --test`) and npm for axe-core, the accessibility test's checker (the app itself never needs Node); nginx
# for the deploy recipe's tests (deploy/run-local.sh). Firefox ESR and WebKitGTK (WebKitWebDriver, run under
# xvfb-run) for the reader smoke suite in every engine (tests/browser/test_engines.py).
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v firefox-esr >/dev/null 2>&1 || missing="$missing firefox-esr"
command -v WebKitWebDriver >/dev/null 2>&1 || missing="$missing webkit2gtk-driver"
command -v xvfb-run >/dev/null 2>&1 || missing="$missing xvfb"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
if [ -n "$missing" ]; then
  echo "== installing Debian's$missing (needs root) =="
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
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

echo "== mypy (geo/, story/, page/, mapstory/: pyproject.toml) =="
.venv/bin/mypy

# axe-core for the accessibility test, pinned by tests/browser/axe/package-lock.json (the page never loads it).
if [ ! -f tests/browser/axe/node_modules/axe-core/axe.min.js ]; then
  echo "== npm ci (axe-core for the browser tests) =="
  npm ci --prefix tests/browser/axe --no-audit --no-fund --silent
fi
# puppeteer-core drives Firefox over WebDriver BiDi, pinned by tests/browser/engines/package-lock.json; it
# downloads no browser (Debian's firefox-esr is the one it runs).
if [ ! -f tests/browser/engines/node_modules/puppeteer-core/package.json ]; then
  echo "== npm ci (puppeteer-core for the browser tests in Firefox) =="
  npm ci --prefix tests/browser/engines --no-audit --no-fund --silent
fi

# The development tools of the page's JavaScript, pinned by package-lock.json: ESLint, esbuild, ajv.
if [ ! -f node_modules/eslint/package.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci (ESLint, esbuild, ajv: development tools) =="
  npm ci --no-audit --no-fund --silent
fi

echo "== eslint (the page's JavaScript) =="
node_modules/.bin/eslint .

echo "== node --test (the page's engine) =="
node --test tests/js/

echo "== pytest =="
exec .venv/bin/python -m pytest "$@"
