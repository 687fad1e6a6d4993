from django import template

from guarantees.sections import in_source_language, render_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def guarantee_sections(context, hook_name, **extra):
    """Render what other rooms registered for the section hook `hook_name` on this page."""
    flat = context.flatten()
    flat.update(extra)
    return render_sections(hook_name, in_source_language(flat))
