"""Venue staff's pages: their schedule (HTML, CSV) and the private calendar feed behind a secret URL."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gallery.base_url import absolute

from . import ical, staff
from .models import FeedToken


@login_required
def schedule(request):
    showings = list(staff.showings_for(request.user))
    token = request.user.schedule_feed_tokens.filter(revoked_at__isnull=True).first()
    return render(
        request,
        "exhibit/staff_schedule.html",
        {
            "venues": list(staff.venues_for(request.user)),
            "agenda": staff.agenda(showings),
            "showings": staff.showing_rows(showings),
            "feed_url": absolute(token.get_absolute_url()) if token else "",
            "generated_at": timezone.localtime(),
        },
    )


@login_required
def schedule_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="venue-schedule.csv"'
    staff.write_csv(staff.agenda(staff.showings_for(request.user)), response)
    return response


@require_POST
@login_required
def create_feed(request):
    # One live URL per person: a new one replaces (revokes) the old.
    for token in request.user.schedule_feed_tokens.filter(revoked_at__isnull=True):
        token.revoke()
    FeedToken.objects.create(user=request.user)
    return redirect("exhibit:staff_schedule")


@require_POST
@login_required
def revoke_feed(request):
    for token in request.user.schedule_feed_tokens.filter(revoked_at__isnull=True):
        token.revoke()
    return redirect("exhibit:staff_schedule")


def feed(request, key):
    token = FeedToken.objects.select_related("user").filter(key=key, revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        raise Http404("No such feed")
    showings = list(staff.showings_for(token.user))
    body = ical.staff_calendar(
        "Venue schedule", showings, url=absolute(reverse("exhibit:staff_schedule"))
    )
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    return response
