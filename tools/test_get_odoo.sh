#!/usr/bin/env bash
# Copyright 2026 crm_retention contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ./dev gets Odoo when ODOO_SRC has none (check_odoo in ./dev), tested with
# a tiny local git repository as ODOO_GIT_URL (a branch 18.0 with odoo-bin
# and odoo/addons/crm/) and with URLs that cannot be reached. Run by
# ./dev lint (.pre-commit-config.yaml); no network, about a second.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0 failed=0

ok() { passed=$((passed + 1)); }
ko() {
    failed=$((failed + 1))
    printf 'FAILED: %s\n%s\n' "$1" "$(sed 's/^/    /' "$TMP/out")" >&2
}

# ./dev get-odoo with the environment given, no terminal: its exit code.
dev() {
    env "$@" "$ROOT/dev" get-odoo </dev/null >"$TMP/out" 2>&1
}

expect() { # NAME CODE PATTERN: the last ./dev exited CODE and said PATTERN
    if [ "$rc" = "$2" ] && grep -q -- "$3" "$TMP/out"; then ok; else ko "$1 (exit $rc, wanted $2)"; fi
}

git_q() { git -c user.name=test -c user.email=test@example.invalid -c init.defaultBranch=main "$@" >/dev/null 2>&1; }

# The fake Odoo: a branch 18.0 with odoo-bin and the crm addon.
fake=$TMP/fake-odoo
# As a file:// URL: git clones a plain path in full, --depth only over a URL.
url=file://$fake
mkdir -p "$fake/odoo/addons/crm"
echo "#!/usr/bin/env python3" >"$fake/odoo-bin"
echo "{'name': 'CRM'}" >"$fake/odoo/addons/crm/__manifest__.py"
git_q -C "$TMP" init fake-odoo
git_q -C "$fake" checkout -b 18.0
git_q -C "$fake" add -A
git_q -C "$fake" commit -m one
echo "# two" >>"$fake/odoo-bin"
git_q -C "$fake" commit -am two
# The layout of the official 18.0 branch: base in odoo/addons, crm in addons/.
layout=$TMP/branch-layout
mkdir -p "$layout/odoo/addons/base" "$layout/addons/crm"
touch "$layout/odoo-bin" "$layout/odoo/addons/base/__init__.py" "$layout/addons/crm/__init__.py"
git_q -C "$TMP" init branch-layout
git_q -C "$layout" checkout -b 18.0
git_q -C "$layout" add -A
git_q -C "$layout" commit -m one
# A repository without the branch 18.0.
git_q -C "$TMP" init other
git_q -C "$TMP/other" commit --allow-empty -m one

# Without a terminal and without ODOO_FETCH=1 it only says how to get Odoo.
dev ODOO_SRC="$TMP/none" ODOO_GIT_URL="$url" ODOO_FETCH=
rc=$?
expect "no terminal, no ODOO_FETCH: refuses" 1 "ODOO_FETCH=1"
[ ! -e "$TMP/none" ] && ok || ko "no terminal, no ODOO_FETCH: created ODOO_SRC"

# ODOO_FETCH=1: a shallow clone of the branch 18.0.
dev ODOO_SRC="$TMP/odoo" ODOO_GIT_URL="$url" ODOO_FETCH=1
rc=$?
expect "ODOO_FETCH=1: clones" 0 "Odoo 18.0 is in $TMP/odoo"
if [ -f "$TMP/odoo/odoo-bin" ] && [ -d "$TMP/odoo/odoo/addons/crm" ] &&
    [ "$(git -C "$TMP/odoo" rev-parse --is-shallow-repository)" = true ] &&
    [ "$(git -C "$TMP/odoo" rev-list --count HEAD)" = 1 ] &&
    [ "$(git -C "$TMP/odoo" branch --show-current)" = 18.0 ]; then ok; else ko "ODOO_FETCH=1: not a shallow clone of 18.0"; fi

# Odoo there: nothing to do, whatever the URL.
dev ODOO_SRC="$TMP/odoo" ODOO_GIT_URL="$TMP/nowhere" ODOO_FETCH=1
rc=$?
expect "Odoo there: no clone" 0 "Odoo 18.0: $TMP/odoo"
grep -q "getting Odoo" "$TMP/out" && ko "Odoo there: cloned again" || ok

# The branch's layout: both addons folders on the addons path.
dev ODOO_SRC="$TMP/layout" ODOO_GIT_URL="file://$layout" ODOO_FETCH=1
rc=$?
expect "the branch's layout: addons/ on the addons path" 0 "addons path $TMP/layout/odoo/addons,$TMP/layout/addons)"

# An empty ODOO_SRC folder is filled.
mkdir "$TMP/empty"
dev ODOO_SRC="$TMP/empty" ODOO_GIT_URL="$url" ODOO_FETCH=1
rc=$?
expect "empty ODOO_SRC: clones into it" 0 "Odoo 18.0 is in $TMP/empty"

# A folder with something else in it is left alone.
mkdir -p "$TMP/busy" && touch "$TMP/busy/notes.txt"
dev ODOO_SRC="$TMP/busy" ODOO_GIT_URL="$url" ODOO_FETCH=1
rc=$?
expect "ODOO_SRC not empty: refuses" 1 "not empty"
[ "$(ls -A "$TMP/busy")" = notes.txt ] && ok || ko "ODOO_SRC not empty: changed it"

# Unreachable URLs: a clear message and exit code 3, nothing left behind.
for bad in "$TMP/nowhere.git" "http://127.0.0.1:9/odoo.git"; do
    dev ODOO_SRC="$TMP/unreachable/odoo" ODOO_GIT_URL="$bad" ODOO_FETCH=1
    rc=$?
    expect "unreachable $bad: exit 3" 3 "could not clone the 18.0 branch of $bad"
    if grep -q "network may not allow" "$TMP/out" && grep -q "ODOO_GIT_URL" "$TMP/out" &&
        grep -q "ODOO_SRC" "$TMP/out" && [ -z "$(ls -A "$TMP/unreachable")" ]; then ok; else ko "unreachable $bad: message or leftovers"; fi
done

# A repository without the branch 18.0.
dev ODOO_SRC="$TMP/nobranch" ODOO_GIT_URL="$TMP/other" ODOO_FETCH=1
rc=$?
expect "no branch 18.0: exit 3" 3 "could not clone"

# In a terminal it asks; "y" clones, anything else refuses.
if command -v script >/dev/null; then
    for answer in y n; do
        printf '%s\n' "$answer" | ODOO_SRC="$TMP/asked-$answer" ODOO_GIT_URL="$url" ODOO_FETCH= \
            script -qec "$ROOT/dev get-odoo" /dev/null >"$TMP/out" 2>&1
        rc=$?
        grep -q "Get it there (git clone --depth 1 --branch 18.0 $url)? \[y/N\]" "$TMP/out" && ok ||
            ko "terminal, answer $answer: no question"
        if [ "$answer" = y ]; then
            expect "terminal, answer y: clones" 0 "Odoo 18.0 is in $TMP/asked-y"
        else
            expect "terminal, answer n: refuses" 1 "ODOO_FETCH=1"
        fi
    done
else
    ko "the terminal cases need script(1) (util-linux)"
fi

echo "get-odoo: $passed passed, $failed failed"
[ "$failed" = 0 ]
