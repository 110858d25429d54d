from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "opendata"
    verbose_name = "Open data (OAI-PMH, IIIF Change Discovery, public API)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import visibility

        visibility.connect()
