"""A stored file opened together with its size and modification time, in as few lookups as the backend needs."""


def open_with_stat(storage, name):
    """(open handle, size in bytes, aware modification datetime) of `name`; FileNotFoundError if absent.

    On object storage each lookup is a round trip: S3's open already made the HEAD request that carries
    both, so they are read from it instead of asking twice more (storage.size, storage.get_modified_time)."""
    handle = storage.open(name, "rb")
    try:
        head = getattr(handle, "obj", None)  # django-storages' S3File: the object whose HEAD open() loaded
        if head is not None:
            return handle, head.content_length, head.last_modified
        return handle, handle.size, storage.get_modified_time(name)
    except BaseException:
        handle.close()
        raise
