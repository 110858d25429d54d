"""The Spanish catalogue is complete: every string the code and templates mark for translation has
Spanish words, none is fuzzy (a guess makemessages made from a changed English string)."""
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
# What makemessages reads: the code and templates, not the tests, the front-end packages or media.
SKIPPED = {".git", ".venv", "node_modules", "media", "tests", "static_collected", "test-artifacts", "__pycache__"}


def fresh_catalogue(tmp_path):
    """locale/es as `makemessages -l es` leaves it today, made in a copy of the project."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=lambda folder, names: [name for name in names if name in SKIPPED or name.endswith(".sqlite3")])
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-location", "--no-obsolete"],
        cwd=copy, check=True, capture_output=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"},
    )
    return polib.pofile(str(copy / "locale/es/LC_MESSAGES/django.po"))


def test_every_marked_string_has_spanish_words_and_none_is_fuzzy(tmp_path):
    catalogue = fresh_catalogue(tmp_path)
    entries = [entry for entry in catalogue if not entry.obsolete]
    assert len(entries) > 200  # the walk found the project's strings
    untranslated = [
        entry.msgid for entry in entries
        if (not entry.msgstr if not entry.msgid_plural else not all(entry.msgstr_plural.values()))
    ]
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert untranslated == [], "no Spanish yet (add them to locale/spanish.py and run it):\n" + "\n".join(untranslated)
    assert fuzzy == [], "fuzzy entries:\n" + "\n".join(fuzzy)
    assert not catalogue.metadata_is_fuzzy


def test_the_english_wording_of_wagtails_admin_is_kept():
    # locale/en renames Wagtail's "Images" to "Photographs" (locale/photograph_wording.py).
    english = polib.pofile(str(ROOT / "locale/en/LC_MESSAGES/django.po"))
    assert {entry.msgid: entry.msgstr for entry in english}["Images"] == "Photographs"
