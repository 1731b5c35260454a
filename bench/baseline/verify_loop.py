#!/usr/bin/python3
"""Baseline for `canary verify`: a plain Python json loop doing the same cold judgement.

Usage: verify_loop.py SPEC_DIR ARTIFACT_DIR...
Loads every spec under SPEC_DIR, then for each dir reads canary-run.json (canary id and exit
code) and results.json and judges them. Prints "N dirs, M PASS"; exits 1 unless every dir
passed, so a broken baseline cannot post a fast figure.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import judge  # noqa: E402


def main():
    spec_dir, dirs = sys.argv[1], sys.argv[2:]
    specs = {}
    for name in sorted(os.listdir(spec_dir)):
        if name.endswith((".yaml", ".yml")):
            spec = judge.load_spec(os.path.join(spec_dir, name))
            specs[spec["canary"]] = spec
    passed = 0
    for d in dirs:
        with open(os.path.join(d, "canary-run.json")) as f:
            record = json.load(f)
        spec = specs[record["canary"]]
        findings = judge.judge(spec, judge.read_results(d), record["exit_code"])
        result = judge.outcome(spec, findings)
        print(f"{result:<10}  {record['canary']}  {d}")
        passed += result == "PASS"
    print(f"{len(dirs)} dirs, {passed} PASS", file=sys.stderr)
    return 0 if passed == len(dirs) else 1


if __name__ == "__main__":
    sys.exit(main())
