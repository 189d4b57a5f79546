"""The Dockerfile against the repository and the exporter's config."""
import os
import re

import deploy_tree
import dockerfile
from deploy_tree import DOCKERFILE

IGNORE = ".dockerignore"
TARGETS = ("fake", "exporter")
DEBIAN_12 = re.compile(r"debian:(12|bookworm)(-slim)?")


def chain(tree, name):
    """A stage's instructions, those of the stages it builds on first."""
    stages = {s.name: s for s in tree.stages() if s.name}
    instructions, stage = [], stages[name]
    while True:
        instructions[:0] = stage.instructions
        if stage.base not in stages:
            return stage.base, instructions
        stage = stages[stage.base]


def last(instructions, keyword):
    found = [i for i in instructions if i.keyword == keyword]
    return found[-1] if found else None


def copied_files(instructions):
    """{path in the image: (from stage or None, source)} of the COPYs."""
    files = {}
    for i in instructions:
        if i.keyword != "COPY":
            continue
        source_stage, sources, dest = dockerfile.copy_parts(i)
        for source in sources:
            target = dest
            if dest.endswith("/"):
                target = dest + os.path.basename(source.rstrip("/"))
            files[target] = (source_stage, source)
    return files


def run_lines(stage):
    return [i.text for i in stage.all("RUN")]


def check_debian_build(tree):
    problems = []
    build = tree.stage("build")
    if not DEBIAN_12.fullmatch(build.base) or build.base.endswith("-slim"):
        problems.append(f"build stage is FROM {build.base}, not debian:12")
    runs = " ".join(run_lines(build))
    for needed in ("scripts/install-deps.sh build", "scripts/build.sh",
                   "-DWEBEX_BUILD_TESTS=OFF",
                   "deploy/docker/runtime-packages.sh"):
        if needed not in runs:
            problems.append(f"build stage does not run {needed}")
    for name in TARGETS:
        base, _ = chain(tree, name)
        if not DEBIAN_12.fullmatch(base):
            problems.append(f"target {name} runs on {base}, not Debian 12")
    return problems


def check_copy_sources(tree):
    problems = []
    ignore = []
    if tree.exists(IGNORE):
        ignore = dockerfile.read_ignore(tree.text(IGNORE))
    names = set()
    for stage in tree.stages():
        for i in stage.all("COPY"):
            source_stage, sources, _ = dockerfile.copy_parts(i)
            where = f"{DOCKERFILE}:{i.line}"
            if source_stage is not None:
                if source_stage not in names:
                    problems.append(f"{where}: no earlier stage {source_stage}")
                continue
            for source in sources:
                if not tree.exists(source):
                    problems.append(
                        f"{where}: COPY source {source} does not exist")
                elif dockerfile.is_ignored(ignore, source):
                    problems.append(f"{where}: {IGNORE} leaves {source} out")
        names.add(stage.name)
    return problems


def check_non_root(tree):
    problems = []
    for name in TARGETS:
        user = last(chain(tree, name)[1], "USER")
        uid = user.text.split(":")[0] if user else "0"
        if not uid.isdigit() or int(uid) == 0:
            text = user.text if user else "(none)"
            problems.append(
                f"target {name}: USER {text} is not a fixed non-root uid")
    return problems


def image_uid(tree):
    return int(last(chain(tree, "exporter")[1], "USER").text.split(":")[0])


def check_entrypoints(tree):
    problems = []
    for name in TARGETS:
        instructions = chain(tree, name)[1]
        entry = last(instructions, "ENTRYPOINT")
        if entry is None or not entry.text.startswith("["):
            problems.append(f"target {name}: no exec-form ENTRYPOINT")
        elif entry.words()[0] not in copied_files(instructions):
            problems.append(f"target {name}: ENTRYPOINT {entry.words()[0]} "
                            "is not a file the stage copies in")
    return problems


def exposed(instructions):
    expose = last(instructions, "EXPOSE")
    return [int(p.split("/")[0]) for p in expose.words()] if expose else []


def image_config(tree):
    """(path in the image, repository file) of the exporter's config."""
    instructions = chain(tree, "exporter")[1]
    path = deploy_tree.flag_value(last(instructions, "CMD").words(), "--config")
    source_stage, source = copied_files(instructions)[path]
    if source_stage is not None:
        raise KeyError(f"the image's config {path} is built, not copied")
    return path, source


def check_exporter_expose(tree):
    path, source = image_config(tree)
    port = deploy_tree.listen_port(tree.text(source))
    ports = exposed(chain(tree, "exporter")[1])
    if ports != [port]:
        return [f"target exporter EXPOSEs {ports}, its config {source} "
                f"(--config {path}) listens on {port}"]
    return []


def check_fake_expose(tree):
    instructions = chain(tree, "fake")[1]
    args = last(instructions, "CMD").words()
    listen = deploy_tree.flag_value(args, "--listen")
    ports = exposed(instructions)
    if ports != [deploy_tree.port_of(listen)]:
        return [f"target fake EXPOSEs {ports}, its CMD listens on {listen}"]
    return []


def exporter_configs(tree):
    _, source = image_config(tree)
    return [("image", tree.text(source))]


CHECKS = [
    ("Dockerfile builds on Debian 12 with install-deps.sh", check_debian_build),
    ("Dockerfile COPY sources exist in the build context", check_copy_sources),
    ("image targets run as a fixed non-root uid", check_non_root),
    ("image ENTRYPOINTs run the binaries they copy", check_entrypoints),
    ("exporter image EXPOSEs its config's listen port", check_exporter_expose),
    ("fake image EXPOSEs its --listen port", check_fake_expose),
]
