#!/bin/sh
# A hostile harness that places its secret ($HOSTILE_TOKEN) across the start of the 64 KiB
# window a report reads of its stdout log, 10 bytes into the secret: a mask applied after that
# cut would miss the secret's tail. It writes no results: TOOL_ERROR.
# usage: secrets_straddling_log_window.sh ARTIFACT_DIR
set -eu
mkdir -p "$1"
# "start\n" (6) + secret + "\n" + pad + "\n": 65536 + 6 + 10 bytes, so the last 65536 begin 10
# bytes into the secret.
pad=$((65536 + 6 + 10 - 6 - ${#HOSTILE_TOKEN} - 2))
printf 'start\n%s\n' "$HOSTILE_TOKEN"
head -c "$pad" /dev/zero | tr '\0' x
printf '\n'
exit 1
