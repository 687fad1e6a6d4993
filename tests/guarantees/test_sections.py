"""The guarantees' section hooks: joined in hook order, and only names the guarantees know."""

import pytest
from wagtail import hooks

from guarantees.sections import render_sections


def test_sections_are_joined_in_the_order_of_their_hooks():
    def later(context):
        return f"<p>later {context['area']}</p>"

    def earlier(context):
        return "<p>earlier</p>"

    with (
        hooks.register_temporarily("area_comparison_footer", later, order=900),
        hooks.register_temporarily("area_comparison_footer", earlier, order=-900),
    ):
        html = render_sections("area_comparison_footer", {"area": "X", "request": None})
    assert html.startswith("<p>earlier</p>")
    assert html.endswith("<p>later X</p>")


def test_an_unknown_section_hook_is_refused():
    with pytest.raises(ValueError, match="guarantee_page_typo"):
        render_sections("guarantee_page_typo", {})
