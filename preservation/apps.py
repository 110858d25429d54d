from django.apps import AppConfig


class PreservationConfig(AppConfig):
    """Keeping the archive safe without models of its own: fixity checks, BagIt export and import,
    backups and restore, and their management commands."""

    name = "preservation"
    verbose_name = "Preservation"
