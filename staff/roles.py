"""The staff roles as Wagtail groups, declared in one table.

`setup_roles` (a management command, also run after every `migrate` and by the demo loader)
makes the database match these tables. It only ever adds: a permission an administrator
granted by hand stays. A name that matches no permission stops it with an error.

Model permissions are "app_label.codename" or "app_label.*" (every permission of the app).
Page permissions are granted on the site's home page, so they reach every page below it;
collection permissions on the root collection. Unit editors get their page permissions
per unit instead, through `staff.sync` (see the design note there).
"""

UNIT_EDITOR = "Enhetsredaktör"
APPROVER = "Nämndens granskare"
FEEDBACK_HANDLER = "Synpunktshandläggare"
PROPOSAL_MODERATOR = "Moderator för e-förslag"
QUALITY_STAFF = "Kvalitetsstrateg"
ADMINISTRATOR = "Administratör"
AWARD_JURY = "Jury för kvalitetspriset"
TRANSLATOR = "Översättare"

ROLE_GROUPS = [
    UNIT_EDITOR,
    APPROVER,
    FEEDBACK_HANDLER,
    PROPOSAL_MODERATOR,
    QUALITY_STAFF,
    ADMINISTRATOR,
    AWARD_JURY,
    TRANSLATOR,
]

ADMIN_ACCESS = "wagtailadmin.access_admin"
EXPIRY_REPORT = "staff.view_expiry_report"

MODEL_PERMISSIONS = {
    UNIT_EDITOR: [
        ADMIN_ACCESS,
        EXPIRY_REPORT,
        "guarantees.view_committee",
        "feedback.view_feedback",
        # The unit's yearly follow-up, entered by its editor and published by quality staff;
        # guarantees/followup/permissions.py narrows these to the editor's units.
        "followup.view_yearlyfollowup",
        "followup.add_yearlyfollowup",
        "followup.change_yearlyfollowup",
    ],
    APPROVER: [
        ADMIN_ACCESS,
        EXPIRY_REPORT,
        "guarantees.view_committee",
        "proposals.view_proposal",
        "proposals.answer_proposal",
    ],
    FEEDBACK_HANDLER: [
        ADMIN_ACCESS,
        "feedback.view_feedback",
        "feedback.change_feedback",
        "feedback.add_replytemplate",
        "feedback.change_replytemplate",
        "feedback.view_replytemplate",
    ],
    PROPOSAL_MODERATOR: [
        ADMIN_ACCESS,
        "proposals.view_proposal",
        "proposals.change_proposal",
        "proposals.moderate_proposal",
    ],
    QUALITY_STAFF: [
        ADMIN_ACCESS,
        EXPIRY_REPORT,
        "followup.*",
        "kolada.change_koladasettings",
        "feedback.view_feedback",
        "feedback.compile_feedback",
        "proposals.view_proposal",
        "guarantees.view_committee",
        "staff.view_unitassignment",
        "award.add_awardround",
        "award.change_awardround",
        "award.view_awardround",
    ],
    ADMINISTRATOR: [
        ADMIN_ACCESS,
        EXPIRY_REPORT,
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
        "auth.view_group",
        "staff.*",
        "guarantees.*",
        "home.*",
        "feedback.*",
        "proposals.*",
        "followup.*",
        "award.*",
        "examples.*",
        "open311.*",
        "kolada.*",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.delete_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailcore.delete_task",
        "wagtailcore.add_collection",
        "wagtailcore.change_collection",
        "wagtailcore.delete_collection",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.delete_site",
        "wagtailredirects.*",
        "wagtailforms.*",
    ],
    # The quality award's jury sees confirmed nominations, shortlists and picks the winners.
    AWARD_JURY: [ADMIN_ACCESS, "award.judge_nomination"],
    # Translators start and update translations through wagtail-localize; what they may
    # edit are the pages of the other languages' trees (TRANSLATION_PAGE_PERMISSIONS).
    TRANSLATOR: [ADMIN_ACCESS, "wagtail_localize.submit_translation"],
}

# Permissions an app creates in a data migration instead of declaring them on a model, so a
# database flushed after `migrate` (a transactional test) lacks them, and Django's
# `post_migrate` does not make them again: "app_label.codename" -> (the model of its content
# type, its name as the app writes it). `setup_roles` creates what is missing.
MIGRATION_MADE_PERMISSIONS = {
    "wagtail_localize.submit_translation": ("translation", "Can submit translations"),
}

# Page permissions on the home page in every language (and so on every guarantee below it:
# the committee approves and publishes translations as it does their Swedish source).
PAGE_PERMISSIONS = {
    # The committee publishes: its approval task does, and it may take a guarantee down.
    # It cannot edit outside a task that waits for it (no "change").
    APPROVER: ["publish"],
    ADMINISTRATOR: ["add", "change", "publish", "bulk_delete", "lock", "unlock"],
}

# Page permissions on the home page of every language but Swedish: translators edit the
# translations, never the Swedish source, and publish nothing (a translation goes live
# through the committee's approval, like its source: staff/translations.py).
TRANSLATION_PAGE_PERMISSIONS = {TRANSLATOR: ["change"]}

# Collection permissions on the root collection: images and documents.
COLLECTION_PERMISSIONS = {
    UNIT_EDITOR: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
    ADMINISTRATOR: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    ],
}

# Unit editors: the per-unit groups of staff.sync get these page permissions on their unit
# (or service area). Never "publish": a guarantee goes live through the committee's task.
UNIT_EDITOR_PAGE_PERMISSIONS = ["add", "change"]
UNIT_EDITOR_GROUP_PREFIX = "Redaktörer: "

# The committee's approval of guarantees (seeds 002, 004), assigned to the home page of
# every language.
WORKFLOW_NAME = "Nämndens godkännande"
TASK_NAME = "Nämndens granskning"
