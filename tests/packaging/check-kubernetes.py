#!/usr/bin/env python3
"""Offline check of packaging/kubernetes: every manifest parses as YAML, and the fields a runner needs are
there (the image's entry point, the store and keys from a Secret, the cache volume, the security context
bubblewrap needs, one run per Job pod); every runner option the manifests pass is one `harness --help`
names. usage: check-kubernetes.py <packaging/kubernetes> <harness executable>"""
import re
import subprocess
import sys
from pathlib import Path

import yaml

folder, harness = Path(sys.argv[1]), sys.argv[2]
problems = []


def need(condition, what):
    if not condition:
        problems.append(what)


docs = {}
for path in sorted(folder.glob("*.yaml")):
    try:
        loaded = [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    except yaml.YAMLError as e:
        problems.append(f"{path.name}: not YAML: {e}")
        continue
    need(loaded, f"{path.name}: empty")
    for d in loaded:
        need(isinstance(d, dict) and "apiVersion" in d and "kind" in d, f"{path.name}: a document without apiVersion/kind")
        docs.setdefault(d.get("kind"), []).append((path.name, d))

help_text = subprocess.run([harness, "--help"], capture_output=True, text=True, check=True).stdout
runner_help = " ".join(line for line in help_text.splitlines() if "runner" in line or line.startswith("       "))

secret_keys = set()
for name, secret in docs.get("Secret", []):
    secret_keys |= set((secret.get("stringData") or {}).keys()) | set((secret.get("data") or {}).keys())
need("HARNESS_STORE" in secret_keys, "the Secret has no HARNESS_STORE (the store's URL)")
need("PGPASSWORD" in secret_keys, "the Secret has no PGPASSWORD (the store's password, outside the URL)")
need(not any("password" in k.lower() and k != "PGPASSWORD" for k in secret_keys), "a password under another name")


def check_pod(name, spec, one_run):
    pod = spec["template"]["spec"]
    need(pod.get("hostUsers") is False, f"{name}: hostUsers: false (a user namespace for bubblewrap)")
    containers = pod.get("containers") or []
    need(len(containers) == 1, f"{name}: one container")
    for c in containers:
        args = c.get("args") or []
        options = [a.split("=", 1)[0] for a in args if a.startswith("--")]
        for o in ["--name", "--cache"]:
            need(o in options, f"{name}: the runner needs {o}")
        for o in options:
            need(re.search(re.escape(o) + r"\b", help_text) is not None, f"{name}: `harness --help` names no {o}")
        need(any((e.get("secretRef") or {}).get("name") for e in c.get("envFrom") or []), f"{name}: env from a Secret")
        need(not any("PASSWORD" in (e.get("name") or "") and "value" in e for e in c.get("env") or []),
             f"{name}: a password in plain env")
        sc = c.get("securityContext") or {}
        need((sc.get("seccompProfile") or {}).get("type") == "Unconfined" or sc.get("privileged") is True,
             f"{name}: bubblewrap needs seccomp unconfined (or privileged as the last resort)")
        need(sc.get("allowPrivilegeEscalation") is False or sc.get("privileged") is True, f"{name}: no privilege escalation")
        mounts = {m["mountPath"] for m in c.get("volumeMounts") or []}
        cache = [a.split("=", 1)[1] for a in args if a.startswith("--cache=")]
        need(cache and cache[0] in mounts, f"{name}: the --cache folder is a mounted volume")
        if one_run:
            need("--runs=1" in args, f"{name}: one run per pod (--runs=1)")
    if one_run:
        need(pod.get("restartPolicy") == "Never", f"{name}: a Job pod does not restart")


deployments = docs.get("Deployment", [])
jobs = docs.get("Job", [])
need(deployments, "no Deployment of runners")
need(jobs, "no Job template for one run per pod")
for name, d in deployments:
    need(isinstance(d["spec"].get("replicas"), int), f"{name}: replicas")
    check_pod(name, d["spec"], False)
for name, j in jobs:
    check_pod(name, j["spec"], True)

containerfile = (folder / "Containerfile").read_text()
need(re.search(r"^FROM debian:12", containerfile, re.M), "Containerfile: a Debian 12 base")
for package in ["git", "bubblewrap", "libqt6sql6-psql", ".deb", "install-agents.sh"]:
    need(package in containerfile, f"Containerfile: {package}")
need('ENTRYPOINT ["harness", "runner"]' in containerfile, "Containerfile: the runner as entry point")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"kubernetes manifests: {sum(len(v) for v in docs.values())} documents parse, the runner's fields are there")
