from django.conf import settings


def site(request):
    """What every public page's frame shows: the site's name and its main navigation."""
    path = request.path
    items = [("Home", "/")]
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "main_nav": [{"label": label, "url": url, "current": path == url} for label, url in items],
    }
