#!/bin/bash
# `user:` really drops privileges: a root Canary runs the harness as a system user, which then
# tries to forge a run-index entry and to overwrite Canary's record of an earlier run. Both
# fail, the harness ran with that user's uid and gid and no supplementary groups, and the
# outcome is the one its results earn. Needs root (the CI machine runs as root): without it
# this test fails, it never skips.
# Usage: CANARY=<canary> WORK=<dir> privilege_user.sh
# Under /tmp, not the build tree: the harness user must reach its script, and a clone under
# /root (mode 0700) would stop it before any attack.
WORK=$(mktemp -d /tmp/canary-hostile-privilege.XXXXXX) || exit 1
trap 'rm -rf "$WORK"' EXIT
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || fail "this test needs root (it creates a system user and drops to it); run it as root"
user=canary-hostile
if ! getent passwd "$user" > /dev/null; then
  useradd --system --no-create-home --shell /usr/sbin/nologin "$user" ||
    fail "cannot create the system user $user"
fi
uid=$(id -u "$user") gid=$(id -g "$user")
chmod 0755 "$WORK"

# An earlier run, as root: its record is what the harness user will go after.
write_canary hostile-first
write_harness "printf '%s' '$PASSING' > \"\$1/results.json\""
run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
[ "$RC" -eq 0 ] || fail "the first run exited $RC"$'\n'"$OUT"
first=$(ls -d "$ROOT"/hostile-first-*)
first_record=$(md5sum < "$first/canary-run.json")

rm "$WORK/canaries/hostile-first.yaml"
write_canary hostile-user
write_harness "out=\$1
id -u > \"\$out/uid\"; id -g > \"\$out/gid\"; id -G > \"\$out/groups\"
echo \"\$HOME \$USER \$LOGNAME\" > \"\$out/env\"
mkdir \"\$out/sub\"
if (exec 3< /dev/tty) 2> /dev/null; then echo \"has a terminal\"; else echo none; fi > \"\$out/tty\"
try() { if sh -c \"\$1\" 2>/dev/null; then echo \"\$2: done\"; else echo \"\$2: refused\"; fi; }
{
try 'echo \"{\\\"run_id\\\":\\\"x\\\",\\\"canary\\\":\\\"hostile-user\\\",\\\"record\\\":\\\"f/canary-run.json\\\",\\\"sha256\\\":\\\"0\\\"}\" >> \"$ROOT/.canary/index.jsonl\"' 'index append'
try 'mv \"$ROOT/.canary/index.jsonl\" \"$ROOT/.canary/gone\"' 'index rename'
try 'echo forged > \"$first/canary-run.json\"' 'record write'
try 'mv \"$first/canary-run.json\" \"$first/gone\"' 'record rename'
try 'mkdir \"$ROOT/forged\"' 'sibling dir'
try 'echo ok > \"'\"\$out\"'/control\"' 'control'
} > \"\$out/attempts\"
printf '%s' '$PASSING' > \"\$out/results.json\"" "user: $user"
# In a terminal (script gives Canary one), as an operator's interactive root shell would be: the
# harness user must not reach it, or TIOCSTI would type into root's shell.
N=$((N + 1))
timeout 60 script -qec "$(printf '%q ' "$CANARY" run --canaries "$WORK/canaries" --artifact-root "$ROOT")" \
  /dev/null > "$WORK/out/$N.stdout" 2> "$WORK/out/$N.stderr" < /dev/null
RC=$? OUT=$(cat "$WORK/out/$N.stdout" "$WORK/out/$N.stderr")
[ "$RC" -eq 0 ] || fail "the run as $user exited $RC (its results pass)"$'\n'"$OUT"
art=$(ls -d "$ROOT"/hostile-user-*)
home=$(getent passwd "$user" | cut -d: -f6)
[ "$(cat "$art/env")" = "$home $user $user" ] ||
  fail "the harness's HOME USER LOGNAME are '$(cat "$art/env")', not '$home $user $user'"
[ "$(cat "$art/tty")" = none ] || fail "the harness user could open Canary's terminal (/dev/tty)"
[ "$(cat "$art/uid")" = "$uid" ] || fail "the harness ran as uid $(cat "$art/uid"), not $uid"
[ "$(cat "$art/gid")" = "$gid" ] || fail "the harness ran as gid $(cat "$art/gid"), not $gid"
[ "$(cat "$art/groups")" = "$gid" ] || fail "the harness kept supplementary groups: $(cat "$art/groups")"
grep -q "^control: done" "$art/attempts" || fail "the harness could not even write its own dir: $(cat "$art/attempts")"
if grep -v "^control" "$art/attempts" | grep -q ": done"; then fail "the harness user got through: $(cat "$art/attempts")"; fi
[ "$(grep -c refused "$art/attempts")" -eq 5 ] || fail "attempts: $(cat "$art/attempts")"
[ "$(md5sum < "$first/canary-run.json")" = "$first_record" ] || fail "the earlier record changed"
grep -q '"record":"f/' "$ROOT/.canary/index.jsonl" && fail "a forged index entry got in"
[ "$(stat -c %u "$ROOT/.canary/index.jsonl")" -eq 0 ] || fail "the index is not root's"
[ "$(stat -c %u "$art/canary-run.json")" -eq 0 ] || fail "the record is not root's"
[ "$(stat -c %u "$art")" -eq 0 ] || fail "the artifact dir was not taken back from $user"
run_canary report --markdown "$WORK/out/r.md" "$ROOT"
[ "$RC" -eq 0 ] || fail "canary report exited $RC"$'\n'"$OUT"

# A later run of the same harness user goes after what the earlier one left: its results.json
# and logs (still that user's files unless Canary took them back) and a dir inside it.
results_before=$(md5sum < "$art/results.json")
rm "$WORK/canaries/hostile-user.yaml"
write_canary hostile-later
write_harness "try() { if sh -c \"\$1\" 2>/dev/null; then echo \"\$2: done\"; else echo \"\$2: refused\"; fi; }
{
try 'printf x > \"$art/results.json\"' 'results write'
try 'echo x >> \"$art/harness.stdout.log\"' 'log append'
try 'chmod 666 \"$art/results.json\"' 'results chmod'
try 'touch \"$art/sub/planted\"' 'subdir write'
} > \"\$1/attempts\"
printf '%s' '$PASSING' > \"\$1/results.json\"" "user: $user"
run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
[ "$RC" -eq 0 ] || fail "the later run exited $RC"$'\n'"$OUT"
later=$(ls -d "$ROOT"/hostile-later-*)
if grep -q ": done" "$later/attempts"; then fail "a later run changed an earlier one's files: $(cat "$later/attempts")"; fi
[ "$(md5sum < "$art/results.json")" = "$results_before" ] || fail "the earlier run's results.json changed"
[ "$(find "$art" ! -user root | wc -l)" -eq 0 ] || fail "files of the earlier run are still $user's: $(find "$art" ! -user root)"

# An unknown user is the caller's error (exit 2), with a message naming it.
write_harness "printf '%s' '$PASSING' > \"\$1/results.json\"" "user: no-such-user-canary"
run_canary run --canaries "$WORK/canaries" --artifact-root "$ROOT"
[ "$RC" -eq 2 ] || fail "an unknown user: canary run exited $RC, not 2"$'\n'"$OUT"
grep -q "no-such-user-canary' does not exist" <<< "$OUT" || fail "no clear message:"$'\n'"$OUT"
# And a Canary that is not root refuses user: rather than running the harness as itself.
write_harness "printf '%s' '$PASSING' > \"\$1/results.json\"" "user: $user"
cp "$CANARY" "$WORK/canary" && chmod -R a+rX "$WORK"
run_canary_as() { N=$((N + 1)); setpriv --reuid="$uid" --regid="$gid" --clear-groups \
  timeout 60 "$WORK/canary" "$@" > "$WORK/out/$N.stdout" 2> "$WORK/out/$N.stderr"; RC=$?;
  OUT=$(cat "$WORK/out/$N.stdout" "$WORK/out/$N.stderr"); }
run_canary_as run --canaries "$WORK/canaries" --artifact-root "$WORK/nonroot"
[ "$RC" -eq 2 ] || fail "user: without root: canary run exited $RC, not 2"$'\n'"$OUT"
grep -q "needs Canary to run as root" <<< "$OUT" || fail "no clear message:"$'\n'"$OUT"
final_checks
