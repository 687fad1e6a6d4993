"""Who may GET and POST each URL pattern of the site: one entry per pattern, Wagtail's included.

Checked by tests/staff/test_access_table.py for every role of staff/roles.py, anonymous and
the superuser, against the objects of tests/sweeps.py's world (the unit editor and the feedback
handler have the first service area; "other unit" means the second).

Allowed: the request reaches the view (not a redirect to the login page or to the admin home,
not 403 or 404; a redirect to the admin home with the view's success message is a view that
did its work). Refused: one of those, and nothing written to the database.

Keys, most specific first: the full route as written in the URLconf, the URL name
("namespace:name"), or "namespace:*" for a Wagtail namespace whose views are uniform. A URL
without an entry fails the test, so adding a URL means adding a line here. A role added to the
role table is refused everywhere that does not name it (STAFF and EVERYONE include it).
"""

from typing import NamedTuple

from staff import roles
from tests.sweeps import ANONYMOUS, SUPERUSER

EDITOR = roles.UNIT_EDITOR
APPROVER = roles.APPROVER
HANDLER = roles.FEEDBACK_HANDLER
MODERATOR = roles.PROPOSAL_MODERATOR
QUALITY = roles.QUALITY_STAFF
ADMINISTRATOR = roles.ADMINISTRATOR
JURY = roles.AWARD_JURY
TRANSLATOR = roles.TRANSLATOR

NOBODY = frozenset()
SUPER = frozenset({SUPERUSER})
ADMINS = frozenset({ADMINISTRATOR, SUPERUSER})
STAFF = frozenset(roles.ROLE_GROUPS) | SUPER
EVERYONE = STAFF | {ANONYMOUS}


# The unit's editor enters its follow-up, quality staff review and publish (editors change
# only their own units' unpublished follow-ups and read the published ones:
# tests/followup/test_fixed_rows_and_publishing.py).
FOLLOW_UP = ADMINS | {QUALITY, EDITOR}
# Everyone with a page permission somewhere: editors (their units), the committee, and
# translators (the other languages' trees) see the explorer, page search and page reports.
PAGE_PEOPLE = ADMINS | {EDITOR, APPROVER, TRANSLATOR}
# Translators start translations (wagtail-localize's permission); they and administrators
# edit the translated pages (page permissions on the other languages' home pages).
TRANSLATORS = frozenset({TRANSLATOR, SUPERUSER})
PAGE_TRANSLATORS = ADMINS | {TRANSLATOR}


class Access(NamedTuple):
    get: frozenset
    post: frozenset


# Notes on entries that look odd:
# - NOBODY on a Wagtail view: the view needs an object this site never has (form pages,
#   aliases, translations of snippets, child collections) and answers 404 to everyone.
# - A GET allowed to STAFF on a POST-only view: it answers 405 to every logged-in person and
#   shows nothing; the POST is what is guarded.
ACCESS = {
    "wagtailadmin_home": Access(STAFF, STAFF),
    "admin/test404/": Access(STAFF, STAFF),
    "wagtailadmin_error_test": Access(STAFF, STAFF),
    "wagtailadmin_explore_root": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_explore": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_explore_results": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtail_bulk_action": Access(NOBODY, NOBODY),
    "wagtailadmin_choose_page": Access(STAFF, STAFF),
    "wagtailadmin_choose_page_child": Access(STAFF, STAFF),
    "wagtailadmin_choose_page_search": Access(STAFF, STAFF),
    "wagtailadmin_choose_page_chosen_multiple": Access(STAFF, STAFF),
    # Repaired views routed before Wagtail's (home/admin_urls.py): keyed by route, which
    # Wagtail's shadowed pattern shares.
    "admin/choose-external-link/": Access(STAFF, STAFF),
    "wagtailadmin_choose_page_email_link": Access(STAFF, STAFF),
    "wagtailadmin_choose_page_phone_link": Access(STAFF, STAFF),
    "wagtailadmin_choose_page_anchor_link": Access(STAFF, STAFF),
    "wagtailadmin_tag_autocomplete": Access(STAFF, STAFF),
    "wagtailadmin_tag_model_autocomplete": Access(NOBODY, NOBODY),
    "wagtailadmin_account": Access(STAFF, STAFF),
    # Logging out is a POST; it ends at the login page with Wagtail's "logged out" message.
    "wagtailadmin_logout": Access(STAFF, STAFF),
    "wagtailadmin_dismissibles": Access(STAFF, STAFF),
    "wagtailadmin_block_preview": Access(NOBODY, STAFF),
    "staff_expiring_guarantees": Access(
        ADMINS | {EDITOR, APPROVER, QUALITY}, ADMINS | {EDITOR, APPROVER, QUALITY}
    ),
    "staff_expiring_guarantees_results": Access(
        ADMINS | {EDITOR, APPROVER, QUALITY}, ADMINS | {EDITOR, APPROVER, QUALITY}
    ),
    "wagtailadmin_sprite": Access(EVERYONE, EVERYONE),
    "wagtailadmin_login": Access({ANONYMOUS}, EVERYONE),
    "wagtailadmin_password_reset": Access(EVERYONE, EVERYONE),
    "wagtailadmin_password_reset_done": Access(EVERYONE, EVERYONE),
    "wagtailadmin_password_reset_confirm": Access(EVERYONE, EVERYONE),
    "wagtailadmin_password_reset_complete": Access(EVERYONE, EVERYONE),
    "wagtailadmin_javascript_catalog": Access(EVERYONE, EVERYONE),
    "admin/^.*/$": Access(NOBODY, NOBODY),
    "wagtaildocs_serve": Access(EVERYONE, EVERYONE),
    "wagtaildocs_authenticate_with_password": Access(NOBODY, NOBODY),
    "healthz": Access(EVERYONE, EVERYONE),
    "wagtailcore_authenticate_with_password": Access(EVERYONE, EVERYONE),
    "wagtailcore_login": Access(EVERYONE, EVERYONE),
    "wagtail_serve": Access(EVERYONE, EVERYONE),
    "wagtailadmin_api:pages:listing": Access(STAFF, STAFF),
    "wagtailadmin_api:pages:detail": Access(ADMINS | {EDITOR, APPROVER}, STAFF),
    "wagtailadmin_api:pages:find": Access(NOBODY, STAFF),
    "wagtailadmin_api:pages:action": Access(STAFF, NOBODY),
    "wagtailadmin_api:documents:listing": Access(STAFF, STAFF),
    "wagtailadmin_api:documents:detail": Access(STAFF, STAFF),
    "wagtailadmin_api:documents:find": Access(NOBODY, STAFF),
    "wagtailadmin_api:images:listing": Access(STAFF, STAFF),
    "wagtailadmin_api:images:detail": Access(STAFF, STAFF),
    "wagtailadmin_api:images:find": Access(NOBODY, STAFF),
    "wagtailadmin_pages:add": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtailadmin_pages:preview_on_add": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtailadmin_pages:type_use": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_pages:choose_parent": Access(NOBODY, NOBODY),
    "wagtailadmin_pages:type_use_results": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_pages:usage": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtailadmin_pages:edit": Access(ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}),
    "wagtailadmin_pages:preview_on_edit": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtailadmin_pages:view_draft": Access(
        ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}
    ),
    "wagtailadmin_pages:add_subpage": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtailadmin_pages:delete": Access(ADMINS, ADMINS),
    "wagtailadmin_pages:unpublish": Access(SUPER | {APPROVER}, SUPER | {APPROVER}),
    "wagtailadmin_pages:convert_alias": Access(NOBODY, NOBODY),
    "wagtailadmin_pages:search": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_pages:search_results": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_pages:move": Access(ADMINS, ADMINS),
    "wagtailadmin_pages:move_confirm": Access(STAFF, ADMINS),
    "wagtailadmin_pages:set_page_position": Access(STAFF, ADMINS),
    "wagtailadmin_pages:copy": Access(ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}),
    "wagtailadmin_pages:workflow_action": Access(SUPER | {APPROVER}, SUPER | {APPROVER}),
    "wagtailadmin_pages:collect_workflow_action_data": Access(
        SUPER | {APPROVER}, SUPER | {APPROVER}
    ),
    "wagtailadmin_pages:confirm_workflow_cancellation": Access(STAFF, STAFF),
    "wagtailadmin_pages:workflow_preview": Access(SUPER | {APPROVER}, STAFF),
    "wagtailadmin_pages:set_privacy": Access(ADMINS, ADMINS),
    "wagtailadmin_pages:lock": Access(STAFF, SUPER | {APPROVER}),
    "wagtailadmin_pages:unlock": Access(STAFF, SUPER),
    "wagtailadmin_pages:revisions_index": Access(STAFF, STAFF),
    "wagtailadmin_pages:revisions_view": Access(
        ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}
    ),
    "wagtailadmin_pages:revisions_revert": Access(
        ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}
    ),
    "wagtailadmin_pages:revisions_unschedule": Access(ADMINS | {APPROVER}, ADMINS | {APPROVER}),
    "wagtailadmin_pages:revisions_compare": Access(
        ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}
    ),
    "wagtailadmin_pages:workflow_history": Access(
        ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}
    ),
    "wagtailadmin_pages:workflow_history_detail": Access(
        ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}
    ),
    # Answered by staff_page_history (same path, ahead of Wagtail's): approvers too.
    "wagtailadmin_pages:history": Access(ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}),
    "wagtailadmin_pages:history_results": Access(
        ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}
    ),
    "staff_page_history": Access(ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}),
    "staff_page_history_results": Access(ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}),
    # Wagtail's editor, workflow action and comparison, answered ahead of Wagtail's on the same
    # paths with a message after each decision (staff/urls.py): the same access.
    "staff_page_edit": Access(ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}),
    "staff_workflow_action": Access(SUPER | {APPROVER}, SUPER | {APPROVER}),
    "staff_revisions_compare": Access(ADMINS | {EDITOR, APPROVER}, ADMINS | {EDITOR, APPROVER}),
    "wagtailadmin_collections:index": Access(SUPER, SUPER),
    "wagtailadmin_collections:add": Access(SUPER, SUPER),
    "wagtailadmin_collections:edit": Access(SUPER, SUPER),
    "wagtailadmin_collections:delete": Access(SUPER, SUPER),
    "wagtailadmin_collections:set_privacy": Access(SUPER, SUPER),
    "wagtailadmin_workflows:index": Access(ADMINS, ADMINS),
    "wagtailadmin_workflows:index_results": Access(ADMINS, ADMINS),
    "wagtailadmin_workflows:add": Access(ADMINS, ADMINS),
    "wagtailadmin_workflows:enable": Access(STAFF, ADMINS),
    "wagtailadmin_workflows:disable": Access(ADMINS, ADMINS),
    "admin/workflows/edit/<int:pk>/": Access(ADMINS, ADMINS),
    "wagtailadmin_workflows:usage": Access(ADMINS, ADMINS),
    "wagtailadmin_workflows:usage_results": Access(ADMINS, ADMINS),
    "admin/workflows/remove/<int:page_pk>/": Access(STAFF, ADMINS),
    "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/": Access(STAFF, ADMINS),
    "wagtailadmin_workflows:add_task": Access(ADMINS, ADMINS),
    "wagtailadmin_workflows:select_task_type": Access(ADMINS, ADMINS),
    "wagtailadmin_workflows:task_index": Access(ADMINS, ADMINS),
    "wagtailadmin_workflows:task_index_results": Access(ADMINS, ADMINS),
    "wagtailadmin_workflows:edit_task": Access(ADMINS, ADMINS),
    "wagtailadmin_workflows:disable_task": Access(ADMINS, ADMINS),
    "wagtailadmin_workflows:enable_task": Access(STAFF, ADMINS),
    "wagtailadmin_workflows:task_chooser": Access(STAFF, STAFF),
    "wagtailadmin_workflows:task_chooser_results": Access(STAFF, STAFF),
    "wagtailadmin_workflows:task_chooser_create": Access(STAFF, STAFF),
    "wagtailadmin_workflows:task_chosen": Access(STAFF, STAFF),
    "wagtailadmin_reports:locked_pages": Access(ADMINS, ADMINS),
    "wagtailadmin_reports:locked_pages_results": Access(ADMINS, ADMINS),
    "wagtailadmin_reports:workflow": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_reports:workflow_results": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_reports:workflow_tasks": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_reports:workflow_tasks_results": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_reports:site_history": Access(STAFF, STAFF),
    "wagtailadmin_reports:site_history_results": Access(STAFF, STAFF),
    "wagtailadmin_reports:aging_pages": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_reports:aging_pages_results": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_reports:page_types_usage": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_reports:page_types_usage_results": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailadmin_editing_sessions:ping": Access(STAFF, ADMINS | {EDITOR, APPROVER}),
    "wagtailadmin_editing_sessions:release": Access(STAFF, STAFF),
    "admin/settings/<slug:app_name>/<slug:model_name>/": Access(ADMINS, ADMINS),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": Access(ADMINS, ADMINS),
    "wagtailsettings:preview_on_edit": Access(NOBODY, NOBODY),
    "wagtailforms:index": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailforms:index_results": Access(PAGE_PEOPLE, PAGE_PEOPLE),
    "wagtailforms:list_submissions": Access(NOBODY, NOBODY),
    "wagtailforms:list_submissions_results": Access(NOBODY, NOBODY),
    "wagtailforms:delete_submissions": Access(NOBODY, NOBODY),
    "wagtailredirects:*": Access(ADMINS, ADMINS),
    "admin/redirects/import/process/": Access(ADMINS, ADMINS),
    # Wagtail's sites listing with Swedish column heads (home/admin_repairs.py).
    "admin/sites/": Access(ADMINS, ADMINS),
    "admin/sites/results/": Access(ADMINS, ADMINS),
    # No snippet chooser of ours has a creation form: its create step is 404 for everyone
    # (home/admin_repairs.snippet_chooser_create answers for all of them).
    "admin/snippets/choose/<slug:app_label>/<slug:model_name>/create/": Access(NOBODY, NOBODY),
    # Translations (wagtail-localize, staff/roles.py): translators start, update and edit
    # them, in the other languages' trees only; nobody here publishes a Swedish page.
    "wagtail_localize:javascript_catalog": Access(STAFF, STAFF),
    "wagtail_localize:submit_page_translation": Access(TRANSLATORS, TRANSLATORS),
    # Committees are not translatable: no snippet has a translation to start or read.
    "wagtail_localize:submit_snippet_translation": Access(NOBODY, NOBODY),
    "wagtail_localize:snippets_api_detail": Access(NOBODY, STAFF),
    "wagtail_localize:snippets_api_listing": Access(STAFF, STAFF),
    "wagtail_localize:update_translations": Access(TRANSLATORS, TRANSLATORS),
    # The editor's string API takes PUT and DELETE, each checked against the page; any
    # other method is 405 to everyone logged in.
    "wagtail_localize:edit_string_translation": Access(STAFF, STAFF),
    "wagtail_localize:edit_override": Access(STAFF, STAFF),
    # Those who may edit the translated page (translators, administrators).
    "wagtail_localize:download_pofile": Access(PAGE_TRANSLATORS, PAGE_TRANSLATORS),
    "wagtail_localize:upload_pofile": Access(STAFF, PAGE_TRANSLATORS),
    "wagtail_localize:preview_translation": Access(PAGE_TRANSLATORS, PAGE_TRANSLATORS),
    "admin/localize/translate/<int:translation_id>/preview/<str:mode>/": Access(NOBODY, NOBODY),
    "wagtail_localize:convert_to_alias": Access(PAGE_TRANSLATORS, PAGE_TRANSLATORS),
    "staff_translation_for_approval": Access(PAGE_TRANSLATORS, PAGE_TRANSLATORS),
    # No machine translator is configured: it sends everyone back. Stopping a translation
    # is for those who may edit the translated page (wagtail-localize checks just that).
    "wagtail_localize:machine_translate": Access(STAFF, NOBODY),
    "wagtail_localize:stop_translation": Access(STAFF, PAGE_TRANSLATORS),
    "wagtail_localize:translations_report": Access(STAFF, STAFF),
    "wagtail_localize:translations_report_results": Access(STAFF, STAFF),
    "wagtaillocales:*": Access(SUPER, SUPER),
    "wagtailembeds:*": Access(STAFF, STAFF),
    "wagtailsnippets:index": Access(
        ADMINS | {EDITOR, APPROVER, HANDLER, QUALITY}, ADMINS | {EDITOR, APPROVER, HANDLER, QUALITY}
    ),
    "wagtaildocs:index": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtaildocs:index_results": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtaildocs:add": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtaildocs:edit": Access(ADMINS, ADMINS),
    "wagtaildocs:delete": Access(ADMINS, ADMINS),
    "wagtaildocs:add_multiple": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtaildocs:edit_multiple": Access(STAFF, ADMINS),
    "wagtaildocs:create_multiple_from_uploaded_document": Access(STAFF, NOBODY),
    "wagtaildocs:delete_multiple": Access(STAFF, ADMINS),
    "wagtaildocs:delete_upload_multiple": Access(STAFF, NOBODY),
    "wagtaildocs:document_usage": Access(ADMINS, ADMINS),
    "wagtailimages:index": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtailimages:index_results": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtailimages:edit": Access(ADMINS, ADMINS),
    "wagtailimages:delete": Access(ADMINS, ADMINS),
    "wagtailimages:url_generator": Access(NOBODY, ADMINS | {EDITOR}),
    "wagtailimages:url_generator_output": Access(NOBODY, ADMINS | {EDITOR}),
    "wagtailimages:preview": Access(ADMINS, ADMINS),
    "wagtailimages:add": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtailimages:image_usage": Access(ADMINS, ADMINS),
    "wagtailimages:add_multiple": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtailimages:edit_multiple": Access(STAFF, ADMINS),
    "wagtailimages:create_multiple_from_uploaded_image": Access(STAFF, NOBODY),
    "wagtailimages:delete_multiple": Access(STAFF, ADMINS),
    "wagtailimages:delete_upload_multiple": Access(STAFF, NOBODY),
    "wagtailsnippets_guarantees_committee:list": Access(
        ADMINS | {EDITOR, APPROVER, QUALITY}, ADMINS | {EDITOR, APPROVER, QUALITY}
    ),
    "wagtailsnippets_guarantees_committee:list_results": Access(
        ADMINS | {EDITOR, APPROVER, QUALITY}, ADMINS | {EDITOR, APPROVER, QUALITY}
    ),
    "wagtailsnippets_guarantees_committee:add": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_committee:edit": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_committee:delete": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_committee:usage": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_committee:history": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_committee:history_results": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_committee:copy": Access(ADMINS, ADMINS),
    "wagtailsnippetchoosers_guarantees_committee:choose": Access(STAFF, STAFF),
    "wagtailsnippetchoosers_guarantees_committee:choose_results": Access(STAFF, STAFF),
    "wagtailsnippetchoosers_guarantees_committee:chosen": Access(STAFF, STAFF),
    "wagtailsnippetchoosers_guarantees_committee:chosen_multiple": Access(STAFF, STAFF),
    "wagtailsnippetchoosers_guarantees_committee:create": Access(NOBODY, NOBODY),
    # The districts' outlines for the public map: the administrator's, like the committees.
    "wagtailsnippets_guarantees_district:list": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_district:list_results": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_district:add": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_district:edit": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_district:delete": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_district:usage": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_district:history": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_district:history_results": Access(ADMINS, ADMINS),
    "wagtailsnippets_guarantees_district:copy": Access(ADMINS, ADMINS),
    "wagtailsnippetchoosers_guarantees_district:choose": Access(STAFF, STAFF),
    "wagtailsnippetchoosers_guarantees_district:choose_results": Access(STAFF, STAFF),
    "wagtailsnippetchoosers_guarantees_district:chosen": Access(STAFF, STAFF),
    "wagtailsnippetchoosers_guarantees_district:chosen_multiple": Access(STAFF, STAFF),
    "wagtailsnippetchoosers_guarantees_district:create": Access(NOBODY, NOBODY),
    "wagtailsnippets_followup_yearlyfollowup:list": Access(FOLLOW_UP, FOLLOW_UP),
    "wagtailsnippets_followup_yearlyfollowup:list_results": Access(FOLLOW_UP, FOLLOW_UP),
    "wagtailsnippets_followup_yearlyfollowup:add": Access(FOLLOW_UP, FOLLOW_UP),
    "wagtailsnippets_followup_yearlyfollowup:edit": Access(FOLLOW_UP, FOLLOW_UP),
    "wagtailsnippets_followup_yearlyfollowup:delete": Access(
        ADMINS | {QUALITY}, ADMINS | {QUALITY}
    ),
    "wagtailsnippets_followup_yearlyfollowup:inspect": Access(FOLLOW_UP, FOLLOW_UP),
    "wagtailsnippets_followup_yearlyfollowup:publish": Access(
        ADMINS | {QUALITY}, ADMINS | {QUALITY}
    ),
    "wagtailsnippets_followup_yearlyfollowup:unpublish": Access(
        ADMINS | {QUALITY}, ADMINS | {QUALITY}
    ),
    "wagtailsnippets_followup_yearlyfollowup:usage": Access(FOLLOW_UP, FOLLOW_UP),
    "wagtailsnippets_followup_yearlyfollowup:history": Access(FOLLOW_UP, FOLLOW_UP),
    "wagtailsnippets_followup_yearlyfollowup:history_results": Access(FOLLOW_UP, FOLLOW_UP),
    "wagtailsnippetchoosers_followup_yearlyfollowup:choose": Access(STAFF, STAFF),
    "wagtailsnippetchoosers_followup_yearlyfollowup:choose_results": Access(STAFF, STAFF),
    "wagtailsnippetchoosers_followup_yearlyfollowup:chosen": Access(STAFF, STAFF),
    "wagtailsnippetchoosers_followup_yearlyfollowup:chosen_multiple": Access(STAFF, STAFF),
    "wagtailsnippetchoosers_followup_yearlyfollowup:create": Access(NOBODY, NOBODY),
    "kvalitetsrapport:index": Access(ADMINS | {QUALITY}, ADMINS | {QUALITY}),
    "kvalitetsrapport:print": Access(ADMINS | {QUALITY}, ADMINS | {QUALITY}),
    "kvalitetsrapport:csv": Access(ADMINS | {QUALITY}, ADMINS | {QUALITY}),
    "feedback_inbox:index": Access(
        ADMINS | {EDITOR, HANDLER, QUALITY}, ADMINS | {EDITOR, HANDLER, QUALITY}
    ),
    "feedback_inbox:index_results": Access(
        ADMINS | {EDITOR, HANDLER, QUALITY}, ADMINS | {EDITOR, HANDLER, QUALITY}
    ),
    "feedback_inbox:add": Access(NOBODY, NOBODY),
    "feedback_inbox:edit": Access(SUPER | {HANDLER}, SUPER | {HANDLER}),
    "feedback_inbox:delete": Access(SUPER, SUPER),
    "feedback_inbox:history": Access(SUPER | {HANDLER}, SUPER | {HANDLER}),
    "feedback_inbox:history_results": Access(SUPER | {HANDLER}, SUPER | {HANDLER}),
    "feedback_inbox:usage": Access(SUPER | {HANDLER}, SUPER | {HANDLER}),
    "proposals_admin:index": Access(ADMINS | {APPROVER, MODERATOR}, ADMINS | {APPROVER, MODERATOR}),
    "proposals_admin:index_results": Access(
        ADMINS | {APPROVER, MODERATOR}, ADMINS | {APPROVER, MODERATOR}
    ),
    "proposals_admin:add": Access(NOBODY, NOBODY),
    "proposals_admin:edit": Access(ADMINS | {APPROVER, MODERATOR}, ADMINS | {APPROVER, MODERATOR}),
    **{
        f"proposals_admin:{name}": Access(ADMINS | {MODERATOR}, ADMINS | {MODERATOR})
        for name in (
            "publish",
            "reject",
            "personal_data",
            "remove",
            "area",
            "traffic",
            "invalidate",
        )
    },
    "proposals_admin:answer": Access(ADMINS | {APPROVER}, ADMINS | {APPROVER}),
    **{
        f"proposals_invalidations:{name}": Access(ADMINS | {MODERATOR}, ADMINS | {MODERATOR})
        for name in ("index", "index_results", "inspect", "restore")
    },
    # An invalidation is made and restored, never edited: its audit is the list itself.
    **{
        f"proposals_invalidations:{name}": Access(NOBODY, NOBODY)
        for name in ("add", "edit", "delete", "usage", "history", "history_results")
    },
    # The inbox: a case is read by its unit's editors and handlers, changed by its handlers.
    "feedback_inbox:case": Access(SUPER | {EDITOR, HANDLER}, SUPER | {EDITOR, HANDLER}),
    **{
        f"feedback_inbox:{name}": Access(SUPER | {HANDLER}, SUPER | {HANDLER})
        for name in ("assign_to_me", "assign", "reply", "action", "note", "move", "close")
    },
    "feedback_inbox:compilation": Access(
        ADMINS | {EDITOR, HANDLER, QUALITY}, ADMINS | {EDITOR, HANDLER, QUALITY}
    ),
    # Reply templates: handlers keep their own; administrators all of feedback.
    "wagtailsnippets_feedback_replytemplate:*": Access(ADMINS | {HANDLER}, ADMINS | {HANDLER}),
    "wagtailsnippets_feedback_replytemplate:delete": Access(ADMINS, ADMINS),
    # Wagtail's choosers list snippets to anyone in the admin; reply templates are no secret.
    "wagtailsnippetchoosers_feedback_replytemplate:*": Access(STAFF, STAFF),
    "wagtailsnippetchoosers_feedback_replytemplate:create": Access(NOBODY, NOBODY),
    # The quality award: public nomination; the jury decides; quality staff run the rounds.
    "award:*": Access(EVERYONE, EVERYONE),
    # A year's page exists once the jury has decided; the sweep's round is still open.
    "award:year": Access(NOBODY, EVERYONE),
    "award_nominations:*": Access(ADMINS | {JURY}, ADMINS | {JURY}),
    # Nominations come from residents and stay: the record of who was nominated and why.
    "award_nominations:add": Access(NOBODY, NOBODY),
    "award_nominations:delete": Access(NOBODY, NOBODY),
    "award_rounds:*": Access(ADMINS | {QUALITY}, ADMINS | {QUALITY}),
    "award_rounds:delete": Access(ADMINS, ADMINS),
    # Open311: anyone reads; filing needs an app's key, which no session carries.
    "open311:*": Access(EVERYONE, EVERYONE),
    # Any other .json or .xml path under the endpoint: the specification's 404 error.
    "open311:unknown": Access(NOBODY, NOBODY),
    "open311_clients:*": Access(ADMINS, ADMINS),
    # The page for app developers.
    "open311_docs:*": Access(EVERYONE, EVERYONE),
    # Kolada: the public comparisons; the key-figure chooser for whoever edits commitments.
    "kolada:*": Access(EVERYONE, EVERYONE),
    "kolada_kpi_chooser:*": Access(STAFF, STAFF),
    # The record of the nightly Kolada imports: for operators (quality staff see the last run
    # on the Kolada settings).
    "kolada_runs:*": Access(ADMINS, ADMINS),
    "proposals_admin:delete": Access(ADMINS, ADMINS),
    "proposals_admin:history": Access(
        ADMINS | {APPROVER, MODERATOR}, ADMINS | {APPROVER, MODERATOR}
    ),
    "proposals_admin:history_results": Access(
        ADMINS | {APPROVER, MODERATOR}, ADMINS | {APPROVER, MODERATOR}
    ),
    "proposals_admin:usage": Access(ADMINS | {APPROVER, MODERATOR}, ADMINS | {APPROVER, MODERATOR}),
    "proposals_blocked_domains:index": Access(ADMINS, ADMINS),
    "proposals_blocked_domains:index_results": Access(ADMINS, ADMINS),
    "proposals_blocked_domains:add": Access(ADMINS, ADMINS),
    "proposals_blocked_domains:edit": Access(ADMINS, ADMINS),
    "proposals_blocked_domains:delete": Access(ADMINS, ADMINS),
    "proposals_blocked_domains:history": Access(ADMINS, ADMINS),
    "proposals_blocked_domains:history_results": Access(ADMINS, ADMINS),
    "proposals_blocked_domains:usage": Access(ADMINS, ADMINS),
    "proposals_blocked_domains:copy": Access(ADMINS, ADMINS),
    "unit_assignments:index": Access(ADMINS | {QUALITY}, ADMINS | {QUALITY}),
    "unit_assignments:index_results": Access(ADMINS | {QUALITY}, ADMINS | {QUALITY}),
    "unit_assignments:add": Access(ADMINS, ADMINS),
    "unit_assignments:edit": Access(ADMINS, ADMINS),
    "unit_assignments:delete": Access(ADMINS, ADMINS),
    "unit_assignments:history": Access(ADMINS, ADMINS),
    "unit_assignments:history_results": Access(ADMINS, ADMINS),
    "unit_assignments:usage": Access(ADMINS, ADMINS),
    "unit_assignments:copy": Access(ADMINS, ADMINS),
    "wagtailsites:*": Access(ADMINS, ADMINS),
    "wagtailusers_users:*": Access(ADMINS, ADMINS),
    "wagtailusers_groups:*": Access(ADMINS, ADMINS),
    "wagtaildocs_chooser:choose": Access(STAFF, STAFF),
    "wagtaildocs_chooser:choose_results": Access(STAFF, STAFF),
    "wagtaildocs_chooser:chosen": Access(NOBODY, STAFF),
    "wagtaildocs_chooser:chosen_multiple": Access(STAFF, STAFF),
    "wagtaildocs_chooser:create": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtailimages_chooser:choose": Access(STAFF, STAFF),
    "wagtailimages_chooser:choose_results": Access(STAFF, STAFF),
    "wagtailimages_chooser:chosen": Access(ADMINS | {EDITOR}, STAFF),
    "wagtailimages_chooser:chosen_multiple": Access(STAFF, STAFF),
    "wagtailimages_chooser:create": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "wagtailimages_chooser:select_format": Access(ADMINS | {EDITOR}, ADMINS | {EDITOR}),
    "feedback:general": Access(EVERYONE, EVERYONE),
    "feedback:unit_submit": Access(EVERYONE, EVERYONE),
    "feedback:form_parts": Access(EVERYONE, EVERYONE),
    "feedback:receipt": Access(NOBODY, EVERYONE),
    "feedback:track": Access(EVERYONE, EVERYONE),
    "proposals:list": Access(EVERYONE, EVERYONE),
    "proposals:new": Access(EVERYONE, EVERYONE),
    "proposals:sent": Access(EVERYONE, EVERYONE),
    "proposals:confirm": Access(EVERYONE, EVERYONE),
    "proposals:export_json": Access(EVERYONE, EVERYONE),
    "proposals:export_csv": Access(EVERYONE, EVERYONE),
    "proposals:open_data": Access(EVERYONE, EVERYONE),
    "proposals:detail": Access(EVERYONE, EVERYONE),
    "proposals:vote_sent": Access(EVERYONE, EVERYONE),
    "proposals:vote_begin": Access(EVERYONE, EVERYONE),
    "proposals:vote_callback": Access(EVERYONE, EVERYONE),
    # Where the e-ID broker sends a signed proposal back (400 without a sign-in of this session).
    "proposals:new_signed": Access(EVERYONE, EVERYONE),
    # The broker's one redirect URI, handing its answer on; staff sign-in exists only when the
    # municipality's provider is configured (not in the sweep: 404), and takes no POST.
    "identity:resident_return": Access(EVERYONE, EVERYONE),
    "identity:staff_begin": Access(NOBODY, EVERYONE),
    "identity:staff_return": Access(NOBODY, EVERYONE),
    "search:search": Access(EVERYONE, EVERYONE),
    "search:suggest": Access(EVERYONE, EVERYONE),
    "find_unit": Access(EVERYONE, EVERYONE),
    "wagtailapi:pages:listing": Access(EVERYONE, EVERYONE),
    "wagtailapi:pages:detail": Access(EVERYONE, EVERYONE),
    "wagtailapi:pages:find": Access(NOBODY, EVERYONE),
    "followup:report_index": Access(EVERYONE, EVERYONE),
    "followup:public_report": Access(EVERYONE, EVERYONE),
    "followup:public_report_csv": Access(EVERYONE, EVERYONE),
}

# The same URL with the other unit's object (its guarantee, service area or feedback case):
# unit-scoped roles must be refused there even where they may open their own.
OTHER_UNIT = {
    "feedback_inbox:case": Access(SUPER, SUPER),
    **{
        f"feedback_inbox:{name}": Access(SUPER, SUPER)
        for name in ("assign_to_me", "assign", "reply", "action", "note", "move", "close")
    },
    "feedback_inbox:edit": Access(SUPER, SUPER),
    "feedback_inbox:delete": Access(SUPER, SUPER),
    "feedback_inbox:history": Access(SUPER, SUPER),
    "feedback_inbox:history_results": Access(SUPER, SUPER),
    "feedback_inbox:usage": Access(SUPER, SUPER),
    # Wagtail sends an editor who opens another area to the part of the tree they may
    # explore (a 302, nothing of the other area shown): that counts as reaching. Translators
    # list every unit's Swedish pages, which they translate from (their permissions are on
    # every other language's home page, so the explorer opens at the root above them all).
    "wagtailadmin_explore": Access(
        ADMINS | {APPROVER, EDITOR, TRANSLATOR}, ADMINS | {APPROVER, EDITOR, TRANSLATOR}
    ),
    "wagtailadmin_pages:add": Access(ADMINS, ADMINS),
    "wagtailadmin_pages:edit": Access(ADMINS, ADMINS),
    "staff_page_edit": Access(ADMINS, ADMINS),
    "wagtailadmin_pages:unpublish": Access(ADMINS | {APPROVER}, ADMINS | {APPROVER}),
}
