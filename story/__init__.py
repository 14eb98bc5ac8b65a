"""Map stories as data: one YAML file per story, validated with located, plain-language errors.

Public API: `story.model` (the pydantic models), `story.loader.load_story`, `story.describe.describe_chapter`,
and `python -m story check [PATH]`.
"""
