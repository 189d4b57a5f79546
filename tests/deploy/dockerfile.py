"""Reads a Dockerfile into its stages and instructions, and .dockerignore.

Enough of the format for the deploy checks: comments, `\\` continuations,
exec (JSON) and shell forms, `FROM image AS name` stages and `COPY
[--from=stage] SRC... DEST`. An unknown instruction is an error, so a typo
cannot hide an instruction from the checks.
"""
import fnmatch
import json
import shlex

INSTRUCTIONS = {
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
    "HEALTHCHECK", "LABEL", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER",
    "VOLUME", "WORKDIR",
}


class DockerfileError(Exception):
    pass


class Instruction:
    def __init__(self, line, keyword, text):
        self.line = line
        self.keyword = keyword
        self.text = text

    def words(self):
        """The arguments: the JSON array of the exec form, else shell words."""
        if self.text.startswith("["):
            try:
                words = json.loads(self.text)
            except ValueError as e:
                raise DockerfileError(f"line {self.line}: {self.keyword}: {e}")
            if not all(isinstance(w, str) for w in words):
                raise DockerfileError(f"line {self.line}: {self.keyword}: "
                                      "not an array of strings")
            return words
        return shlex.split(self.text)


class Stage:
    def __init__(self, base, name, line):
        self.base = base
        self.name = name
        self.line = line
        self.instructions = []

    def all(self, keyword):
        return [i for i in self.instructions if i.keyword == keyword]

    def last(self, keyword):
        found = self.all(keyword)
        return found[-1] if found else None


def _logical_lines(text):
    """Yields (first line number, text) with continuations joined."""
    pending, start = "", 0
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue  # a comment inside a continued instruction
        if not pending:
            start = number
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        yield start, pending + stripped
        pending = ""
    if pending:
        raise DockerfileError(f"line {start}: continuation at end of file")


def parse(text):
    """The stages of a Dockerfile, in order; raises DockerfileError."""
    stages = []
    for line, logical in _logical_lines(text):
        keyword, _, rest = logical.partition(" ")
        keyword = keyword.upper()
        if keyword not in INSTRUCTIONS:
            raise DockerfileError(f"line {line}: unknown instruction {keyword}")
        instruction = Instruction(line, keyword, rest.strip())
        if keyword == "FROM":
            words = instruction.words()
            named = len(words) == 3 and words[1].upper() == "AS"
            name = words[2] if named else None
            if len(words) != 1 and not named:
                raise DockerfileError(f"line {line}: FROM IMAGE [AS NAME]")
            stages.append(Stage(words[0], name, line))
        elif not stages:
            if keyword != "ARG":
                raise DockerfileError(f"line {line}: {keyword} before FROM")
        else:
            stages[-1].instructions.append(instruction)
    if not stages:
        raise DockerfileError("no FROM")
    return stages


def copy_parts(instruction):
    """(from stage or None, sources, destination) of a COPY."""
    words = instruction.words()
    source_stage = None
    while words and words[0].startswith("--"):
        flag = words.pop(0)
        if flag.startswith("--from="):
            source_stage = flag[len("--from="):]
    if len(words) < 2:
        raise DockerfileError(f"line {instruction.line}: COPY SRC... DEST")
    return source_stage, words[:-1], words[-1]


def read_ignore(text):
    """The .dockerignore patterns as (excluded?, pattern components)."""
    patterns = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        exclude = not line.startswith("!")
        pattern = line.lstrip("!").strip().strip("/")
        patterns.append((exclude, pattern.split("/")))
    return patterns


def _matches(components, path_parts):
    # A pattern matches a path or any of its parents, component by
    # component, so that `*` never crosses a slash (as in Docker).
    if len(components) > len(path_parts):
        return False
    pairs = zip(components, path_parts)
    return all(fnmatch.fnmatchcase(p, c) for c, p in pairs)


def is_ignored(patterns, path):
    """Whether the build context leaves out PATH (relative, / separated)."""
    parts = [p for p in path.strip("/").split("/") if p not in ("", ".")]
    ignored = False
    for exclude, components in patterns:
        if _matches(components, parts):
            ignored = exclude
    return ignored
