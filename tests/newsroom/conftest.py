import pytest

from newsroom import generation


class Clock:
    """A monotonic clock the test moves by hand (``clock.now += 1``)."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    """The clock the content generation reads. Ask for it before any content is made: a save
    reads the clock (it renews the generation)."""
    clock = Clock()
    monkeypatch.setattr(generation.time, "monotonic", clock)
    return clock
