"""
Run in its own process by the benchmark: upload a large original the way the archive does and make
everything public from it (check, hash, EXIF, store, pyramid, standard sizes), then print the peak
resident memory. A process of its own, so nothing else the benchmark did counts against it.
"""

import json
import os
import resource
import sys
import time


def peak_bytes():
    """This process's peak resident memory. VmHWM, not ru_maxrss: on Linux a child's ru_maxrss starts
    at its parent's size (exec keeps the old high-water mark), and the parent is a benchmark
    holding 24-megapixel images."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def main(original, workdir):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/probe.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ["PHOTO_MAX_UPLOAD_BYTES"] = str(1024 ** 3)
    import django

    django.setup()
    from django.core.files import File
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from gallery.ingest import intake
    from gallery.models import Photograph
    from gallery.tasks import make_public_sizes

    baseline = peak_bytes()
    started = time.perf_counter()
    with open(original, "rb") as handle:
        upload = File(handle, name=os.path.basename(original))
        prepared = intake.prepare(upload, upload.name)
        upload.name = prepared.checked.safe_name
        photo = Photograph(file=upload, title="Large scan", alt_text="A large scan", consent="not_needed")
        intake.apply(photo, prepared)
        photo.save()
    made = make_public_sizes.func(photo.pk)
    seconds = time.perf_counter() - started
    print(json.dumps({"baseline": baseline, "peak": peak_bytes(), "sizes": made, "seconds": seconds,
                      "width": photo.width, "height": photo.height}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
