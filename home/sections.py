"""Places on pages that other rooms fill through Wagtail hooks, so the page's own room need
not import them.

A section hook function takes the page's template context as a dict (with `page` and
`request`) and returns HTML that is already safe (render it with `render_to_string`), or ""
when it has nothing to show. The functions of one hook are joined in the order given by
`hooks.register(..., order=N)`, lower first.

The home page's hook:

- "home_page_sections": between the page's body and the links for residents' voices.

A staff screen's hook, in any template through `{% hook_sections "name" %}` (home_tags):

- "feedback_case_details": the end of a feedback case's details in the admin; the context
  has `case` and `show_sender` (whether this user may see who sent it).
"""

from django.utils.safestring import mark_safe
from wagtail import hooks

HOME_PAGE_SECTIONS = "home_page_sections"


def render_hook_sections(hook_name, context):
    """The HTML every function registered for `hook_name` returns for this context, joined."""
    return mark_safe(  # noqa: S308 - each hook function returns rendered, escaped HTML
        "".join(str(render(context)) for render in hooks.get_hooks(hook_name))
    )
