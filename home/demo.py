"""The demo municipality's shell: the home page as site root, settings, content pages and the
accessibility statement (the city-wide commitments on the home page are seeded by
guarantees/demo.py). Every app may have a `demo.py` with a `load(stdout)` function;
`load_demo` calls them in INSTALLED_APPS order, so each room seeds its own data. Each `load`
is idempotent: it finds what is there before it creates anything."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from wagtail.models import Page, Site

from .models import (
    AccessibilityShortcoming,
    AccessibilityStatementPage,
    ContentPage,
    HomePage,
    MunicipalitySettings,
)

MUNICIPALITY = "Ängsby kommun"


def load(stdout):
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title=MUNICIPALITY,
            slug="start",
            intro=(
                "Här ser du vad kommunens förskolor, skolor, hemtjänst och bibliotek lovar dig, "
                "hur det gick förra året och hur du säger till när något inte blir som utlovat."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        stdout.write("  created the home page")

    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = site_address()
    if site is None:
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=MUNICIPALITY,
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = MUNICIPALITY
        site.save()
        if old_root.specific_class is Page and old_root.slug == "home":
            old_root.delete()  # Wagtail's "Welcome" page from its initial migration
    if (site.hostname, site.port) != (hostname, port):
        # `PORT=8080 make run` after a run on 8000: the site's address follows.
        site.hostname, site.port = hostname, port
        site.save()

    settings = MunicipalitySettings.for_site(site)
    if settings.name != MUNICIPALITY:
        settings.name = MUNICIPALITY
        settings.address = "Ängsby kommun\nStorgatan 1\n123 45 Ängsby"
        settings.phone = "0123-45 67 00"
        settings.email = "kontaktcenter@angsby.example"
        settings.opening_hours = "vardagar 8–17"
        settings.save()

    if not ContentPage.objects.child_of(home).filter(slug="om-kvalitetsgarantier").exists():
        page = ContentPage(
            title="Om kvalitetsgarantierna",
            slug="om-kvalitetsgarantier",
            show_in_menus=True,
            intro=(
                "En kvalitetsgaranti beskriver vad du kan förvänta dig av en verksamhet och vad "
                "som händer om vi inte håller vad vi lovar."
            ),
            body=(
                "<h2>Så fungerar det</h2><p>Varje enhet har en kvalitetsgaranti enligt samma "
                "mall: verksamhetsidén, enhetens åtaganden med förväntade resultat och rutinerna "
                "för synpunkter och klagomål. Nämnden bedömer garantierna innan de publiceras och "
                "varje år följer vi upp om åtagandena hölls.</p>"
            ),
        )
        home.add_child(instance=page)
        page.save_revision().publish()

    load_accessibility_statement(home)
    return home


def site_address():
    """The Site record's hostname and port, from the site's configured address
    (WAGTAILADMIN_BASE_URL, which the demo sets from PORT): page URLs in the API's html_url
    and in mail are built from the Site record, so it must say where the site answers."""
    address = urlsplit(django_settings.WAGTAILADMIN_BASE_URL)
    default_port = 443 if address.scheme == "https" else 80
    return address.hostname or "localhost", address.port or default_port


def load_accessibility_statement(home):
    """The statement that DOS-lagen asks for, at /tillganglighetsredogorelse/."""
    if AccessibilityStatementPage.objects.child_of(home).exists():
        return
    statement = AccessibilityStatementPage(
        title="Tillgänglighetsredogörelse",
        slug="tillganglighetsredogorelse",
        intro=(
            "Här beskriver vi hur webbplatsen för kommunens kvalitetsgarantier uppfyller lagen "
            "om tillgänglighet till digital offentlig service."
        ),
        organisation=MUNICIPALITY,
        service="webbplatsen för Ängsby kommuns kvalitetsgarantier, synpunkter och e-förslag",
        compliance_status=AccessibilityStatementPage.Compliance.PARTIAL,
        assessment_method=AccessibilityStatementPage.AssessmentMethod.SELF,
        assessment_description=(
            "Varje sidtyp testas automatiskt med axe-core mot WCAG 2.1 nivå AA vid varje "
            "ändring, och formulären har granskats manuellt med tangentbord och skärmläsare."
        ),
        assessed_on=datetime.date(2026, 10, 1),
        statement_updated_on=datetime.date(2026, 10, 15),
        contact_email="kontaktcenter@angsby.example",
        contact_phone="0123-45 67 00",
        contact_form_url="/synpunkter/",
        response_time="inom två arbetsdagar",
    )
    statement.shortcomings.add(
        AccessibilityShortcoming(
            sort_order=0,
            problem="Äldre uppföljningsrapporter i PDF saknar taggar för skärmläsare.",
            wcag_criterion="1.3.1 Information och relationer",
            reason=AccessibilityShortcoming.Reason.OUTSIDE_SCOPE,
            reason_detail=(
                "Dokumenten publicerades före den 23 september 2018 och behövs inte för "
                "pågående administrativa processer."
            ),
        )
    )
    statement.shortcomings.add(
        AccessibilityShortcoming(
            sort_order=1,
            problem="Bilder som enheterna själva laddat upp kan sakna bra alternativtext.",
            wcag_criterion="1.1.1 Icke-textinnehåll",
            reason=AccessibilityShortcoming.Reason.NON_COMPLIANCE,
            reason_detail="Vi går igenom alla bilder tillsammans med enheternas redaktörer.",
            planned_fix_on=datetime.date(2027, 6, 30),
        )
    )
    home.add_child(instance=statement)
    statement.save_revision().publish()
