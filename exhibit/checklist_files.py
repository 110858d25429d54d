"""
The filled form or report a venue attaches to a checklist item: a PDF or a photograph of the paper,
decided from the bytes (not the name), and kept private (exhibit.staff_views.checklist_file serves it).
"""

from django.core.exceptions import ValidationError

MAX_BYTES = 25 * 1024 * 1024

# (magic bytes at offset 0, content type, extension). HEIC is recognised by its ISO-BMFF brand below.
SIGNATURES = [
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
]
HEIC_BRANDS = {b"heic", b"heix", b"mif1", b"msf1", b"heif"}


def sniff(head: bytes):
    """(content type, extension) of a file starting with `head`, or None when it is not a PDF or photo."""
    for magic, content_type, extension in SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", ".webp"
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "image/heic", ".heic"
    return None


def check(upload):
    """(content type, extension) of an accepted upload; ValidationError saying why otherwise."""
    if upload.size > MAX_BYTES:
        raise ValidationError(f"The file is {upload.size / 1048576:.0f} MB; the limit is {MAX_BYTES // 1048576} MB.")
    upload.seek(0)
    found = sniff(upload.read(16))
    upload.seek(0)
    if found is None:
        raise ValidationError("Attach the filled form or report as a PDF or a photograph (JPEG, PNG, HEIC or WebP).")
    return found
