"""
Serving rendition files. Media is never served as a folder: a rendition answers only while its
photograph is public (or to a curator), and originals have no route at all.
"""

import os

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from .imaging.formats import BY_EXTENSION
from .models import Photograph
from .permissions import can_handle_photographs



def rendition_file(request, photo_id, name):
    # Only the formats we write; anything else in the folder is not ours to serve.
    output = BY_EXTENSION.get(os.path.splitext(name)[1].lower())
    if output is None or "/" in name or name.startswith("."):
        raise Http404
    public = Photograph.objects.public().filter(pk=photo_id).exists()
    if not public and not can_handle_photographs(request.user):
        raise Http404
    path = f"renditions/{photo_id}/{name}"
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, content_type=output.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    return response

