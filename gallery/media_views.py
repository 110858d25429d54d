"""
Serving rendition files. Media is never served as a folder: a rendition answers only while its
photograph is public (or to a curator), and originals have no route at all.
"""

import os

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from . import freshness, stored_files
from .imaging import renditions
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
    path = renditions.stored_path(photo_id, name)
    try:
        handle, size, modified_at = stored_files.open_for_serving(default_storage, path)
    except (FileNotFoundError, OSError, NotImplementedError):
        raise Http404 from None
    modified = int(modified_at.timestamp())
    etag = f"{size}-{modified}"
    if public:
        unchanged = freshness.not_modified(request, etag, modified)
        if unchanged is not None:
            handle.close()
            return freshness.validators(unchanged, etag, modified)
    response = FileResponse(handle, content_type=output.content_type)
    response["Content-Length"] = size
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        freshness.validators(response, etag, modified)
    else:
        response["Cache-Control"] = "private, no-store"
    return response

