"""Signals the archive sends about its own rows."""

from django.dispatch import Signal

# Sent by Photograph.save() when a photograph was stored with a new original (or its first): the
# public sizes and the pyramid must be made from it. Arguments: sender, instance.
original_stored = Signal()

# Sent when what photographs show changed through other rows: their communities or keywords were
# set, or their artist or one of their communities was saved (a photograph's own save is post_save).
# Arguments: sender (Photograph), photo_ids.
photographs_described = Signal()
