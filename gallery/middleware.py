"""Admin-side guards for photographs: a clear answer to a lost upload race, and who may list photographs."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from .models import DuplicateOriginal
from .permissions import can_handle_photographs

# Wagtail lets anyone with admin access list images through these (titles, alt text, keywords of
# every photograph, consent withheld or not). Venue staff have admin access; photographs are for
# curators.
PHOTOGRAPH_LISTING_NAMESPACES = ("wagtailimages_chooser", "wagtailadmin_api:images")


class PhotographAdminMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        namespace = request.resolver_match.namespace if request.resolver_match else ""
        if namespace.startswith(PHOTOGRAPH_LISTING_NAMESPACES) and not can_handle_photographs(request.user):
            raise PermissionDenied
        return None

    def process_exception(self, request, exception):
        if not isinstance(exception, DuplicateOriginal):
            return None
        message = str(exception)
        if request.headers.get("x-requested-with") == "XMLHttpRequest" or "json" in request.headers.get("accept", ""):
            return JsonResponse({"success": False, "error_message": message}, status=409)
        return HttpResponse(message, status=409, content_type="text/plain; charset=utf-8")
