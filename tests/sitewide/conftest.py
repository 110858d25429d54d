"""The site search is tried against the exhibitions' builders (the seed's tour and its venues)."""

from tests.exhibit.conftest import columbia, home, make_exhibition, springfield, tour  # noqa: F401
