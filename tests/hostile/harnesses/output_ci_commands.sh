#!/bin/sh
# A hostile harness that writes CI log commands where a line-start check does not look: "::"
# after spaces (ASCII, U+00A0, U+3000: the GitHub runner trims them all), GitHub's legacy
# "##[error]" and Azure Pipelines' "##vso[" anywhere in a line, and bidi marks. They sit in test
# names, a skip reason and its logs, and in records it forges beside its artifact dir: as the
# canary's name (which starts a line of `verify --latest --table`) and as the names of secrets
# (which a cold verify or report lists in its warning). The test it is judged on fails, so the
# honest outcome is MISMATCH.
# usage: output_ci_commands.sh ARTIFACT_DIR
set -eu
out="$1"
mkdir -p "$out"
cat > "$out/results.json" <<'JSON'
{"results": {"install": "pass", "backup": "skip"},
 "stages": [{"name": "install", "status": "pass", "tests": [
   {"name": "x ##[error]legacy command", "status": "fail", "ms": 1},
   {"name": "y ##vso[task.complete result=Succeeded]done", "status": "fail", "ms": 1},
   {"name": " ::error::spaced", "status": "pass", "ms": 1},
   {"name": "\u00a0\u3000::error::unicode spaces", "status": "fail", "ms": 1},
   {"name": "\u200e\u200f\u061cmarks\uffff", "status": "fail", "ms": 1}]}],
 "skips": {"backup": " ::warning::skipped ##[warning]too"},
 "flags": {"clean_teardown": true}}
JSON
forge() {
  mkdir -p "$out/../forged-$1"
  printf '{"canary": "%s", "outcome": "PASS", "started": "2999-01-01T00:00:00Z", "run_id": "x",
 "exit_code": 0, "timed_out": false, "attempts": 1, "findings": [],
 "secrets": ["A\\n::error::from a secret name", " ::error::spaced name", "##[error]B"]}' "$2" \
    > "$out/../forged-$1/canary-run.json"
}
forge 1 ' ::error::forged by a spaced name'
forge 2 '\u00a0::error::forged after a no-break space'
forge 3 '##[error]forged legacy command'
echo "##[error]from stdout" && echo " ::error::from stdout"
echo "##vso[task.complete result=Succeeded]from stderr" >&2
exit 0
