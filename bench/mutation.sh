#!/usr/bin/env bash
# Mutation score of the domain rules (issue 19), run by hand, never in CI or `make test`:
#
#     .venv/bin/pip install 'mutmut<3'      # a one-off tool, deliberately not in requirements
#     bench/mutation.sh [resident_input] [feedback] [proposals]    # default: all three
#     bench/mutation.sh rerun feedback ID...    # re-test some mutants (e.g. the survivors)
#
# mutmut 2 rather than 3: mutmut 2 edits one file in place and runs any command as the test
# runner, which is what one shared PostgreSQL with a fresh database per mutant needs; mutmut 3
# drives pytest itself through trampolines in a copied tree (not tried here).
#
# Because mutmut edits files in place, it works in a copy of this worktree ($MUTATION_DIR,
# default /tmp/mutation-$USER), so the worktree itself is never mutated. One PostgreSQL
# (bin/with-postgres) serves the whole run: the test database is migrated once, kept as a
# template, and every mutant gets a fresh copy of it (a few hundred ms) so that transactional
# tests flushing the database cannot leak into the next mutant. Which functions are mutated and
# why: bench/mutation_config.py. Results: `mutmut results` / `mutmut show ID` in $MUTATION_DIR.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
work="${MUTATION_DIR:-/tmp/mutation-${USER:-$(id -un)}}"
python="$here/.venv/bin/python"
mutmut="$here/.venv/bin/mutmut"

declare -A SOURCE=(
    [resident_input]=home/resident_input.py
    [feedback]=feedback/models.py
    [proposals]=proposals/models.py
)
# The narrowest selection that exercises each module, fastest and most direct first (-x stops
# at the first failure, so a killed mutant rarely runs more than one file).
declare -A TESTS=(
    [resident_input]="tests/home/test_resident_input.py tests/feedback/test_rate_limits.py"
    [feedback]="tests/feedback/test_stored_fields.py tests/feedback/test_workdays.py tests/feedback/test_admin.py tests/feedback/test_case_work.py tests/feedback/test_public.py"
    [proposals]="tests/proposals/test_voting.py tests/proposals/test_moderation_lifecycle.py tests/proposals/test_moderation.py"
)

if [[ "${1:-}" == "pytest" ]]; then
    # The runner of one mutant (called by mutmut inside the with-postgres shell below).
    shift
    psql -q "$DATABASE_URL" -c "DROP DATABASE IF EXISTS test_postgres WITH (FORCE)" \
        -c "CREATE DATABASE test_postgres TEMPLATE mutation_template" >/dev/null
    exec "$python" -m pytest -x -q -p no:cacheprovider -m "not browser" \
        --reuse-db "$@"
fi

copy_worktree() {
    # Everything but git, var/ and caches; mutmut's own cache in $work is kept for reruns.
    mkdir -p "$work"
    find "$work" -mindepth 1 -maxdepth 1 ! -name .mutmut-cache -exec rm -rf {} +
    tar -C "$here" --exclude=./.git --exclude=./var --exclude=__pycache__ --exclude=.mutmut-cache \
        --exclude=.hypothesis -cf - . | tar -C "$work" -xf -
    cp "$here/bench/mutation_config.py" "$work/mutmut_config.py"
}

if [[ "${1:-}" == "inside" ]]; then
    # Inside the one PostgreSQL: migrate the test database once, then mutate.
    shift
    cd "$work"
    mode="$1"
    shift
    "$python" -m pytest -q -p no:cacheprovider --create-db --reuse-db \
        tests/feedback/test_rate_limits.py -k failed_attempts_do_not >/dev/null
    psql -q "$DATABASE_URL" -c "CREATE DATABASE mutation_template TEMPLATE test_postgres"
    if [[ "$mode" == "rerun" ]]; then
        module="$1"
        shift
        for id in "$@"; do
            "$mutmut" run --paths-to-mutate "${SOURCE[$module]}" \
                --runner "$here/bench/mutation.sh pytest ${TESTS[$module]}" \
                --simple-output --no-progress "$id" || true
        done
        "$mutmut" results || true
        exit 0
    fi
    for module in "$@"; do
        echo "== $module: ${SOURCE[$module]}"
        "$mutmut" run --paths-to-mutate "${SOURCE[$module]}" \
            --runner "$here/bench/mutation.sh pytest ${TESTS[$module]}" \
            --simple-output --no-progress || true
    done
    "$mutmut" results || true
    exit 0
fi

copy_worktree
if [[ "${1:-}" == "rerun" ]]; then
    exec "$here/bin/with-postgres" "$here/bench/mutation.sh" inside "$@"
fi
modules=("$@")
[[ ${#modules[@]} -gt 0 ]] || modules=(resident_input feedback proposals)
rm -f "$work/.mutmut-cache"
exec "$here/bin/with-postgres" "$here/bench/mutation.sh" inside run "${modules[@]}"
