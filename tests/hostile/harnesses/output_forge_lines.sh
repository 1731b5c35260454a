#!/bin/sh
# A hostile harness: its test names, skip reason and logs carry terminal escapes (clear screen,
# OSC window title, BEL), carriage returns and line feeds that would forge a "1 passed, 0 failed"
# line or a GitHub "::error::" workflow command, C1 controls, DEL, and Markdown that mentions,
# links and embeds HTML. The test it is judged on fails, so the honest outcome is MISMATCH.
# usage: output_forge_lines.sh ARTIFACT_DIR
set -eu
out="$1"
mkdir -p "$out"
forge='\u001b[2J\u001b[H\u001b]0;owned\u0007\r\n1 passed, 0 failed\n::error::forged by the harness\n::add-mask::x\u009b31m\u007f'
# Markdown that would ping a user, link out, run HTML or break out of a code span.
markdown='@octocat see https://127.0.0.1/x <img src=x onerror=alert(1)> ``tick`` | cell **bold**'
cat > "$out/results.json" <<JSON
{"results": {"install": "pass", "backup": "skip"},
 "stages": [{"name": "install", "status": "pass", "tests": [
   {"name": "test_serving $markdown$forge", "status": "fail", "ms": 1},
   {"name": "$forge", "status": "pass", "ms": 1},
   {"name": "$markdown", "status": "fail", "ms": 1}]}],
 "skips": {"backup": "$forge"},
 "flags": {"clean_teardown": true}}
JSON
# The logs end up in the HTML report's tails: raw ESC, CR, C1 and invalid UTF-8 bytes.
printf '\033[2J\033]0;owned\007\r\n1 passed, 0 failed\n::error::forged\n\302\233\377\376\n'
printf '\033[2J::warning::from stderr\n' >&2
exit 0
