"""The command line above both packages: `python -m mapstory check|new|preview|publish|serve`.

`story/` is the format and knows nothing of the page; `page/` builds and publishes a story; this package is the
only one that uses both (mapstory/__main__.py).
"""
