"""Who may see photographs that are not public: people who handle photographs in the admin."""

from wagtail.images import get_image_model
from wagtail.permissions import policy_registry


def can_handle_photographs(user):
    # Wagtail checks image permissions against wagtailimages.Image's, whatever the image model.
    policy = policy_registry.get_by_type(get_image_model())
    return user.is_authenticated and policy.user_has_any_permission(user, ["add", "change", "delete", "choose"])
