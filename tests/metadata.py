"""
Reads what metadata blocks an image file carries, by walking its container structure (JPEG
segments, PNG chunks, WebP RIFF chunks, ISOBMFF boxes for AVIF), so tests can assert that public
files carry no EXIF, XMP or IPTC without relying on the code under test.
"""

import struct


def metadata_blocks(data):
    """Names of the metadata blocks in `data`: 'exif', 'xmp', 'iptc', 'icc', 'text'."""
    if data[:2] == b"\xff\xd8":
        return _jpeg(data)
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    if data[4:8] == b"ftyp":
        return _isobmff(data)
    raise ValueError("unknown image container")


def _jpeg(data):
    found = []
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            break
        marker = data[pos + 1]
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no more metadata segments
            break
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        body = data[pos + 4 : pos + 2 + length]
        if marker == 0xE1 and body.startswith(b"Exif\x00"):
            found.append("exif")
        elif marker == 0xE1 and (b"ns.adobe.com/xap" in body[:64] or b"xmpmeta" in body):
            found.append("xmp")
        elif marker == 0xE1:
            found.append("app1")
        elif marker == 0xED:
            found.append("iptc")
        elif marker == 0xE2 and body.startswith(b"ICC_PROFILE"):
            found.append("icc")
        elif marker == 0xFE:
            found.append("text")
        pos += 2 + length
    return found


def _png(data):
    found = []
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"eXIf":
            found.append("exif")
        elif kind == b"iTXt" and body.startswith(b"XML:com.adobe.xmp"):
            found.append("xmp")
        elif kind in (b"tEXt", b"zTXt", b"iTXt"):
            found.append("exif" if b"Raw profile type exif" in body else "text")
        elif kind == b"iCCP":
            found.append("icc")
        pos += 12 + length
    return found


def _webp(data):
    found = []
    pos = 12
    while pos + 8 <= len(data):
        kind, length = struct.unpack("<4sI", data[pos : pos + 8])
        if kind == b"EXIF":
            found.append("exif")
        elif kind == b"XMP ":
            found.append("xmp")
        elif kind == b"ICCP":
            found.append("icc")
        pos += 8 + length + (length & 1)
    return found


def _isobmff(data):
    """AVIF/HEIF: metadata are items of type 'Exif' or 'mime' (XMP) listed in the meta box."""
    found = []
    pos = 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if size < 8:
            break
        if kind == b"meta":
            meta = data[pos : pos + size]
            if b"Exif" in meta:
                found.append("exif")
            if b"application/rdf+xml" in meta or b"xmpmeta" in meta:
                found.append("xmp")
            if b"colr" in meta:
                found.append("icc")
        pos += size
    return found
