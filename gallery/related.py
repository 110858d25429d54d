"""
What other apps add to a photograph's, an artist's or a community's page.

The gallery knows nothing of exhibitions (gallery never imports exhibit), yet its pages must say
which exhibitions a photograph, an artist or a community appears in. So another app registers a
*provider* with Wagtail's hooks, one hook name for each kind of page; the view asks every provider of
its kind and the template includes the sections they return, in order:

    hooks.register("photograph_page_sections", exhibitions_of_photograph)

(`artist_page_sections` and `community_page_sections` likewise.) A provider is called as provider(request, obj) and returns a Section (a template and what it
shows) or None when it has nothing to add. Providers must run a fixed number of queries whatever
they list (prefetch, never a query per row): the gallery's query-count test covers these pages.
"""

from dataclasses import dataclass, field

from wagtail import hooks

KINDS = ("photograph", "artist", "community")


@dataclass
class Section:
    template: str  # included by the page with `section` in its context
    context: dict = field(default_factory=dict)


def sections(kind, request, obj):
    """The sections every provider of `kind` gives for `obj`, in the order they registered."""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of page {kind!r}: one of {', '.join(KINDS)}")
    found = []
    for provider in hooks.get_hooks(f"{kind}_page_sections"):
        section = provider(request, obj)
        if section is not None:
            found.append(section)
    return found
