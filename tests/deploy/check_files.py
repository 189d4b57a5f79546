"""Every file under deploy/ parses as what it is.

A file whose kind is not known here fails the check, so that a new deploy
file cannot go unchecked. systemd-analyze verify (check.sh) checks the unit
further.
"""
import ast
import configparser
import json
import os
import re
import subprocess

import yaml

import dockerfile

ENV_LINE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=.*")


def _yaml(tree, rel):
    return [] if tree.yaml_docs(rel) else ["no YAML document"]


def _json(tree, rel):
    json.loads(tree.text(rel))
    return []


def _unit(tree, rel):
    # systemd allows repeated keys (SystemCallFilter=, ExecStart=).
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(tree.text(rel))
    missing = {"Unit", "Service", "Install"} - set(parser.sections())
    return [f"no [{s}] section" for s in sorted(missing)]


def _env_file(tree, rel):
    problems = []
    for number, line in enumerate(tree.text(rel).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not ENV_LINE.fullmatch(line):
            problems.append(f"line {number}: not KEY=VALUE: {line!r}")
    return problems


def _dockerfile(tree, rel):
    dockerfile.parse(tree.text(rel))
    return []


def _shell(tree, rel):
    run = subprocess.run(["bash", "-n", tree.path(rel)], capture_output=True,
                         text=True, timeout=30)
    return [run.stderr.strip()] if run.returncode else []


def _python(tree, rel):
    ast.parse(tree.text(rel), filename=rel)
    return []


def _text(tree, rel):
    tree.text(rel)  # UTF-8
    return []


def _secret(tree, rel):
    lines = tree.text(rel).splitlines()
    if len(lines) != 1 or not lines[0].strip():
        return ["a secret file must hold one non-empty line"]
    return []


def compose_secret_files(tree):
    compose_dir = os.path.dirname("deploy/docker/compose.yaml")
    secrets = (tree.compose() or {}).get("secrets") or {}
    return {os.path.normpath(os.path.join(compose_dir, s["file"]))
            for s in secrets.values() if "file" in s}


def reader_for(rel, secrets):
    name = os.path.basename(rel)
    if rel in secrets:
        return _secret
    if name == "Dockerfile":
        return _dockerfile
    by_suffix = {".yaml": _yaml, ".yml": _yaml, ".json": _json,
                 ".service": _unit, ".default": _env_file, ".sh": _shell,
                 ".py": _python, ".md": _text}
    return by_suffix.get(os.path.splitext(name)[1])


def check_every_file_parses(tree):
    problems = []
    secrets = compose_secret_files(tree)
    for rel in tree.files("deploy"):
        reader = reader_for(rel, secrets)
        if reader is None:
            problems.append(f"{rel}: no check knows this kind of file")
            continue
        try:
            problems.extend(f"{rel}: {p}" for p in reader(tree, rel))
        except (ValueError, yaml.YAMLError, configparser.Error,
                dockerfile.DockerfileError, SyntaxError) as e:
            problems.append(f"{rel}: {e}")
    return problems


CHECKS = [("every file under deploy/ parses", check_every_file_parses)]
