"""What this room puts into the guarantee's "Så gick det" (guarantees.followup): the unit's
good examples, and beside each followed-up outcome the examples that concern it."""

from django.template.loader import render_to_string
from django.utils import translation

from guarantees.models import GuaranteePage

from .models import GoodExamplePage


def _unit_examples(context):
    """The unit's live examples, looked up once per page render."""
    page = context.get("page")
    if not isinstance(page, GuaranteePage):
        return []
    follow_up = context.get("follow_up")
    cached = getattr(follow_up, "_good_examples", None)
    if cached is not None:
        return cached
    # Each example stands in every language's tree: the one in the reader's language (by a
    # join: the section's queries stay the same whatever was looked up before).
    examples = list(
        GoodExamplePage.objects.live()
        .public()
        .filter(unit_id=page.pk, locale__language_code=translation.get_language())
        .select_related("outcome__follow_up", "commitment")
        .order_by("-first_published_at")
    )
    if follow_up is not None:
        follow_up._good_examples = examples
    return examples


def render_follow_up_examples(context):
    examples = _unit_examples(context)
    if not examples:
        return ""
    return render_to_string(
        "examples/follow_up_examples.html", {"examples": examples}, request=context.get("request")
    )


def render_outcome_examples(context):
    outcome = context.get("outcome")
    if outcome is None:
        return ""
    examples = [e for e in _unit_examples(context) if e.outcome_id == outcome.pk]
    if not examples:
        return ""
    return render_to_string(
        "examples/outcome_examples.html", {"examples": examples}, request=context.get("request")
    )
