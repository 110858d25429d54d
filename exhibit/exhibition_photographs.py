"""
Appending photographs to an exhibition's ordered photographs, as a new revision of the page.

Used by the "Add to an exhibition" bulk action and by `import_photos --exhibition`. The change is
made on the latest revision (a curator's unsaved draft is kept, not overwritten from the live copy),
and published only when nothing else would be published with it.
"""

from dataclasses import dataclass, field

from .models import ExhibitionPage, ExhibitionPhotograph

PUBLISHED, DRAFT_NOT_LIVE, DRAFT_NO_PERMISSION, DRAFT_OTHER_CHANGES, UNCHANGED = (
    "published", "draft: not live", "draft: no permission", "draft: other changes", "unchanged",
)


@dataclass
class Added:
    page: ExhibitionPage
    added: list = field(default_factory=list)
    already: list = field(default_factory=list)
    result: str = UNCHANGED

    def sentence(self):
        """What happened, in a curator's words."""
        title = f"“{self.page.title}”"
        count = len(self.added)
        parts = [f"{count} photograph{'s' if count != 1 else ''} added to {title}"]
        if self.already:
            parts.append(f"{len(self.already)} already in it")
        text = "; ".join(parts)
        return text + {
            PUBLISHED: "; the page was published.",
            DRAFT_NOT_LIVE: "; saved as a draft (the page is not live).",
            DRAFT_NO_PERMISSION: "; saved as a draft for someone who may publish it to publish.",
            DRAFT_OTHER_CHANGES: "; saved as a draft, because the page has other unpublished changes "
                                 "that publishing would release too.",
            UNCHANGED: "; nothing to save.",
        }[self.result]


def add_photographs(page, photographs, *, user=None):
    """
    Append `photographs` (in the order given) that are not in the exhibition yet. `user` None means
    the site's operator (a management command), who may publish.
    """
    page = ExhibitionPage.objects.get(pk=page.pk)  # fresh: another editor may have saved since
    had_other_changes = page.has_unpublished_changes
    latest = page.get_latest_revision_as_object()
    items = list(latest.exhibition_photographs.all())
    present = {item.photograph_id for item in items}
    outcome = Added(page=page)
    next_order = max((item.sort_order or 0 for item in items), default=-1) + 1
    for photo in photographs:
        if photo.pk in present:
            outcome.already.append(photo)
            continue
        present.add(photo.pk)
        latest.exhibition_photographs.add(ExhibitionPhotograph(photograph=photo, sort_order=next_order))
        next_order += 1
        outcome.added.append(photo)
    if not outcome.added:
        return outcome

    revision = latest.save_revision(user=user, log_action=True)
    may_publish = user is None or page.permissions_for_user(user).can_publish()
    if not page.live:
        outcome.result = DRAFT_NOT_LIVE
    elif not may_publish:
        outcome.result = DRAFT_NO_PERMISSION
    elif had_other_changes:
        outcome.result = DRAFT_OTHER_CHANGES
    else:
        revision.publish(user=user)
        outcome.result = PUBLISHED
    return outcome
