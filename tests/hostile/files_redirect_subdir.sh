#!/bin/bash
# A read redirected through a directory on the way, which O_NOFOLLOW (last component only) does
# not see: the profile reads out/results.json (or JUnit out/install.xml) and the harness makes
# out a symlink to a decoy dir of passing results outside its artifact dir. Canary reads nothing
# there: the run is a TOOL_ERROR naming the link, never the decoy's PASS.
# Usage: CANARY=<canary> WORK=<dir> files_redirect_subdir.sh
source "$(dirname "$0")/lib.sh"
write_canary hostile-subdir
mkdir -p "$WORK/decoy/dir"
printf '%s' "$PASSING" > "$WORK/decoy/dir/results.json"
printf '<testsuite><testcase name="test_serving"/></testsuite>' > "$WORK/decoy/dir/install.xml"
DECOY_BEFORE=$(decoy_state)
write_harness "ln -s '$WORK/decoy/dir' \"\$1/out\""
for results in "out/results.json" "{format: junit, tiers: {install: out/install.xml}}"; do
  sed -i "s#^results: .*#results: $results#" "$WORK/profiles/hostile.yaml"
  run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
  [ "$RC" -eq 3 ] || fail "results: $results: canary run exited $RC, not 3"$'\n'"$OUT"
  grep -q "/out is a symbolic link" <<< "$OUT" || fail "no message naming the link:"$'\n'"$OUT"
  art=$(ls -td "$ROOT"/hostile-subdir-* | head -1)
  run_canary verify --canaries "$WORK/canaries" "$art"
  grep -Eq "^PASS" "$WORK/out/$N.stdout" && fail "verify reads through the link"$'\n'"$OUT"
done
final_checks
