"""mutmut 2 hooks for bench/mutation.sh (copied there as `mutmut_config.py`; not part of the suite).

Only the functions that hold the domain rules are mutated: field declarations, verbose names and
admin panels are left alone (their mutants are either caught by `makemigrations --check` or
change nothing a resident or staff member sees). Each module runs the narrowest test selection
that exercises it, with a fresh copy of the migrated test database per mutant.
"""

import ast
import functools
import os

# module -> functions (qualified names) whose bodies are mutated
# A sample: on 2 shared cores a mutant costs 15-40 s (Django's start and the selection below),
# so only the functions that carry the rules a resident or handler meets are mutated.
DOMAIN_FUNCTIONS = {
    "home/resident_input.py": {
        "<module>",  # the character classes of the text rule
        "clean_resident_text",
        "is_over_limit",  # the two buckets
        "count_attempt",
    },
    "feedback/models.py": {
        "Feedback.compute_deadline",
        "Feedback.is_overdue",
        "Feedback.replied_in_time",
        "Feedback.close",
    },
    "proposals/models.py": {
        "Proposal.is_open_for_votes",
        "Proposal.close",
        "Proposal.record_vote",
    },
}


@functools.cache
def _lines(filename):
    """0-based line numbers inside the selected functions of `filename` (None: every line)."""
    wanted = DOMAIN_FUNCTIONS[filename]
    if wanted is None:
        return None
    with open(filename) as f:
        tree = ast.parse(f.read())
    lines = set()

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.FunctionDef) and f"{prefix}{child.name}" in wanted:
                # the decorators too: a dropped @transaction.atomic is a real mutant
                first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                lines.update(range(first - 1, child.end_lineno))

    visit(tree, "")
    if "<module>" in wanted:
        # module-level assignments (constants and compiled patterns), not imports
        for node in tree.body:
            if isinstance(node, ast.Assign):
                lines.update(range(node.lineno - 1, node.end_lineno))
    missing = wanted - _found(tree) - {"<module>"}
    if missing:
        raise SystemExit(f"mutation_config: not found in {filename}: {sorted(missing)}")
    return lines


def _found(tree):
    names = set()

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.FunctionDef):
                names.add(f"{prefix}{child.name}")

    visit(tree, "")
    return names


def pre_mutation(context):
    filename = os.path.relpath(context.filename)
    lines = _lines(filename)
    if lines is not None and context.current_line_index not in lines:
        context.skip = True
        return
    line = context.current_source_line.strip()
    if line.startswith('"""') or line.startswith("#"):
        context.skip = True  # docstrings
    elif "gettext(" in line or '_("' in line or line.startswith('"'):
        # The wording of a Swedish message: "XX" around it is seen, but pinning every
        # message's exact copy in a test is not worth its upkeep; the message's presence is.
        context.skip = True
