"""Figure 3: the bytes the story adds to the page before the map first paints, and requests to other hosts.

On the wire, from a fresh browser context until the first chapter and its map are in the DOM:
websocket frames the server sent (Streamlit's protocol messages, which carry the script's output: for us the
component's JS, CSS and data; for the baseline the st_folium arguments) plus every HTTP response that is not
Streamlit's own bundle (/, /static/…, /_stcore/…, favicon) and not a tile: the baseline's component iframe and
its CDN files. Streamlit sends both uncompressed (websocket compression is off by default), so these are the
bytes a reader downloads, less HTTP compression of the component files.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from bench.apps import Reader
from bench.browser import LOCAL_HOSTS, is_tile

STREAMLIT_OWN = ("/static/", "/_stcore/")


def _streamlit_own(url: str) -> bool:
    path = urlparse(url).path
    return path in ("/", "/favicon.png") or path.startswith(STREAMLIT_OWN)


def on_the_wire(reader: Reader) -> dict[str, Any]:
    ws = sum(n for at, n in reader.received if at <= reader.ready_at)
    http: dict[str, int] = {}
    for at, resp in reader.responses:
        url = resp.url
        if at > reader.ready_at or url.startswith(("data:", "blob:")) or _streamlit_own(url) or is_tile(url):
            continue
        if (urlparse(url).hostname or "") not in LOCAL_HOSTS:
            continue  # CDN files: counted below from what the route answered
        try:
            http[urlparse(url).path] = len(resp.body())
        except Exception:  # a redirect or an aborted response has no body
            http[urlparse(url).path] = 0
    cdn = dict(reader.net.cdn_bytes) if reader.net else {}
    non_tile = reader.net.non_tile() if reader.net else []
    return {
        "websocket_bytes": ws,
        "component_http_bytes": sum(http.values()),
        "component_http": http,
        "cdn_bytes": sum(cdn.values()),
        "cdn_files_not_measured": sorted(u for u, n in cdn.items() if n == 0),
        "story_bytes": ws + sum(http.values()) + sum(cdn.values()),
        "non_tile_foreign_requests": len(non_tile),
        "non_tile_foreign_hosts": sorted({urlparse(u).hostname or "" for u in non_tile}),
        "tile_requests": sum(1 for u in (reader.net.foreign if reader.net else []) if is_tile(u)),
    }


def ours_in_process(built: Any) -> dict[str, int]:
    """What our page carries, by part (the same bytes, counted in Python): the component's module (Leaflet and
    the story module and the engine), the stylesheet, the page HTML."""
    from page.component import component_module, stylesheet

    return {
        "js_bytes": len(component_module(built.module).encode()),
        "css_bytes": len(stylesheet().encode()),
        "data_bytes": len(built.page_html.encode()),
    }


def folium_default_page(story_path: str) -> dict[str, Any]:
    """folium's own HTML page for a plain map with the same layers: what it pulls from CDNs, and its size."""
    import folium

    from bench.baseline_map import layer_group, story_data

    story, geojson, _ = story_data(story_path)
    w, s, e, n = story.region.bbox
    m = folium.Map(location=[(s + n) / 2, (w + e) / 2], zoom_start=8)
    for spec in story.layers:
        layer_group(spec, geojson[spec.id], "strong", "all").add_to(m)
    html = m.get_root().render()
    scripts = re.findall(r'<script[^>]+src="(https?://[^"]+)"', html)
    links = re.findall(r'<link[^>]+href="(https?://[^"]+)"', html)
    return {
        "html_bytes": len(html.encode()),
        "cdn_scripts": len(scripts),
        "cdn_stylesheets": len(links),
        "cdn_hosts": sorted({urlparse(u).hostname or "" for u in scripts + links}),
    }
