"""
Security headers and admin login throttling, site-wide.

Public pages get a Content Security Policy with no 'unsafe-inline' for scripts or styles (JSON-LD
data blocks are not executed, so they need no exception). The Wagtail admin needs inline scripts of its own
and keeps Django's defaults.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import reverse

# The hash of the one <style> element OpenSeadragon 6 adds to the page (it hides the canvas's focus
# outline on touch screens). tests/exhibit/test_security_headers.py recomputes it from the vendored
# file, so an upgrade that changes the text fails there, not silently in visitors' consoles.
OPENSEADRAGON_STYLE_HASH = "sha256-9xTiqzfwFaL2SGb1rmr8gysEwVVjIvqWAgmZgqFqpEE="

PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # No 'unsafe-inline': the templates carry no style attribute or <style> block. OpenSeadragon
        # sets element.style from script (CSSOM, which CSP does not govern) and injects one fixed
        # <style> element, allowed by its hash (OPENSEADRAGON_STYLE_HASH).
        f"style-src 'self' '{OPENSEADRAGON_STYLE_HASH}'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
ADMIN_PREFIXES = ("/admin/",)

LOGIN_ATTEMPTS = getattr(settings, "LOGIN_ATTEMPTS_LIMIT", 5)
LOGIN_WINDOW_SECONDS = getattr(settings, "LOGIN_ATTEMPTS_WINDOW", 15 * 60)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path == reverse("wagtailadmin_login") and login_blocked(request):
            return HttpResponse(
                "Too many failed sign-in attempts. Please wait 15 minutes and try again.",
                status=429,
                content_type="text/plain; charset=utf-8",
                headers={"Retry-After": str(LOGIN_WINDOW_SECONDS)},
            )
        response = self.get_response(request)
        if not request.path.startswith(ADMIN_PREFIXES):
            response.setdefault("Content-Security-Policy", PUBLIC_CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


def client_address(request):
    # Behind a proxy, REMOTE_ADDR is the proxy; production sets the real address there (see README).
    return request.META.get("REMOTE_ADDR", "")


def attempt_keys(request, username):
    return [f"login-fail:ip:{client_address(request)}", f"login-fail:user:{(username or '').lower()}"]


def login_blocked(request):
    username = request.POST.get("username", "")
    return any((cache.get(key) or 0) >= LOGIN_ATTEMPTS for key in attempt_keys(request, username))


@receiver(user_login_failed)
def count_failed_login(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    for key in attempt_keys(request, credentials.get("username")):
        cache.add(key, 0, LOGIN_WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, LOGIN_WINDOW_SECONDS)


@receiver(user_logged_in)
def forget_failed_logins(sender, request, user, **kwargs):
    if request is not None:
        cache.delete_many(attempt_keys(request, user.get_username()))
