# Shared by the tests/hostile/ scripts: a scratch workspace with one canary on a purpose-built
# harness, a decoy tree standing for files outside the artifact dir, and the checks every
# attack must pass (no decoy changed, no process left, no secret in any output).
# Usage: source lib.sh, after setting CANARY (the canary binary) and WORK (a scratch dir).
set -u
: "${CANARY:?CANARY=<canary binary> is required}" "${WORK:?WORK=<scratch dir> is required}"
export HOSTILE_TOKEN="hostile-s3cr3t-$$-value"
MARK="canary-hostile-mark-$$"  # on every harness command line, to find what it left running
rm -rf "$WORK" && mkdir -p "$WORK/canaries" "$WORK/profiles" "$WORK/decoy/etc" "$WORK/out"
echo "root:*:decoy shadow line" > "$WORK/decoy/etc/shadow"
echo "keep me" > "$WORK/decoy/important"
export CANARY_PROFILE_DIR="$WORK/profiles"
ROOT="$WORK/root"

fail() { echo "FAIL: $*" >&2; exit 1; }

# write_canary ID: a green canary on the `hostile` profile.
write_canary() {
  cat > "$WORK/canaries/$1.yaml" <<SPEC
canary: $1
about: a purpose-built hostile harness
recipe: hostile
ref: main
sha: "1111111111111111111111111111111111111111"
timeout: 20s
harness: hostile
expect:
  verdict: green
  exit_code: 0
  tests:
    - {tier: install, name: test_serving, status: pass}
SPEC
}

# write_harness 'SHELL BODY' [PROFILE EXTRA LINES]: $1 in the body is the artifact dir.
write_harness() {
  printf '%s\n' "$1" > "$WORK/harness.sh"
  cat > "$WORK/profiles/hostile.yaml" <<PROFILE
harness: hostile
command: ["/bin/sh", "$WORK/harness.sh", "{artifacts}", "$MARK"]
artifacts: "{artifact_root}/{run_id}"
results: results.json
secrets: [HOSTILE_TOKEN]
${2:-}
PROFILE
}

# The results a healthy run writes; the harness calls `passing_results DIR`.
PASSING='{"recipe":"hostile","ref":"1111111111111111111111111111111111111111","results":{"install":"pass","upgrade":"pass","backup":"pass","restore":"pass","custom":"pass"},"stages":[{"name":"install","status":"pass","tests":[{"name":"test_serving","status":"pass"}]}],"level":5,"flags":{"clean_teardown":true,"no_secret_leak":true}}'
FAILING=${PASSING/'"install":"pass","upgrade"'/'"install":"fail","upgrade"'}
FAILING=${FAILING/'"name":"test_serving","status":"pass"'/'"name":"test_serving","status":"fail"'}

decoy_state() { find "$WORK/decoy" -printf '%p %s %T@ %m\n' | sort; md5sum "$WORK"/decoy/etc/shadow "$WORK"/decoy/important; }
DECOY_BEFORE=$(decoy_state)

# run_canary ARGS...: canary with a time limit (a hang is a failure), output kept in $WORK/out.
# Sets RC.
N=0
run_canary() {
  N=$((N + 1))
  timeout 60 "$CANARY" "$@" > "$WORK/out/$N.stdout" 2> "$WORK/out/$N.stderr"
  RC=$?
  [ "$RC" -ne 124 ] || fail "canary $* hung (killed after 60 s)"
  OUT=$(cat "$WORK/out/$N.stdout" "$WORK/out/$N.stderr")
}

# The checks every attack must pass.
final_checks() {
  [ "$(decoy_state)" = "$DECOY_BEFORE" ] || fail "a file outside the artifact dir changed"
  sleep 0.2
  if pgrep -f "$MARK" > /dev/null; then
    pgrep -af "$MARK" >&2
    for pid in $(pgrep -f "$MARK"); do kill -KILL "$pid"; done
    fail "the harness left processes running"
  fi
  if grep -rlF "$HOSTILE_TOKEN" "$WORK/out" > /dev/null; then
    fail "the secret appears in $(grep -rlF "$HOSTILE_TOKEN" "$WORK/out" | tr '\n' ' ')"
  fi
  echo "ok: decoys unchanged, no process left, no secret in any output"
}
