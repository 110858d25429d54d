"""
The admin's first page for curators: what needs doing, each panel linking to the listing that shows
the rest. Venue staff, who have nothing to do in the admin, are sent to their schedule instead.
"""

from datetime import timedelta

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import HomeView, LockedPagesPanel, RecentEditsPanel
from wagtail.models import Page

from gallery.admin_views import not_public_reasons
from gallery.models import Photograph
from gallery.permissions import can_handle_photographs

from . import event_text, staff
from .models import ChecklistEntry

WINDOW_DAYS = 30
# The tour's own dates a curator plans around (events have their own pages and feeds).
TOUR_DATES = {"Deliver by", "Install from", "Exhibition opens", "Pack by", "Insurance from", "Insurance until"}


def _images_url(**query):
    return f"{reverse('wagtailimages:index')}?{urlencode(query)}"


class DashboardPanel(Component):
    order = 100

    def __init__(self, request, today):
        self.request, self.today = request, today

    def get_context_data(self, parent_context=None):
        return {"panel": self, "schedule_url": reverse("exhibit:staff_schedule"), **self.data()}

    def data(self):
        return {}


class NotPublicPanel(DashboardPanel):
    name = "not_public"
    template_name = "exhibit/dashboard/not_public.html"
    order = 10

    def data(self):
        photographs = Photograph.objects.all()
        reasons = [
            {"label": label, "count": photographs.not_public_because(name).count(), "url": _images_url(not_public=name)}
            for name, label in not_public_reasons()
        ]
        return {
            "total": photographs.not_public().count(),
            "total_url": _images_url(not_public="any"),
            "reasons": [reason for reason in reasons if reason["count"]],
        }


class DraftsPanel(DashboardPanel):
    name = "drafts"
    template_name = "exhibit/dashboard/drafts.html"
    order = 20

    def data(self):
        pages = (
            Page.objects.filter(has_unpublished_changes=True, depth__gt=1)
            .order_by("-latest_revision_created_at").specific()
        )
        drafts = [
            {"title": page.get_admin_display_title(), "url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
             "live": page.live, "updated": page.latest_revision_created_at}
            for page in pages
            if page.permissions_for_user(self.request.user).can_edit()
        ]
        return {"drafts": drafts}


class TourDatesPanel(DashboardPanel):
    name = "tour_dates"
    template_name = "exhibit/dashboard/tour_dates.html"
    order = 30

    def data(self):
        until = self.today + timedelta(days=WINDOW_DAYS)
        showings = staff.showings_for(self.request.user).filter(closes__gte=self.today)
        items = [
            {"date": event_text.long_date(item.date), "what": item.what, "venue": item.venue,
             "exhibition": item.exhibition}
            for item in staff.agenda(showings)
            if item.what in TOUR_DATES and self.today <= item.date <= until
        ]
        return {"items": items, "days": WINDOW_DAYS}


class ChecklistPanel(DashboardPanel):
    """Checklist items past their date and not ticked, and what the venues ticked or sent lately."""

    name = "checklist"
    template_name = "exhibit/dashboard/checklist.html"
    order = 40

    def data(self):
        schedule = reverse("exhibit:staff_schedule")
        overdue = []
        for showing in staff.showings_for(self.request.user).filter(opens__lte=self.today + timedelta(days=WINDOW_DAYS)):
            for check in showing.checklist:
                if not check.done and check.due < self.today:
                    overdue.append({
                        "label": check.label, "due": event_text.long_date(check.due), "venue": showing.venue.name,
                        "exhibition": showing.exhibition.title, "url": f"{schedule}#showing-{showing.pk}",
                    })
        since = timezone.now() - timedelta(days=WINDOW_DAYS)
        recent = (
            ChecklistEntry.objects.at(staff.venues_for(self.request.user)).filter(done_at__gte=since, done_by__isnull=False)
            .select_related("showing__venue", "showing__exhibition", "done_by")[:20]
        )
        return {"overdue": overdue, "recent": recent}


class DashboardView(HomeView):
    template_name = "exhibit/dashboard/home.html"

    def dispatch(self, request, *args, **kwargs):
        if staff.is_venue_staff_only(request.user):
            return redirect("exhibit:staff_schedule")
        return super().dispatch(request, *args, **kwargs)

    def get_panels(self):
        user, today = self.request.user, timezone.localdate()
        panels = []
        if can_handle_photographs(user):
            panels.append(NotPublicPanel(self.request, today))
        panels.append(DraftsPanel(self.request, today))
        if staff.sees_every_venue(user):
            panels += [TourDatesPanel(self.request, today), ChecklistPanel(self.request, today)]
        # Wagtail's own panels that say what needs doing (moderation), after ours.
        wagtail_panels = [
            panel for panel in super().get_panels() if not isinstance(panel, (RecentEditsPanel, LockedPagesPanel))
        ]
        for panel in wagtail_panels:
            panel.order += 1000
        return panels + wagtail_panels
