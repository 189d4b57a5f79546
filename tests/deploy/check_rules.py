"""The PrometheusRule is what the generator makes of the rules files."""
import importlib.util
import os

from deploy_tree import RULES_GLOB

MANIFEST = "deploy/kubernetes/prometheusrule.yaml"
GENERATOR = os.path.join(os.path.dirname(__file__),
                         "../../scripts/generate-prometheusrule.py")


def generator():
    spec = importlib.util.spec_from_file_location("generator", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_generated(tree):
    if tree.text(MANIFEST) != generator().render(tree.root):
        return [f"{MANIFEST} is out of date: "
                "run scripts/generate-prometheusrule.py"]
    return []


def check_same_groups(tree):
    groups = tree.kind("PrometheusRule")[1]["spec"]["groups"]
    if groups != tree.rule_groups():
        return [f"{MANIFEST}: spec.groups differ from {RULES_GLOB}"]
    return []


CHECKS = [
    ("PrometheusRule is the generator's output", check_generated),
    ("PrometheusRule holds the rules files' groups", check_same_groups),
]
