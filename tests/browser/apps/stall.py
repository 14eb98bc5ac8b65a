"""Hostile story builds, imported by the guard's worker by name: one never ends, one wants all the memory."""


def burn(path: str) -> None:
    """A pure-Python loop holds the GIL: run in a server thread, it would stall every session."""
    n = 0
    while True:
        n += 1


def hog(path: str) -> None:
    """Asks for 6 GB (more than the guard's 4 GB, less than the test machine's memory, so only the guard's limit
    refuses it), as a runaway geometry operation would."""
    bytearray(6 * 2**30)
