"""What the generated sweeps share: every URL pattern of the URLconf, a small world of real
objects to fill their path parameters, one person per role, and one request isolated in a
savepoint.

The patterns come from `get_resolver()`, so a URL added anywhere (our apps or Wagtail's) is
swept without touching the tests; a path parameter nobody knows how to fill fails loudly.
"""

import copy
import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from django.utils import timezone, translation

from feedback.models import Dimension, Feedback, Kind
from staff import roles
from staff.models import Role, UnitAssignment
from staff.setup import setup_roles
from tests.factories import in_every_language, make_guarantee, make_service_area

ANONYMOUS = "anonymous"
SUPERUSER = "superuser"
# Every role of the role table, plus the two people outside it. A role added to
# staff/roles.py is swept (and refused everywhere the access table does not name it).
ROLES = [ANONYMOUS, *roles.ROLE_GROUPS, SUPERUSER]
# ASCII test ids: "role-2" is the role table's second group.
ROLE_IDS = [
    role
    if role in (ANONYMOUS, SUPERUSER)
    else f"role{roles.ROLE_GROUPS.index(role)}-"
    + role.encode("ascii", "ignore").decode().replace(" ", "-")
    for role in ROLES
]


# Tables that record a visit rather than a change: a site setting's row of defaults made on
# first read, a session, the shared cache (a page's figures, the generation of kept parts).
BOOKKEEPING = ("settings", "django_session", "django_cache")


def is_bookkeeping(table):
    return table.endswith(BOOKKEEPING)


SOURCE_LANGUAGE = django_settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Pattern:
    route: str  # the full route as written in the URLconf (Swedish), the key of every table
    name: str  # namespace:name, "" when the pattern has none
    pattern: URLPattern
    # The language it is requested in: residents' patterns (config/urls.py, i18n_patterns)
    # are swept in every language of settings.LANGUAGES, under that language's prefix.
    language: str = SOURCE_LANGUAGE

    @property
    def is_admin(self):
        return self.route.startswith("admin/")

    @property
    def prefix(self):
        return "" if self.language == SOURCE_LANGUAGE else f"/{self.language}"

    def __str__(self):
        return f"{self.route} [{self.language}]" if self.prefix else self.route


def url_patterns():
    """Every leaf pattern of the URLconf, with its full route and namespaced name; those of
    the residents' languages once in each language."""

    def walk(patterns, prefix, namespaces, localized):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                spaces = namespaces + ((entry.namespace,) if entry.namespace else ())
                inside = localized or isinstance(entry.pattern, LocalePrefixPattern)
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), spaces, inside)
            else:
                name = ":".join(namespaces + (entry.name,)) if entry.name else ""
                yield Pattern(prefix + str(entry.pattern), name, entry), localized

    with translation.override(SOURCE_LANGUAGE):
        found = list(walk(get_resolver().url_patterns, "", (), False))
    patterns = [pattern for pattern, _localized in found]
    for code, _name in django_settings.LANGUAGES:
        if code != SOURCE_LANGUAGE:
            patterns += [
                Pattern(pattern.route, pattern.name, pattern.pattern, code)
                for pattern, localized in found
                if localized
            ]
    return patterns


@dataclass
class World:
    home: object
    own_area: object
    other_area: object
    own: object  # a guarantee in the area whose editor and handler we have
    other: object  # a guarantee in the other area
    own_case: object = None
    other_case: object = None
    own_token: str = ""
    proposals: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)  # model class -> an instance


def make_person(username, group_name=None):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@angsby.example", password="sweep-password"
    )
    if group_name:
        Group.objects.get(name=group_name).user_set.add(user)
    return user


def build_world(home_page, media_root):
    """A home page, two service areas with a guarantee each, a feedback case in each,
    proposals in every state, one person per role, and one of each admin object."""
    from django.conf import settings
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, PageViewRestriction, Site, Task, Workflow

    from proposals.models import BlockedDomain, Status
    from tests.proposals.conftest import build_proposal

    settings.MEDIA_ROOT = str(media_root)
    setup_roles()
    today = timezone.localdate()
    own_area = make_service_area(home_page, title="Förskola")
    other_area = make_service_area(home_page, title="Grundskola")
    own = make_guarantee(own_area, title="Förskolan Solrosen")
    other = make_guarantee(other_area, title="Ekskolan", valid_to=today.replace(month=12, day=31))
    world = World(home_page, own_area, other_area, own, other)
    world.own_case, world.own_token = Feedback.receive(
        unit=own, kind=Kind.COMPLAINT, dimension=Dimension.TREATMENT, message="Om bemötandet."
    )
    world.other_case, _ = Feedback.receive(
        unit=other, kind=Kind.OPINION, dimension=Dimension.INFORMATION, message="Om skolan."
    )
    for status in Status:
        world.proposals[status] = build_proposal(status=status)
    for role in roles.ROLE_GROUPS:
        world.users[role] = make_person(f"sweep-{len(world.users)}", role)
    world.users[SUPERUSER] = get_user_model().objects.create_superuser(
        "sweep-super", email="super@angsby.example", password="sweep-password"
    )
    # Unit-scoped roles get the first area; the second area is "another unit".
    UnitAssignment.objects.create(
        user=world.users[roles.UNIT_EDITOR], page=own_area, role=Role.EDITOR
    )
    UnitAssignment.objects.create(
        user=world.users[roles.FEEDBACK_HANDLER], page=own_area, role=Role.HANDLER
    )

    # The committee's workflow running on the own guarantee: task states, workflow history.
    workflow = Workflow.objects.get(name=roles.WORKFLOW_NAME)
    workflow_state = workflow.start(own, world.users[roles.UNIT_EDITOR])
    image = Image.objects.create(title="Solrosen", file=get_test_image_file())
    document = Document.objects.create(title="Garanti", file=get_test_image_file("garanti.png"))
    from award.models import AwardCategory, AwardRound, Nomination
    from feedback.models import ReplyTemplate
    from guarantees.followup.models import YearlyFollowUp
    from home.years import previous_year
    from open311.models import ApiClient
    from proposals.models import Proposal as ProposalModel
    from proposals.models import Vote

    follow_up = YearlyFollowUp.start(own, previous_year())
    restricted = make_guarantee(own_area, title="Lösenordsskyddad")
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    open_proposal = world.proposals[Status.OPEN]
    ProposalModel.record_vote(open_proposal.pk, "sweep-voter", network="203.0.113.0/24")
    invalidation = Vote.invalidate(
        Vote.objects.filter(proposal=open_proposal), note="Svepets ogiltigförklaring"
    )
    award_round = AwardRound.objects.create(
        year=today.year,
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=10),
    )
    category = AwardCategory.objects.create(round=award_round, name="Bemötande", sort_order=0)
    nomination = Nomination.objects.create(
        round=award_round,
        category=category,
        unit=own,
        reason="Alltid vänliga.",
        email="nominerar@example.se",
        email_canonical="nominerar@example.se",
        status="confirmed",
    )
    api_client = ApiClient(name="Svepappen", contact="app@example.se")
    api_client.new_key()
    api_client.save()
    from guarantees.models import District
    from kolada.models import ImportRun, Kpi

    world.objects.update(
        {
            "district": District.objects.create(
                name="Norrby", outline="61.316 14.772\n61.318 14.819\n61.341 14.856"
            ),
            "kpi": Kpi.objects.create(
                id="U21468", title="Brukarbedömning hemtjänst", fetched_at=timezone.now()
            ),
            "kolada_run": ImportRun.objects.create(
                started_at=timezone.now(),
                state=ImportRun.State.SUCCEEDED,
                api_url="https://api.kolada.se/v3/",
            ),
            "reply_template": ReplyTemplate.objects.create(title="Tack", text="Tack!"),
            "invalidation": invalidation,
            "award_round": award_round,
            "nomination": nomination,
            "api_client": api_client,
            "workflow": workflow,
            "task": Task.objects.filter(workflow_tasks__workflow=workflow).first(),
            "workflow_state": workflow_state,
            "task_state": workflow_state.current_task_state,
            "image": image,
            "document": document,
            "collection": Collection.get_first_root_node().add_child(name="Förskolebilder"),
            "follow_up": follow_up,
            "redirect": Redirect.objects.create(old_path="/gammal-sida", redirect_link="/"),
            "site": Site.objects.get(is_default_site=True),
            "restriction": restriction,
            "restricted": restricted,
            "blocked_domain": BlockedDomain.objects.create(domain="spam.example"),
            "assignment": UnitAssignment.objects.first(),
            "proposal": world.proposals[Status.OPEN],
        }
    )
    # Every page in every language's tree (aliases of the Swedish ones), as on the site, the
    # own unit translated (wagtail-localize's records for its views); the roles' page
    # permissions and workflow then reach every language's home page.
    in_every_language(world.own)
    setup_roles()
    from wagtail_localize.models import OverridableSegment, Translation

    translation_record = Translation.objects.filter(source__object_id=world.own.translation_key)
    translation_record = translation_record.select_related("source").first()
    world.objects.update(
        {
            "translation": translation_record,
            "translated_own": world.own.get_translation(translation_record.target_locale),
            "string_segment": translation_record.source.stringsegment_set.first(),
            "overridable_segment": OverridableSegment.objects.filter(
                source=translation_record.source
            ).first(),
        }
    )
    return world


# --- filling path parameters -------------------------------------------------------------

HUGE = "99999999999999999999"


def _model_of(pattern):
    """The model a Wagtail viewset's view works on, if the view says."""
    callback = pattern.pattern.callback
    initkwargs = getattr(callback, "view_initkwargs", None) or {}
    model = initkwargs.get("model")
    if model is None:
        view_class = getattr(callback, "view_class", None)
        model = getattr(view_class, "model", None)
    return model if isinstance(model, type) else None


def _instance_of(world, model):
    from wagtail.models import Page

    if model is None:
        return None
    if issubclass(model, Page):
        return world.own
    if model is Feedback:
        return world.own_case
    if model is get_user_model():
        return world.users[roles.UNIT_EDITOR]
    if model is Group:
        return Group.objects.get(name=roles.UNIT_EDITOR)
    for instance in world.objects.values():
        if isinstance(instance, model):
            return instance
    return model._default_manager.first()


def parameter_values(world, pattern):
    """Real values for each path parameter of `pattern`, by the parameter's name."""
    o = world.objects
    model_instance = _instance_of(world, _model_of(pattern))
    route = pattern.route
    values = {
        "unit_id": world.own.pk,
        "reference": world.own_case.reference,
        "token": world.own_token,
        "verifier": "epost",
        "committee_id": world.own.committee_id,
        "year": timezone.localdate().year,
        "restriction_id": 1,
        "page_view_restriction_id": o["restriction"].pk,
        "page_id": world.own.pk,
        "parent_page_id": world.own_area.pk,
        "page_to_move_id": world.own.pk,
        "destination_id": world.own_area.pk,
        "page_pk": world.own.pk,
        "workflow_pk": o["workflow"].pk,
        "content_type_app_name": "guarantees",
        "content_type_model_name": "guaranteepage",
        "app_label": "guarantees",
        "model_name": "committee",
        "app_name": "home",
        "action": "delete",
        "action_name": "approve",
        "task_state_id": o["task_state"].pk,
        "workflow_state_id": o["workflow_state"].pk,
        "task_id": o["task"].pk,
        "revision_id": world.own.latest_revision_id,
        "image_id": o["image"].pk,
        "document_id": o["document"].pk,
        "doc_id": o["document"].pk,
        "uploaded_file_id": 1,
        "filter_spec": "fill-80x80",
        "session_id": 1,
        "object_id": world.own.pk,
        "redirect_id": o["redirect"].pk,
        "collection_id": o["collection"].pk,
        "uidb64": "MQ",
        "fmt": "json",
        "area_id": world.own_area.pk,
        "unknown": "okand/sida",
        "code": f"{world.own.pk}-klagomal",
        "pk": model_instance.pk if model_instance is not None else world.own.pk,
        "translation_id": o["translation"].pk,
        "translation_source_id": o["translation"].source_id,
        "string_segment_id": o["string_segment"].pk,
        "overridable_segment_id": (
            o["overridable_segment"].pk if o["overridable_segment"] is not None else 1
        ),
        "mode": "default",
    }
    # Parameters whose meaning depends on where they stand.
    if route.startswith("admin/kolada/nyckeltal/"):
        values["pk"] = o["kpi"].pk
    elif route.startswith("e-forslag/"):
        values["pk"] = world.proposals["open"].pk
    elif route.startswith("admin/api/main/^images"):
        values["pk"] = o["image"].pk
    elif route.startswith("admin/api/main/^documents"):
        values["pk"] = o["document"].pk
    elif route.startswith("admin/bulk/"):
        values.update(app_label="wagtailcore", model_name="page")
    elif route.startswith("admin/settings/"):
        values.update(app_name="home", model_name="municipalitysettings", pk=o["site"].pk)
    elif route.startswith("admin/tag-autocomplete/"):
        values.update(app_name="wagtailimages", model_name="image")
    elif route.startswith("admin/editing-sessions/"):
        values.update(app_label="wagtailcore", model_name="page")
    elif route.startswith("admin/workflows/tasks/add/"):
        values.update(app_label="wagtailcore", model_name="groupapprovaltask")
    elif route.startswith("admin/workflows/tasks/"):
        values["pk"] = o["task"].pk
    elif route.startswith("admin/workflows/"):
        values["pk"] = o["workflow"].pk
    elif route.startswith("admin/synpunkter/arende/"):
        values["pk"] = world.own_case.pk
    elif route.startswith(("admin/pages/<int:page_id>/oversattning/", "admin/localize/page/")):
        values["page_id"] = o["translated_own"].pk  # a translation, not its Swedish source
    elif "/<str:pk>/" in route and "choose" in route and model_instance is None:
        values["pk"] = world.own.pk
    return values


# Routes written as regular expressions: how to write a real path for each.
REGEX_PATHS = {
    r"documents/^(\d+)/(.*)$": lambda w, p: (
        f"/documents/{w.objects['document'].pk}/{w.objects['document'].filename}"
    ),
    "admin/pages/^(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)"
    "\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$": lambda w, p: (
        f"/admin/pages/{w.own.pk}/revisions/compare/earliest...latest/"
    ),
    # The same comparison, answered ahead of Wagtail's by staff (the committee's decision).
    "admin/^pages/(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)"
    "\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$": lambda w, p: (
        f"/admin/pages/{w.own.pk}/revisions/compare/earliest...latest/"
    ),
    r"^((?:[\w\-]+/)*)$": lambda w, p: w.own.url,
    "admin/^.*/$": lambda w, p: "/admin/finns-inte/",
    "admin/test404/": lambda w, p: "/admin/test404/",
}

_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def path_for(world, pattern, overrides=None):
    """A request path that resolves to `pattern`, its parameters filled from the world."""
    if pattern.route in REGEX_PATHS:
        return pattern.prefix + REGEX_PATHS[pattern.route](world, pattern)
    values = {**parameter_values(world, pattern), **(overrides or {})}
    route = pattern.route.replace("^", "").replace("$", "")

    def fill(match):
        name = match["name"]
        if name not in values:
            raise KeyError(f"no value for <{name}> in {pattern.route}: add one to tests/sweeps.py")
        return str(values[name])

    return pattern.prefix + "/" + _PARAM.sub(fill, route)


def check_resolves(path, pattern):
    """The generated path reaches the pattern it was made for (or the sweep tests nothing)."""
    with translation.override(pattern.language):  # as LocaleMiddleware reads it from the path
        match = resolve(path.split("?")[0])
    if isinstance(pattern.pattern.pattern, RoutePattern) or pattern.route in REGEX_PATHS:
        # Or to a view answered ahead of it on the same route (home.admin_urls, staff.urls).
        assert match.func == pattern.pattern.callback or match.route.replace("$", "").endswith(
            str(pattern.pattern.pattern).replace("^", "").replace("$", "")
        ), f"{path} resolves to {match.route}, not {pattern.route}"


# --- one request, isolated ---------------------------------------------------------------


def writes_so_far():
    """Rows this transaction has inserted, updated or deleted, per table (PostgreSQL's own
    bookkeeping, so every table counts, including ones added later)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "select relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_xact_user_tables "
            "where n_tup_ins + n_tup_upd + n_tup_del > 0 and relname <> 'django_session'"
        )
        return dict(cursor.fetchall())


@dataclass
class Outcome:
    status: int
    location: str = ""
    error: str = ""  # the exception, when the view raised
    written: tuple = ()  # tables written by the request
    messages: tuple = ()  # the level tags of the messages the view left ("success", "error")


def isolated_request(client, method, path, *, track_writes=False, **kwargs):
    """Send one request inside a savepoint that is rolled back, so that no request changes
    what the next one sees (a superuser's DELETE included). Rate limits are reset first."""
    cache.clear()
    cookies = copy.deepcopy(client.cookies)  # a logout must not log out the next request
    before = writes_so_far() if track_writes else {}
    written = ()
    with transaction.atomic():
        try:
            if isinstance(kwargs.get("data"), str) and "charset=" in kwargs.get("content_type", ""):
                # The test client would encode a text body with the charset it names (and
                # fail on base64); a browser or a script sends the bytes as they are.
                body = kwargs.pop("data").encode()
                response = client.generic(method, path, data=body, **kwargs)
            else:
                response = getattr(client, method.lower())(path, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the sweep reports it as a server error
            transaction.set_rollback(True)
            client.cookies = cookies
            return Outcome(500, error=f"{type(exc).__name__}: {exc}"[:300])
        if track_writes:
            after = writes_so_far()
            written = tuple(
                sorted(table for table, n in after.items() if n != before.get(table, 0))
            )
        transaction.set_rollback(True)
    client.cookies = cookies
    return Outcome(
        response.status_code,
        response.get("Location", ""),
        written=written,
        messages=left_messages(response),
    )


def left_messages(response):
    """The level tags of the messages a view queued for the next page: Wagtail sends both a
    refused person and a finished action to the admin home, and only the message says which."""
    request = getattr(response, "wsgi_request", None)
    storage = getattr(request, "_messages", None)
    return tuple(message.level_tag for message in storage) if storage is not None else ()


def client_for(client_class, world, role):
    client = client_class(raise_request_exception=True)
    if role != ANONYMOUS:
        client.force_login(world.users[role])
    return client
