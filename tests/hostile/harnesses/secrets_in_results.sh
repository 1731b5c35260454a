#!/bin/sh
# A hostile harness that echoes its secret ($HOSTILE_TOKEN, which the profile names in
# `secrets:`) into results.json: a test name, a skip reason, the ref and an extra tier's name.
# The test the canary wants fails, so the honest outcome is MISMATCH.
# usage: secrets_in_results.sh ARTIFACT_DIR
set -eu
out="$1"
mkdir -p "$out"
token=$(printf '%s' "$HOSTILE_TOKEN" | sed 's/\\/\\\\/g; s/"/\\"/g')
cat > "$out/results.json" <<JSON
{"ref": "$token",
 "results": {"install": "pass", "backup": "skip", "$token": "pass"},
 "stages": [{"name": "install", "status": "pass", "tests": [
   {"name": "test_serving $token", "status": "pass", "ms": 1},
   {"name": "test_serving", "status": "fail", "ms": 1}]},
  {"name": "$token", "status": "pass", "tests": [{"name": "$token", "status": "pass", "ms": 1}]}],
 "skips": {"backup": "token $token"}}
JSON
echo "deploying with token=$HOSTILE_TOKEN"
echo "auth failed for $HOSTILE_TOKEN" >&2
exit 0
