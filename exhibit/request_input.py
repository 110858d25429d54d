"""
Integers that come from a request. Python's int() takes "²", " 7" and 20-digit numbers; a database
column does not (SQLite raises OverflowError, PostgreSQL a DataError), and either was a 500.
"""

import re

from django.core.exceptions import ValidationError

# The largest value a BigAutoField holds: an id past it names nothing.
MAX_ID = 2**63 - 1
ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(raw):
    """A database id from request text, or None when the text is not one."""
    if not isinstance(raw, str) or not ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ID else None


def tolerate_bad_chooser_ids():
    """
    Wagtail's chooser widgets look up the submitted id again to redraw a form with errors, and only
    expect DoesNotExist: `hero_image=abc` in a page edit POST was a 500, not a form error. An id
    that cannot be one is drawn as "nothing chosen", so the form shows its own "Select a valid choice".
    """
    from wagtail.admin.widgets.chooser import BaseChooser

    lookup = BaseChooser.get_instance
    if getattr(lookup, "tolerates_bad_ids", False):
        return

    def get_instance(self, value):
        if isinstance(value, str) and parse_id(value) is None:
            return None
        try:
            return lookup(self, value)
        except (ValueError, TypeError, OverflowError, ValidationError):
            return None

    get_instance.tolerates_bad_ids = True
    BaseChooser.get_instance = get_instance
