"""Slots on a guarantee page that other rooms fill without guarantees importing them.

DESIGN.md: `feedback` may know `guarantees`, not the other way round. So the guarantee page
asks this registry for a slot's content and the feedback app registers what goes there, from
its AppConfig.ready():

    from guarantees.sections import register_section

    register_section("feedback", render_feedback_form)

A section is a callable `(context) -> str` given the page's template context (with `page` and
`request`); it returns HTML that is already safe (render it with `render_to_string`).

Slots in use: "feedback" (the feedback form region), "year_feedback" (the year's feedback
shown in "Så gick det"; called with `year` in the context), "commitment" (under each
commitment's facts; called with `commitment` in the context), "report" (the yearly report).
"""

from collections import defaultdict

from django.utils.safestring import mark_safe

_sections = defaultdict(list)


def register_section(slot, render, order=100):
    _sections[slot].append((order, render))
    _sections[slot].sort(key=lambda item: item[0])


def render_slot(slot, context):
    return mark_safe("".join(str(render(context)) for _, render in _sections[slot]))  # noqa: S308
