"""Turns a lost upload race into a clear answer instead of a server error."""

from django.http import HttpResponse, JsonResponse

from .models import DuplicateOriginal


class DuplicateOriginalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DuplicateOriginal):
            return None
        message = str(exception)
        if request.headers.get("x-requested-with") == "XMLHttpRequest" or "json" in request.headers.get("accept", ""):
            return JsonResponse({"success": False, "error_message": message}, status=409)
        return HttpResponse(message, status=409, content_type="text/plain; charset=utf-8")
