"""A fresh install has only our roles and our workflow.

Wagtail's first migrations create the groups "Moderators" (publish anywhere, skipping the
committee) and "Editors" (edit anywhere, skipping per-unit scoping) and a "Moderators
approval" workflow on the root page. Offered beside our roles they invite the wrong choice.
They are removed where nobody uses them; a site that already put people in them keeps them.
"""

from django.db import migrations

WAGTAIL_GROUPS = ["Moderators", "Editors"]
WAGTAIL_WORKFLOW = "Moderators approval"


def remove_wagtail_defaults(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    for workflow in Workflow.objects.filter(name=WAGTAIL_WORKFLOW):
        if WorkflowState.objects.filter(workflow=workflow).exists():
            continue
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        workflow.delete()
        unused = Task.objects.filter(pk__in=task_ids, name=WAGTAIL_WORKFLOW)
        unused.exclude(pk__in=TaskState.objects.values("task_id")).delete()

    Group.objects.filter(name__in=WAGTAIL_GROUPS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0003_role_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(remove_wagtail_defaults, migrations.RunPython.noop)]
