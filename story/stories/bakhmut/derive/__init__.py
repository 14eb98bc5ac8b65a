"""How the Bakhmut story's layers were made: its sources, the derived areas, the oblast outline, export, preview.

It lives beside the story it serves, not in `geo/`: the generic layer reader (`geo.io`) knows nothing about
Bakhmut, and copying `story/stories/bakhmut/` copies the story together with how its geometry was made.
Run it as `python -m story.stories.bakhmut.derive export|preview`.
"""
