"""The pytest way of judging a canary, as a baseline for bench/run (not used by Canary).

A plain-Python judge of one results.json against one canary spec: the same checks as Canary's
evaluator (verdict, exit_code, tiers with fails_at expanded, level, flags, named tests with
globs, strict xfail), written the way a pytest suite that shells out to a harness would.
"""
import fnmatch
import json
import os

import yaml

TIERS = ["install", "upgrade", "backup", "restore", "custom"]
STATUSES = {"pass", "fail", "skip", "error", "unver"}
DEFAULT_FLAGS = {"clean_teardown": True, "no_secret_leak": True}


def status_word(word):
    word = str(word).lower()
    word = "skip" if word == "na" else word
    if word not in STATUSES:
        raise ValueError(f"unknown status {word!r}")
    return word


def load_spec(path):
    with open(path) as f:
        spec = yaml.safe_load(f)
    for key in ("canary", "recipe", "sha", "ref"):  # YAML reads an all-digit sha as a number
        if key in spec:
            spec[key] = str(spec[key])
    expect = spec.get("expect", {})
    expect.setdefault("flags", {})
    for flag, value in DEFAULT_FLAGS.items():
        expect["flags"].setdefault(flag, value)
    return spec


def read_results(artifact_dir, name="results.json"):
    """Tier statuses and tests, the way Canary reads cc-ci schema 1 and 2."""
    with open(os.path.join(artifact_dir, name)) as f:
        doc = json.load(f)
    tiers, tests = {}, {}
    for stage in doc.get("stages", []):
        tiers[stage["name"]] = status_word(stage["status"])
        tests[stage["name"]] = [(t["name"], status_word(t["status"]))
                                for t in stage.get("tests", [])]
    for tier, status in doc.get("results", {}).items():
        tiers[tier] = status_word(status)
    return {"tiers": tiers, "tests": tests, "level": doc.get("level"),
            "flags": doc.get("flags", {})}


def judge(spec, results, exit_code):
    """Every expectation that does not hold, as (check, expected, actual)."""
    expect = spec["expect"]
    findings = []
    tiers = results["tiers"]
    failed = any(s in ("fail", "error") for s in tiers.values())
    if exit_code is None:
        exit_code = 1 if failed else 0
    verdict = expect.get("verdict") or ("red" if "fails_at" in expect else None)
    if verdict == "green" and (exit_code != 0 or failed):
        findings.append(("verdict", "green", "red"))
    if verdict == "red" and exit_code == 0:
        findings.append(("verdict", "red", "green"))
    if "exit_code" in expect and expect["exit_code"] != exit_code:
        findings.append(("exit_code", expect["exit_code"], exit_code))
    wanted = {}
    if "fails_at" in expect:
        for tier in TIERS[:TIERS.index(expect["fails_at"])]:
            wanted[tier] = "pass"
        wanted[expect["fails_at"]] = "fail"
    wanted.update({t: status_word(s) for t, s in expect.get("tiers", {}).items()})
    for tier, status in wanted.items():
        if tiers.get(tier) != status:
            findings.append((f"tier {tier}", status, tiers.get(tier, "absent")))
    if "level" in expect and results["level"] != expect["level"]:
        findings.append(("level", expect["level"], results["level"]))
    for flag, value in expect["flags"].items():
        if results["flags"].get(flag) != value:
            findings.append((f"flag {flag}", value, results["flags"].get(flag, "not reported")))
    for test in expect.get("tests", []):
        status = status_word(test.get("status", "pass"))
        ran = results["tests"].get(test["tier"], [])
        if not any(s == status and fnmatch.fnmatchcase(n, test["name"]) for n, s in ran):
            findings.append((f"test {test['tier']}/{test['name']}", status, "absent"))
    return findings


def outcome(spec, findings):
    if "xfail" in spec:
        return "XFAIL" if findings else "XPASS"
    return "MISMATCH" if findings else "PASS"
