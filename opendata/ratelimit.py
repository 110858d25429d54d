"""
Requests per API client per window, counted in the database so that every worker and server
shares one count (a per-process counter would let a client through N times the limit on N
processes). One row per client and window, bumped with an atomic UPDATE.
"""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gallery.client_address import client_address

from .models import RateWindow


def limit():
    return settings.API_RATE_LIMIT


def window_seconds():
    return settings.API_RATE_WINDOW_SECONDS


def client_key(request):
    return (client_address(request) or "unknown")[:64]


def hit(client, now=None):
    """Count one request; returns (allowed, remaining, seconds until the window resets)."""
    now = now or timezone.now()
    seconds = window_seconds()
    epoch = int(now.timestamp()) // seconds * seconds
    start = datetime.fromtimestamp(epoch, tz=dt_timezone.utc)
    updated = RateWindow.objects.filter(client=client, window_start=start).update(count=F("count") + 1)
    if not updated:
        try:
            with transaction.atomic():
                RateWindow.objects.create(client=client, window_start=start, count=1)
        except IntegrityError:  # another process made the row first
            RateWindow.objects.filter(client=client, window_start=start).update(count=F("count") + 1)
        # Past windows are of no use: the first request of a window clears them.
        RateWindow.objects.filter(window_start__lt=start - timedelta(seconds=seconds)).delete()
    count = RateWindow.objects.filter(client=client, window_start=start).values_list("count", flat=True).first() or 1
    reset = epoch + seconds - int(now.timestamp())
    return count <= limit(), max(0, limit() - count), max(1, reset)
