"""Bags carry exhibitions: the exhibition fixtures are shared with tests/exhibit."""
from tests.exhibit.conftest import columbia, home, make_exhibition, springfield, tour  # noqa: F401
