from django.apps import AppConfig


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = "Archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import typed_dates
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        typed_dates.use_in_admin_forms()
