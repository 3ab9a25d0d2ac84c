"""The region's courts, as the demo uses them: the courts app's own list (courts/data.py)."""

from courts.data import (  # noqa: F401 - the demo's names for them
    BASIC_COURTS,
    CITY_PLACES,
    HIGH_COURT_SLUG,
    BasicCourt,
    basic_courts,
)
