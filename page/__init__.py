"""The page: turns a validated story and its layers into the map (Folium) and the reader's page (component)."""
