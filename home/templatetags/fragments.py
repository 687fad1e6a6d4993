from django import template
from django.utils.safestring import mark_safe

from home.fragments import kept

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, vary_on, nodelist):
        self.name, self.vary_on, self.nodelist = name, vary_on, nodelist

    def render(self, context):
        key = (self.name, *(str(value.resolve(context)) for value in self.vary_on))
        return mark_safe(  # noqa: S308 - the nodelist's own, escaped, output
            kept(context.get("request"), key, lambda: self.nodelist.render(context))
        )


@register.tag
def fragment(parser, token):
    """`{% fragment "name" value ... %}…{% endfragment %}`: the enclosed output, rendered once
    per publish (home/fragments.py) for each combination of the values it varies on. Only
    what is the same for every visitor between two publishes belongs inside."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
