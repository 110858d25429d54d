"""
Throttling of every form that checks a password: both logins (the admin's and Wagtail's front-end
/_util/login/), the password reset form, and the password forms of private pages and collections.

Failures are counted per identity (the username, the email address, the page restriction) and per
client, each with its own limit: one user's wrong passwords lock out that username, not the other
people behind the same address, and one client trying many usernames is stopped by the higher
client limit. The client is REMOTE_ADDR, or the address TRUSTED_PROXY_COUNT proxies in front of the
site put into X-Forwarded-For (never more of that header than they wrote: the rest is the client's
to forge). Counters live in the database (PasswordAttempts), so every process sees the same counts.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

from exhibit.models import PasswordAttempts
from gallery.client_address import client_address

# URL name -> (what is being guessed, the POST field or URL argument that names it).
PASSWORD_FORMS = {
    "wagtailadmin_login": ("login", "username"),
    "wagtailcore_login": ("login", "username"),
    "wagtailadmin_password_reset": ("reset", "email"),
    "wagtailcore_authenticate_with_password": ("page-password", "page_view_restriction_id"),
    "wagtaildocs_authenticate_with_password": ("collection-password", "restriction_id"),
}
# A reset form answers alike whether the address exists or not, so every request counts.
EVERY_POST_COUNTS = {"reset"}


def identity_limit():
    return settings.LOGIN_ATTEMPTS_LIMIT


def client_limit():
    return settings.LOGIN_CLIENT_ATTEMPTS_LIMIT


def window():
    return timedelta(seconds=settings.LOGIN_ATTEMPTS_WINDOW)


def hashed(kind, value):
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:64]}"


def password_form(request):
    """(scope, keys) when `request` submits a password form, else None."""
    if request.method != "POST":
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.view_name not in PASSWORD_FORMS:
        return None
    scope, field = PASSWORD_FORMS[match.view_name]
    identity = str(match.kwargs.get(field) or request.POST.get(field, "")).strip().casefold()
    keys = {hashed(f"{scope}:id", identity): identity_limit(), hashed(f"{scope}:client", client_address(request)): client_limit()}
    return scope, keys


def blocked(keys):
    since = timezone.now() - window()
    counts = PasswordAttempts.objects.filter(key__in=keys, window_started__gt=since).values_list("key", "failures")
    return any(failures >= keys[key] for key, failures in counts)


def record_failure(keys):
    now = timezone.now()
    for key in keys:
        with transaction.atomic():
            counted = PasswordAttempts.objects.filter(key=key, window_started__gt=now - window()).update(
                failures=F("failures") + 1
            )
            if counted:
                continue
            try:
                with transaction.atomic():
                    PasswordAttempts.objects.update_or_create(key=key, defaults={"failures": 1, "window_started": now})
            except IntegrityError:  # another process started the window this instant: count on it
                PasswordAttempts.objects.filter(key=key).update(failures=F("failures") + 1)


def forget(keys):
    PasswordAttempts.objects.filter(key__in=keys).delete()


def too_many():
    seconds = int(window().total_seconds())
    return HttpResponse(
        f"Too many failed sign-in attempts. Please wait {seconds // 60} minutes and try again.",
        status=429,
        content_type="text/plain; charset=utf-8",
        headers={"Retry-After": str(seconds), "Cache-Control": "no-store"},
    )


class PasswordThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        form = password_form(request)
        if form is None:
            return self.get_response(request)
        scope, keys = form
        if blocked(keys):
            return too_many()
        response = self.get_response(request)
        # A wrong password shows the form again (200); a right one redirects.
        if scope in EVERY_POST_COUNTS or response.status_code == 200:
            record_failure(keys)
        elif response.status_code in (301, 302, 303):
            # The identity's failures are forgiven; the client's stay, so one valid account does not
            # reset the count of a client trying many others.
            forget([key for key in keys if ":id:" in key])
        return response
