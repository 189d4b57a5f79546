"""The Kubernetes manifests against each other, the image and the config.

Paths inside a pod are mapped back to the ConfigMap or Secret key that a
volume mount puts there, so a check reads what the container would read.
"""
import os
import posixpath
import re

import yaml

import check_compose
import check_docker
import deploy_tree

WORKLOADS = ("Deployment", "StatefulSet")
NAME = "webex-callpark-exporter"
API_VERSIONS = {
    "ConfigMap": "v1", "Secret": "v1", "Service": "v1",
    "Deployment": "apps/v1", "StatefulSet": "apps/v1",
    "ServiceMonitor": "monitoring.coreos.com/v1",
    "PrometheusRule": "monitoring.coreos.com/v1",
    "Kustomization": "kustomize.config.k8s.io/v1beta1",
}
NOT_KUSTOMIZED = {"kustomization.yaml", "secret-example.yaml",
                  "statefulset-sharded.yaml"}
UNITS = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30}
MEASURED_RSS = re.compile(r"\| resident set after \d+ cycles \| ([0-9.]+) MiB")


def workloads(tree):
    return [(rel, d) for rel, d in tree.manifests()
            if d.get("kind") in WORKLOADS]


def pod(workload):
    return workload["spec"]["template"]["spec"]


def container(workload):
    containers = pod(workload)["containers"]
    if len(containers) != 1:
        raise KeyError(f"{len(containers)} containers, expected one")
    return containers[0]


def service(tree):
    return tree.kind("Service", NAME)[1]


def subset(labels, of):
    return all((of or {}).get(k) == v for k, v in (labels or {}).items())


def resolve(tree, workload, path):
    """(kind, object, key) of the ConfigMap or Secret key at PATH."""
    volumes = {v["name"]: v for v in pod(workload).get("volumes") or []}
    path = posixpath.normpath(path)
    for mount in container(workload).get("volumeMounts") or []:
        base = posixpath.normpath(mount["mountPath"])
        if not path.startswith(base + "/"):
            continue
        key = mount.get("subPath") or posixpath.relpath(path, base)
        volume = volumes[mount["name"]]
        if "configMap" in volume:
            name = volume["configMap"]["name"]
            return "ConfigMap", tree.kind("ConfigMap", name)[1], key
        if "secret" in volume:
            name = volume["secret"]["secretName"]
            return "Secret", tree.kind("Secret", name)[1], key
    raise KeyError(f"nothing mounted at {path}")


def config_text(tree, workload):
    path = deploy_tree.flag_value(container(workload)["args"], "--config")
    kind, obj, key = resolve(tree, workload, path)
    if kind != "ConfigMap" or key not in obj.get("data", {}):
        raise KeyError(f"--config {path}: no key {key} in the {kind}")
    return obj["data"][key]


def metrics_port(workload):
    ports = container(workload)["ports"]
    if len(ports) != 1:
        raise KeyError(f"{len(ports)} container ports, expected one")
    return ports[0]


def check_fields(tree):
    problems = []
    for rel, doc in tree.manifests():
        kind = doc.get("kind")
        if kind not in API_VERSIONS:
            problems.append(f"{rel}: unknown kind {kind}")
        elif doc.get("apiVersion") != API_VERSIONS[kind]:
            problems.append(f"{rel}: {kind} apiVersion {doc.get('apiVersion')}")
        named = (doc.get("metadata") or {}).get("name")
        if kind != "Kustomization" and not named:
            problems.append(f"{rel}: {kind} has no metadata.name")
    return problems


def check_selectors(tree):
    problems = []
    svc = service(tree)
    for rel, w in workloads(tree):
        labels = w["spec"]["template"]["metadata"]["labels"]
        if not subset(w["spec"]["selector"]["matchLabels"], labels):
            problems.append(f"{rel}: selector does not match its pod labels")
        if not subset(svc["spec"]["selector"], labels):
            problems.append(f"{rel}: the Service does not select its pods")
        if w["kind"] == "StatefulSet" and (
                w["spec"]["serviceName"] != svc["metadata"]["name"]
                or svc["spec"].get("clusterIP") != "None"):
            problems.append(f"{rel}: serviceName is not the headless Service")
    return problems


def service_target(svc, port):
    """The Service port whose targetPort is the container PORT, or None."""
    for p in svc["spec"]["ports"]:
        target = p.get("targetPort", p["port"])
        if target in (port.get("name"), port["containerPort"]):
            return p
    return None


def check_ports(tree):
    problems = []
    for rel, w in workloads(tree):
        port = metrics_port(w)
        listen = deploy_tree.listen_port(config_text(tree, w))
        args = container(w)["args"]
        flag = deploy_tree.flag_value(args, "--web.listen-address")
        if listen != port["containerPort"]:
            problems.append(f"{rel}: the config listens on {listen}, the "
                            f"containerPort is {port['containerPort']}")
        if flag and deploy_tree.port_of(flag) != port["containerPort"]:
            problems.append(f"{rel}: --web.listen-address={flag}, the "
                            f"containerPort is {port['containerPort']}")
        if service_target(service(tree), port) is None:
            problems.append(f"{rel}: no Service port targets {port}")
    return problems


def check_token_mount(tree):
    problems = []
    for rel, w in workloads(tree):
        config = yaml.safe_load(config_text(tree, w))
        token_file = config["webex"].get("token_file")
        kind, obj, key = resolve(tree, w, token_file)
        keys = set(obj.get("stringData") or {}) | set(obj.get("data") or {})
        if kind != "Secret" or key not in keys:
            name = obj["metadata"]["name"]
            problems.append(f"{rel}: token_file {token_file} is key {key} of "
                            f"{kind} {name}, which has {sorted(keys)}")
    return problems


def check_security(tree):
    problems = []
    uid = check_docker.image_uid(tree)
    for rel, w in workloads(tree):
        ctx = pod(w).get("securityContext") or {}
        c = container(w).get("securityContext") or {}
        if ctx.get("runAsNonRoot") is not True or ctx.get("runAsUser") != uid:
            problems.append(
                f"{rel}: pod must run as non-root uid {uid} (the image's)")
        if c.get("allowPrivilegeEscalation") is not False:
            problems.append(f"{rel}: allowPrivilegeEscalation is not false")
        if c.get("readOnlyRootFilesystem") is not True:
            problems.append(f"{rel}: readOnlyRootFilesystem is not true")
        if "ALL" not in ((c.get("capabilities") or {}).get("drop") or []):
            problems.append(f"{rel}: capabilities do not drop ALL")
    return problems


def check_probes(tree):
    problems = []
    for rel, w in workloads(tree):
        port = metrics_port(w)
        probes = (("livenessProbe", "/healthz"), ("readinessProbe", "/ready"))
        for probe, path in probes:
            get = (container(w).get(probe) or {}).get("httpGet") or {}
            if get.get("path") != path or get.get("port") not in (
                    port.get("name"), port["containerPort"]):
                problems.append(
                    f"{rel}: {probe} is not GET {path} on the metrics port")
    return problems


def quantity(text):
    match = re.fullmatch(r"([0-9.]+)(Ki|Mi|Gi)?", str(text))
    if not match:
        raise ValueError(f"memory quantity {text!r}")
    return float(match.group(1)) * UNITS.get(match.group(2), 1)


def check_resources(tree):
    match = MEASURED_RSS.search(tree.text("README.md"))
    if not match:
        return ["README.md has no measured resident set to size the pods by"]
    measured = float(match.group(1)) * UNITS["Mi"]
    problems = []
    for rel, w in workloads(tree):
        res = container(w).get("resources") or {}
        requests = res.get("requests") or {}
        request = requests.get("memory")
        limit = (res.get("limits") or {}).get("memory")
        if not request or not limit or not requests.get("cpu"):
            problems.append(f"{rel}: needs requests.cpu, requests.memory "
                            "and limits.memory")
        elif not measured <= quantity(request) <= quantity(limit):
            problems.append(f"{rel}: memory request {request} must cover "
                            f"the measured {match.group(1)} MiB and stay "
                            f"within the limit {limit}")
    return problems


def check_image(tree):
    image = check_compose.service(tree, "exporter")["image"]
    return [f"{rel}: image {container(w)['image']}, compose builds {image}"
            for rel, w in workloads(tree) if container(w)["image"] != image]


def check_shards(tree):
    rel, sts = tree.kind("StatefulSet")
    c = container(sts)
    env = {e["name"]: e for e in c.get("env") or []}
    problems = []
    if int(env["TOTAL_SHARDS"]["value"]) != sts["spec"]["replicas"]:
        problems.append(f"{rel}: TOTAL_SHARDS is not the replica count")
    for flag in ("--shard=$(SHARD)", "--total-shards=$(TOTAL_SHARDS)"):
        if flag not in c["args"]:
            problems.append(f"{rel}: no {flag}")
    if "pod-index" not in env["SHARD"]["valueFrom"]["fieldRef"]["fieldPath"]:
        problems.append(f"{rel}: SHARD does not come from the pod index")
    return problems


def check_service_monitor(tree):
    rel, monitor = tree.kind("ServiceMonitor")
    svc = service(tree)
    names = {p.get("name") for p in svc["spec"]["ports"]}
    problems = []
    selector = monitor["spec"]["selector"]["matchLabels"]
    if not subset(selector, svc["metadata"]["labels"]):
        problems.append(f"{rel}: selector does not match the Service's labels")
    for endpoint in monitor["spec"]["endpoints"]:
        if endpoint.get("port") not in names:
            problems.append(f"{rel}: port {endpoint.get('port')} is not a "
                            f"Service port name {sorted(names)}")
    job = svc["metadata"]["labels"].get(monitor["spec"].get("jobLabel"))
    jobs = tree.rules_jobs()
    if not jobs or job not in jobs:
        problems.append(f"{rel}: the job label would be {job}, the rules "
                        f"expect {sorted(jobs)}")
    return problems


def check_kustomization(tree):
    here = "deploy/kubernetes"
    listed = tree.yaml(f"{here}/kustomization.yaml")["resources"]
    problems = [f"{here}/kustomization.yaml: {r} does not exist"
                for r in listed if not tree.exists(f"{here}/{r}")]
    files = {os.path.basename(r) for r in tree.glob(f"{here}/*.yaml")}
    wanted = files - NOT_KUSTOMIZED
    if set(listed) != wanted:
        problems.append(f"{here}/kustomization.yaml lists {sorted(listed)}, "
                        f"not {sorted(wanted)}")
    return problems


def exporter_configs(tree):
    return [(f"kubernetes {w['kind']}", config_text(tree, w))
            for _, w in workloads(tree)]


CHECKS = [
    ("k8s: every object has its apiVersion and name", check_fields),
    ("k8s: selectors match the pods", check_selectors),
    ("k8s: containerPort == config == Service", check_ports),
    ("k8s: token_file is a mounted Secret key", check_token_mount),
    ("k8s: non-root, read-only, no capabilities", check_security),
    ("k8s: probes GET /healthz and /ready", check_probes),
    ("k8s: resources cover the measured memory", check_resources),
    ("k8s: image is the one compose builds", check_image),
    ("k8s: StatefulSet shards match its replicas", check_shards),
    ("k8s: ServiceMonitor port and job", check_service_monitor),
    ("k8s: kustomization lists the plain deploy", check_kustomization),
]
