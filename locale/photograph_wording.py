"""
Writes locale/en/LC_MESSAGES/django.po: Wagtail's admin says "image" where this archive says
"photograph" ("Images" in the menu, "Add an image", "Choose an image"). Django prefers LOCALE_PATHS
over the apps' own catalogs, so these English "translations" replace Wagtail's words everywhere in
the admin. Run after upgrading Wagtail, then `msgfmt -o django.mo django.po` in that folder:

    .venv/bin/python locale/photograph_wording.py
"""

import re
import sys
from pathlib import Path

import wagtail

WAGTAIL = Path(wagtail.__file__).parent
SOURCES = [WAGTAIL / "images/locale/en/LC_MESSAGES/django.po", WAGTAIL / "admin/locale/en/LC_MESSAGES/django.po"]
OUT = Path(__file__).parent / "en/LC_MESSAGES/django.po"

# Strings not in Wagtail's English catalog, or that need other words than a plain swap.
OWN = {
    "Please provide an image description to comply with best practices for accessibility.":
        "Please fill in the alt text (what the photograph shows, for people who cannot see it) to comply with "
        "best practices for accessibility.",
    "Images": "Photographs",
    "Add an image": "Add a photograph",
}

# Whole words only: never inside a placeholder such as %(image_title)s or a CSS class.
SWAPS = [
    (r"\ban image\b", "a photograph"), (r"\bAn image\b", "A photograph"),
    (r"(?<![\w(%{-])images(?![\w)}-])", "photographs"), (r"(?<![\w(%{-])Images(?![\w)}-])", "Photographs"),
    (r"(?<![\w(%{-])image(?![\w)}-])", "photograph"), (r"(?<![\w(%{-])Image(?![\w)}-])", "Photograph"),
]


def swap(text):
    for pattern, words in SWAPS:
        text = re.sub(pattern, words, text)
    return text


def entries(path):
    """(msgctxt, msgid, msgid_plural) of every entry of a .po file."""
    entry, key = {}, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if "msgid" in entry:
                yield entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")
            entry, key = ({}, None) if not line else (entry, key)
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
        if match:
            key = match.group(1)
            entry[key] = match.group(2)
        elif line.startswith('"') and key:
            entry[key] += line[1:-1]


def quote(text):
    return '"' + text + '"'


def main():
    seen, out = set(), [
        'msgid ""', 'msgstr ""', quote("Content-Type: text/plain; charset=UTF-8\\n"),
        quote("Plural-Forms: nplurals=2; plural=(n != 1);\\n"), "",
    ]
    for msgid, words in OWN.items():
        seen.add((None, msgid))
        out += [f"msgid {quote(msgid)}", f"msgstr {quote(words)}", ""]
    for source in SOURCES:
        for context, msgid, plural in entries(source):
            if not msgid or (context, msgid) in seen or swap(msgid) == msgid:
                continue
            seen.add((context, msgid))
            if context is not None:
                out.append(f"msgctxt {quote(context)}")
            out.append(f"msgid {quote(msgid)}")
            if plural is not None:
                out += [f"msgid_plural {quote(plural)}", f"msgstr[0] {quote(swap(msgid))}",
                        f"msgstr[1] {quote(swap(plural))}"]
            else:
                out.append(f"msgstr {quote(swap(msgid))}")
            out.append("")
    OUT.write_text("\n".join(out), encoding="utf-8")
    print(f"wrote {len(seen)} strings to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
