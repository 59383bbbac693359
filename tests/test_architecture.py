"""The layout the README describes, kept so: layers import only the layers below them,
modules import one another in no cycle, the library neither prints nor knows the command
line, files and functions stay a size a reader can hold, and the README's project layout
names every file."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "ipkpi"

# Lowest first: a module may import its own layer and the ones before it.
LAYERS = (
    "foundation",
    "catalogue",
    "store",
    "ingest",
    "assess",
    "views",
    "draft",
    "output",
    "run",
    "cli",
)
FOUNDATION = {"ipkpi.errors", "ipkpi.labels", "ipkpi.files", "ipkpi.hanzi", "ipkpi"}

# Longer than MAX_LINES, and why (the README's project layout says the same).
LONG_MODULES = {
    "ipkpi/labels.py": "the zh/en message and label table: one entry a line, read by key",
}
MAX_LINES = 400
MAX_FUNCTION_LINES = 80


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _layer(module: str) -> str:
    if module in FOUNDATION:
        return "foundation"
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return "foundation"


def _imports(tree: ast.AST) -> set[str]:
    """The package's own modules a module imports, anywhere in it."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("ipkpi")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ipkpi"):
            for alias in node.names:
                whole = f"{node.module}.{alias.name}"
                out.add(whole if whole in MODULES else node.module)
    return out


GRAPH = {name: _imports(tree) & MODULES.keys() for name, tree in TREES.items()}


def test_layers_import_only_the_layers_below():
    upward = [
        f"{module} ({_layer(module)}) imports {other} ({_layer(other)})"
        for module, imported in GRAPH.items()
        if module not in ("ipkpi", "ipkpi.__main__")  # the front door and the entry point
        for other in sorted(imported)
        if LAYERS.index(_layer(other)) > LAYERS.index(_layer(module))
    ]
    assert upward == []


def test_no_import_cycles():
    """Tarjan's strongly connected components: any with two modules or more is a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in GRAPH[node] - {node}:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    assert cycles == []


def test_the_library_never_prints_or_parses_a_command_line():
    found = []
    for module, tree in TREES.items():
        in_cli = _layer(module) == "cli" or module == "ipkpi.__main__"
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and not in_cli:
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                root = (node.module or "") if isinstance(node, ast.ImportFrom) else ""
                if any(n.split(".")[0] in ("typer", "click") for n in [*names, root]):
                    found.append(f"{module}:{node.lineno} imports the command line")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "print"
                and _layer(module) not in ("cli", "output")
            ):
                found.append(f"{module}:{node.lineno} prints")
    assert found == []


def test_modules_and_functions_stay_a_readable_size():
    too_long = []
    for module, path in MODULES.items():
        relative = path.relative_to(REPO).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES and relative not in LONG_MODULES:
            too_long.append(f"{relative}: {lines} lines")
        for node in ast.walk(TREES[module]):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{relative}: {node.name}() {length} lines")
    assert too_long == []


def test_the_readme_layout_names_every_folder_and_file():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Project layout", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```text\n(.*?)```", section, re.S)
    assert block, "README: the project layout as a ```text block"
    named = set()
    folder: list[str] = []
    for line in block.group(1).splitlines():
        match = re.match(r"^([ │├└─]*)([\w.]+/?)", line)
        if not match:
            continue
        depth = len(match.group(1)) // 4
        entry = match.group(2)
        folder = folder[:depth]
        if entry.endswith("/"):
            folder.append(entry.rstrip("/"))
            named.add("/".join(folder))
        else:
            named.add("/".join([*folder, entry]))
    files = {p.relative_to(REPO).as_posix() for p in PACKAGE.rglob("*.py")}
    files = {f for f in files if not (f.endswith("/__init__.py") and f != "ipkpi/__init__.py")}
    folders = {
        p.relative_to(REPO).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_dir() and "__pycache__" not in p.parts and "_bundled_targets" not in p.parts
    }
    assert sorted((files | folders) - named) == []
    listed = {n for n in named if n.startswith("ipkpi/")}
    assert sorted(listed - files - folders) == []  # nothing named that is not there
    for relative in LONG_MODULES:
        assert relative.split("/")[-1] in section, f"README: why {relative} is long"


def test_the_public_api_is_what_all_says_and_loads_when_first_used():
    import subprocess
    import sys

    import ipkpi

    assert sorted(ipkpi.__all__) == sorted(["__version__", *ipkpi._API])
    assert all(getattr(ipkpi, name) is not None for name in ipkpi.__all__)
    code = "import ipkpi, sys; print(sorted(m for m in sys.modules if m.startswith('ipkpi')))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout == "['ipkpi']\n"  # import ipkpi alone loads nothing more


# Below the command line, a module imports the package's own modules at its top; these few
# wait until a function needs them, so that a command's start-up does not pay for them.
LATE_IMPORTS = {
    ("ipkpi.catalogue.loader", "ipkpi.catalogue.plan_file"),  # only when a plan changed
    ("ipkpi.output.terminal", "ipkpi.views.rewards"),
    ("ipkpi.output.terminal", "ipkpi.views.missing"),
    ("ipkpi.output.text", "ipkpi.views.rewards"),
    ("ipkpi.output.text", "ipkpi.views.missing"),
    # psycopg only for a PostgreSQL store's URL
    ("ipkpi.store.engines", "ipkpi.store.postgres.store"),
    ("ipkpi.store.engines", "ipkpi.store.postgres.lock"),
    ("ipkpi.views.frames", "ipkpi.store.postgres.store"),
}


def test_the_library_imports_its_own_modules_at_the_top():
    late = set()
    for module, tree in TREES.items():
        if _layer(module) == "cli":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                late |= {(module, other) for other in _imports(node)}
    assert late == LATE_IMPORTS
