"""Venue staff's pages: their schedule (HTML, CSV), their checklist with attachments, and the private
calendar feed behind a secret URL."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from gallery.base_url import absolute

from . import checklist_files, event_text, ical, staff
from .models import ChecklistEntry, ChecklistItem, FeedToken, Showing


def _frame(request):
    """What the staff layout shows around every page: who is signed in, and the admin if they use it."""
    user = request.user
    return {
        "signed_in_as": user.get_full_name() or user.get_username(),
        "admin_url": "" if staff.is_venue_staff_only(user) else reverse("wagtailadmin_home"),
    }


def _feed_links(request, token):
    if token is None:
        return {}
    url = absolute(token.get_absolute_url())
    return {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}

# Logistics are for one person's eyes: no shared cache (proxy, CDN) may keep them, nor the browser
# after the page is left. Outermost, so the login redirect is marked too.
private_page = cache_control(private=True, no_store=True)


@private_page
@login_required
def schedule(request):
    showings = list(staff.showings_for(request.user))
    venues = list(staff.venues_for(request.user))
    today = timezone.localdate()
    agenda = staff.split_agenda(staff.agenda(showings), today)
    stops = staff.split_showings(showings, today)
    token = request.user.schedule_feed_tokens.filter(revoked_at__isnull=True).first()
    return render(
        request,
        "exhibit/staff_schedule.html",
        {
            "venues": venues,
            "venue_names": ", ".join(venue.name for venue in venues),
            "tour_wide": staff.sees_every_venue(request.user),
            "today": today,
            "today_text": event_text.long_date(today),
            "coming": agenda.coming,
            "earlier": agenda.earlier,
            "showings": staff.showing_rows(stops.coming),
            "earlier_showings": staff.showing_rows(stops.earlier),
            "generated_at": timezone.localtime(),
            **_feed_links(request, token),
            **_frame(request),
        },
    )


@private_page
@login_required
def schedule_csv(request):
    venues = list(staff.venues_for(request.user))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = staff.csv_filename(venues, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    staff.write_csv(staff.agenda(staff.showings_for(request.user)), response)
    return response


def _showing_for(user, showing_id):
    showing = Showing.objects.select_related("venue", "exhibition").filter(pk=showing_id).first()
    if showing is None or not staff.venues_for(user).filter(pk=showing.venue_id).exists():
        raise Http404("No such showing at your venues")
    return showing


@require_POST
@login_required
def tick(request, showing_id, item):
    """Tick (or untick) one checklist item, attaching the filled form or report if one is sent."""
    showing = _showing_for(request.user, showing_id)
    if item not in ChecklistItem.values:
        raise Http404("No such checklist item")
    label = ChecklistItem(item).label
    entry = ChecklistEntry.objects.filter(showing=showing, item=item).first()
    upload = request.FILES.get("attachment")
    if upload is not None:
        try:
            content_type, _ = checklist_files.check(upload)
        except ValidationError as error:
            messages.error(request, f"{label}: {error.messages[0]} Nothing was changed.")
            return redirect(f"{reverse('exhibit:staff_schedule')}#showing-{showing.pk}")
    if request.POST.get("done") or upload is not None:
        if entry is None:
            entry = ChecklistEntry(showing=showing, item=item, done_by=request.user, done_at=timezone.now())
        if upload is not None:
            if entry.attachment:
                entry.attachment.delete(save=False)
            entry.attachment.save(upload.name, upload, save=False)
            entry.attachment_type = content_type
            entry.attachment_uploaded_at = timezone.now()
        entry.save()
        note = " with the attached file" if upload is not None else ""
        messages.success(request, f"{label} ticked for {showing.exhibition.title} at {showing.venue.name}{note}.")
    elif entry is not None:
        if entry.attachment:
            entry.attachment.delete(save=False)
        entry.delete()
        messages.success(request, f"{label} unticked for {showing.exhibition.title} at {showing.venue.name}.")
    return redirect(f"{reverse('exhibit:staff_schedule')}#showing-{showing.pk}")


@login_required
def checklist_file(request, entry_id):
    """The attached form or report, to curators and that venue's staff only (never from public media)."""
    entry = ChecklistEntry.objects.at(staff.venues_for(request.user)).select_related("showing__venue").filter(pk=entry_id).first()
    if entry is None or not entry.attachment:
        raise Http404("No such file")
    try:
        handle = entry.attachment.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("The file is missing") from None
    extension = os.path.splitext(entry.attachment.name)[1]
    name = f"{slugify(entry.showing.venue.name)}-{entry.item.replace('_', '-')}{extension}"
    response = FileResponse(handle, content_type=entry.attachment_type or "application/octet-stream", filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def create_feed(request):
    # One live URL per person: a new one replaces (revokes) the old.
    for token in request.user.schedule_feed_tokens.filter(revoked_at__isnull=True):
        token.revoke()
    FeedToken.objects.create(user=request.user)
    messages.success(request, "Your private calendar link is ready: subscribe to it below.")
    return redirect("exhibit:staff_schedule")


@login_required
def revoke_feed(request):
    """GET asks first; POST revokes and says so."""
    tokens = request.user.schedule_feed_tokens.filter(revoked_at__isnull=True)
    if request.method != "POST":
        return render(request, "exhibit/staff_revoke_feed.html", {"has_feed": tokens.exists(), **_frame(request)})
    revoked = 0
    for token in tokens:
        token.revoke()
        revoked += 1
    if revoked:
        messages.success(request, "The calendar link was revoked: calendars subscribed to it get no more updates.")
    return redirect("exhibit:staff_schedule")


@private_page
def feed(request, key):
    token = FeedToken.objects.select_related("user").filter(key=key, revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        raise Http404("No such feed")
    showings = list(staff.showings_for(token.user))
    body = ical.staff_calendar(
        "Venue schedule", showings, url=absolute(reverse("exhibit:staff_schedule"))
    )
    return HttpResponse(body, content_type=ical.CONTENT_TYPE)
