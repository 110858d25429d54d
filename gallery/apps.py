from django.apps import AppConfig


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = "Archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import search_index, typed_dates

        search_index.connect()
        typed_dates.use_in_admin_forms()
