"""
The metadata formats the OAI-PMH provider offers, each written with lxml from records.photograph_data.

oai_dc is what the protocol requires. The richer one is MODS 3.7, chosen over qualified Dublin Core
because it is what state DPLA hubs map from most fully and because it carries what DC flattens: the
approximate date as EDTF (`encoding="edtf"`) with its earliest and latest days, the creator's role,
the rights URI as a link (`accessCondition xlink:href`) beside its label, the credit line, the place
as a geographic subject, communities and keywords apart, the IIIF manifest and the page as distinct
locations, and each exhibition as a host item with its own URL.
"""

from dataclasses import dataclass

from lxml import etree

DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
MODS = "http://www.loc.gov/mods/v3"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Format:
    prefix: str
    schema: str
    namespace: str
    write: object


def _sub(parent, namespace, name, text=None, nsmap=None, **attributes):
    element = etree.SubElement(parent, f"{{{namespace}}}{name}", attributes, nsmap=nsmap)
    if text is not None:
        element.text = text
    return element


def write_oai_dc(parent, data, absolute):
    root = _sub(parent, OAI_DC, "dc", nsmap={"oai_dc": OAI_DC, "dc": DC})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")

    def dc(name, value):
        if value:
            _sub(root, DC, name, value)

    def in_every_language(name, field, value):
        """The source words tagged with their language, then each translation with its own."""
        if value:
            _sub(root, DC, name, value, **{XML_LANG: data["language"]})
        for language, fields in data["translations"].items():
            if fields.get(field):
                _sub(root, DC, name, fields[field], **{XML_LANG: language})

    in_every_language("title", "title", data["title"])
    dc("creator", data["creator"])
    # EDTF as written ("1905~", "191X"): the approximate date as precisely as it is known.
    dc("date", data["date"])
    in_every_language("description", "caption", data["caption"] or data["alt_text"])
    for community in data["communities"]:
        dc("subject", community["name"])
    for keyword in data["keywords"]:
        dc("subject", keyword)
    in_every_language("coverage", "place", data["place"])
    dc("source", data["source"])
    if data["rights"]:
        dc("rights", data["rights"]["uri"])
    dc("type", "Image")
    dc("identifier", absolute(data["url"]))
    dc("identifier", absolute(data["iiif_manifest"]))
    for exhibition in data["exhibitions"]:
        dc("relation", absolute(exhibition["url"]) if exhibition["url"] else exhibition["title"])
    return root


def write_mods(parent, data, absolute):
    root = _sub(parent, MODS, "mods", nsmap={"mods": MODS, "xlink": XLINK}, version="3.7")
    root.set(f"{{{XSI}}}schemaLocation", f"{MODS} http://www.loc.gov/standards/mods/v3/mods-3-7.xsd")
    title_info = _sub(root, MODS, "titleInfo", **{XML_LANG: data["language"]})
    _sub(title_info, MODS, "title", data["title"])
    translated = data["translations"].items()
    for language, fields in translated:
        if fields.get("title"):
            _sub(_sub(root, MODS, "titleInfo", type="translated", **{XML_LANG: language}), MODS, "title", fields["title"])
    if data["creator"]:
        name = _sub(root, MODS, "name", type="personal") if data["artist"] else _sub(root, MODS, "name")
        _sub(name, MODS, "namePart", data["creator"])
        role = _sub(name, MODS, "role")
        _sub(role, MODS, "roleTerm", "Photographer", type="text", authority="marcrelator")
    _sub(root, MODS, "typeOfResource", "still image")
    if data["date"]:
        origin = _sub(root, MODS, "originInfo")
        _sub(origin, MODS, "dateCreated", data["date"], encoding="edtf", keyDate="yes")
        if data["date_earliest"]:
            _sub(origin, MODS, "dateCreated", data["date_earliest"], encoding="w3cdtf", point="start", qualifier="approximate")
            _sub(origin, MODS, "dateCreated", data["date_latest"], encoding="w3cdtf", point="end", qualifier="approximate")
    if data["caption"]:
        _sub(root, MODS, "abstract", data["caption"], **{XML_LANG: data["language"]})
    for language, fields in translated:
        if fields.get("caption"):
            _sub(root, MODS, "abstract", fields["caption"], **{XML_LANG: language})
    if data["alt_text"]:
        physical = _sub(root, MODS, "physicalDescription")
        _sub(physical, MODS, "note", data["alt_text"], type="content")
    for community in data["communities"]:
        subject = _sub(root, MODS, "subject", authority="local", displayLabel="Community")
        _sub(subject, MODS, "topic", community["name"], valueURI=absolute(community["url"]))
    for keyword in data["keywords"]:
        subject = _sub(root, MODS, "subject")
        _sub(subject, MODS, "topic", keyword)
    if data["place"]:
        subject = _sub(root, MODS, "subject")
        _sub(subject, MODS, "geographic", data["place"])
    if data["source"]:
        _sub(root, MODS, "note", data["source"], type="ownership")
    if data["credit_line"]:
        _sub(root, MODS, "note", data["credit_line"], type="preferred citation")
    if data["rights"]:
        _sub(root, MODS, "accessCondition", data["rights"]["label"], type="use and reproduction",
             **{f"{{{XLINK}}}href": data["rights"]["uri"]})
    location = _sub(root, MODS, "location")
    _sub(location, MODS, "url", absolute(data["url"]), usage="primary display", access="object in context")
    _sub(location, MODS, "url", absolute(data["iiif_manifest"]), note="IIIF Presentation 3.0 manifest")
    _sub(root, MODS, "identifier", absolute(data["url"]), type="uri")
    for exhibition in data["exhibitions"]:
        host = _sub(root, MODS, "relatedItem", type="host", displayLabel="Exhibition")
        host_title = _sub(host, MODS, "titleInfo")
        _sub(host_title, MODS, "title", exhibition["title"])
        if exhibition["url"]:
            host_location = _sub(host, MODS, "location")
            _sub(host_location, MODS, "url", absolute(exhibition["url"]))
    return root


FORMATS = {
    "oai_dc": Format("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC, write_oai_dc),
    "mods": Format("mods", "http://www.loc.gov/standards/mods/v3/mods-3-7.xsd", MODS, write_mods),
}


def write_set_description(parent, description):
    root = _sub(parent, OAI_DC, "dc", nsmap={"oai_dc": OAI_DC, "dc": DC})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    _sub(root, DC, "description", description)
    return root
