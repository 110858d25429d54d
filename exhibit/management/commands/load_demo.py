"""Load the demo content `make run` shows. Safe to run again: nothing is duplicated."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from exhibit import demo as exhibition_demo
from exhibit.models import HomePage, Venue
from gallery import base_url, db_stats, demo

HOME_INTRO = (
    "<p>A community archive of photographs of Missouri's immigrants and refugees, and the traveling "
    "exhibitions made from them. The photographs here are generated samples for the demo.</p>"
)


class Command(BaseCommand):
    help = "Load demo artists, communities, photographs and logins (idempotent)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("load_demo creates known logins; it refuses to run with DJANGO_ENV=production.")
        with tqdm(total=len(demo.SAMPLES), desc="Demo photographs", unit="photo", disable=None) as bar:
            created = demo.load_archive(progress=lambda done, total: bar.update(done - bar.n))
        site = base_url.sync_default_site()
        home = HomePage.objects.first()
        if home:
            home.intro = HOME_INTRO
            home.save_revision().publish()
        exhibition, venues = exhibition_demo.load_exhibition()
        logins = self.make_logins()
        db_stats.refresh_planner_statistics()
        self.stdout.write(self.style.SUCCESS(
            f"Demo archive ready: {created} new photographs ({len(demo.SAMPLES)} in the demo), "
            f"{len(demo.ARTISTS)} artists, {len(demo.COMMUNITIES)} communities."
        ))
        self.stdout.write(self.style.SUCCESS(
            f"Demo exhibition ready: {exhibition.title!r} at {base_url.page_url(exhibition)}, "
            f"{exhibition.showings.count()} stops, {len(venues)} venues."
        ))
        if site is not None:
            self.stdout.write(f"Site: {site.root_url} (SITE_BASE_URL)")
        for role, username in logins:
            self.stdout.write(f"  {role}: username {username!r}, password {settings.DEMO_PASSWORD!r}")

    def make_logins(self):
        User = get_user_model()
        admin, _ = User.objects.get_or_create(username="admin", defaults={"email": "admin@example.org"})
        admin.is_superuser = admin.is_staff = True
        admin.set_password(settings.DEMO_PASSWORD)
        admin.save()
        curator, _ = User.objects.get_or_create(username="curator", defaults={"email": "curator@example.org"})
        curator.set_password(settings.DEMO_PASSWORD)
        curator.save()
        curator.groups.add(Group.objects.get(name="Curators"))
        logins = [("Superuser", "admin"), ("Curator", "curator")]
        venue_staff = Group.objects.get(name="Venue staff")
        for username, venue_slug in exhibition_demo.STAFF_LOGINS:
            user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
            user.set_password(settings.DEMO_PASSWORD)
            user.save()
            user.groups.add(venue_staff)
            venue = Venue.objects.get(slug=venue_slug)
            venue.staff.add(user)
            logins.append((f"Venue staff ({venue.city}), schedule at /staff/schedule/", username))
        return logins
