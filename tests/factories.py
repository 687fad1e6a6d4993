"""Builders for test data. Pages go through Wagtail's tree API, like an editor's would."""

import itertools

from django.utils import timezone

from guarantees.models import (
    Commitment,
    Committee,
    GuaranteePage,
    QualityCriterion,
    ServiceAreaPage,
)

_counter = itertools.count(1)


def restore_migrated_roots():
    """Put back the rows Wagtail's migrations create: a transactional (live_server) test
    empties every table afterwards, and the next test would find no locale, no root page and
    no root collection (which every image and document belongs to)."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def in_every_language(*translated):
    """Every page in every language's tree, as wagtail-localize keeps them: the pages in
    `translated` translated into each language (every string marked with its language, e.g.
    "Förskolan Solrosen [en]"), published; the others as aliases showing the Swedish."""
    from home.demo_languages import translate_page
    from home.languages import synchronise_locales

    _source, targets = synchronise_locales()
    for page in translated:
        from wagtail_localize.models import TranslationSource

        source, _created = TranslationSource.update_or_create_from_instance(page)
        memory = {
            segment.string.data: {
                locale.language_code: f"{segment.string.data} [{locale.language_code}]"
                for locale in targets
            }
            for segment in source.stringsegment_set.select_related("string")
        }
        for locale in targets:
            assert translate_page(page, locale, memory)
    return targets


def load_demo_shell():
    """The demo municipality's home page as the default site's root, with the city-wide
    commitments (seeded by the guarantees' demo, since commitments are theirs)."""
    from io import StringIO

    from guarantees import demo as guarantees_demo
    from home import demo as home_demo

    home = home_demo.load_shell(StringIO())
    guarantees_demo.load_city_commitments(home)
    return home


def make_committee(name=None):
    return Committee.objects.get_or_create(name=name or f"Nämnd {next(_counter)}")[0]


def make_service_area(home, title=None, committee=None, commitments=1, **fields):
    n = next(_counter)
    area = ServiceAreaPage(
        title=title or f"Verksamhetsområde {n}",
        committee=committee or make_committee(),
        **fields,
    )
    for i in range(commitments):
        area.commitments.add(
            Commitment(
                sort_order=i,
                title=f"Områdesåtagande {i + 1}",
                expected_result=f"Områdesresultat {i + 1}",
                quality_criterion=QualityCriterion.INFLUENCE,
            )
        )
    home.add_child(instance=area)
    area.save_revision().publish()
    return area


def make_guarantee(area, title=None, commitments=3, publish=True, **fields):
    n = next(_counter)
    today = timezone.localdate()
    values = {
        "title": title or f"Enhet {n}",
        "idea": "Vi finns till för barnen och deras familjer.",
        "feedback_recipient": "Enhetschefen",
        "remedy": "Vi rättar till felet och förklarar vad som hänt.",
        "valid_from": today.replace(month=1, day=1),
        "valid_to": today.replace(month=12, day=31),
        "committee": area.committee,
    }
    values.update(fields)
    guarantee = GuaranteePage(**values)
    for i in range(commitments):
        guarantee.commitments.add(
            Commitment(
                sort_order=i,
                title=f"Enhetsåtagande {i + 1}",
                expected_result=f"Minst {80 + i} procent nöjda",
                quality_criterion=QualityCriterion.TREATMENT,
            )
        )
    area.add_child(instance=guarantee)
    revision = guarantee.save_revision()
    if publish:
        revision.publish()
        guarantee.refresh_from_db()
    return guarantee


def make_content_page(home, title=None, **fields):
    from home.models import ContentPage

    page = ContentPage(title=title or f"Om oss {next(_counter)}", **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
