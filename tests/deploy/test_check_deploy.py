#!/usr/bin/env python3
"""Each deploy check fails when the cross-reference it guards is broken.

Every test copies the files the checks read into a temporary directory,
breaks one thing there and expects exactly the named check to fail, with a
problem that says what is wrong. The unbroken copy passes every check.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import check_deploy  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))
BUILD = os.path.join(ROOT, os.environ.get("BUILD_DIR", "build"))
COPIED = ["CMakeLists.txt", "README.md", ".dockerignore", "deploy",
          "dashboards", "scripts"]
LINKED = ["exporter"]  # only its existence matters (a COPY source)


class DeployCheckTest(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.mkdtemp(prefix="deploy-check-")
        self.root = os.path.join(self.scratch, "repo")
        for rel in COPIED:
            source = os.path.join(ROOT, rel)
            target = os.path.join(self.root, rel)
            if os.path.isdir(source):
                shutil.copytree(source, target)
            else:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copy(source, target)
        for rel in LINKED:
            os.symlink(os.path.join(ROOT, rel), os.path.join(self.root, rel))

    def tearDown(self):
        shutil.rmtree(self.scratch)

    def edit(self, rel, old, new):
        """Replaces the one occurrence of OLD in REL with NEW."""
        path = os.path.join(self.root, rel)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(text.count(old), 1, f"{old!r} in {rel}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new))

    def write(self, rel, text):
        with open(os.path.join(self.root, rel), "w", encoding="utf-8") as f:
            f.write(text)

    def assertFails(self, check, *words):
        results = dict(check_deploy.run(self.root))
        self.assertIn(check, results)
        problems = " | ".join(results[check])
        self.assertTrue(problems, f"{check} passed")
        for word in words:
            self.assertIn(word, problems)


class UnbrokenTest(DeployCheckTest):
    def test_every_check_passes(self):
        failed = {n: p for n, p in check_deploy.run(self.root) if p}
        self.assertEqual(failed, {})


class FilesParseTest(DeployCheckTest):
    CHECK = "every file under deploy/ parses"

    def test_unknown_kind_of_file(self):
        self.write("deploy/docker/notes.txt", "hello\n")
        self.assertFails(self.CHECK, "deploy/docker/notes.txt",
                         "no check knows")

    def test_broken_yaml(self):
        self.edit("deploy/kubernetes/service.yaml", "  clusterIP: None\n",
                  "  clusterIP: [None\n")
        self.assertFails(self.CHECK, "deploy/kubernetes/service.yaml")

    def test_broken_json(self):
        self.write("deploy/docker/extra.json", "{\"a\": }\n")
        self.assertFails(self.CHECK, "deploy/docker/extra.json")

    def test_unit_without_install_section(self):
        self.edit("deploy/systemd/webex-callpark-exporter.service",
                  "[Install]\n", "")
        self.assertFails(self.CHECK, "no [Install] section")

    def test_bad_environment_file_line(self):
        self.edit("deploy/systemd/webex-callpark-exporter.default",
                  "EXPORTER_ARGS=", "EXPORTER ARGS")
        self.assertFails(self.CHECK, "not KEY=VALUE")

    def test_unknown_dockerfile_instruction(self):
        self.edit("deploy/docker/Dockerfile", "WORKDIR /src", "WORKDIRR /src")
        self.assertFails(self.CHECK, "unknown instruction WORKDIRR")

    def test_shell_syntax_error(self):
        self.edit("deploy/docker/runtime-packages.sh", "  done\n", "")
        self.assertFails(self.CHECK, "runtime-packages.sh")

    def test_empty_secret_file(self):
        self.write("deploy/docker/compose/demo-token", "\n")
        self.assertFails(self.CHECK, "one non-empty line")


class DockerfileTest(DeployCheckTest):
    FILE = "deploy/docker/Dockerfile"

    def test_build_stage_not_debian_12(self):
        self.edit(self.FILE, "FROM debian:12 AS build",
                  "FROM debian:11 AS build")
        self.assertFails("Dockerfile builds on Debian 12 with install-deps.sh",
                         "debian:11")

    def test_tests_not_turned_off(self):
        self.edit(self.FILE, " -DWEBEX_BUILD_TESTS=OFF", "")
        self.assertFails("Dockerfile builds on Debian 12 with install-deps.sh",
                         "-DWEBEX_BUILD_TESTS=OFF")

    def test_copy_source_missing(self):
        os.remove(os.path.join(self.root, "scripts/build.sh"))
        self.assertFails("Dockerfile COPY sources exist in the build context",
                         "scripts/build.sh does not exist")

    def test_copy_source_ignored(self):
        self.edit(".dockerignore", "!exporter/\n", "")
        self.assertFails("Dockerfile COPY sources exist in the build context",
                         ".dockerignore leaves exporter/ out")

    def test_root_user(self):
        self.edit(self.FILE, "FROM runtime AS exporter\n",
                  "FROM runtime AS exporter\nUSER 0\n")
        self.edit(self.FILE, "USER 65532:65532\nEXPOSE 9877",
                  "EXPOSE 9877")
        self.assertFails("image targets run as a fixed non-root uid",
                         "target exporter")

    def test_entrypoint_not_copied(self):
        self.edit(self.FILE, 'ENTRYPOINT ["/usr/local/bin/webex-fake-api"]',
                  'ENTRYPOINT ["/usr/bin/webex-fake-api"]')
        self.assertFails("image ENTRYPOINTs run the binaries they copy",
                         "/usr/bin/webex-fake-api")

    def test_exporter_expose_differs(self):
        self.edit(self.FILE, "EXPOSE 9877", "EXPOSE 9000")
        self.assertFails("exporter image EXPOSEs its config's listen port",
                         "[9000]", "9877")

    def test_image_config_listens_elsewhere(self):
        self.edit("deploy/docker/config.yaml", '":9877"', '":9000"')
        self.assertFails("exporter image EXPOSEs its config's listen port",
                         "listens on 9000")

    def test_fake_expose_differs(self):
        self.edit(self.FILE, '"0.0.0.0:9878"', '"0.0.0.0:9000"')
        self.assertFails("fake image EXPOSEs its --listen port", "0.0.0.0:9000")


class ComposeTest(DeployCheckTest):
    FILE = "deploy/docker/compose.yaml"
    EXPORTER_CONFIG = "deploy/docker/compose/exporter.yaml"

    def test_mount_source_missing(self):
        os.remove(os.path.join(self.root, "deploy/docker/compose",
                               "grafana-datasource.yml"))
        self.assertFails("compose mounts, secrets and builds exist",
                         "grafana-datasource.yml")

    def test_secret_file_missing(self):
        os.remove(os.path.join(self.root, "deploy/docker/compose/demo-token"))
        self.assertFails("compose mounts, secrets and builds exist",
                         "demo-token")

    def test_build_target_missing(self):
        self.edit(self.FILE, "target: fake}", "target: fakes}")
        self.assertFails("compose mounts, secrets and builds exist",
                         "no Dockerfile stage fakes")

    def test_published_port_differs(self):
        self.edit(self.FILE, '"127.0.0.1:9877:9877"', '"127.0.0.1:9877:9000"')
        self.assertFails("compose exporter port == config == image EXPOSE",
                         "publishes [9000]")

    def test_config_listens_elsewhere(self):
        self.edit(self.EXPORTER_CONFIG, '":9877"', '":9000"')
        self.assertFails("compose exporter port == config == image EXPOSE",
                         "listens on 9000")

    def test_config_not_mounted(self):
        self.edit(self.FILE, ":/etc/webex-callpark-exporter/config.yaml:ro",
                  ":/etc/webex-callpark-exporter/other.yaml:ro")
        self.assertFails("compose exporter port == config == image EXPOSE",
                         "mounts nothing at /etc/webex-callpark-exporter/")

    def test_token_file_not_a_secret(self):
        self.edit(self.EXPORTER_CONFIG, "token_file: /run/secrets/webex-token",
                  "token_file: /run/secrets/token")
        self.assertFails("compose exporter token_file is its secret",
                         "/run/secrets/token")

    def test_base_url_not_the_fake(self):
        self.edit(self.EXPORTER_CONFIG, "http://fake-api:9878/v1",
                  "http://fake-api:9000/v1")
        self.assertFails("compose exporter reaches the fake API",
                         "http://fake-api:9000/v1")

    def test_fake_accepts_another_token(self):
        self.edit(self.FILE, "--token-file, /run/secrets/webex-token]",
                  "--token-file, /run/secrets/other]")
        self.assertFails("compose exporter reaches the fake API",
                         "--token-file")

    def test_rules_mounted_elsewhere(self):
        self.edit(self.FILE, "../prometheus/rules:/etc/prometheus/rules:ro",
                  "../prometheus/rules:/etc/prometheus/alerts:ro")
        self.assertFails("compose prometheus loads the rules files",
                         "webex-callpark.rules.yml")

    def test_rule_files_glob_misses(self):
        self.edit("deploy/docker/compose/prometheus.yml", "rules/*.rules.yml",
                  "rules/*.rules.yaml")
        self.assertFails("compose prometheus loads the rules files",
                         "prometheus loads []")

    def test_scrape_target_wrong_port(self):
        self.edit("deploy/docker/compose/prometheus.yml", "'exporter:9877'",
                  "'exporter:9878'")
        self.assertFails("compose prometheus scrapes the exporter",
                         "exporter:9877")

    def test_scrape_job_renamed(self):
        self.edit("deploy/docker/compose/prometheus.yml",
                  "job_name: webex-callpark", "job_name: callpark")
        self.assertFails("compose prometheus scrapes the exporter",
                         "job webex-callpark")

    def test_dashboards_mounted_elsewhere(self):
        self.edit(self.FILE, "dashboards:/var/lib/grafana/dashboards/webex-",
                  "dashboards:/var/lib/grafana/dashboards/other-")
        self.assertFails("compose grafana provisions the dashboards",
                         "webex-callpark-overview.json")

    def test_provider_path_moved(self):
        self.edit("dashboards/provisioning/dashboards/webex-callpark.yml",
                  "path: /var/lib/grafana/dashboards/webex-callpark",
                  "path: /var/lib/grafana/dashboards")
        self.assertFails("compose grafana provisions the dashboards",
                         "is not mounted")

    def test_datasource_wrong_port(self):
        self.edit("deploy/docker/compose/grafana-datasource.yml",
                  "http://prometheus:9090", "http://prometheus:9091")
        self.assertFails("compose grafana queries the prometheus service",
                         "http://prometheus:9091")

    def test_image_tag_not_the_version(self):
        self.edit(self.FILE, "image: webex-fake-api:0.1.0",
                  "image: webex-fake-api:latest")
        self.assertFails("compose images carry the project version",
                         "webex-fake-api:latest")


class KubernetesTest(DeployCheckTest):
    DEPLOYMENT = "deploy/kubernetes/deployment.yaml"
    STATEFULSET = "deploy/kubernetes/statefulset-sharded.yaml"
    CONFIGMAP = "deploy/kubernetes/configmap.yaml"
    PORTS = "k8s: containerPort == config == Service"
    SECURITY = "k8s: non-root, read-only, no capabilities"

    def test_wrong_api_version(self):
        self.edit(self.DEPLOYMENT, "apiVersion: apps/v1", "apiVersion: apps/v2")
        self.assertFails("k8s: every object has its apiVersion and name",
                         "apps/v2")

    def test_service_selects_other_pods(self):
        self.edit("deploy/kubernetes/service.yaml",
                  "  selector:\n"
                  "    app.kubernetes.io/name: webex-callpark-exporter",
                  "  selector:\n    app.kubernetes.io/name: other")
        self.assertFails("k8s: selectors match the pods",
                         "the Service does not select its pods")

    def test_config_listens_elsewhere(self):
        self.edit(self.CONFIGMAP, '":9877"', '":9000"')
        self.assertFails(self.PORTS,
                         "listens on 9000")

    def test_listen_flag_differs(self):
        self.edit(self.STATEFULSET, "--web.listen-address=:9877",
                  "--web.listen-address=:9000")
        self.assertFails(self.PORTS,
                         "--web.listen-address=:9000")

    def test_service_targets_another_port(self):
        self.edit("deploy/kubernetes/service.yaml", "targetPort: http-metrics",
                  "targetPort: metrics")
        self.assertFails(self.PORTS,
                         "no Service port targets")

    def test_config_mounted_elsewhere(self):
        self.edit(self.DEPLOYMENT, "mountPath: /etc/webex-callpark-exporter",
                  "mountPath: /etc/webex")
        self.assertFails(self.PORTS,
                         "nothing mounted at /etc/webex-callpark-exporter/")

    def test_token_key_missing(self):
        self.edit(self.CONFIGMAP, "token_file: /run/secrets/webex/token",
                  "token_file: /run/secrets/webex/webex-token")
        self.assertFails("k8s: token_file is a mounted Secret key",
                         "key webex-token")

    def test_token_not_mounted(self):
        self.edit(self.STATEFULSET, "mountPath: /run/secrets/webex",
                  "mountPath: /run/secrets/other")
        self.assertFails("k8s: token_file is a mounted Secret key",
                         "nothing mounted at /run/secrets/webex/token")

    def test_writable_root(self):
        self.edit(self.DEPLOYMENT, "readOnlyRootFilesystem: true",
                  "readOnlyRootFilesystem: false")
        self.assertFails(self.SECURITY,
                         "readOnlyRootFilesystem")

    def test_uid_not_the_images(self):
        self.edit(self.STATEFULSET, "runAsUser: 65532", "runAsUser: 1000")
        self.assertFails(self.SECURITY,
                         "uid 65532")

    def test_capabilities_kept(self):
        self.edit(self.DEPLOYMENT, "capabilities: {drop: [ALL]}",
                  "capabilities: {drop: [NET_RAW]}")
        self.assertFails(self.SECURITY,
                         "drop ALL")

    def test_liveness_on_wrong_path(self):
        self.edit(self.DEPLOYMENT, "path: /healthz", "path: /health")
        self.assertFails("k8s: probes GET /healthz and /ready",
                         "livenessProbe")

    def test_memory_request_below_measurement(self):
        self.edit(self.DEPLOYMENT, "memory: 64Mi", "memory: 32Mi")
        # The figure itself comes from the README's Benchmarks table.
        self.assertFails("k8s: resources cover the measured memory",
                         "32Mi", "must cover the measured")

    def test_memory_limit_missing(self):
        self.edit(self.STATEFULSET, "limits: {memory: 256Mi}", "limits: {}")
        self.assertFails("k8s: resources cover the measured memory",
                         "limits.memory")

    def test_image_differs_from_compose(self):
        self.edit(self.DEPLOYMENT, "image: webex-callpark-exporter:0.1.0",
                  "image: webex-callpark-exporter:0.0.9")
        self.assertFails("k8s: image is the one compose builds",
                         "0.0.9")

    def test_shards_not_replicas(self):
        self.edit(self.STATEFULSET, 'value: "3"', 'value: "4"')
        self.assertFails("k8s: StatefulSet shards match its replicas",
                         "TOTAL_SHARDS")

    def test_monitor_port_name(self):
        self.edit("deploy/kubernetes/servicemonitor.yaml",
                  "- port: http-metrics", "- port: metrics")
        self.assertFails("k8s: ServiceMonitor port and job",
                         "port metrics")

    def test_monitor_job_not_the_rules(self):
        self.edit("deploy/kubernetes/service.yaml",
                  "app.kubernetes.io/part-of: webex-callpark",
                  "app.kubernetes.io/part-of: callpark")
        self.assertFails("k8s: ServiceMonitor port and job",
                         "would be callpark")

    def test_kustomization_misses_a_manifest(self):
        self.edit("deploy/kubernetes/kustomization.yaml",
                  "  - servicemonitor.yaml\n", "")
        self.assertFails("k8s: kustomization lists the plain deploy",
                         "servicemonitor.yaml")


class PrometheusRuleTest(DeployCheckTest):
    RULES = "deploy/prometheus/rules/webex-callpark.rules.yml"
    MANIFEST = "deploy/kubernetes/prometheusrule.yaml"
    GENERATED = "PrometheusRule is the generator's output"
    SAME = "PrometheusRule holds the rules files' groups"

    def test_rules_changed_without_regenerating(self):
        self.edit(self.RULES, "expr: webex_callpark_drift == 1",
                  "expr: webex_callpark_drift > 0")
        self.assertFails(self.GENERATED, "out of date")
        self.assertFails(self.SAME, "differ")

    def test_manifest_edited_by_hand(self):
        self.edit(self.MANIFEST, "          expr: webex_callpark_drift == 1\n",
                  "          # edited by hand\n"
                  "          expr: webex_callpark_drift == 1\n")
        self.assertFails(self.GENERATED, "out of date")


class ToolsTest(DeployCheckTest):
    """The tools check.sh runs on the same files, each shown to fail."""

    def test_compose_config_rejects_an_unknown_key(self):
        compose = os.path.join(self.root, "deploy/docker/compose.yaml")
        env = dict(os.environ, DOCKER_HOST="unix:///nonexistent")
        run = lambda: subprocess.run(  # noqa: E731
            ["docker-compose", "-f", compose, "config", "-q"], env=env,
            capture_output=True, text=True, timeout=60)
        self.assertEqual(run().returncode, 0, run().stderr)
        self.edit("deploy/docker/compose.yaml", "\n\n  exporter:\n",
                  "\n    readonly: true\n\n  exporter:\n")
        failed = run()
        self.assertNotEqual(failed.returncode, 0)
        self.assertIn("readonly", failed.stderr)

    def test_runtime_packages_rejects_a_non_executable(self):
        script = os.path.join(self.root, "deploy/docker/runtime-packages.sh")
        run = subprocess.run([script, os.path.join(self.root, "README.md")],
                             capture_output=True, text=True, timeout=60)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("not a dynamic executable", run.stderr)

    def test_compose_smoke_fails_when_the_exporter_misses_the_fake(self):
        smoke = os.path.join(ROOT, "tests/deploy/compose_smoke.py")
        run = lambda: subprocess.run(  # noqa: E731
            [sys.executable, smoke, BUILD, self.root], capture_output=True,
            text=True, timeout=120)
        passed = run()
        self.assertEqual(passed.returncode, 0, passed.stdout + passed.stderr)
        self.edit("deploy/docker/compose/exporter.yaml",
                  "http://fake-api:9878/v1", "http://fake-api:9878/v2")
        failed = run()
        self.assertNotEqual(failed.returncode, 0)
        self.assertIn("0 locations up", failed.stdout)


if __name__ == "__main__":
    unittest.main()
