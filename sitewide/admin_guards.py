"""
What Wagtail's admin shows to a signed-in user who may not see it: the bulk-action confirmation
pages list the titles of every id asked for ("you don't have permission to delete these: ..."), tag
autocomplete lists every tag, and the page and document choosers list every page (drafts included)
and collection. Venue staff have admin access, so each of these is narrowed here to what the user
may see. Bulk-action ids are checked as integers first: Wagtail passes them to the database as they
come, and `?id=abc` was a 500.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, JsonResponse
from taggit.models import Tag, TaggedItem
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from gallery.models import Community, Photograph
from gallery.permissions import can_handle_photographs

from exhibit.request_input import parse_id

BULK_ACTION = "wagtail_bulk_action"
TAG_AUTOCOMPLETE = ("wagtailadmin_tag_autocomplete", "wagtailadmin_tag_model_autocomplete")
PAGE_LISTINGS = ("wagtailadmin_choose_page", "wagtailadmin_api:pages:")
DOCUMENT_LISTINGS = ("wagtaildocs_chooser:", "wagtailadmin_api:documents:")
ANY_ACTION = ["add", "change", "delete", "choose", "view"]


def may_explore_pages(user):
    return user.is_authenticated and PagePermissionPolicy().explorable_instances(user).exists()


def may_handle_documents(user):
    policy = policy_registry.get_by_type(get_document_model())
    return user.is_authenticated and policy.user_has_any_permission(user, ["add", "change", "delete", "choose"])


def may_see(user, obj):
    """Whether the admin may name `obj` to `user`: a page they may explore, an object they may act on."""
    if isinstance(obj, Page):
        return PagePermissionPolicy().explorable_instances(user).filter(pk=obj.pk).exists()
    return policy_registry.get(obj).user_has_any_permission_for_instance(user, ANY_ACTION, obj)


def visible_tags(tag_model):
    """Tags a user who does not handle photographs may be offered: none that only private photographs carry."""
    public = Photograph.objects.public().values("pk")
    if tag_model is Community:
        return Community.objects.filter(photographs__in=public).distinct()
    if tag_model is not Tag:
        return tag_model.objects.none()
    on_photographs = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Photograph))
    shown = on_photographs.filter(object_id__in=public).values("tag_id")
    return Tag.objects.exclude(pk__in=on_photographs.exclude(tag_id__in=shown).values("tag_id"))


def tag_autocomplete(request, tag_model):
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    names = visible_tags(tag_model).filter(name__istartswith=term).order_by("name").values_list("name", flat=True)
    return JsonResponse(list(names[:TAGS_AUTOCOMPLETE_LIMIT]), safe=False)


def tag_model_of(view_kwargs):
    if not view_kwargs.get("app_name"):
        return Tag
    try:
        return ContentType.objects.get_by_natural_key(view_kwargs["app_name"], view_kwargs["model_name"]).model_class()
    except ContentType.DoesNotExist:
        return None


class AdminDisclosureMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        # Signed-out visitors are Wagtail's to send to the login page, before any of this.
        name = match.view_name if match and request.user.is_authenticated else ""
        if name == BULK_ACTION:
            ids = request.GET.getlist("id")
            if any(value != "all" and parse_id(value) is None for value in ids):
                return HttpResponseBadRequest("Every id must be a whole number.", content_type="text/plain")
            if "childOf" in request.GET and parse_id(request.GET["childOf"]) is None:
                return HttpResponseBadRequest("childOf must be a whole number.", content_type="text/plain")
        elif name in TAG_AUTOCOMPLETE and not can_handle_photographs(request.user):
            tag_model = tag_model_of(view_kwargs)
            if tag_model is not None:  # else Wagtail answers 404 itself
                return tag_autocomplete(request, tag_model)
        elif name.startswith(PAGE_LISTINGS) and not may_explore_pages(request.user):
            raise PermissionDenied
        elif name.startswith(DOCUMENT_LISTINGS) and not may_handle_documents(request.user):
            raise PermissionDenied
        return None

    def process_template_response(self, request, response):
        match = request.resolver_match
        context = getattr(response, "context_data", None)
        if match and match.view_name == BULK_ACTION and context and "items_with_no_access" in context:
            context["items_with_no_access"] = [
                entry for entry in context["items_with_no_access"]
                if may_see(request.user, entry["item"] if isinstance(entry, dict) else entry)
            ]
        return response
