#!/usr/bin/python3
"""canary-buildbot with no session master: it starts a throwaway master and worker under $TMPDIR,
runs the build, and stops and removes what it started, under Canary (a child subreaper, so the
daemons' exit leaves zombies until someone reaps them) as well as on its own. Nothing of the
master or the worker may outlive the run, and the verdicts must be the right ones."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import checks
from checks import check

parser = argparse.ArgumentParser()
parser.add_argument("--canary", required=True)
parser.add_argument("--adapter", required=True)
parser.add_argument("--canaries", required=True)
parser.add_argument("--profile-dir", required=True)
parser.add_argument("--fixtures", required=True)
args = parser.parse_args()


def processes_under(path):
    """Live processes whose command line or working directory names `path`."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                if f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                    continue
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink("/proc/%s/cwd" % pid)
        except (OSError, IndexError):
            continue
        if path in cmdline or cwd.startswith(path):
            found.append("%s: %s" % (pid, cmdline.strip()))
    return found


def leftovers(tmpdir):
    return [name for name in os.listdir(tmpdir) if name.startswith("canary-buildbot-")]


with tempfile.TemporaryDirectory(prefix="canary-buildbot-throwaway-") as tmp:
    # nginx, started as root, serves as nobody: the deployment under $TMPDIR must be reachable.
    os.chmod(tmp, 0o755)
    masters = os.path.join(tmp, "tmp")
    os.mkdir(masters)
    env = dict(os.environ, TMPDIR=masters, CANARY_BUILDBOT_SESSION=os.path.join(tmp, "no-session"))

    # Under Canary: the profile as users run it, with no session master to reuse.
    done = subprocess.run(
        [args.canary, "run", "--profile", os.path.join(args.profile_dir, "buildbot.yaml"),
         "--canaries", args.canaries, "--artifact-root", os.path.join(tmp, "art"), "--json",
         "good-simple", "bad-install"],
        capture_output=True, text=True, timeout=600, env=env)
    check(done.returncode == 0,
          "canary run on a throwaway master exits 0: %d\n%s\n%s" % (done.returncode, done.stdout,
                                                                   done.stderr))
    check("still runs" not in done.stdout + done.stderr, "the adapter stopped its master and worker")
    try:
        runs = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    except ValueError:
        runs = None
    check(runs is not None and sorted(r["canary"] for r in runs if "canary" in r) ==
          ["bad-install", "good-simple"] and "summary" in runs[-1],
          "canary run --json prints one JSON line per canary and a summary: %r" % done.stdout[:400])
    records = []
    for root, _, files in os.walk(os.path.join(tmp, "art")):
        if "canary-run.json" in files:
            with open(os.path.join(root, "canary-run.json")) as f:
                records.append(json.load(f))
    check(sorted(r.get("canary") for r in records) == ["bad-install", "good-simple"],
          "one record per canary: %s" % [r.get("canary") for r in records])
    for root, _, files in os.walk(os.path.join(tmp, "art")):
        for name in files:  # the evidence, should a check below fail
            if name.endswith("-stdio.log") and not done.returncode == 0:
                with open(os.path.join(root, name), errors="replace") as f:
                    print("== %s\n%s" % (os.path.join(root, name), f.read()[-3000:]), file=sys.stderr)
    for record in records:
        check(record.get("outcome") == "PASS",
              "%s: PASS, got %s" % (record.get("canary"), record.get("outcome")))
        check(not record.get("strays", {}).get("count"),
              "%s: Canary had nothing to kill: %s" % (record.get("canary"), record.get("strays")))
    check(processes_under(tmp) == [], "no process outlives canary run: %s" % processes_under(tmp))
    check(leftovers(masters) == [], "throwaway master dirs removed: %s" % leftovers(masters))

    # On its own: the adapter exits with the build's verdict and leaves nothing either.
    sha = checks.commit(args.fixtures, "custom-html-tiny", "regression-bad-install")
    out = os.path.join(tmp, "direct")
    done = subprocess.run(
        [args.adapter, "run", "--recipe", "custom-html-tiny", "--sha", sha, "--run-id", "direct",
         "--out", out], capture_output=True, text=True, timeout=300, env=env)
    check(done.returncode == 1, "bad install on a throwaway master exits 1: %d %s"
          % (done.returncode, done.stderr))
    check(os.path.isfile(os.path.join(out, "results.json")), "results.json written")
    check(os.path.isfile(os.path.join(out, "buildbot", "twistd.log")), "twistd.log kept")
    check(processes_under(tmp) == [], "no process outlives the adapter: %s" % processes_under(tmp))
    check(leftovers(masters) == [], "throwaway master dir removed: %s" % leftovers(masters))

checks.finish()
