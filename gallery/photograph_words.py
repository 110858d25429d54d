"""
A photograph's own words in the visitor's language (gallery.words does the work): the fields a
curator translates, their labels, and an exhibition's wall label with the language it came in.
"""

from .words import Wording, words_of

# The fields a curator translates, in the order the edit page shows them.
FIELDS = ("title", "alt_text", "caption", "credit_line", "place")
FIELD_LABELS = {
    "title": "Title", "alt_text": "Alt text", "caption": "Caption", "credit_line": "Credit line",
    "place": "Place depicted",
}


def caption_or_own(photo, caption, language):
    """The caption a page gives a photograph (in the page's `language`), else the photograph's own in
    the active language: an exhibition's wall label, with the language each came in."""
    return Wording(caption, language) if caption else words_of(photo).caption
