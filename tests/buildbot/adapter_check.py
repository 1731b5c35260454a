#!/usr/bin/python3
"""canary-buildbot against the session master: it reports what Buildbot said (a misconfigured
builder's false green included), keeps Buildbot's evidence, and fails closed when it cannot
reach a master."""
import argparse
import json
import os
import subprocess
import tempfile

import checks
from checks import check

parser = argparse.ArgumentParser()
parser.add_argument("--adapter", required=True)
parser.add_argument("--fixtures", required=True)
args = parser.parse_args()


def commit(recipe, ref):
    return checks.commit(args.fixtures, recipe, ref)


def run(out, *extra, recipe="custom-html-tiny", sha=None, run_id="adapter"):
    command = [args.adapter, "run", "--recipe", recipe, "--sha", sha, "--run-id", run_id,
               "--out", out, *extra]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    results = None
    if os.path.exists(os.path.join(out, "results.json")):
        with open(os.path.join(out, "results.json")) as f:
            results = json.load(f)
    return done, results


bad_install = commit("custom-html-tiny", "regression-bad-install")
with tempfile.TemporaryDirectory(prefix="canary-buildbot-test-") as tmp:
    # The right builder: install FAILURE, later tiers SKIPPED, down ran, build FAILURE.
    done, results = run(os.path.join(tmp, "right"), sha=bad_install, run_id="right")
    check(done.returncode == 1, "right builder exits 1: %d %s" % (done.returncode, done.stderr))
    check(results is not None and results["results"] == {
        "install": "fail", "upgrade": "skip", "backup": "skip", "restore": "skip",
        "custom": "skip"}, "right builder tiers: %s" % (results and results["results"]))
    check(results is not None and results["ref"] == bad_install, "ref is got_revision")
    check(results is not None and results["run_id"] == "right", "run_id")
    check(results is not None and results["flags"] == {"clean_teardown": True,
                                                       "no_secret_leak": True}, "down's flags")
    check(results is not None and any(t["name"] == "test_serving" and t["status"] == "fail"
                                      for s in results["stages"] if s["name"] == "install"
                                      for t in s["tests"]), "install's tests from its tier log")
    for kept in ["buildbot/build.json", "buildbot/steps.json", "buildbot/twistd.log",
                 "logs/3-install-stdio.log", "logs/3-install-junit.log"]:
        check(os.path.isfile(os.path.join(tmp, "right", kept)), "kept " + kept)

    # flunkOnFailure=False: the step says FAILURE, the build SUCCESS; both reach results.json.
    done, results = run(os.path.join(tmp, "flunk"), "--fault", "flunk-on-failure-false",
                        sha=bad_install, run_id="flunk")
    check(done.returncode == 0, "flunk-on-failure-false exits 0 (build SUCCESS): %d" % done.returncode)
    check(results is not None and results["results"].get("install") == "fail",
          "flunk-on-failure-false: install still fail")
    check(results is not None and results["buildbot"]["result"] == 0, "build result SUCCESS")

    # decodeRC masking: Buildbot records the failing tier SUCCESS; the adapter does not correct it.
    done, results = run(os.path.join(tmp, "decode"), "--fault", "decode-rc-masks-failure",
                        sha=bad_install, run_id="decode")
    check(results is not None and results["results"].get("install") == "pass",
          "decode-rc-masks-failure: install reported as Buildbot said (pass)")

    # No master at that URL: no results.json, exit 3.
    done, results = run(os.path.join(tmp, "nomaster"), "--master", "http://127.0.0.1:9/",
                        sha=bad_install, run_id="nomaster")
    check(done.returncode == 3 and results is None,
          "unreachable master fails closed: %d %s" % (done.returncode, results))
    done, results = run(os.path.join(tmp, "nobuilder"), "--builder", "no-such-builder",
                        sha=bad_install, run_id="nobuilder")
    check(done.returncode == 3 and "no builder named" in done.stderr, "unknown builder fails")

checks.finish()
