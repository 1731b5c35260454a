"""Baseline for bench/run: one canary the pytest way (how cc-ci's canaries work).

A pytest test that runs the same harness command Canary runs, with subprocess, then reads and
judges the same results.json. bench/run times `python3 -m pytest` on this file side by side
with `canary run` and the bare harness command. Configured by environment:
  BENCH_SPEC      the canary spec (YAML)
  BENCH_HARNESS   the harness executable (canary-example-harness)
  BENCH_OUT       a directory for the artifact dirs
"""
import os
import subprocess
import uuid

import judge

SPEC = os.environ["BENCH_SPEC"]


def test_canary():
    spec = judge.load_spec(SPEC)
    run_id = f"{spec['canary']}-pytest-{uuid.uuid4().hex[:8]}"
    out = os.path.join(os.environ["BENCH_OUT"], run_id)
    with open(out + ".stdout.log", "w") as stdout, open(out + ".stderr.log", "w") as stderr:
        proc = subprocess.run(
            [os.environ["BENCH_HARNESS"], "run", "--recipe", spec["recipe"], "--sha", spec["sha"],
             "--run-id", run_id, "--out", out],
            stdout=stdout, stderr=stderr, timeout=60, start_new_session=True)
    findings = judge.judge(spec, judge.read_results(out), proc.returncode)
    assert judge.outcome(spec, findings) == "PASS", findings
