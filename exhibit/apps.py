from django.apps import AppConfig


class ExhibitConfig(AppConfig):
    name = "exhibit"
    verbose_name = "Exhibitions"
    default_auto_field = "django.db.models.BigAutoField"

