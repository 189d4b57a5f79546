#!/usr/bin/env python3
"""Runs compose's fake-api and exporter as plain processes on loopback.

Usage: compose_smoke.py BUILD_DIR [ROOT]

No Docker here, so this takes from deploy/docker/compose.yaml what does not
need a container: the fake's command line, the exporter's command line and
mounted config, and the secret both read. Only the addresses change, to
127.0.0.1 with port 0 (the fake's real port goes into the exporter's
base_url). The exporter must become ready and report every location the
fake generates as up. Both processes are stopped by their PIDs; every wait
is bounded. Prints PASS/FAIL lines; exits 1 on failure.
"""
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse

import yaml

import check_compose
import deploy_tree

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))
sys.path.insert(0, os.path.join(ROOT, "tests/e2e"))
from e2e import http_get  # noqa: E402  (loopback only, no proxy)


def replaced(args, flag, value):
    """ARGS with the value of --flag (either form) set to VALUE."""
    out, skip = [], False
    for i, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == flag:
            out += [flag, value]
            skip = True
        elif arg.startswith(flag + "="):
            out.append(f"{flag}={value}")
        else:
            out.append(arg)
    return out


def wait_for(what, seconds, probe, process):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        if process.poll() is not None:
            raise SystemExit(f"FAIL {what}: the process exited with "
                             f"{process.returncode}")
        time.sleep(0.2)
    raise SystemExit(f"FAIL {what}: not within {seconds}s")


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def start_fake(tree, build, tmp, started):
    svc = check_compose.service(tree, "fake-api")
    args = check_compose.command(svc)
    tokens = check_compose.resolve(
        tree, svc, deploy_tree.flag_value(args, "--token-file"))
    args = replaced(args, "--listen", "127.0.0.1:0")
    args = replaced(args, "--token-file", tree.path(tokens))
    port_file = os.path.join(tmp, "fake.port")
    log = open(os.path.join(tmp, "fake.log"), "w")
    fake = subprocess.Popen([f"{build}/exporter/fake/webex-fake-api", *args,
                             "--port-file", port_file], stderr=log, stdout=log)
    started.append(fake)
    port = wait_for("the fake's port file", 10,
                    lambda: read(port_file).strip(), fake)
    return int(deploy_tree.flag_value(args, "--locations")), port


def exporter_config(tree, fake_port, tmp):
    config = tree.yaml(check_compose.exporter_config(tree))
    url = urllib.parse.urlsplit(config["webex"]["base_url"])
    url = url._replace(netloc=f"127.0.0.1:{fake_port}")
    config["webex"]["base_url"] = url.geturl()
    svc = check_compose.service(tree, "exporter")
    token = check_compose.resolve(tree, svc, config["webex"]["token_file"])
    config["webex"]["token_file"] = tree.path(token)
    path = os.path.join(tmp, "exporter.yaml")
    with open(path, "w") as f:
        yaml.safe_dump(config, f)
    return path


def start_exporter(tree, build, config, tmp, started):
    args = check_compose.command(check_compose.service(tree, "exporter"))
    args = replaced(args, "--config", config)
    args += ["--web.listen-address", "127.0.0.1:0"]
    log_path = os.path.join(tmp, "exporter.log")
    log = open(log_path, "w")
    binary = f"{build}/exporter/webex-callpark-exporter"
    exporter = subprocess.Popen([binary, *args], stderr=log,
                                stdout=subprocess.DEVNULL)
    started.append(exporter)

    def port():
        match = re.search(r'"msg":"listening".*"port":"?(\d+)', read(log_path))
        return match and match.group(1)
    return wait_for("the exporter's listening line", 10, port, exporter)


def ready(url):
    try:
        http_get(f"{url}/ready")
        return True
    except (urllib.error.URLError, OSError):
        return False


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def main(build, root=ROOT):
    tree = deploy_tree.Tree(root)
    started = []
    with tempfile.TemporaryDirectory(prefix="compose-smoke-") as tmp:
        try:
            locations, fake_port = start_fake(tree, build, tmp, started)
            config = exporter_config(tree, fake_port, tmp)
            port = start_exporter(tree, build, config, tmp, started)
            url = f"http://127.0.0.1:{port}"
            wait_for("exporter /ready", 30, lambda: ready(url), started[-1])
            metrics = http_get(f"{url}/metrics")
            up = len(re.findall(r"^webex_callpark_up\{.*\} 1$", metrics, re.M))
            if up != locations:
                print(f"FAIL compose smoke: {up} locations up, "
                      f"the fake has {locations}")
                print(read(os.path.join(tmp, "exporter.log"))[-3000:])
                return 1
            print(f"PASS compose smoke: the exporter polls all {locations} "
                  "locations of the fake, as compose wires them")
            return 0
        finally:
            for process in reversed(started):
                stop(process)


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), *sys.argv[2:]))
