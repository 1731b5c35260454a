#!/bin/bash
# A harness that leaves a daemon behind (setsid, double fork) and one that ignores TERM and
# outlives its timeout: Canary stops them all, and neither run passes.
# Usage: CANARY=<canary> WORK=<dir> files_daemons.sh
source "$(dirname "$0")/lib.sh"
write_canary hostile-daemon
write_harness "printf '%s' '$PASSING' > \"\$1/results.json\"
setsid sh -c 'sleep 300; echo \$0' \"\$2\" > /dev/null 2>&1 < /dev/null &"
run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
[ "$RC" -eq 1 ] || fail "a daemon left behind: canary run exited $RC, not 1"$'\n'"$OUT"
grep -q "clean_teardown" <<< "$OUT" || fail "no clean_teardown finding:"$'\n'"$OUT"
sed -i 's/timeout: 20s/timeout: 2s/' "$WORK/canaries/hostile-daemon.yaml"
write_harness "trap '' TERM
sleep 300 &
wait" "grace: 1s"
run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
[ "$RC" -eq 3 ] || fail "a TERM-ignorer: canary run exited $RC, not 3"$'\n'"$OUT"
grep -q "timed out" <<< "$OUT" || fail "no timeout named:"$'\n'"$OUT"
final_checks
