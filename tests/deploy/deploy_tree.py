"""A repository checkout as the deploy checks see it.

Every path is relative to the root, so that the checks run the same on the
repository and on a mutated copy of it (the negative tests).
"""
import copy
import glob
import os
import re

import yaml

import dockerfile

DOCKERFILE = "deploy/docker/Dockerfile"
COMPOSE = "deploy/docker/compose.yaml"
RULES_GLOB = "deploy/prometheus/rules/*.rules.yml"


# libyaml's loader where Debian's python3-yaml has it: the checks read the
# same manifests many times over.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Tree:
    """The files under ROOT, each parsed once (the checks only read them)."""

    def __init__(self, root):
        self.root = root
        self._parsed = {}

    def path(self, rel):
        return os.path.join(self.root, rel)

    def exists(self, rel):
        return os.path.exists(self.path(rel))

    def text(self, rel):
        with open(self.path(rel), encoding="utf-8") as f:
            return f.read()

    def yaml_docs(self, rel):
        if rel not in self._parsed:
            docs = yaml.load_all(self.text(rel), Loader=LOADER)
            self._parsed[rel] = [d for d in docs if d is not None]
        return copy.deepcopy(self._parsed[rel])

    def yaml(self, rel):
        docs = self.yaml_docs(rel)
        return docs[0] if docs else None

    def files(self, under):
        """Every file below UNDER, relative to the root, sorted."""
        found = []
        for directory, _, names in os.walk(self.path(under)):
            for name in names:
                full = os.path.join(directory, name)
                found.append(os.path.relpath(full, self.root))
        return sorted(found)

    def glob(self, pattern):
        return sorted(os.path.relpath(p, self.root)
                      for p in glob.glob(self.path(pattern)))

    def stages(self):
        return dockerfile.parse(self.text(DOCKERFILE))

    def stage(self, name):
        for stage in self.stages():
            if stage.name == name:
                return stage
        raise KeyError(f"{DOCKERFILE}: no stage {name}")

    def compose(self):
        return self.yaml(COMPOSE)

    def manifests(self):
        """(file, document) for every Kubernetes manifest."""
        docs = []
        for rel in self.glob("deploy/kubernetes/*.yaml"):
            docs.extend((rel, d) for d in self.yaml_docs(rel))
        return docs

    def kind(self, kind, name=None):
        """The one manifest of KIND (and NAME); KeyError if not exactly one."""
        found = [(rel, d) for rel, d in self.manifests()
                 if d.get("kind") == kind
                 and (name is None or d["metadata"]["name"] == name)]
        if len(found) != 1:
            raise KeyError(f"{len(found)} manifests of kind {kind} "
                           f"{name or ''}")
        return found[0]

    def rule_groups(self):
        groups = []
        for rel in self.glob(RULES_GLOB):
            groups.extend((self.yaml(rel) or {}).get("groups", []))
        return groups

    def rules_jobs(self):
        """The scrape job names the rules select with up{job="..."}."""
        return set(re.findall(r'up\{job="([^"]+)"\}', str(self.rule_groups())))

    def project_version(self):
        match = re.search(r"project\([^)]*VERSION\s+([0-9.]+)",
                          self.text("CMakeLists.txt"))
        return match.group(1) if match else None


def listen_port(config_text):
    """The port of web.listen_address in an exporter config."""
    address = yaml.safe_load(config_text)["web"]["listen_address"]
    return port_of(address)


def port_of(address):
    """The port of HOST:PORT, [IPv6]:PORT or :PORT, as an int."""
    _, colon, port = str(address).rpartition(":")
    if not colon or not port.isdigit():
        raise ValueError(f"no port in {address!r}")
    return int(port)


def flag_value(args, flag):
    """The value of --flag=VALUE or --flag VALUE in an argument list."""
    for i, arg in enumerate(args):
        if arg.startswith(flag + "="):
            return arg[len(flag) + 1:]
        if arg == flag and i + 1 < len(args):
            return args[i + 1]
    return None
