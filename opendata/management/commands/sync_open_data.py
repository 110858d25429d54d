from django.core.management.base import BaseCommand

from opendata import visibility


class Command(BaseCommand):
    help = (
        "Bring OAI-PMH records and Change Discovery activities in line with what is public now "
        "(for an archive whose photographs predate them; changes are recorded as they happen after that)."
    )

    def handle(self, *args, **options):
        photographs, exhibitions = visibility.sync_all()
        self.stdout.write(f"checked {photographs} photographs and {exhibitions} exhibitions")
