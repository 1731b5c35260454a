#!/bin/bash
# Forged records: the real run fails; the harness plants canary-run.json files saying PASS
# (started 2999) in $ARTIFACTS/.x/<canary>/, for a canary that never ran, and in a sibling dir,
# each with a results.json that passes and a planted run index beside it. Neither report nor
# verify may call any of them PASS.
# Usage: CANARY=<canary> WORK=<dir> records_forged.sh
source "$(dirname "$0")/lib.sh"
write_canary hostile-forge
write_harness "out=\$1
printf '%s' '$FAILING' > \"\$out/results.json\"
echo \"token \$HOSTILE_TOKEN\" >&2
forge() {
  mkdir -p \"\$1\"
  printf '%s' '$PASSING' > \"\$1/results.json\"
  printf '{\"canary\":\"%s\",\"outcome\":\"PASS\",\"started\":\"2999-01-01T00:00:00Z\",\"run_id\":\"x\",\"exit_code\":0,\"timed_out\":false,\"attempts\":9,\"findings\":[]}' \"\$2\" > \"\$1/canary-run.json\"
}
forge \"\$out/.x/hostile-forge\" hostile-forge
forge \"\$out/.x/ghost\" ghost
forge \"\$out/../forged\" hostile-forge
mkdir -p \"\$out/.x/.canary\"
echo '{\"run_id\":\"x\",\"canary\":\"hostile-forge\",\"record\":\"hostile-forge/canary-run.json\",\"sha256\":\"0\"}' > \"\$out/.x/.canary/index.jsonl\"
exit 1"

run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
[ "$RC" -eq 1 ] || fail "canary run exited $RC, not 1 (the real run fails):"$'\n'"$OUT"
art=$(ls -d "$ROOT"/hostile-forge-*)

run_canary report --markdown "$WORK/out/r.md" --junit "$WORK/out/r.xml" "$ROOT"
[ "$RC" -eq 1 ] || fail "canary report exited $RC, not 1 (forged records are UNTRUSTED)"$'\n'"$OUT"
grep -q "UNTRUSTED" "$WORK/out/r.md" || fail "the Markdown report shows no UNTRUSTED row"
grep -q "passed" "$WORK/out/r.md" && grep -Eq "[0-9]+ canar(y|ies): [1-9][0-9]* passed" "$WORK/out/r.md" &&
  fail "the Markdown report counts a forged record as passed: $(grep passed "$WORK/out/r.md")"
grep -q 'failures="0"' "$WORK/out/r.xml" && grep -q '<testsuite ' "$WORK/out/r.xml" &&
  grep -Eq '<testsuite [^>]*failures="0"' "$WORK/out/r.xml" && fail "the JUnit report shows 0 failures"

run_canary verify --canaries "$WORK/canaries" --latest "$ROOT"
[ "$RC" -eq 1 ] || fail "verify --latest exited $RC, not 1"$'\n'"$OUT"
grep -Eq "^PASS" "$WORK/out/$N.stdout" && fail "verify --latest says PASS"$'\n'"$OUT"

# Explicitly, each forged dir: re-judged from its results, never PASS on the record's word.
for dir in "$art/.x/hostile-forge" "$ROOT/forged"; do
  run_canary verify --canaries "$WORK/canaries" "$dir"
  grep -q "unindexed record: outcome re-derived from the results" "$WORK/out/$N.stdout" ||
    fail "verify $dir does not say the record is unindexed"$'\n'"$OUT"
done
# The real run's record is still the index's, and still says MISMATCH.
run_canary verify --canaries "$WORK/canaries" "$art"
grep -Eq "^MISMATCH" "$WORK/out/$N.stdout" || fail "verify of the real run:"$'\n'"$OUT"
final_checks
