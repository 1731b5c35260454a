#!/usr/bin/python3
"""Concurrency check: the bundled canaries, 4 at once, each repeated 20 times, on canary-localci.

Drives a nested ctest over its own CTest tree (own artifact root, own session stamp, 4-slot
resource spec), so the outer ctest's artifacts and summary fixture are left alone. Then checks
that no two runs shared a run id, an artifact dir, a run directory or a listening port still
held, that every run passed on its first attempt with a clean teardown, and that nothing of any
run (process, port, run directory) is left.
"""

import argparse
import collections
import glob
import json
import os
import shutil
import subprocess
import sys
import time


def fail(problems):
    print("concurrency check FAILED:", file=sys.stderr)
    for problem in problems:
        print("  " + problem, file=sys.stderr)
    sys.exit(1)


def listening_ports():
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    if fields[3] == "0A":
                        ports.add(int(fields[1].rsplit(":", 1)[1], 16))
        except FileNotFoundError:
            pass
    return ports


def command_lines():
    lines = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                lines.append((pid, f.read().replace(b"\0", b" ").decode(errors="replace")))
        except OSError:
            pass
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ctest", required=True)
    parser.add_argument("--gtest-runner", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    for name in ("gtest_runner", "source_dir", "bin_dir"):
        setattr(args, name, os.path.abspath(getattr(args, name)))

    work = os.path.abspath(args.work_dir)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    artifacts = os.path.join(work, "artifacts")
    canaries = os.path.join(args.source_dir, "canaries")
    profile = os.path.join(args.source_dir, "harness", "profiles", "local.yaml")
    with open(os.path.join(work, "resources.json"), "w") as f:
        json.dump({"version": {"major": 1, "minor": 0},
                   "local": [{"canary_slots": [{"id": "0", "slots": args.jobs}]}]}, f)
    # Like canary_add_canaries(): ctest asks canary-gtest for the canaries when it runs.
    with open(os.path.join(work, "CTestTestfile.cmake"), "w") as f:
        f.write(f"""
execute_process(COMMAND [==[{args.gtest_runner}]==] [==[--canary-emit-ctest={work}/tests.cmake]==]
  [==[--canary-dir={canaries}]==] [==[--canary-artifact-root={artifacts}]==]
  [==[--canary-profile={profile}]==] [==[--canary-bin={args.bin_dir}]==] RESULT_VARIABLE listed)
if(NOT listed EQUAL 0)
  message(FATAL_ERROR "canary-gtest could not list the canaries")
endif()
include([==[{work}/tests.cmake]==])
""")
    ids = [os.path.basename(p)[:-5] for p in glob.glob(os.path.join(canaries, "*.yaml"))]

    command = [args.ctest, "--test-dir", work, "-L", "^canary$", "-j", str(args.jobs),
               "--repeat", f"until-fail:{args.repeat}", "--resource-spec-file",
               os.path.join(work, "resources.json"), "--output-on-failure"]
    print("running:", " ".join(command), flush=True)
    start = time.monotonic()
    ctest = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.monotonic() - start
    print(ctest.stdout[-3000:])
    problems = []
    if ctest.returncode != 0:
        problems.append(f"nested ctest exited {ctest.returncode}")

    records = []
    for path in sorted(glob.glob(os.path.join(artifacts, "*", "canary-run.json"))):
        with open(path) as f:
            records.append((os.path.dirname(path), json.load(f)))
    expected = len(ids) * args.repeat
    if len(records) != expected:
        problems.append(f"{len(records)} recorded runs, expected {len(ids)} canaries x "
                        f"{args.repeat} = {expected} (a retry or a lost run)")
    per_canary = collections.Counter(r["canary"] for _, r in records)
    for canary in ids:
        if per_canary[canary] != args.repeat:
            problems.append(f"{canary}: {per_canary[canary]} runs, expected {args.repeat}")

    def duplicates(values, what):
        for value, count in collections.Counter(values).items():
            if count > 1:
                problems.append(f"{count} runs share the {what} {value}")

    duplicates([r["run_id"] for _, r in records], "run id")
    duplicates([r["artifact_dir"] for _, r in records], "artifact dir")
    run_dirs, ports = [], set()
    for directory, record in records:
        name = f"{record['canary']} run {record['run_id']}"
        if os.path.realpath(record["artifact_dir"]) != os.path.realpath(directory):
            problems.append(f"{name}: recorded in {directory}, names {record['artifact_dir']}")
        if record["outcome"] != "PASS" or record["attempts"] != 1:
            problems.append(f"{name}: {record['outcome']} at attempt {record['attempts']}")
        try:
            with open(os.path.join(directory, "results.json")) as f:
                results = json.load(f)
        except (OSError, ValueError) as error:
            problems.append(f"{name}: results.json: {error}")
            continue
        if results.get("run_id") != record["run_id"]:
            problems.append(f"{name}: results.json is of run {results.get('run_id')}")
        local = results.get("localci", {})
        run_dirs.append(local.get("run_dir"))
        ports.update(local.get("ports", {}).values())
        if local.get("leftovers") or results.get("flags", {}).get("clean_teardown") is not True:
            problems.append(f"{name}: teardown not clean: {local.get('leftovers')}")
    duplicates(run_dirs, "run directory")

    still = listening_ports() & ports
    if still:
        problems.append(f"ports of the runs still listen: {sorted(still)}")
    for pid, line in command_lines():
        for run_dir in run_dirs:
            if run_dir and run_dir in line:
                problems.append(f"pid {pid} of run directory {run_dir} is still running: {line}")
    for run_dir in run_dirs:
        if run_dir and os.path.exists(run_dir):
            problems.append(f"run directory {run_dir} was left behind")

    if problems:
        fail(problems)
    print(f"concurrency check passed: {len(records)} runs of {len(ids)} canaries, {args.jobs} at "
          f"once, {args.repeat} repeats, {len(set(ports))} distinct ports, "
          f"all run ids, artifact dirs and run directories unique, nothing left; "
          f"wall time {wall:.0f}s")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
