from django import template

from guarantees.sections import render_slot

register = template.Library()


@register.simple_tag(takes_context=True)
def guarantee_slot(context, slot, **extra):
    """Render what other apps registered for `slot` on this guarantee page."""
    flat = context.flatten()
    flat.update(extra)
    return render_slot(slot, flat)
