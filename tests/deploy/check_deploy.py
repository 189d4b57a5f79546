#!/usr/bin/env python3
"""Cross-checks the deploy files: what each deploy depends on must agree.

Usage: check_deploy.py ROOT [--out DIR]

Prints PASS or FAIL (with the problems) for every check and exits 1 if any
failed. With --out, writes what check.sh hands to the real tools: every
exporter config the deploys mount, as DIR/config-NAME.yaml with its
token_file pointed at DIR/token (for --check-config), and compose's
Prometheus config with the rules it mounts, in DIR/prometheus/ (for
promtool check config).
"""
import os
import shutil
import sys

import yaml

import check_compose
import check_docker
import check_files
import check_kubernetes
import check_rules
import deploy_tree
import dockerfile

CHECKS = (check_files.CHECKS + check_docker.CHECKS + check_compose.CHECKS
          + check_kubernetes.CHECKS + check_rules.CHECKS)
# What a broken file raises while a check reads it: a failure, not a crash.
BROKEN = (KeyError, IndexError, TypeError, ValueError, AttributeError,
          OSError, yaml.YAMLError, dockerfile.DockerfileError)


def run(root):
    """[(check name, [problem, ...])] for every check, in order."""
    tree = deploy_tree.Tree(root)
    results = []
    for name, check in CHECKS:
        try:
            problems = check(tree)
        except BROKEN as e:
            problems = [f"cannot check: {type(e).__name__}: {e}"]
        results.append((name, problems))
    return results


def write_configs(tree, out):
    token = os.path.join(out, "token")
    with open(token, "w") as f:
        f.write("check-config-token\n")
    for module in (check_docker, check_compose, check_kubernetes):
        for label, text in module.exporter_configs(tree):
            config = yaml.safe_load(text)
            if "token_file" in config["webex"]:
                config["webex"]["token_file"] = token
            name = label.replace(" ", "-").lower()
            with open(os.path.join(out, f"config-{name}.yaml"), "w") as f:
                yaml.safe_dump(config, f)


def write_prometheus(tree, out):
    _, config = check_compose.prometheus_config(tree)
    where = os.path.join(out, "prometheus")
    os.makedirs(os.path.join(where, "rules"), exist_ok=True)
    shutil.copy(tree.path(config), os.path.join(where, "prometheus.yml"))
    for rel in check_compose.mounted_rules(tree):
        shutil.copy(tree.path(rel), os.path.join(where, "rules"))


def main(argv):
    root = argv[0]
    results = run(root)
    for name, problems in results:
        print(f"{'FAIL' if problems else 'PASS'} {name}")
        for problem in problems:
            print(f"    {problem}")
    if "--out" in argv:
        out = argv[argv.index("--out") + 1]
        tree = deploy_tree.Tree(root)
        write_configs(tree, out)
        write_prometheus(tree, out)
    return 1 if any(problems for _, problems in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
