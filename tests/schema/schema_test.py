"""schema/canary.schema.json against the bundled canaries and against specs that must be rejected.

usage: /usr/bin/python3 schema_test.py SOURCE_DIR CANARY_CLI WORK_DIR

Every bundled canary must validate. Every invalid spec below must be rejected by the schema AND by
`canary lint` (exit 2), so the schema and the loader cannot drift apart unnoticed; the valid
variants must be accepted by both.
"""
import copy
import glob
import json
import os
import shutil
import subprocess
import sys

import jsonschema
import yaml

source_dir, canary_cli, work_dir = sys.argv[1:4]
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


with open(os.path.join(source_dir, "schema", "canary.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

bundled = sorted(glob.glob(os.path.join(source_dir, "canaries", "*.yaml")) +
                 glob.glob(os.path.join(source_dir, "harness", "example", "canaries", "*.yaml")))
if len(bundled) < 9:
    fail(f"expected the 7 bundled and 2 example canaries, found {len(bundled)}: {bundled}")
for path in bundled:
    with open(path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(spec)]
    if errors:
        fail(f"{path} does not validate: {errors}")
    else:
        print(f"ok: {os.path.relpath(path, source_dir)} validates")

with open(os.path.join(source_dir, "canaries", "good-simple.yaml"), encoding="utf-8") as f:
    base = yaml.safe_load(f)
with open(os.path.join(source_dir, "canaries", "bad-backup.yaml"), encoding="utf-8") as f:
    red_base = yaml.safe_load(f)


def variant(edit, start=None):
    spec = copy.deepcopy(start if start is not None else base)
    edit(spec)
    return spec


def drop(key):
    return lambda s: s.pop(key)


def put(*path_and_value):
    *path, value = path_and_value

    def edit(spec):
        node = spec
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return edit


invalid = {
    "missing-sha": variant(drop("sha")),
    "missing-expect": variant(drop("expect")),
    "short-sha": variant(put("sha", "4ad6d6e")),
    "non-hex-sha": variant(put("sha", "g" * 40)),
    "unknown-top-key": variant(put("recipie", "custom-html-tiny")),
    "bad-id": variant(put("canary", "Good_Simple")),
    "bad-label": variant(put("labels", ["canary-fast"])),
    "bad-timeout": variant(put("timeout", "5x")),
    "timeout-order": variant(put("timeout", "30m1h")),
    "timeout-ms-before-s": variant(put("timeout", "500ms1s")),
    "timeout-zero-ms": variant(put("timeout", "0ms")),
    "bad-harness-name": variant(put("harness", "Local Harness")),
    "unknown-tier": variant(put("expect", "tiers", "bakcup", "pass")),
    "unknown-status": variant(put("expect", "tiers", "install", "passed")),
    "tier-xfail": variant(put("expect", "tiers", "custom", "xfail")),
    "test-not-run": variant(put("expect", "tests", [{"tier": "install", "name": "test_serving", "status": "not_run"}])),
    "unknown-verdict": variant(put("expect", "verdict", "amber")),
    "exit-code-range": variant(put("expect", "exit_code", 256)),
    "negative-level": variant(put("expect", "level", -1)),
    "unknown-flag": variant(put("expect", "flags", {"clean_teardwn": True})),
    "flag-not-bool": variant(put("expect", "flags", {"clean_teardown": "maybe"})),
    "unknown-expect-key": variant(put("expect", "verdit", "green")),
    "no-verdict": variant(lambda s: [s["expect"].pop(k) for k in ("verdict", "exit_code")]),
    "test-missing-status": variant(put("expect", "tests", [{"tier": "install", "name": "test_serving"}])),
    "test-unknown-tier": variant(put("expect", "tests", [{"tier": "deploy", "name": "t", "status": "pass"}])),
    "fails-at-unknown": variant(put("expect", "fails_at", "deploy"), start=red_base),
    "xfail-without-bug": variant(put("xfail", {"reason": "backup reports pass on an empty snapshot"})),
    "xfail-unknown-key": variant(put("xfail", {"bug": "#17", "because": "x"})),
    "flaky-without-bug": variant(put("flaky", {"reruns": 2})),
    "flaky-reruns-range": variant(put("flaky", {"bug": "#23", "reruns": 11})),
    "flaky-unknown-key": variant(put("flaky", {"bug": "#23", "retries": 2})),
    "flaky-and-xfail": variant(lambda s: (put("flaky", {"bug": "#23"})(s),
                                          put("xfail", {"bug": "#17", "reason": "known"})(s))),
}
valid = {
    "upper-case-status": variant(put("expect", "tiers", "install", "PASS")),
    "seconds-timeout": variant(put("timeout", 90)),
    "compound-timeout": variant(put("timeout", "1m30s")),
    "ms-timeout": variant(put("timeout", "1500ms")),
    "compound-ms-timeout": variant(put("timeout", "1h30m1s500ms")),
    "xfail": variant(put("xfail", {"bug": "#17", "reason": "known"})),
    "na-status": variant(put("expect", "tiers", "custom", "na")),
    "not-run-tier": variant(put("expect", "tiers", "custom", "not_run")),
    "upper-case-not-run": variant(put("expect", "tiers", "custom", "NOT_RUN")),
    "xfail-test-status": variant(put("expect", "tests", [
        {"tier": "install", "name": "test_serving", "status": "pass"},
        {"tier": "custom", "name": "test_bug_993*", "status": "XFAIL"}])),
    "flaky": variant(put("flaky", {"bug": "#23", "reruns": 3})),
    "flaky-default-reruns": variant(put("flaky", {"bug": "https://ci.example/issues/23"})),
}

shutil.rmtree(work_dir, ignore_errors=True)
os.makedirs(work_dir)


def lint(name, spec):
    spec = dict(spec, canary=spec["canary"] if name == "bad-id" else "schema-" + name)
    spec_dir = os.path.join(work_dir, name)
    os.makedirs(spec_dir)
    with open(os.path.join(spec_dir, "spec.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(spec, f, sort_keys=False)
    run = subprocess.run([canary_cli, "lint", spec_dir], capture_output=True, text=True, check=False)
    return run.returncode, run.stdout + run.stderr


for name, spec in invalid.items():
    errors = list(validator.iter_errors(spec))
    if not errors:
        fail(f"the schema accepts the invalid spec '{name}': {spec}")
    code, output = lint(name, spec)
    if code != 2:
        fail(f"canary lint does not reject '{name}' with exit 2 (exit {code}): {output}")
    if errors and code == 2:
        print(f"ok: '{name}' rejected by the schema ({errors[0].message}) and by canary lint")

for name, spec in valid.items():
    errors = [e.message for e in validator.iter_errors(spec)]
    if errors:
        fail(f"the schema rejects the valid spec '{name}': {errors}")
    code, output = lint(name, spec)
    if code != 0:
        fail(f"canary lint rejects the valid spec '{name}' (exit {code}): {output}")
    if not errors and code == 0:
        print(f"ok: '{name}' accepted by the schema and by canary lint")

shutil.rmtree(work_dir, ignore_errors=True)
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print(f"{len(bundled)} bundled canaries valid, {len(invalid)} invalid specs rejected, {len(valid)} valid variants accepted")
