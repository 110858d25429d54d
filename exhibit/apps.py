from django.apps import AppConfig


class ExhibitConfig(AppConfig):
    name = "exhibit"
    verbose_name = "Exhibitions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import request_input

        request_input.tolerate_bad_chooser_ids()
