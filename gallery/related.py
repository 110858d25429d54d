"""
What other apps add to a photograph's, an artist's or a community's page.

The gallery knows nothing of exhibitions (gallery never imports exhibit), yet its pages must say
which exhibitions a photograph, an artist or a community appears in. So another app registers a
*provider* for a kind of page; the view asks every provider of its kind and the template includes
the sections they return, in order:

    related.register_related("photograph", exhibitions_of_photograph)

A provider is called as provider(request, obj) and returns a Section (a template and what it
shows) or None when it has nothing to add. Providers must run a fixed number of queries whatever
they list (prefetch, never a query per row): the gallery's query-count test covers these pages.
"""

from dataclasses import dataclass, field

KINDS = ("photograph", "artist", "community")
PROVIDERS = {kind: [] for kind in KINDS}


@dataclass
class Section:
    template: str  # included by the page with `section` in its context
    context: dict = field(default_factory=dict)


def register_related(kind, provider):
    if kind not in PROVIDERS:
        raise ValueError(f"Unknown kind of page {kind!r}: one of {', '.join(KINDS)}")
    if provider not in PROVIDERS[kind]:
        PROVIDERS[kind].append(provider)


def sections(kind, request, obj):
    """The sections every provider of `kind` gives for `obj`, in the order they registered."""
    found = []
    for provider in PROVIDERS[kind]:
        section = provider(request, obj)
        if section is not None:
            found.append(section)
    return found
