"""Checks the Kubernetes example against what the exporter needs.

Usage: check_kubernetes.py MANIFEST CONFIG_OUT. The manifest must be valid
YAML; its shard flags must match the replica count; the container port
must be the one the mounted config listens on. The mounted config is
written to CONFIG_OUT so that the caller can run --check-config on it.
"""
import sys

import yaml


def main(manifest, config_out):
    docs = {d["kind"]: d for d in yaml.safe_load_all(open(manifest))}
    sts = docs["StatefulSet"]["spec"]
    container = sts["template"]["spec"]["containers"][0]
    env = {e["name"]: e for e in container["env"]}
    assert int(env["TOTAL_SHARDS"]["value"]) == sts["replicas"], "shards"
    assert "--shard=$(SHARD)" in container["args"], "shard flag"
    port = container["ports"][0]["containerPort"]
    config = docs["ConfigMap"]["data"]["config.yaml"]
    listen = yaml.safe_load(config)["web"]["listen_address"]
    assert listen == f":{port}", f"config listens on {listen}, port {port}"
    assert f"--web.listen-address=:{port}" in container["args"], "flag port"
    with open(config_out, "w") as out:
        out.write(config)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
