from django.apps import AppConfig


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = "Archive"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_migrate

        from . import typed_dates
        from .base_url import check_base_url, sync_default_site
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        typed_dates.use_in_admin_forms()
        checks.register(check_base_url)
        # At every start of a deployment (`migrate`) the Site record is made to say the public address.
        post_migrate.connect(sync_default_site, sender=self, dispatch_uid="gallery.sync_default_site")
