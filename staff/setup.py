"""Make the role groups, their permissions and the committee's workflow match staff.roles.

Idempotent and additive. Called by `manage.py setup_roles`, after every `migrate` and by the
demo loader.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from . import roles
from .permission_names import name_permissions_in_swedish


def resolve_permissions(names):
    """Permissions for "app_label.codename" or "app_label.*".

    A name that matches no permission is a mistake in the role table (a typo, a model that
    was renamed): it stops the setup with the names, instead of leaving a role short of a
    permission nobody notices is missing.
    """
    found, unknown = [], []
    for name in names:
        app_label, _, codename = name.partition(".")
        permissions = Permission.objects.filter(content_type__app_label=app_label)
        if codename != "*":
            permissions = permissions.filter(codename=codename)
        permissions = list(permissions)
        if not permissions:
            unknown.append(name)
        found.extend(permissions)
    if unknown:
        raise ImproperlyConfigured(
            "staff.roles names permissions that do not exist: " + ", ".join(sorted(unknown))
        )
    return found


def create_migration_made_permissions():
    """Create the permissions of roles.MIGRATION_MADE_PERMISSIONS that the database lacks.

    Against the content type their app's migration hangs them on (made here too when it is
    missing), so the role table never names a permission that a flush took away.
    """
    for name, (model, label) in roles.MIGRATION_MADE_PERMISSIONS.items():
        app_label, _, codename = name.partition(".")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": label}
        )


def _page_permission(action):
    page_type = ContentType.objects.get_for_model(Page)
    return Permission.objects.get(content_type=page_type, codename=f"{action}_page")


def _home_page():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or site.root_page.is_root():
        return None
    return site.root_page


def setup_roles(stdout=None):
    create_migration_made_permissions()
    name_permissions_in_swedish()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ROLE_GROUPS}

    for name, permission_names in roles.MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*resolve_permissions(permission_names))

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for name, permission_names in roles.COLLECTION_PERMISSIONS.items():
            for permission in resolve_permissions(permission_names):
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name], collection=root_collection, permission=permission
                )

    home = _home_page()
    if home is not None:
        # The home page in every language (docs/architecture.md, "Languages"): its Swedish
        # source, and its translations and aliases in the other languages' trees.
        homes = list(home.get_translations(inclusive=True))
        translated_homes = [page for page in homes if page.pk != home.pk]
        for pages, table in (
            (homes, roles.PAGE_PERMISSIONS),
            (translated_homes, roles.TRANSLATION_PAGE_PERMISSIONS),
        ):
            for name, actions in table.items():
                for page in pages:
                    for action in actions:
                        GroupPagePermission.objects.get_or_create(
                            group=groups[name], page=page, permission=_page_permission(action)
                        )
        workflow = _committee_workflow(groups[roles.APPROVER])
        for page in homes:
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})

    if stdout is not None:
        stdout.write(f"  roles: {', '.join(roles.ROLE_GROUPS)}")
        if home is None:
            stdout.write("  no home page yet: the approval workflow is assigned on the next run")
    return groups


def _committee_workflow(approvers):
    task = GroupApprovalTask.objects.filter(name=roles.TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=roles.TASK_NAME)
    task.groups.add(approvers)
    workflow, created = Workflow.objects.get_or_create(name=roles.WORKFLOW_NAME)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
        )
    return workflow
