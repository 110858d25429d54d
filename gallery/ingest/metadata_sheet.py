"""
The curator's spreadsheet for a folder import: one row per file, matched by relative path.

Reading the sheet and checking every value happens before anything is stored, so `--dry-run`
can say everything a real run would refuse. Values are turned into model field values here;
the import writes them.
"""

import csv
import difflib
import functools
import unicodedata
from dataclasses import dataclass, field

from gallery import approximate_dates, rights
from gallery.models import Photograph

COLUMNS = (
    "filename", "title", "alt_text", "caption", "creator", "date", "kind", "communities", "keywords",
    "place", "source", "credit_line", "rights", "consent",
)
LIST_SEPARATOR = ";"

# What each column holds, as `import_photos --help` and the README tell curators. Only `filename` is
# required; an empty cell leaves the field as the file's EXIF (or the default) has it.
COLUMN_HELP = {
    "filename": "path of the file inside the folder, e.g. springfield/market.jpg (required)",
    "title": "the photograph's title (default: the file name without its extension)",
    "alt_text": "what the photograph shows, for people who cannot see it (needed before it is public)",
    "caption": "the caption shown under it",
    "creator": "the photographer: an artist of that name (created if new), e.g. Jane Doe",
    "date": "approximate date in EDTF: 1905, 1905~ (circa), 191X (1910s), 2013-10, 1890/1910",
    "kind": "contemporary or historical",
    "communities": "communities it shows, separated by ;  e.g. Bosnian; Somali",
    "keywords": "free keywords, separated by ;  e.g. market; food",
    "place": "the place depicted, e.g. Springfield, MO",
    "source": "source or lender, e.g. Springfield-Greene County Library",
    "credit_line": "the credit line as printed, e.g. Gift of the Begić family",
    "rights": "a RightsStatements.org or Creative Commons URI or its name, e.g. http://rightsstatements.org/vocab/InC/1.0/",
    "consent": "on file, not needed, pending or withheld (default: pending)",
}

EXAMPLE_SHEET = """\
filename,title,alt_text,creator,date,kind,communities,keywords,place,credit_line,rights,consent
market.jpg,Market day,Two women at a market stall,Jane Doe,2013-10,contemporary,Bosnian; Somali,market; food,"Springfield, MO",Courtesy of the artist,http://rightsstatements.org/vocab/InC/1.0/,on file
springfield/library.jpg,Library,The library's front steps in snow,,1905~,historical,,,"Springfield, MO",Gift of the Begić family,http://creativecommons.org/licenses/by/4.0/,not needed
"""


def columns_help():
    """Every column, what it holds, and an example sheet: the text of `import_photos --help`."""
    width = max(len(column) for column in COLUMNS)
    lines = ["Sheet columns (CSV UTF-8 with a header row; any order; only filename is required):"]
    lines += [f"  {column.ljust(width)}  {COLUMN_HELP[column]}" for column in COLUMNS]
    lines += ["", "Example sheet:", *[f"  {line}" for line in EXAMPLE_SHEET.splitlines()]]
    return "\n".join(lines)
# The column the rejected-rows report adds: a corrected report can be fed back in as a sheet.
REPORT_COLUMN = "rejected_because"

# Plain text columns and the model field each fills, with the field's length limit.
TEXT_FIELDS = {
    "title": ("title", 255),
    "alt_text": ("alt_text", 400),
    "caption": ("caption", None),
    "place": ("place", 255),
    "source": ("source", 255),
    "credit_line": ("credit_line", 255),
}


class SheetError(Exception):
    """The sheet as a whole cannot be used; nothing is imported. `str()` is for the curator."""


@dataclass
class SheetRow:
    line: int  # the spreadsheet's row number, header = 1
    path: str  # relative path as written, normalised
    values: dict = field(default_factory=dict)  # model field -> value; only columns that were filled
    creator: str = ""
    communities: list = field(default_factory=list)
    keywords: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # sentences; a row with errors is rejected
    raw: dict = field(default_factory=dict)  # the cells as written, for the rejected-rows report

    @property
    def has_metadata(self):
        return bool(self.values or self.creator or self.communities or self.keywords)


@dataclass
class Sheet:
    rows: dict  # normalised relative path -> SheetRow
    unknown_columns: list
    duplicate_rows: list  # SheetRows naming a file an earlier row already named

    def row_for(self, relative_path):
        key = normalise_path(relative_path)
        return self.rows.get(key) or self._folded().get(key.casefold())

    def _folded(self):
        if not hasattr(self, "_by_folded"):
            self._by_folded = {key.casefold(): row for key, row in self.rows.items()}
        return self._by_folded


def normalise_path(value):
    value = unicodedata.normalize("NFC", value.strip().replace("\\", "/"))
    while value.startswith("./"):
        value = value[2:]
    return value.strip("/")


def suggestion(column):
    close = difflib.get_close_matches(column, COLUMNS, n=1, cutoff=0.6)
    return f" (did you mean “{close[0]}”?)" if close else ""


def read(path):
    """Read and check the sheet at `path`. Raises SheetError when it cannot be used at all."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")
    except OSError as error:
        raise SheetError(f"Cannot open the sheet {path}: {error.strerror}.") from None
    with handle:
        try:
            sample = handle.read(64 * 1024)
            handle.seek(0)
            try:
                dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
            except csv.Error:
                dialect = csv.excel
            reader = csv.reader(handle, dialect)
            header = next(reader, None)
            if not header:
                raise SheetError(f"The sheet {path} is empty: it needs a header row naming its columns.")
            columns = [name.strip().lower() for name in header]
            if "filename" not in columns:
                raise SheetError(
                    f"The sheet {path} has no “filename” column, so its rows cannot be matched to files. "
                    f"Its header is: {', '.join(header)}."
                )
            unknown = [name for name in columns if name and name not in COLUMNS and name != REPORT_COLUMN]
            rows, duplicates = {}, []
            for line, cells in enumerate(reader, start=2):
                if not any(cell.strip() for cell in cells):
                    continue
                record = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(columns)}
                row = parse_row(line, record)
                key = row.path
                if not key:
                    continue
                if key in rows:
                    row.errors.append(f"row {line} names the same file as row {rows[key].line}")
                    duplicates.append(row)
                else:
                    rows[key] = row
        except UnicodeDecodeError:
            raise SheetError(f"The sheet {path} is not UTF-8 text; save it as “CSV UTF-8”.") from None
        except csv.Error as error:
            raise SheetError(f"The sheet {path} is not a readable CSV file: {error}.") from None
    return Sheet(rows=rows, unknown_columns=unknown, duplicate_rows=duplicates)


def parse_row(line, record):
    row = SheetRow(line=line, path=normalise_path(record.get("filename", "")), raw=dict(record))
    for column, (field_name, limit) in TEXT_FIELDS.items():
        value = record.get(column, "")
        if value:
            if limit and len(value) > limit:
                row.errors.append(f"{column} is {len(value)} characters long; at most {limit} fit")
            row.values[field_name] = value
    if date := record.get("date", ""):
        try:
            row.values["date_edtf"] = approximate_dates.parse(date).edtf
        except approximate_dates.InvalidApproximateDate as error:
            row.errors.append(f"date “{date}”: {error}")
    if kind := record.get("kind", ""):
        row.values["kind"] = _choice(row, "kind", kind, _accepted("Kind"))
    if consent := record.get("consent", ""):
        row.values["consent"] = _choice(row, "consent", consent, _accepted("Consent"))
    if value := record.get("rights", ""):
        statement = rights.lookup(value) or rights.lookup(value.replace("https://", "http://", 1)) or _rights_by_label(value)
        if statement is None:
            row.errors.append(
                f"rights “{value}” is not a RightsStatements.org or Creative Commons URI the archive knows "
                "(e.g. http://rightsstatements.org/vocab/InC/1.0/)"
            )
        else:
            row.values["rights"] = statement.uri
    if creator := record.get("creator", ""):
        if len(creator) > 200:
            row.errors.append("creator is longer than 200 characters")
        row.creator = creator
    row.communities = split_list(record.get("communities", ""))
    row.keywords = split_list(record.get("keywords", ""))
    for name in (*row.communities, *row.keywords):
        if len(name) > 100:
            row.errors.append(f"“{name[:30]}…” is longer than 100 characters, the most a tag holds")
    return row


def split_list(value):
    seen, items = set(), []
    for item in value.split(LIST_SEPARATOR):
        item = item.strip()
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return items


@functools.cache
def _accepted(choices_name):
    """Accept each value and its label, in any case: `on_file`, `On file`, `on file`."""
    accepted = {}
    for value, label in getattr(Photograph, choices_name).choices:
        for spelling in (value, label, value.replace("_", " ")):
            accepted[spelling.casefold()] = value
    return accepted


def _choice(row, column, given, accepted):
    value = accepted.get(given.casefold())
    if value is None:
        allowed = ", ".join(sorted(set(accepted.values())))
        row.errors.append(f"{column} “{given}” is not one of {allowed}")
    return value


def _rights_by_label(label):
    wanted = label.casefold().replace("–", "-")
    for statement in rights.STATEMENTS:
        if statement.label.casefold().replace("–", "-") == wanted:
            return statement
    return None
