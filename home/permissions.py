"""Who may do what to the site's pages, beyond Wagtail's tree permissions."""

from django.conf import settings
from wagtail.models import Page, PageManager, PagePermissionTester, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail_localize.fields import SynchronizedField

from . import fragments

# Administrators manage the site itself; Wagtail's default ties privacy to publishing.
ADMINISTRATOR_PERMISSION = "wagtailcore.change_site"


class SitePagePermissionTester(PagePermissionTester):
    def can_set_view_restrictions(self):
        # A password or login on a page hides it, and everything below it, from residents:
        # a decision about the site for its administrators, not for every committee member
        # who may publish a guarantee.
        return super().can_set_view_restrictions() and self.user.has_perm(ADMINISTRATOR_PERMISSION)


class SitePageQuerySet(PageQuerySet):
    def in_source_language(self):
        """The Swedish pages only. Each page stands once in every language's tree
        (docs/architecture.md, "Languages"), but a unit, an area or an example is its Swedish
        page: what residents and staff record (feedback, follow-ups, assignments) refers to
        it, and a list of units names each once."""
        # A join, not the locale's id, so that the queryset stays lazy (forms declare theirs
        # at import). A search filters by `locale=` instead (Page's FilterField).
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)


class SitePage(Page):
    """Every page type of the site: Wagtail's Page with the site's permission rules."""

    objects = PageManager.from_queryset(SitePageQuerySet)()

    # A page keeps its Swedish slug in every language (/en/forskola/forskolan-solrosen/): a
    # link keeps working when only the language prefix changes (docs/architecture.md).
    # Subclasses that add overrides list these first.
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return SitePagePermissionTester(user, self)

    def get_view_restrictions(self):
        """Wagtail's restrictions on this page and its ancestors, without a query for the
        (mostly) public pages: the paths of the few restricted pages, and of aliases (whose
        source's restrictions apply), are read once per publish (home/fragments.py, which a
        restriction's save or delete makes new). Under either, Wagtail's own lookup."""
        if self.path and not self.alias_of_id:
            special = fragments.memo(("view-restrictions",), _restricted_or_alias_paths)
            if not any(self.path.startswith(path) for path in special):
                return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def _restricted_or_alias_paths():
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
    return tuple({*restricted, *aliases})
