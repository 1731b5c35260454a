#!/usr/bin/env bash
# End-to-end: find the CI-server commit that broke a canary with `git bisect run`.
#
# Builds a CI server's repository (a harness script) with eight revisions: r1, r2 and r4 report
# the pinned fixture correctly (RED at backup); r3 and r6 cannot complete (no results.json);
# r5 starts exiting 0 over the failing backup tier, and r7 and r8 keep doing so. Runs
# `git bisect run <canary> run --bisect ...` between r1 (good) and r8 (bad) and requires r5.
#
# Usage: bisect_e2e.sh CANARY FIXTURE_REPOS WORK_DIR
set -euo pipefail

canary=$(realpath "$1") fixtures=$(realpath "$2") work=$3
for tool in git "$canary"; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is required" >&2; exit 1; }
done
[[ -d "$fixtures/custom-html-tiny.git" ]] || { echo "FAIL: no fixture repos in $fixtures" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/canaries"
server=$work/ci-server
export GIT_CONFIG_NOSYSTEM=1 HOME=$work GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@localhost
export GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@localhost
export CANARY_FIXTURE_REPOS=$fixtures

fail() { echo "FAIL: $*" >&2; exit 1; }

# The harness at one revision. $1: how it ends a run (correct, no-results, exit-zero); $2: the
# change this revision makes, kept as a comment so every revision differs.
write_harness() {
  cat > "$server/ci-harness" <<HARNESS
#!/usr/bin/env bash
# A small CI server: resolves the recipe at the SHA in its git repository, judges each tier.
# This revision: $2
set -euo pipefail
mode=$1
HARNESS
  cat >> "$server/ci-harness" <<'HARNESS'
recipe="" sha="" run_id="" out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --recipe) recipe=$2; shift 2 ;; --sha) sha=$2; shift 2 ;;
    --run-id) run_id=$2; shift 2 ;; --out) out=$2; shift 2 ;;
    *) echo "ci-harness: unknown argument $1" >&2; exit 2 ;;
  esac
done
repo="$CANARY_FIXTURE_REPOS/$recipe.git"
git --git-dir="$repo" cat-file -e "$sha^{commit}" || { echo "no commit $sha in $recipe" >&2; exit 3; }
# The fixture's regression-bad-backup commit is the backup that misses the seeded state.
backup=pass
[[ "$(git --git-dir="$repo" rev-parse regression-bad-backup)" == "$sha" ]] && backup=fail
mkdir -p "$out"
if [[ $mode == no-results ]]; then
  echo "ci-harness: worker pool failed to start" >&2
  exit 1
fi
exit_code=0
[[ $backup == fail ]] && exit_code=1
[[ $mode == exit-zero ]] && exit_code=0
restore=pass; [[ $backup == fail ]] && restore=skip
cat > "$out/results.json" <<JSON
{"recipe": "$recipe", "ref": "$sha", "run_id": "$run_id", "finished": "2026-01-01T00:00:00Z",
 "results": {"install": "pass", "upgrade": "pass", "backup": "$backup", "restore": "$restore", "custom": "$restore"},
 "stages": [
  {"name": "install", "status": "pass", "tests": [{"name": "test_serving", "status": "pass"}]},
  {"name": "upgrade", "status": "pass", "tests": [{"name": "test_upgrade_reconverges", "status": "pass"}]},
  {"name": "backup", "status": "$backup", "tests": [{"name": "test_backup_captures_state", "status": "$backup"}]},
  {"name": "restore", "status": "$restore", "tests": []},
  {"name": "custom", "status": "$restore", "tests": []}],
 "flags": {"clean_teardown": true, "no_secret_leak": true}}
JSON
exit $exit_code
HARNESS
  chmod +x "$server/ci-harness"
}

git init -q -b main "$server"
declare -a revision
commit() {  # $1 mode, $2 message
  write_harness "$1" "$2"
  git -C "$server" add ci-harness
  git -C "$server" commit -q -m "$2"
  revision+=("$(git -C "$server" rev-parse HEAD)")
}
commit correct    "r1: the CI server judges every tier"
commit correct    "r2: log each tier's result"
commit no-results "r3: new worker pool (does not start)"
commit correct    "r4: fix the worker pool"
commit exit-zero  "r5: report the job's status from the last tier only"
commit no-results "r6: move the worker pool config (does not start)"
commit exit-zero  "r7: fix the worker pool config again"
commit exit-zero  "r8: tidy the log lines"
culprit=${revision[4]}

cat > "$work/profile.yaml" <<YAML
harness: ci-server
command: ["$server/ci-harness", "--recipe", "{recipe}", "--sha", "{sha}", "--run-id", "{run_id}", "--out", "{artifacts}"]
artifacts: "{artifact_root}/{run_id}"
results: results.json
retries: 0
YAML
cat > "$work/canaries/backup-caught.yaml" <<'YAML'
canary: backup-caught
about: The fixture's backup misses the state; the CI server must report RED at backup.
recipe: custom-html-tiny
sha: dda6a47d1f07942d51eeaaebde1600ed5d74bc4c
expect:
  fails_at: backup
  tests:
    - {tier: backup, name: test_backup_captures_state, status: fail}
YAML
run=("$canary" run --bisect --profile "$work/profile.yaml" --canaries "$work/canaries"
     --artifact-root "$work/artifacts" backup-caught)

# Each kind of revision maps to what git bisect run expects.
expect_exit() {  # $1 revision index, $2 exit code
  git -C "$server" checkout -q "${revision[$1]}"
  local code=0
  (cd "$server" && "${run[@]}" >/dev/null 2>&1) || code=$?
  [[ $code == "$2" ]] || fail "r$(($1 + 1)): canary run --bisect exited $code, not $2"
  echo "r$(($1 + 1)): canary run --bisect exits $code"
}
expect_exit 0 0
expect_exit 2 125
expect_exit 4 1
git -C "$server" checkout -q main
code=0
"$canary" run --bisect --profile "$work/profile.yaml" --canaries "$work/canaries" nope \
  >/dev/null 2>&1 || code=$?
[[ $code == 128 ]] || fail "an unknown canary id (usage error) exited $code, not 128"
echo "unknown canary id: canary run --bisect exits 128"

echo "\$ git bisect start ${revision[7]:0:12} ${revision[0]:0:12}"
echo "\$ git bisect run canary run --bisect --profile profile.yaml --canaries canaries backup-caught"
git -C "$server" bisect start "${revision[7]}" "${revision[0]}" >/dev/null
(cd "$server" && git bisect run "${run[@]}") > "$work/bisect.out" 2>&1 || {
  cat "$work/bisect.out"; fail "git bisect run failed"; }
grep -v '^\[' "$work/bisect.out" | grep -v '^$' | sed -n '1,80p'
git -C "$server" bisect log > "$work/bisect.log"
echo "--- git bisect log"
cat "$work/bisect.log"
grep -q "^$culprit is the first bad commit" "$work/bisect.out" ||
  fail "the first bad commit is not r5 ($culprit)"
grep -q "^# skip:" "$work/bisect.log" || fail "no revision was skipped: the 125 path was not taken"
echo "PASS: git bisect found r5 ($culprit), skipping what could not be tested"
