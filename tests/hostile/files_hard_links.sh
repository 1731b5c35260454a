#!/bin/bash
# Hard links, which O_NOFOLLOW does not see: the harness replaces harness.stderr.log by a hard
# link to a decoy for /etc/shadow, and results.json by a hard link to passing results kept
# outside its dir. Canary reads neither (the HTML report shows no decoy, the run is no PASS), and
# verify refuses a record that is a hard link to a trusted one.
# Usage: CANARY=<canary> WORK=<dir> files_hard_links.sh
source "$(dirname "$0")/lib.sh"
write_canary hostile-hardlink
printf '%s' "$PASSING" > "$WORK/decoy/passing.json"
DECOY_BEFORE=$(decoy_state)
shadow="$WORK/decoy/etc/shadow"
write_harness "out=\$1
rm -f \"\$out/harness.stderr.log\"
ln '$shadow' \"\$out/harness.stderr.log\"
ln '$WORK/decoy/passing.json' \"\$out/results.json\""
run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
[ "$RC" -eq 3 ] || fail "canary run exited $RC, not 3 (its results are a hard link)"$'\n'"$OUT"
grep -q "hard link" <<< "$OUT" || fail "run does not say why the results are refused:"$'\n'"$OUT"
grep -q "decoy shadow line" <<< "$OUT" && fail "run printed the hard-linked file"$'\n'"$OUT"
art=$(ls -td "$ROOT"/hostile-hardlink-* | head -1)  # a TOOL_ERROR is retried: the last attempt
run_canary report --html "$WORK/out/r.html" "$ROOT"
grep -q "decoy shadow line" "$WORK/out/r.html" && fail "the HTML report shows the hard-linked file"
grep -q "decoy shadow line" <<< "$OUT" && fail "report printed the hard-linked file"
grep -q "not shown" "$WORK/out/r.html" || fail "the HTML report does not say why a log is not shown"
# A second name for the trusted record, elsewhere: refused, not trusted, not re-judged.
dir="$WORK/rec-link" && mkdir -p "$dir" && printf '%s' "$PASSING" > "$dir/results.json"
ln "$art/canary-run.json" "$dir/canary-run.json"
run_canary verify --canaries "$WORK/canaries" "$dir"
[ "$RC" -ne 0 ] || fail "verify of a hard-linked record exited 0"$'\n'"$OUT"
grep -Eq "^TOOL_ERROR" "$WORK/out/$N.stdout" || fail "verify of a hard-linked record:"$'\n'"$OUT"
rm "$dir/canary-run.json"
final_checks
