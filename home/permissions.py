"""Who may do what to the site's pages, beyond Wagtail's tree permissions."""

from wagtail.models import Page, PagePermissionTester

# Administrators manage the site itself; Wagtail's default ties privacy to publishing.
ADMINISTRATOR_PERMISSION = "wagtailcore.change_site"


class SitePagePermissionTester(PagePermissionTester):
    def can_set_view_restrictions(self):
        # A password or login on a page hides it, and everything below it, from residents:
        # a decision about the site for its administrators, not for every committee member
        # who may publish a guarantee.
        return super().can_set_view_restrictions() and self.user.has_perm(ADMINISTRATOR_PERMISSION)


class SitePage(Page):
    """Every page type of the site: Wagtail's Page with the site's permission rules."""

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return SitePagePermissionTester(user, self)
