"""
A NUL character in a query parameter names nothing the archive holds, and PostgreSQL refuses it in any
text comparison (a DataError, so a 500 wherever the value reached a filter). Django's form fields
refuse NUL already; query strings read outside a form are answered here, once, with a 400.
"""

from django.http import HttpResponseBadRequest

MESSAGE = "A query parameter contains a NUL character."


def has_null_character(query):
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())


class NullCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_null_character(request.GET):
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain")
        return self.get_response(request)
