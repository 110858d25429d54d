"""
Security headers, site-wide (password forms are throttled by sitewide.password_throttle).

Public pages get a Content Security Policy with no 'unsafe-inline' for scripts or styles (JSON-LD
data blocks are not executed, so they need no exception). The Wagtail admin needs inline scripts of its own
and keeps Django's defaults.
"""

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


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(ADMIN_PREFIXES):
            response.setdefault("Content-Security-Policy", PUBLIC_CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
