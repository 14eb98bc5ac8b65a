"""Map stories as data: one YAML file per story, validated with located, plain-language errors.

Public API: `story.model` (the pydantic models), `story.loader.load_story`, `story.describe.describe_chapter`.
The command line (`python -m mapstory check [PATH]`) lives above this package and the page, in mapstory/.
"""
