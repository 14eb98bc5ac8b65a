"""The page data's contract (page/pagedata.py): the committed JSON Schema is the model's, and what Python
produces for real stories passes it when checked in Node, the language that reads it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from page.build import build_story
from page.pagedata import SCHEMA_PATH, schema_text
from story.loader import default_story_path

ROOT = Path(__file__).resolve().parents[2]
VALIDATE = ROOT / "tests" / "js" / "schema" / "validate.mjs"
STORIES = [default_story_path(), ROOT / "tests" / "fixtures" / "stories" / "valparaiso" / "story.yaml"]


def test_the_committed_schema_is_the_models():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "stale: run python -m page.pagedata"


def module_data(path: Path) -> dict:
    module = build_story(path).module
    line = next(line for line in module.splitlines() if line.startswith("export const story = "))
    return json.loads(line.removeprefix("export const story = ").removesuffix(";"))


def node_validate(tmp_path: Path, **docs: dict) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: scripts/test.sh installs Debian's nodejs")
    files = []
    for name, doc in docs.items():
        files.append(tmp_path / f"{name}.json")
        files[-1].write_text(json.dumps(doc), encoding="utf-8")
    return subprocess.run([node, str(VALIDATE), *map(str, files)], capture_output=True, text=True, timeout=60)


def test_what_python_sends_for_each_story_passes_the_contract_in_node(tmp_path):
    docs = {p.parent.name: module_data(p) for p in STORIES}
    assert docs["bakhmut"]["layers"][0]["id"]  # real data, not an empty document
    proc = node_validate(tmp_path, **docs)
    assert proc.returncode == 0, proc.stderr


def test_node_names_what_breaks_the_contract(tmp_path):
    data = module_data(STORIES[0])
    data["layers"][0]["colour"] = data["layers"][0].pop("color")  # a renamed field on one side only
    data["dates"][0]["iso"] = "14/04/2023"
    proc = node_validate(tmp_path, broken=data)
    assert proc.returncode == 1
    assert "broken.json: /layers/0 must have required property 'color'" in proc.stderr
    assert "broken.json: /layers/0 must NOT have additional properties" in proc.stderr
    assert 'broken.json: /dates/0/iso must match pattern "^\\d{4}-\\d{2}-\\d{2}$"' in proc.stderr
