#!/usr/bin/env bash
# Wheel smoke test: build the wheel, install it (not editable) into a fresh venv, and run every command once from
# there on small inputs, the way a user of `pip install .` meets them. Fails loudly on a non-zero exit, a traceback,
# or a file of the source package (model, template, example) missing from the installed one.
#
#   .ci/wheel_smoke.sh [VENV]        VENV: where to make the fresh venv (default .ci-wheel-venv; recreated)
#   NEWSTRACE_WHEEL=path/to.whl      use this wheel instead of building one
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${1:-.ci-wheel-venv}
case $VENV in /*) ;; *) VENV=$ROOT/$VENV ;; esac

say() { echo "wheel-smoke: $*" >&2; }
fail() { echo "wheel-smoke: FAIL: $*" >&2; exit 1; }

if [ -n "${NEWSTRACE_WHEEL:-}" ]; then
    WHEEL=$NEWSTRACE_WHEEL
else
    rm -rf dist build/lib  # a stale build/lib would slip removed files into the wheel
    if [ -x .venv/bin/pip ]; then PIP=.venv/bin/pip; else PIP="python3 -m pip"; fi  # .venv: the test step's
    $PIP wheel -q . -w dist --no-deps
    WHEEL=$(ls dist/newstrace-*.whl)
fi
[ -f "$WHEEL" ] || fail "no wheel at $WHEEL"
say "installing $WHEEL into a fresh venv at $VENV"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q "$WHEEL"
NT=$VENV/bin/newstrace
PY=$VENV/bin/python

WORK=$(mktemp -d "${TMPDIR:-/tmp}/newstrace-smoke.XXXXXX")
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"  # never the source tree: the installed package must stand alone
export TMPDIR=$WORK NEWSTRACE_DB=$WORK/smoke.db

# 1. package data: every non-Python file of the source package is in the installed one
PKG=$("$PY" -c 'import newstrace, os; print(os.path.dirname(newstrace.__file__))')
case $PKG in "$ROOT"/src/*) fail "newstrace imports from the source tree ($PKG), not from the wheel" ;; esac
missing=$(cd "$ROOT/src/newstrace" && find . -type f ! -name '*.py' ! -name '*.pyc' ! -path '*/__pycache__/*' \
          | while read -r f; do [ -e "$PKG/$f" ] || echo "$f"; done)
[ -z "$missing" ] || fail "files missing from the installed package (add them to [tool.setuptools.package-data]): $missing"
EXAMPLES=$PKG/examples

# 2. every command once
N=0
run() {  # run NAME ARGS...: exit 0, no traceback anywhere
    local name=$1; shift
    N=$((N + 1))
    if ! "$NT" "$@" >"$name.out" 2>"$name.err" </dev/null; then
        cat "$name.err" >&2; fail "newstrace $* exited non-zero"
    fi
    if grep -q "Traceback" "$name.out" "$name.err"; then cat "$name.err" >&2; fail "newstrace $* printed a traceback"; fi
    say "ok: newstrace $*"
}
nonempty() { [ -s "$1.out" ] || fail "$1 printed nothing on stdout"; }

HTML=$EXAMPLES/coastline-courier-harbor-sale.html
TEXT=$EXAMPLES/bay-wire-harbor-denial.txt
run version --version
run extract extract "$HTML" --format json; nonempty extract
"$PY" -c 'import json,sys; d=json.load(open("extract.out")); assert isinstance(d, dict) and d["id"], d' \
    || fail "extract --format json of one page did not print one Article object"
run statements statements "$TEXT"; nonempty statements
run ingest ingest "$EXAMPLES" --db smoke.db
run articles articles --db smoke.db; nonempty articles
ID=$("$PY" -c 'import json; print(json.loads(open("extract.out").read())["id"])')
run show show "${ID:0:8}" --db smoke.db; nonempty show
run search search harbor --db smoke.db; nonempty search
run rejects rejects --db smoke.db
run claims claims --db smoke.db; nonempty claims
CLAIM=$("$PY" -c 'import json; print(json.loads(open("claims.out").readline())["id"])')
run trail trail "$CLAIM" --db smoke.db; nonempty trail
run trail_json trail "$CLAIM" --db smoke.db --format json
run reuse reuse --db smoke.db
run statements_db statements --db smoke.db --format table
printf '%s\n' '{"id": "p1", "claim": "The harbor will be sold", "text": "The council denied that the harbor will be sold."}' \
    '{"id": "p2", "claim": "The harbor will be sold", "text": "Ferries run twice a day in summer."}' > pairs.jsonl
run stance stance --pairs pairs.jsonl; nonempty stance
printf 'c1\tThe harbor will be sold to a developer\nc2\tThe ferry line closes in June\n' > known.tsv
printf 'q1\tA developer is buying the harbor\n' > queries.tsv
run match match --claims known.tsv --queries queries.tsv --top 2; nonempty match
printf '%s\n' '{"id": "t1", "text": "The council will sell the harbor to a developer."}' \
    '{"id": "t2", "text": "The harbor is to be sold to a developer, the council said."}' > texts.jsonl
run group group texts.jsonl; nonempty group
run demo demo --no-serve
run spark_help spark run -h
run load_help load -h

# serve: starts, answers the API, stops
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$NT" serve --db smoke.db --port "$PORT" >serve.out 2>serve.err &
SERVER_PID=$!
"$PY" - "$PORT" <<'EOF' || { cat serve.err >&2; fail "newstrace serve did not answer /api/claims"; }
import json, sys, time, urllib.request
for _ in range(120):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/api/claims", timeout=2) as r:
            assert json.load(r)["ok"] is True
            break
    except OSError:
        time.sleep(0.25)
else:
    raise SystemExit(1)
EOF
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
grep -q Traceback serve.err && fail "newstrace serve printed a traceback"
N=$((N + 1)); say "ok: newstrace serve (answered /api/claims)"

# a bad input is one line on stderr and exit 1, from the wheel too
if "$NT" articles --db smoke.db --since yesterday >bad.out 2>bad.err; then fail "articles --since yesterday exited 0"; fi
[ "$(wc -l <bad.err)" -eq 1 ] && ! grep -q Traceback bad.err || { cat bad.err >&2; fail "bad input: not a one-line error"; }

say "all $N commands ran from the installed wheel"
