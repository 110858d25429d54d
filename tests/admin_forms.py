"""What a browser posts for an admin form: every field as the page has it, then the changes typed."""

from bs4 import BeautifulSoup


# An edit form with an InlinePanel of translations that the curator leaves untouched posts these.
NO_TRANSLATIONS = {"translations-TOTAL_FORMS": "0", "translations-INITIAL_FORMS": "0",
                   "translations-MIN_NUM_FORMS": "0", "translations-MAX_NUM_FORMS": "1000"}


def form_data(html, attrs=None):
    """[(name, value)] of the first <form> with these attributes, as a browser sends it unchanged."""
    form = BeautifulSoup(html, "html.parser").find("form", attrs or {})
    data = []
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("file", "submit", "button", "image") or field.has_attr("disabled"):
            continue
        # An InlinePanel's blank child form lives in a <template>: a browser sends it only once added.
        if "__prefix__" in name:
            continue
        if field.name == "select":
            chosen = field.find_all("option", selected=True) or field.find_all("option")[:1]
            data += [(name, option.get("value", option.text)) for option in chosen if not field.has_attr("multiple")
                     or option.has_attr("selected")]
        elif field.name == "textarea":
            # A browser drops the one line break right after <textarea> (Django writes one there).
            data.append((name, field.text.removeprefix("\r\n").removeprefix("\n")))
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.append((name, field.get("value", "on")))
        else:
            data.append((name, field.get("value", "")))
    return data


def changed(data, **changes):
    """`data` with these fields' values replaced (or added): what the curator typed."""
    return [(name, value) for name, value in data if name not in changes] + list(changes.items())


def as_post(data):
    """{name: [values]}: the test client's way to post repeated names."""
    posted = {}
    for name, value in data:
        posted.setdefault(name, []).append(value)
    return posted


def add_inline(data, relation, **fields):
    """`data` after clicking an InlinePanel's add button and typing `fields` into the new child form."""
    total = dict(data)[f"{relation}-TOTAL_FORMS"]
    index = int(total)
    added = {f"{relation}-{index}-id": "", f"{relation}-{index}-DELETE": "",
             **{f"{relation}-{index}-{name}": value for name, value in fields.items()}}
    return changed(data, **{f"{relation}-TOTAL_FORMS": str(index + 1)}) + list(added.items())
