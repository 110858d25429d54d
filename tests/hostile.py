"""
What the hostile-file tests share, whichever way a file comes in (admin upload, import_photos):
the corpus and what it expects, what media holds, and how much a step grew the process's memory.
"""

import csv
import re
import resource
from contextlib import contextmanager

from tests.conftest import shared_path

# Notes that travel with the corpus, not files a curator would bring.
CORPUS_NOTES = {"MANIFEST.tsv", "README", "LICENSE.md"}


def manifest_rows():
    """../shared/corpus/bad/MANIFEST.tsv: one row per file, with `file`, `expect` and `why`."""
    with open(shared_path("corpus", "bad", "MANIFEST.tsv"), newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def exif_files():
    """Every file of ../shared/corpus/exif except its notes, as paths relative to it, sorted."""
    root = shared_path("corpus", "exif")
    files = (path for path in root.rglob("*") if path.is_file() and path.name not in CORPUS_NOTES)
    return sorted(path.relative_to(root).as_posix() for path in files)


def stored_files(media_root):
    """Every file under media, relative to it."""
    return {path.relative_to(media_root).as_posix() for path in media_root.rglob("*") if path.is_file()}


def peak_rss_mb():
    """This process's peak resident memory so far (a high-water mark)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _status_kib(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(re.findall(r"\d+", line)[0])
    raise OSError(field)


def _reset_peak():
    """Reset the kernel's high-water mark (VmHWM) to the current size; False where Linux does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


@contextmanager
def memory_growth():
    """
    Yields a dict whose "mb" is, after the block, how far the process's peak memory rose above its
    size before the block. The peak is reset first where Linux allows it, so an earlier, larger step
    cannot hide this one's growth; elsewhere it falls back to ru_maxrss, which can only under-report
    when an earlier step was bigger.
    """
    result = {"mb": 0.0}
    if _reset_peak():
        before = _status_kib("VmRSS")
        yield result
        result["mb"] = (_status_kib("VmHWM") - before) / 1024
    else:
        before = peak_rss_mb()
        yield result
        result["mb"] = peak_rss_mb() - before
