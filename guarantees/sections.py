"""Places on the guarantees' pages that other rooms fill, through Wagtail hooks.

`feedback`, `proposals` and the follow-up know `guarantees`; `guarantees` knows none of them.
So a guarantee page asks a hook for what goes into each place, and the other rooms register
a function for it in their `wagtail_hooks.py`:

    from wagtail import hooks

    @hooks.register("guarantee_page_feedback")
    def feedback_form(context):
        return render_to_string("feedback/embedded_form.html", {...})

A hook function takes the template context as a dict and returns HTML that is already safe
(render it with `render_to_string`), or "" when it has nothing to show; see home/sections.py,
which joins them in hook order.

SECTION_HOOKS names the hooks, each with what its context holds besides `request`.

In every language the context names the Swedish page, area and commitment (`page`, `area`,
`commitment`): what the other rooms keep (feedback, follow-ups, figures) is about the unit,
which is its Swedish page (docs/architecture.md, "Languages"). The page being read, in the
reader's language, is `translated_page`.
"""

from django.conf import settings
from wagtail.models import TranslatableMixin

from home.languages import is_source_language, locales_by_code
from home.sections import render_hook_sections

SOURCE_KEYS = ("page", "area", "commitment")

SECTION_HOOKS = {
    # The feedback region of a guarantee page. `page`: the GuaranteePage.
    "guarantee_page_feedback",
    # "Så gick det": how the unit did, between the commitments and the remedy. `page`.
    "guarantee_page_results",
    # "Jämför och läs mer" on a guarantee page, after the link to the area's comparison:
    # each function returns list items (`<li>…</li>`). `page`.
    "guarantee_page_related",
    # The links under an area's units, after "Jämför enheterna": list items. `page`: the
    # ServiceAreaPage.
    "area_page_related",
    # The year's feedback inside "Så gick det". `page`, `year`.
    "guarantee_page_year_feedback",
    # Inside "Så gick det", after the outcomes: what the unit learnt. `page`, `follow_up`.
    "guarantee_follow_up_examples",
    # Beside one outcome in "Så gick det". `page`, `follow_up`, `outcome`.
    "guarantee_outcome_examples",
    # Under one commitment's facts on a guarantee page. `page`, `commitment`.
    "guarantee_commitment",
    # The comparison of an area's units, below the table. `area`, `year`.
    "area_comparison_footer",
    # Sections of a committee's yearly report. `committee`, `year`, `units`, `public`,
    # `listing` (inside the admin: tables as Wagtail listings, class "listing", each in a
    # "w-overflow-x-auto" region).
    "committee_report_sections",
}


def in_source_language(context):
    """The context with its page, area and commitment in Swedish (the same dict when they
    already are). Read in Swedish, they are: the Swedish URLs serve the Swedish tree, and
    nothing is looked up (a section per commitment asks no more than one per page)."""
    if is_source_language():
        return context
    values = {key: context.get(key) for key in SOURCE_KEYS}
    source = locales_by_code().get(settings.LANGUAGE_CODE)
    foreign = {
        key: value
        for key, value in values.items()
        if isinstance(value, TranslatableMixin)
        and value.pk
        and source is not None
        and value.locale_id not in (None, source.pk)
    }
    if not foreign:
        return context
    context = {**context, "translated_page": context.get("page")}
    for key, value in foreign.items():
        context[key] = value.get_translation_or_none(source) or value
    return context


def render_sections(hook_name, context):
    """The HTML every function registered for `hook_name` returns for this context, joined."""
    if hook_name not in SECTION_HOOKS:
        raise ValueError(f"{hook_name!r} is not one of the guarantees' section hooks")
    return render_hook_sections(hook_name, context)
