"""
The OAI-PMH 2.0 data provider at /oai/ (https://www.openarchives.org/OAI/openarchivesprotocol.html).

Items are public photographs; sets are exhibitions (`exhibition:<slug>`) and communities
(`community:<slug>`), under the parent sets `exhibition` and `community`. Headers and deletions come
from PublicRecord, so a photograph that stops being public answers, for ever, with a deleted header
and no metadata; metadata comes from the same public() rule as every page, so a record is never
shown with metadata unless its photograph is public at the moment of the request.
"""

import re
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db.models import Min, Q
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from lxml import etree

from exhibit.models import ExhibitionPage
from gallery.base_url import absolute
from gallery.models import Community, Photograph

from . import oai_formats, records, tokens
from .models import Kind, PublicRecord

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = oai_formats.XSI
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), set()),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}),
}
EXCLUSIVE = "resumptionToken"
# The protocol's own patterns for these arguments (they are echoed in the request element).
_SPEC_PART = r"[A-Za-z0-9\-_\.!~\*'\(\)]+"
PATTERNS = {
    "metadataPrefix": re.compile(_SPEC_PART),
    "set": re.compile(rf"{_SPEC_PART}(:{_SPEC_PART})*"),
    "identifier": re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+"),
}


class OAIError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


def page_size():
    return settings.OAI_PAGE_SIZE


def repository_identifier():
    return settings.OAI_REPOSITORY_IDENTIFIER


def oai_identifier(photo_identifier):
    return f"oai:{repository_identifier()}:photograph/{photo_identifier}"


def utc_text(moment):
    return moment.astimezone(dt_timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datestamp(text, name):
    """(start, end) of the second or day `text` names, and its granularity; badArgument otherwise."""
    for pattern, granularity, step in (("%Y-%m-%dT%H:%M:%SZ", "seconds", timedelta(seconds=1)), ("%Y-%m-%d", "day", timedelta(days=1))):
        try:
            moment = datetime.strptime(text, pattern).replace(tzinfo=dt_timezone.utc)
        except ValueError:
            continue
        return moment, moment + step, granularity
    raise OAIError("badArgument", f"'{name}' must be a UTC date (YYYY-MM-DD) or time (YYYY-MM-DDThh:mm:ssZ).")


# ---- writing ----


def _el(parent, name, text=None, **attributes):
    element = etree.SubElement(parent, f"{{{OAI}}}{name}", attributes)
    if text is not None:
        element.text = text
    return element


def envelope(request, args, with_attributes):
    root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    _el(root, "responseDate", utc_text(timezone.now()))
    attributes = {key: value for key, value in args.items()} if with_attributes else {}
    _el(root, "request", base_url(request), **attributes)
    return root


def base_url(request):
    return absolute(reverse("opendata:oai"))


def respond(root):
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    response = HttpResponse(body, content_type="text/xml; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def header(parent, record):
    attributes = {} if record.is_public else {"status": "deleted"}
    element = _el(parent, "header", **attributes)
    _el(element, "identifier", oai_identifier(record.identifier))
    _el(element, "datestamp", utc_text(record.datestamp))
    for spec in record.sets:
        _el(element, "setSpec", spec)
    return element


def record_element(parent, record, data, metadata_format, absolute):
    element = _el(parent, "record")
    if data is None and record.is_public:
        # Public by its record but not by the rule at this moment (a change between two queries):
        # shown as deleted, never with metadata.
        record = PublicRecord(identifier=record.identifier, datestamp=record.datestamp, set_specs=record.set_specs, is_public=False)
    header(element, record)
    if data is not None:
        metadata = _el(element, "metadata")
        metadata_format.write(metadata, data, absolute)
    return element


# ---- verbs ----


def identify(request, root, args):
    earliest = PublicRecord.objects.filter(kind=Kind.PHOTOGRAPH).aggregate(first=Min("datestamp"))["first"] or timezone.now()
    body = _el(root, "Identify")
    _el(body, "repositoryName", settings.WAGTAIL_SITE_NAME)
    _el(body, "baseURL", base_url(request))
    _el(body, "protocolVersion", "2.0")
    _el(body, "adminEmail", settings.OAI_ADMIN_EMAIL)
    _el(body, "earliestDatestamp", utc_text(earliest))
    _el(body, "deletedRecord", "persistent")
    _el(body, "granularity", GRANULARITY)


def find_record(identifier):
    prefix = oai_identifier("")
    if not identifier.startswith(prefix):
        raise OAIError("idDoesNotExist", f"No item has the identifier '{identifier}'.")
    record = PublicRecord.objects.filter(kind=Kind.PHOTOGRAPH, identifier=identifier[len(prefix):]).first()
    if record is None:
        raise OAIError("idDoesNotExist", f"No item has the identifier '{identifier}'.")
    return record


def metadata_format_for(prefix):
    metadata_format = oai_formats.FORMATS.get(prefix)
    if metadata_format is None:
        raise OAIError("cannotDisseminateFormat", f"'{prefix}' is not a metadata format of this repository (see ListMetadataFormats).")
    return metadata_format


def list_metadata_formats(request, root, args):
    if "identifier" in args:
        find_record(args["identifier"])  # every item, deleted or not, is offered in every format
    body = _el(root, "ListMetadataFormats")
    for metadata_format in oai_formats.FORMATS.values():
        element = _el(body, "metadataFormat")
        _el(element, "metadataPrefix", metadata_format.prefix)
        _el(element, "schema", metadata_format.schema)
        _el(element, "metadataNamespace", metadata_format.namespace)


def available_sets():
    """(spec, name, description) of every set an item is in now, parents first."""
    public = Photograph.objects.public().values("pk")
    exhibitions = records.exhibitions()
    pages = {page.pk: page for page in ExhibitionPage.objects.public().filter(pk__in=list(exhibitions)).order_by("title", "pk")}
    communities = Community.objects.filter(tagged_photographs__content_object__in=public).distinct().order_by("name")
    found = []
    if pages:
        found.append(("exhibition", "Exhibitions", "Photographs shown in the archive's exhibitions."))
        found += [(f"exhibition:{page.slug}", page.title, page.summary) for page in pages.values()]
    communities = list(communities)
    if communities:
        found.append(("community", "Communities", "Photographs by the communities they show."))
        found += [(f"community:{community.slug}", community.name, community.description) for community in communities]
    return found


def list_sets(request, root, args):
    if EXCLUSIVE in args:
        raise OAIError("badResumptionToken", "ListSets is answered in one response: this repository issues no token for it.")
    body = _el(root, "ListSets")
    for spec, name, description in available_sets():
        element = _el(body, "set")
        _el(element, "setSpec", spec)
        _el(element, "setName", name)
        if description:
            oai_formats.write_set_description(_el(element, "setDescription"), description)


def get_record(request, root, args):
    metadata_format = metadata_format_for(args["metadataPrefix"])
    record = find_record(args["identifier"])
    data = records.photographs([record.object_id]).get(record.object_id) if record.is_public else None
    body = _el(root, "GetRecord")
    record_element(body, record, data, metadata_format, absolute)


def list_state(args):
    """The list a ListIdentifiers/ListRecords request asks for, as a token's state."""
    if EXCLUSIVE in args:
        state = tokens.read(args[EXCLUSIVE])
        if state.get("verb") != args["verb"]:
            raise tokens.BadToken("This resumptionToken belongs to another verb.")
        return state
    metadata_format_for(args["metadataPrefix"])
    start = end = None
    granularities = set()
    if "from" in args:
        start, _, granularity = parse_datestamp(args["from"], "from")
        granularities.add(granularity)
    if "until" in args:
        _, end, granularity = parse_datestamp(args["until"], "until")
        granularities.add(granularity)
    if len(granularities) > 1:
        raise OAIError("badArgument", "'from' and 'until' must have the same granularity.")
    if start and end and start >= end:
        raise OAIError("badArgument", "'from' is later than 'until'.")
    # Without 'until' the list ends at this request, so it does not grow while it is harvested;
    # later changes are for the next harvest 'from' this one's responseDate.
    now = timezone.now().replace(microsecond=0) + timedelta(seconds=1)
    end = min(end, now) if end else now
    if "set" in args and not _set_exists(args["set"]):
        raise OAIError("noRecordsMatch", f"No item is, or was, in the set '{args['set']}'.")
    return {
        "verb": args["verb"], "prefix": args["metadataPrefix"], "set": args.get("set", ""),
        "from": start.isoformat() if start else "", "until": end.isoformat(), "after": None, "cursor": 0, "total": None,
    }


def _set_exists(spec):
    return PublicRecord.objects.filter(kind=Kind.PHOTOGRAPH, set_specs__contains=f"|{spec}|").exists()


def list_queryset(state):
    queryset = PublicRecord.objects.filter(kind=Kind.PHOTOGRAPH, datestamp__lt=datetime.fromisoformat(state["until"]))
    if state["from"]:
        queryset = queryset.filter(datestamp__gte=datetime.fromisoformat(state["from"]))
    if state["set"]:
        queryset = queryset.filter(set_specs__contains=f"|{state['set']}|")
    return queryset.order_by("datestamp", "id")


def list_items(request, root, args):
    state = list_state(args)
    metadata_format = metadata_format_for(state["prefix"])
    queryset = list_queryset(state)
    if state["total"] is None:
        state["total"] = queryset.count()
    if state["after"]:
        after_stamp, after_id = datetime.fromisoformat(state["after"][0]), state["after"][1]
        queryset = queryset.filter(Q(datestamp__gt=after_stamp) | Q(datestamp=after_stamp, id__gt=after_id))
    size = page_size()
    page = list(queryset[: size + 1])
    if not page and state["cursor"] == 0:
        raise OAIError("noRecordsMatch", "No item matches these arguments.")
    more, page = len(page) > size, page[:size]
    body = _el(root, args["verb"])
    if args["verb"] == "ListIdentifiers":
        for record in page:
            header(body, record)
    else:
        data = records.photographs([record.object_id for record in page if record.is_public])
        for record in page:
            record_element(body, record, data.get(record.object_id) if record.is_public else None, metadata_format, absolute)
    attributes = {"completeListSize": str(max(state["total"], 1)), "cursor": str(state["cursor"])}
    if more:
        last = page[-1]
        following = dict(state, after=[last.datestamp.isoformat(), last.id], cursor=state["cursor"] + len(page))
        expires = timezone.now() + tokens.lifetime()
        _el(body, "resumptionToken", tokens.make(following), expirationDate=utc_text(expires), **attributes)
    elif EXCLUSIVE in args:
        _el(body, "resumptionToken", **attributes)  # empty: the list is complete


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_items,
    "ListRecords": list_items,
}


def check_arguments(query):
    """The request's arguments as a dict, or the OAIError the protocol gives for them."""
    args = {}
    for key in query:
        values = query.getlist(key)
        if len(values) > 1:
            if key == "verb":
                raise OAIError("badVerb", "The verb is repeated.")
            raise OAIError("badArgument", f"The argument '{key}' is repeated.")
        args[key] = values[0]
    verb = args.get("verb")
    if verb not in VERBS:
        raise OAIError("badVerb", "Missing verb." if verb is None else f"'{verb}' is not an OAI-PMH verb.")
    required, optional = VERBS[verb]
    given = set(args) - {"verb"}
    if EXCLUSIVE in given and verb in ("ListIdentifiers", "ListRecords", "ListSets"):
        if given != {EXCLUSIVE}:
            raise OAIError("badArgument", "resumptionToken is an exclusive argument: send it alone with the verb.")
        return args
    unknown = given - required - optional
    if unknown:
        raise OAIError("badArgument", f"{verb} takes no argument {', '.join(sorted(unknown))}.")
    missing = required - given
    if missing:
        raise OAIError("badArgument", f"{verb} needs {', '.join(sorted(missing))}.")
    for key, pattern in PATTERNS.items():
        if key in args and not pattern.fullmatch(args[key]):
            raise OAIError("badArgument", f"'{args[key]}' is not a well-formed {key}.")
    return args


@csrf_exempt
def endpoint(request):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    request._page_cache_skip = True
    query = request.POST if request.method == "POST" else request.GET
    try:
        args = check_arguments(query)
    except OAIError as error:
        root = envelope(request, {}, with_attributes=False)
        _el(root, "error", error.message, code=error.code)
        return respond(root)
    root = envelope(request, args, with_attributes=True)
    try:
        HANDLERS[args["verb"]](request, root, args)
    except tokens.BadToken as error:
        root = envelope(request, args, with_attributes=True)
        _el(root, "error", str(error), code="badResumptionToken")
    except OAIError as error:
        # The protocol: after badVerb or badArgument the request element carries no attributes.
        root = envelope(request, args, with_attributes=error.code not in ("badVerb", "badArgument"))
        _el(root, "error", error.message, code=error.code)
    return respond(root)
