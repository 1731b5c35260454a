"""What the Buildbot test scripts share: checks that all run and are all reported, the fixture
repos' commits, and one exit status at the end."""
import os
import subprocess
import sys

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


def commit(fixtures, recipe, ref):
    """The SHA of `ref` in the fixture repo of `recipe`."""
    return subprocess.check_output(
        ["git", "-C", os.path.join(fixtures, recipe + ".git"), "rev-parse", ref + "^{commit}"],
        text=True).strip()


def finish():
    print("%d failure(s)" % len(failures))
    sys.exit(1 if failures else 0)
