#!/bin/bash
# A harness that plants a passing record and results in its own artifact dir, then SIGKILLs
# Canary ($PPID) so nothing overwrites them: the forgery is the only record there, and it must
# not pass for Canary's.
# Usage: CANARY=<canary> WORK=<dir> records_sigkill.sh
source "$(dirname "$0")/lib.sh"
write_canary hostile-kill
write_harness "out=\$1
printf '%s' '$PASSING' > \"\$out/results.json\"
printf '{\"canary\":\"hostile-kill\",\"outcome\":\"PASS\",\"started\":\"2999-01-01T00:00:00Z\",\"run_id\":\"x\",\"exit_code\":0,\"timed_out\":false,\"attempts\":1,\"findings\":[]}' > \"\$out/canary-run.json\"
kill -9 \$PPID
exit 0"
run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
[ "$RC" -eq 137 ] || fail "canary run exited $RC, not 137 (SIGKILL)"$'\n'"$OUT"
run_canary report --markdown "$WORK/out/r.md" "$ROOT"
[ "$RC" -eq 1 ] || fail "canary report exited $RC, not 1"$'\n'"$OUT"
grep -q "UNTRUSTED" "$WORK/out/r.md" || fail "the report shows no UNTRUSTED row"$'\n'"$(cat "$WORK/out/r.md")"
grep -Eq "1 canary: 1 passed" "$WORK/out/r.md" && fail "the report counts the forgery as passed"
run_canary verify --canaries "$WORK/canaries" --latest "$ROOT"
[ "$RC" -ne 0 ] || fail "verify --latest exited 0"$'\n'"$OUT"
grep -Eq "^PASS" "$WORK/out/$N.stdout" && fail "verify --latest says PASS"$'\n'"$OUT"
final_checks
