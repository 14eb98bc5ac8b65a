"""The benchmark's smoke test: registers its marker (pytest runs it with the rest of the suite)."""


def pytest_configure(config):
    config.addinivalue_line("markers", "bench: runs `python -m bench --quick` (checks it runs, never its numbers)")
