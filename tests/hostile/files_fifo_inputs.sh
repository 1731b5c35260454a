#!/bin/bash
# FIFOs and /dev/zero in place of a spec, a profile and results.json: lint, run and verify
# neither hang nor read forever; each says what it refused.
# Usage: CANARY=<canary> WORK=<dir> files_fifo_inputs.sh
source "$(dirname "$0")/lib.sh"
write_canary hostile-fifo
write_harness "rm -f \"\$1/results.json\"; mkfifo \"\$1/results.json\""
mkdir -p "$WORK/fifo-spec" && mkfifo "$WORK/fifo-spec/c.yaml"
run_canary lint "$WORK/fifo-spec/c.yaml"
[ "$RC" -ne 0 ] || fail "lint of a FIFO spec exited 0"$'\n'"$OUT"
grep -q "not a regular file" <<< "$OUT" || fail "lint does not say why:"$'\n'"$OUT"
ln -s /dev/zero "$WORK/zero-spec.yaml"
run_canary lint "$WORK/zero-spec.yaml"
[ "$RC" -ne 0 ] || fail "lint of /dev/zero exited 0"$'\n'"$OUT"
run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
[ "$RC" -eq 3 ] || fail "a FIFO results.json: canary run exited $RC, not 3"$'\n'"$OUT"
mv "$WORK/profiles/hostile.yaml" "$WORK/profile.yaml" && mkfifo "$WORK/profiles/hostile.yaml"
run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
[ "$RC" -ne 0 ] || fail "a FIFO profile: canary run exited 0"$'\n'"$OUT"
grep -q "not a regular file" <<< "$OUT" || fail "run does not say why the profile is refused:"$'\n'"$OUT"
# A sparse results.json far over the cap is refused unread, with the limit named.
rm "$WORK/profiles/hostile.yaml" && mv "$WORK/profile.yaml" "$WORK/profiles/hostile.yaml"
dir="$WORK/sparse" && mkdir -p "$dir" && truncate -s 8G "$dir/results.json"
run_canary verify --canaries "$WORK/canaries" --canary hostile-fifo "$dir"
grep -q "the limit is" <<< "$OUT" || fail "a sparse 8 GB results.json:"$'\n'"$OUT"
final_checks
