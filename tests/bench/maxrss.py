"""Run manage.py with the given arguments and print this process's peak resident memory (KiB) last, on stderr."""

import os
import resource
import runpy
import sys

if __name__ == "__main__":
    sys.path[0] = os.getcwd()  # the project, not tests/bench
    sys.argv = ["manage.py", *sys.argv[1:]]
    try:
        runpy.run_path("manage.py", run_name="__main__")
    finally:
        print(f"maxrss_kib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
