"""
Who is asking: the one address every per-client limit counts (password attempts, the API's rate
limit, uncached IIIF answers). Behind a proxy REMOTE_ADDR is the proxy's own address, so counting it
would put every visitor in one bucket: one busy client would lock all the others out.
"""

from django.conf import settings


def client_address(request):
    """REMOTE_ADDR, or the address the nearest of TRUSTED_PROXY_COUNT proxies was reached from."""
    proxies = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    # Each proxy appends the address it was reached from: the last `proxies` entries are theirs.
    return hops[-proxies] if len(hops) >= proxies else remote
