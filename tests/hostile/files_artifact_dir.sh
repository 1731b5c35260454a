#!/bin/bash
# An artifact dir replaced during the run by a symlink to a decoy dir: Canary reads nothing and
# writes nothing there; the run is a TOOL_ERROR naming the dir.
# Usage: CANARY=<canary> WORK=<dir> files_artifact_dir.sh
source "$(dirname "$0")/lib.sh"
write_canary hostile-swap
mkdir -p "$WORK/decoy/dir"
printf '%s' "$PASSING" > "$WORK/decoy/dir/results.json"
DECOY_BEFORE=$(decoy_state)
write_harness "out=\$1
mv \"\$out\" \"\$out.moved\"
ln -s '$WORK/decoy/dir' \"\$out\""
run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
[ "$RC" -eq 3 ] || fail "canary run exited $RC, not 3"$'\n'"$OUT"
grep -q "is not the one Canary created" <<< "$OUT" || fail "no TOOL_ERROR naming the dir:"$'\n'"$OUT"
[ ! -e "$WORK/decoy/dir/canary-run.json" ] || fail "a record was written into the decoy dir"
final_checks
