import datetime


class IsoDateConverter:
    """A date in a URL as 2025-06-27. An impossible date does not match (so: 404)."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        return datetime.date.fromisoformat(value)

    def to_url(self, value):
        if isinstance(value, str):
            return value
        return value.isoformat()
