"""`story/` is the format: it knows nothing of the page that renders it, nor of the command line above both
(mapstory/). The arrows run one way: mapstory → page → story."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ABOVE = ("page", "mapstory", "streamlit_app")  # what the format must never import


def _imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):  # lazy imports inside functions count too
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _reaches_above(name: str) -> bool:
    return name.split(".")[0] in ABOVE


def test_no_module_of_the_story_package_imports_the_page_or_the_command_line():
    sources = sorted((ROOT / "story").rglob("*.py"))
    assert len(sources) > 10
    wrong = {
        path.relative_to(ROOT).as_posix(): sorted(
            n for n in _imported(ast.parse(path.read_bytes())) if _reaches_above(n)
        )
        for path in sources
    }
    assert {path: names for path, names in wrong.items() if names} == {}


def test_the_check_can_see_an_import_of_the_page():
    # The same walk over a module that imports the page lazily, as story/__main__.py once did.
    tree = ast.parse("def check():\n    from page.worker import build_limited\n")
    assert {n for n in _imported(tree) if _reaches_above(n)} == {"page.worker"}


def test_importing_every_story_module_loads_no_page_module():
    modules = sorted("story." + p.stem for p in (ROOT / "story").glob("*.py") if p.stem not in ("__init__", "__main__"))
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {ABOVE!r}))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
