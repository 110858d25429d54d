from django.apps import AppConfig


class ExhibitConfig(AppConfig):
    name = "exhibit"
    verbose_name = "Exhibitions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import gallery_hooks, page_cache, request_input

        page_cache.connect_signals()
        gallery_hooks.connect()
        request_input.tolerate_bad_chooser_ids()
