"""Streaming SHA-256, the one way an original's bytes are hashed: at ingest (duplicates), by fixity
checks, and when bags and backups copy or verify files. A chunk at a time, so a 300 MB scan never
sits in memory."""

import hashlib

CHUNK = 1024 * 1024


def stream(source, *digests, sink=None):
    """Read `source` to its end, feeding every digest (and writing to `sink`, if given); the size read."""
    size = 0
    while chunk := source.read(CHUNK):
        for digest in digests:
            digest.update(chunk)
        if sink is not None:
            sink.write(chunk)
        size += len(chunk)
    return size


def sha256_hex(source):
    """The SHA-256 of what is left to read in `source`, as hex."""
    digest = hashlib.sha256()
    stream(source, digest)
    return digest.hexdigest()
