"""
What harvesters have been told. A photograph or exhibition gets a PublicRecord the first time it is
public; the record stays when it stops being public (a tombstone), so OAI-PMH can go on answering
with a deleted header and Change Discovery with a Delete. Activities are append-only: their order is
the Change Discovery stream's order, and a page of it never changes once full.
"""

from django.db import models


class Kind(models.TextChoices):
    PHOTOGRAPH = "photograph", "Photograph"
    EXHIBITION = "exhibition", "Exhibition"


class PublicRecord(models.Model):
    kind = models.CharField(max_length=16, choices=Kind.choices)
    object_id = models.BigIntegerField()
    # The public name in URLs (a photograph's IIIF identifier, an exhibition's slug): kept, since
    # the object itself may be gone or renamed when a deleted record is answered.
    identifier = models.CharField(max_length=255)
    is_public = models.BooleanField(default=True)
    # A hash of what harvesters are shown, so a save that changes nothing they see is no Update.
    digest = models.CharField(max_length=64, blank=True)
    # "|exhibition|exhibition:slug|community|community:slug|": the sets the record was last in, kept
    # for deleted records so that a selective harvest of a set learns of the deletion too.
    set_specs = models.TextField(blank=True, default="")
    datestamp = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="opendata_one_record_per_object")]
        indexes = [models.Index(fields=["kind", "datestamp", "id"])]

    def __str__(self):
        state = "public" if self.is_public else "withdrawn"
        return f"{self.kind} {self.identifier} ({state} since {self.datestamp:%Y-%m-%d %H:%M})"

    @property
    def sets(self):
        return [spec for spec in self.set_specs.split("|") if spec]


class Activity(models.Model):
    class Type(models.TextChoices):
        CREATE = "Create", "Create"
        UPDATE = "Update", "Update"
        DELETE = "Delete", "Delete"

    record = models.ForeignKey(PublicRecord, on_delete=models.CASCADE, related_name="activities")
    type = models.CharField(max_length=8, choices=Type.choices)
    end_time = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "activities"

    def __str__(self):
        return f"{self.type} {self.record.kind} {self.record.identifier} at {self.end_time:%Y-%m-%d %H:%M:%S}"


class RateWindow(models.Model):
    """Requests of one API client in one window, counted in the database every process shares."""

    client = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "window_start"], name="opendata_one_window_per_client")]
