"""The benchmark: the story app side by side with the usual `st_folium` build. Run `python -m bench [--quick]`."""
