"""Geography of the Bakhmut story: source data, derived layers, validation and web export.

The public entry points are `geo.io` (reading, validating, simplifying) and `geo.layers.build_layers`.
"""
