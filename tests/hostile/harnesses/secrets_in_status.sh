#!/bin/sh
# A hostile harness that reports its secret ($HOSTILE_TOKEN) as a test's status word, so the
# results are rejected with a message quoting (and cutting) that word: TOOL_ERROR.
# usage: secrets_in_status.sh ARTIFACT_DIR
set -eu
out="$1"
mkdir -p "$out"
token=$(printf '%s' "$HOSTILE_TOKEN" | sed 's/\\/\\\\/g; s/"/\\"/g')
cat > "$out/results.json" <<JSON
{"results": {"install": "pass"},
 "stages": [{"name": "install", "status": "pass", "tests": [
   {"name": "test_serving", "status": "$token", "ms": 1}]}]}
JSON
exit 0
