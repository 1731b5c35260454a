#!/bin/sh
# A hostile harness that prints its secret ($HOSTILE_TOKEN) to stdout and stderr and fails
# without results: TOOL_ERROR, whose message quotes the last lines of its log.
# usage: secrets_in_logs.sh ARTIFACT_DIR
set -eu
mkdir -p "$1"
echo "token=$HOSTILE_TOKEN"
printf 'fatal: cannot authenticate with %s\n' "$HOSTILE_TOKEN" >&2
exit 1
