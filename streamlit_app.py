"""The map story app: wires the story loader, the map builder and the page component together."""

import streamlit as st

st.set_page_config(page_title="Bakhmut, April 2023 — a map story", layout="wide")
st.title("The battle for Bakhmut")
