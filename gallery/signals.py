"""Signals the archive sends about its own rows."""

from django.dispatch import Signal

# Sent by Photograph.save() when a photograph was stored with a new original (or its first): the
# public sizes and the pyramid must be made from it. Arguments: sender, instance.
original_stored = Signal()
