"""Reading any story's GeoJSON layers: validation with one sentence per problem, web simplification, writing.

`geo.io.read_layer` is the entry point. Nothing here knows a particular story; the Bakhmut story's own
derivation lives beside it in `story/stories/bakhmut/derive/`.
"""
