"""Permission names in the site's language.

Django stores a permission's name once, when `migrate` creates it: "Can add sida" for its
own four actions, and the model's `Meta.permissions` name untranslated for the rest ("Publish
any page"). The administrator's group screens list these names (as labels and in the page
permission chooser), so the role setup, run after every `migrate`, writes them in Swedish:
Django's actions here, the rest through the catalogues (Wagtail's, and ours where it lacks).
A name an administrator wrote by hand is left alone.
"""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

ACTIONS = {
    "add": gettext_lazy("Kan lägga till %(model)s"),
    "change": gettext_lazy("Kan ändra %(model)s"),
    "delete": gettext_lazy("Kan radera %(model)s"),
    "view": gettext_lazy("Kan visa %(model)s"),
}
NAME_LENGTH = Permission._meta.get_field("name").max_length


def translated_name(permission, model):
    action, _, model_name = permission.codename.partition("_")
    meta = model._meta
    if action in ACTIONS and model_name == meta.model_name:
        if permission.name == f"Can {action} {meta.verbose_name_raw}":
            return str(ACTIONS[action] % {"model": meta.verbose_name})
        return permission.name
    return gettext(permission.name)


def name_permissions_in_swedish():
    """Rename the permissions still named in English; answers how many were renamed."""
    renamed = []
    with translation.override(settings.LANGUAGE_CODE):
        for permission in Permission.objects.select_related("content_type"):
            model = permission.content_type.model_class()
            if model is None:  # a model removed from the code, its rows still there
                continue
            name = translated_name(permission, model)[:NAME_LENGTH]
            if name != permission.name:
                permission.name = name
                renamed.append(permission)
    Permission.objects.bulk_update(renamed, ["name"])
    return len(renamed)
