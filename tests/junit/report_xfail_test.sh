#!/usr/bin/env bash
# A canary expecting the pytest harness's xfail guard to xpass: `canary run` and `canary report`
# must both name the guard's status as xfail (and the expectation as xpass) in the finding.
# Usage: report_xfail_test.sh BIN_DIR SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
export CANARY_PROFILE_DIR="$src/harness/profiles"
status=0
"$bin/canary" run --canaries "$src/tests/junit/data/xpass-demo" --artifact-root "$work/a" \
  --retries 0 > "$work/run.txt" 2>&1 || status=$?
[[ $status -eq 1 ]] || { echo "canary run exited $status, expected 1 (MISMATCH)"; cat "$work/run.txt"; exit 1; }
"$bin/canary" report --markdown "$work/report.md" "$work/a" > /dev/null 2>&1 || true
want='expected present with status xpass, got test_custom::test_bug_993_cache_control: xfail`'
grep -qF "$want" "$work/report.md" || { echo "report lacks: $want"; cat "$work/report.md"; exit 1; }
grep -qF 'status xpass, got test_custom::test_bug_993_cache_control: xfail' "$work/run.txt" ||
  { echo "run output lacks the xfail finding"; cat "$work/run.txt"; exit 1; }
echo "report and run show xfail/xpass"
