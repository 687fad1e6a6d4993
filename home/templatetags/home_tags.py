from django import template

from home.sections import HOME_PAGE_SECTIONS, render_hook_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def home_page_sections(context):
    """What other rooms registered for the home page (the "home_page_sections" hook)."""
    return render_hook_sections(HOME_PAGE_SECTIONS, context.flatten())


@register.simple_tag(takes_context=True)
def hook_sections(context, hook_name):
    """What other rooms registered for `hook_name` (see the hook's place for its context)."""
    return render_hook_sections(hook_name, context.flatten())
