"""A story build that never ends (imported by the guard's worker, by name)."""


def burn(path: str) -> None:
    """A pure-Python loop holds the GIL: run in a server thread, it would stall every session."""
    n = 0
    while True:
        n += 1
