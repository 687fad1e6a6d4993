from django import template
from django.template.base import render_value_in_context
from django.utils.safestring import mark_safe

from home.fragments import kept

register = template.Library()

# Marks a hole in a kept part's rendered text. Never in the text itself: PostgreSQL stores no
# NUL in text, and no template of ours writes one.
HOLE = "\x00"


class HoleNode(template.Node):
    def __init__(self, value):
        self.value = value
        self.index = None  # numbered by the fragment around it

    def render(self, context):
        if self.index is None:
            raise template.TemplateSyntaxError("a hole belongs in a fragment's own template")
        return f"{HOLE}{self.index}{HOLE}"


class FragmentNode(template.Node):
    def __init__(self, name, vary_on, nodelist):
        self.name, self.vary_on, self.nodelist = name, vary_on, nodelist
        self.holes = nodelist.get_nodes_by_type(HoleNode)
        for index, hole in enumerate(self.holes):
            hole.index = index

    def render(self, context):
        key = (self.name, *(str(value.resolve(context)) for value in self.vary_on))
        # The text between the holes, and each hole's number: "text", "0", "text", ...
        pieces = kept(
            context.get("request"), key, lambda: tuple(self.nodelist.render(context).split(HOLE))
        )
        if len(pieces) == 1:
            return mark_safe(pieces[0])  # noqa: S308 - the nodelist's own, escaped, output
        values = [
            render_value_in_context(hole.value.resolve(context), context) for hole in self.holes
        ]
        return mark_safe(  # noqa: S308 - the nodelist's escaped output, and escaped values
            "".join(piece if i % 2 == 0 else values[int(piece)] for i, piece in enumerate(pieces))
        )


@register.tag
def fragment(parser, token):
    """`{% fragment "name" value ... %}…{% endfragment %}`: the enclosed output, rendered once
    per publish (home/fragments.py) for each combination of the values it varies on. Only
    what is the same for every visitor between two publishes belongs inside, but for its
    holes (`hole`)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)


@register.tag
def hole(parser, token):
    """`{% hole value %}` inside a fragment: each request's own `value` (escaped) in the kept
    part, such as the query string the language switch's links carry. Filled from the
    context around the fragment, once per request: a hole must not name what the part sets
    itself (a loop's variable), and belongs in the fragment's own template, not an include."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("hole takes one value")
    return HoleNode(parser.compile_filter(bits[1]))
