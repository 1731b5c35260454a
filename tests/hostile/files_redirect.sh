#!/bin/bash
# Redirected writes and reads: the harness plants a symlink at .canary-run.json.tmp-$PPID (the
# temp name an older Canary used) and at canary-run.json, pointing at a decoy for /etc/shadow,
# and replaces harness.stderr.log by a symlink to it and harness.stdout.log by a FIFO. Canary
# must write nothing through them, and the HTML report must neither hang nor show the decoy.
# Usage: CANARY=<canary> WORK=<dir> files_redirect.sh
source "$(dirname "$0")/lib.sh"
write_canary hostile-links
shadow="$WORK/decoy/etc/shadow"
write_harness "out=\$1
printf '%s' '$PASSING' > \"\$out/results.json\"
ln -s '$shadow' \"\$out/.canary-run.json.tmp-\$PPID\"
ln -s '$shadow' \"\$out/canary-run.json\"
rm -f \"\$out/harness.stderr.log\" \"\$out/harness.stdout.log\"
ln -s '$shadow' \"\$out/harness.stderr.log\"
mkfifo \"\$out/harness.stdout.log\""
run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
# The run really satisfies the spec: PASS is the right outcome; the record is Canary's own.
[ "$RC" -eq 0 ] || fail "canary run exited $RC"$'\n'"$OUT"
art=$(ls -d "$ROOT"/hostile-links-*)
[ -f "$art/canary-run.json" ] && [ ! -L "$art/canary-run.json" ] ||
  fail "canary-run.json is not Canary's regular file"
run_canary report --html "$WORK/out/r.html" "$ROOT"
[ "$RC" -eq 0 ] || fail "canary report exited $RC"$'\n'"$OUT"
grep -q "decoy shadow line" "$WORK/out/r.html" && fail "the HTML report shows the symlinked file"
grep -q "not shown" "$WORK/out/r.html" || fail "the HTML report does not say why a log is not shown"

# Records that are a FIFO, /dev/zero or a symlink: verify refuses them at once.
for kind in fifo zero link; do
  dir="$WORK/rec-$kind" && mkdir -p "$dir" && printf '%s' "$PASSING" > "$dir/results.json"
  case $kind in
    fifo) mkfifo "$dir/canary-run.json" ;;
    zero) ln -s /dev/zero "$dir/canary-run.json" ;;
    link) ln -s "$art/canary-run.json" "$dir/canary-run.json" ;;
  esac
  run_canary verify --canaries "$WORK/canaries" "$dir"
  [ "$RC" -ne 0 ] || fail "verify of a $kind record exited 0"$'\n'"$OUT"
  grep -Eq "^TOOL_ERROR" "$WORK/out/$N.stdout" || fail "verify of a $kind record:"$'\n'"$OUT"
done
final_checks
