"""deploy/docker/compose.yaml against the files it mounts and the image.

Paths inside a container are mapped back to the repository through the
service's bind mounts and secrets, so a check reads the file the container
would read.
"""
import os
import posixpath
import urllib.parse

import check_docker
import deploy_tree
from deploy_tree import COMPOSE

COMPOSE_DIR = os.path.dirname(COMPOSE)
PROMETHEUS_PORT = 9090  # Prometheus' default --web.listen-address


def service(tree, name):
    return tree.compose()["services"][name]


def command(svc):
    value = svc.get("command") or []
    return value.split() if isinstance(value, str) else [str(v) for v in value]


def from_compose(path):
    """A path in compose.yaml, relative to the repository root."""
    return os.path.normpath(os.path.join(COMPOSE_DIR, path))


def binds(svc):
    """[(repository path, container path)] of the service's bind mounts."""
    found = []
    for volume in svc.get("volumes") or []:
        if isinstance(volume, dict):  # the long syntax
            if volume.get("type") == "bind":
                found.append((from_compose(volume["source"]), volume["target"]))
            continue
        source, target = volume.split(":")[:2]
        if source.startswith((".", "/")):
            found.append((from_compose(source), target))
    return found


def secrets(tree, svc):
    """{container path: repository path} of the service's secrets."""
    files = tree.compose().get("secrets") or {}
    found = {}
    for entry in svc.get("secrets") or []:
        name = entry if isinstance(entry, str) else entry["source"]
        target = name if isinstance(entry, str) else entry.get("target", name)
        path = posixpath.join("/run/secrets", target)
        found[path] = from_compose(files[name]["file"])
    return found


def resolve(tree, svc, path):
    """The repository file or directory at PATH in the container, or None."""
    path = posixpath.normpath(path)
    mounted = secrets(tree, svc)
    if path in mounted:
        return mounted[path]
    best = None
    for source, target in binds(svc):
        target = posixpath.normpath(target)
        if path == target or path.startswith(target + "/"):
            if best is None or len(target) > len(best[1]):
                best = (source, target)
    if best is None:
        return None
    rest = posixpath.relpath(path, best[1])
    return os.path.normpath(os.path.join(best[0], rest))


def must_resolve(tree, name, path):
    found = resolve(tree, service(tree, name), path)
    if found is None or not tree.exists(found):
        raise KeyError(f"{COMPOSE}: service {name} mounts nothing at {path}")
    return found


def exporter_config(tree):
    args = command(service(tree, "exporter"))
    path = deploy_tree.flag_value(args, "--config")
    return must_resolve(tree, "exporter", path)


def published(svc):
    """The container ports of the service's `ports` entries."""
    ports = [str(p).split(":")[-1] for p in svc.get("ports") or []]
    return [int(p.split("/")[0]) for p in ports]


def check_mounts_exist(tree):
    problems = []
    targets = {s.name for s in tree.stages()}
    for name, svc in tree.compose()["services"].items():
        for source, target in binds(svc):
            if not tree.exists(source):
                problems.append(
                    f"{name}: mount source {source} ({target}) is missing")
        for target, source in secrets(tree, svc).items():
            if not tree.exists(source):
                problems.append(
                    f"{name}: secret file {source} ({target}) is missing")
        build = svc.get("build")
        if build:
            dockerfile = os.path.normpath(os.path.join(
                from_compose(build["context"]), build["dockerfile"]))
            if dockerfile != deploy_tree.DOCKERFILE:
                problems.append(f"{name}: builds {dockerfile}, "
                                f"not {deploy_tree.DOCKERFILE}")
            if build.get("target") not in targets:
                problems.append(
                    f"{name}: no Dockerfile stage {build.get('target')}")
    return problems


def check_exporter_port(tree):
    svc = service(tree, "exporter")
    config = exporter_config(tree)
    port = deploy_tree.listen_port(tree.text(config))
    ports = published(svc)
    stage = check_docker.chain(tree, svc["build"]["target"])[1]
    image = check_docker.exposed(stage)
    if ports != [port] or image != [port]:
        return [f"exporter: {config} listens on {port}, compose publishes "
                f"{ports}, the image EXPOSEs {image}"]
    return []


def check_exporter_token(tree):
    config = tree.yaml(exporter_config(tree))
    token_file = config["webex"].get("token_file")
    mounted = secrets(tree, service(tree, "exporter"))
    if token_file not in mounted:
        return [f"exporter: token_file {token_file} is not one of its secrets "
                f"{sorted(mounted)}"]
    return []


def check_exporter_reaches_fake(tree):
    problems = []
    config = tree.yaml(exporter_config(tree))
    url = urllib.parse.urlsplit(config["webex"]["base_url"])
    fake = command(service(tree, "fake-api"))
    listen = deploy_tree.port_of(deploy_tree.flag_value(fake, "--listen"))
    if (url.hostname, url.port) != ("fake-api", listen):
        problems.append(f"exporter: base_url {url.geturl()} is not the "
                        f"fake-api service on its --listen port {listen}")
    tokens = resolve(tree, service(tree, "fake-api"),
                     deploy_tree.flag_value(fake, "--token-file"))
    sent = resolve(tree, service(tree, "exporter"),
                   config["webex"].get("token_file", ""))
    if tokens is None or tokens != sent:
        problems.append(f"fake-api: its --token-file is {tokens}, the exporter "
                        f"sends {sent}")
    return problems


def prometheus_config(tree):
    args = command(service(tree, "prometheus"))
    flag = deploy_tree.flag_value(args, "--config.file")
    return flag, must_resolve(tree, "prometheus", flag)


def mounted_rules(tree):
    """The repository rule files Prometheus loads through its rule_files."""
    flag, config = prometheus_config(tree)
    found = set()
    for pattern in tree.yaml(config).get("rule_files") or []:
        inside = posixpath.join(posixpath.dirname(flag), pattern)
        directory = resolve(tree, service(tree, "prometheus"),
                            posixpath.dirname(inside))
        if directory is not None:
            name = posixpath.basename(inside)
            found.update(tree.glob(os.path.join(directory, name)))
    return found


def check_prometheus_rules(tree):
    loaded = mounted_rules(tree)
    shipped = set(tree.glob(deploy_tree.RULES_GLOB))
    if loaded != shipped:
        return [f"prometheus loads {sorted(loaded)}, "
                f"the rules are {sorted(shipped)}"]
    return []


def check_prometheus_target(tree):
    port = deploy_tree.listen_port(tree.text(exporter_config(tree)))
    _, config = prometheus_config(tree)
    jobs = {}
    for job in tree.yaml(config).get("scrape_configs") or []:
        static = job.get("static_configs") or []
        jobs[job["job_name"]] = [t for sc in static for t in sc["targets"]]
    problems = []
    for job in sorted(tree.rules_jobs()):
        if f"exporter:{port}" not in jobs.get(job, []):
            problems.append(f"prometheus: job {job} (the rules' job) does not "
                            f"scrape exporter:{port}: {jobs}")
    return problems


def files_under(tree, svc, directory):
    """The repository files mounted in DIRECTORY, whole or one by one."""
    found = []
    for source, target in binds(svc):
        target = posixpath.normpath(target)
        if target == directory:
            found.extend(tree.glob(os.path.join(source, "*.y*ml")))
        elif posixpath.dirname(target) == directory:
            found.append(source)
    return found


def check_grafana_dashboards(tree):
    problems = []
    svc = service(tree, "grafana")
    providers = files_under(tree, svc, "/etc/grafana/provisioning/dashboards")
    if not providers:
        return ["grafana: no dashboard provisioning mounted"]
    for rel in providers:
        for provider in tree.yaml(rel).get("providers") or []:
            path = provider["options"]["path"]
            where = resolve(tree, svc, path)
            for board in tree.glob("dashboards/*.json"):
                name = os.path.basename(board)
                if where is None or not tree.exists(os.path.join(where, name)):
                    problems.append(f"grafana: {rel} loads {path}, "
                                    f"where {name} is not mounted")
    return problems


def check_grafana_datasource(tree):
    svc = service(tree, "grafana")
    files = files_under(tree, svc, "/etc/grafana/provisioning/datasources")
    urls = [d["url"] for rel in files
            for d in tree.yaml(rel).get("datasources") or []]
    prometheus = command(service(tree, "prometheus"))
    listen = deploy_tree.flag_value(prometheus, "--web.listen-address")
    port = deploy_tree.port_of(listen) if listen else PROMETHEUS_PORT
    want = f"http://prometheus:{port}"
    if urls != [want]:
        return [f"grafana: datasource urls {urls}, not {want}"]
    return []


def check_image_versions(tree):
    version = tree.project_version()
    problems = []
    for name in ("fake-api", "exporter"):
        image = service(tree, name).get("image", "")
        if not image.endswith(f":{version}"):
            problems.append(f"{name}: image {image} is not tagged {version} "
                            "(CMakeLists.txt's version)")
    return problems


def exporter_configs(tree):
    return [("compose", tree.text(exporter_config(tree)))]


CHECKS = [
    ("compose mounts, secrets and builds exist", check_mounts_exist),
    ("compose exporter port == config == image EXPOSE", check_exporter_port),
    ("compose exporter token_file is its secret", check_exporter_token),
    ("compose exporter reaches the fake API", check_exporter_reaches_fake),
    ("compose prometheus loads the rules files", check_prometheus_rules),
    ("compose prometheus scrapes the exporter", check_prometheus_target),
    ("compose grafana provisions the dashboards", check_grafana_dashboards),
    ("compose grafana queries the prometheus service",
     check_grafana_datasource),
    ("compose images carry the project version", check_image_versions),
]
