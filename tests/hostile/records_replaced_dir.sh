#!/bin/bash
# An artifact dir replaced during the run by a new directory (not a symlink): the harness moves
# its own dir aside and makes a fresh one in its place holding passing results, then exits 0.
# Canary writes no record there, names none in the index, and neither verify --latest nor report
# calls the run anything but a failure.
# Usage: CANARY=<canary> WORK=<dir> records_replaced_dir.sh
source "$(dirname "$0")/lib.sh"
write_canary hostile-replaced
write_harness "out=\$1
printf '%s' '$FAILING' > \"\$out/results.json\"
mv \"\$out\" \"\$out.moved\"
mkdir \"\$out\"
printf '%s' '$PASSING' > \"\$out/results.json\"
exit 0"
run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
[ "$RC" -eq 3 ] || fail "canary run exited $RC, not 3"$'\n'"$OUT"
grep -q "is not the one Canary created" <<< "$OUT" || fail "no TOOL_ERROR naming the dir:"$'\n'"$OUT"
# A TOOL_ERROR is retried: every attempt's dir was replaced, and none holds a record.
for art in $(ls -d "$ROOT"/hostile-replaced-* | grep -v "\.moved$"); do
  [ ! -e "$art/canary-run.json" ] || fail "Canary wrote its record into the harness's replacement $art"
done
grep -q '"record"' "$ROOT/.canary/index.jsonl" && fail "the index vouches for a record in the replacement dir"
run_canary verify --canaries "$WORK/canaries" --latest "$ROOT"
[ "$RC" -ne 0 ] || fail "verify --latest exited 0"$'\n'"$OUT"
grep -Eq "^PASS" "$WORK/out/$N.stdout" && fail "verify --latest says PASS"$'\n'"$OUT"
run_canary report --markdown "$WORK/out/r.md" "$ROOT"
grep -q "TOOL\\\\_ERROR" "$WORK/out/r.md" || fail "the report shows no TOOL_ERROR row"$'\n'"$(cat "$WORK/out/r.md")"
grep -Eq "[0-9]+ canar(y|ies): [1-9][0-9]* passed" "$WORK/out/r.md" &&
  fail "the report counts the replaced run as passed: $(grep passed "$WORK/out/r.md")"
final_checks
