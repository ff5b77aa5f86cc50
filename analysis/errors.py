"""The one exception a reader raises for a file it refuses."""


class RefusedInput(ValueError):
    """Raised with a one-line reason when a file cannot be read as an article."""
