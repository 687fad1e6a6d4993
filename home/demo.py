"""The demo municipality's shell: the home page as site root, settings, content pages and the
accessibility statement (the city-wide commitments on the home page are seeded by
guarantees/demo.py). Every app may have a `demo.py` with a `load(stdout)` function;
`load_demo` calls them in INSTALLED_APPS order, so each room seeds its own data. Each `load`
is idempotent: it finds what is there before it creates anything."""

import datetime
import math
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Page, Site

from .models import (
    AccessibilityShortcoming,
    AccessibilityStatementPage,
    ContentPage,
    HomePage,
    MunicipalitySettings,
)

MUNICIPALITY = "Ängsby kommun"
MAIN_SITE = "https://www.angsby.example/"
COAT_OF_ARMS = "Ängsby kommunvapen"


def load(stdout):
    """The shell, and the coat of arms and main site link in the header."""
    home = load_shell(stdout)
    load_header(MunicipalitySettings.for_site(Site.objects.get(is_default_site=True)), stdout)
    return home


def load_shell(stdout):
    """The home page as the default site's root, the settings, content pages and the
    accessibility statement: all the tests need, without the header's image file."""
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


def load_header(settings, stdout):
    """The header's coat of arms (drawn here, no borrowed artwork) and main site link."""
    changed = False
    if settings.logo_id is None:
        image = Image.objects.filter(title=COAT_OF_ARMS).first()
        if image is None:
            image = Image(
                title=COAT_OF_ARMS,
                file=ImageFile(BytesIO(coat_of_arms_png()), name="angsby-kommunvapen.png"),
            )
            image.save()
        settings.logo = image
        changed = True
    if not settings.website:
        settings.website = MAIN_SITE
        changed = True
    if changed:
        settings.save()
        stdout.write("  set the coat of arms and the main site link")


def coat_of_arms_png(height=192):
    """Ängsby's arms, made up for the demo: in blue a golden meadow flower above a silver
    wavy bar, a golden border. Drawn four times larger and scaled down for smooth edges."""
    scale = 4
    w, h = round(height * 0.84) * scale, height * scale
    blue, gold, silver = (0, 79, 113, 255), (240, 190, 40, 255), (255, 255, 255, 255)
    border = round(h * 0.035)
    m = border / 2
    # The shield: straight top and sides, curving to a point at the bottom.
    right = [(w - m, m), (w - m, h * 0.55)]
    for i in range(1, 25):
        t = i / 24
        x = (1 - t) ** 2 * (w - m) + 2 * (1 - t) * t * (w - m) + t**2 * (w / 2)
        y = (1 - t) ** 2 * (h * 0.55) + 2 * (1 - t) * t * (h * 0.9) + t**2 * (h - m)
        right.append((x, y))
    shield = right + [(w - x, y) for x, y in reversed(right[:-1])]

    field = PillowImage.new("RGBA", (w, h), blue)
    draw = ImageDraw.Draw(field)
    # The flower: eight petals round a heart.
    cx, cy, petal = w / 2, h * 0.34, w * 0.12
    for k in range(8):
        angle = k * math.pi / 4
        px, py = cx + math.cos(angle) * petal * 1.15, cy + math.sin(angle) * petal * 1.15
        r = petal * 0.62
        draw.ellipse([px - r, py - r, px + r, py + r], fill=gold)
    for r, colour in ((petal * 0.62, blue), (petal * 0.45, gold)):
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)
    # The wavy bar: the brook through the meadow.
    top, thickness = h * 0.64, h * 0.08
    wave = [(x, top + math.sin(x / w * 4 * math.pi) * h * 0.025) for x in range(0, w + 1, scale)]
    draw.polygon(wave + [(x, y + thickness) for x, y in reversed(wave)], fill=silver)

    mask = PillowImage.new("L", (w, h), 0)
    ImageDraw.Draw(mask).polygon(shield, fill=255)
    arms = PillowImage.new("RGBA", (w, h), (0, 0, 0, 0))
    arms.paste(field, mask=mask)
    ImageDraw.Draw(arms).line([*shield, shield[0]], fill=gold, width=border, joint="curve")
    arms = arms.resize((w // scale, h // scale), PillowImage.LANCZOS)
    out = BytesIO()
    arms.save(out, format="PNG", optimize=True)
    return out.getvalue()


# The home page in the demo's other languages, as a translator wrote them: applied through
# wagtail-localize by home/demo_languages.py (Swedish text: {language code: translation}).
TRANSLATIONS = {
    MUNICIPALITY: {
        "en": "Ängsby Municipality",
        "fi": "Ängsbyn kunta",
        "ar": "بلدية Ängsby",
        "sv-x-easy": "Ängsby kommun",
    },
    (
        "Här ser du vad kommunens förskolor, skolor, hemtjänst och bibliotek lovar dig, hur det "
        "gick förra året och hur du säger till när något inte blir som utlovat."
    ): {
        "en": (
            "See what the municipality's preschools, schools, home care and libraries promise "
            "you, how they did last year, and how to tell us when something is not as promised."
        ),
        "fi": (
            "Täällä näet, mitä kunnan esikoulut, koulut, kotipalvelu ja kirjastot lupaavat "
            "sinulle, miten viime vuonna onnistuttiin ja miten voit kertoa meille, jos jokin ei "
            "ole luvatun mukaista."
        ),
        "ar": (
            "هنا ترى ما تعدك به رياض الأطفال والمدارس وخدمة الرعاية المنزلية والمكتبات في "
            "البلدية، وكيف كان أداؤها في العام الماضي، وكيف تخبرنا عندما لا يكون شيء كما وُعدت."
        ),
        "sv-x-easy": (
            "Här kan du läsa vad kommunen lovar dig. Det gäller förskolor, skolor, hemtjänst "
            "och bibliotek. Du kan se hur det gick förra året. Du kan säga till om något inte "
            "blir som vi lovat."
        ),
    },
}
