"""The house rules, read from the source: no import cycle between the project's modules, and the
archive (gallery) never imports the apps built on it."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = sorted(
    path.parent.name for path in ROOT.glob("*/__init__.py") if path.parent.name not in ("tests", "node_modules")
)


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    module_name(path): path
    for package in PACKAGES
    for path in (ROOT / package).rglob("*.py")
    if "migrations" not in path.parts
}


def imported_modules(name, path):
    """Every project module `name` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from a import b` imports module a.b when there is one, else a name from a.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        for target in targets:
            # `import a.b.c` loads the deepest project module it names.
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: imported_modules(name, path) for name, path in MODULES.items()}


def test_the_walk_sees_the_project():
    assert {"config", "exhibit", "gallery", "opendata", "preservation", "sitewide", "workers"} <= set(PACKAGES)
    assert "gallery.imaging.pyramid" in GRAPH["gallery.tasks"]
    assert "gallery.models" in GRAPH["exhibit.models"]


def test_no_import_cycle_between_modules():
    cycles, state, stack = [], {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(GRAPH[node]):
            if state.get(target) == "open":
                cycles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(GRAPH):
        if node not in state:
            visit(node)
    assert cycles == [], "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_gallery_imports_none_of_the_apps_built_on_it():
    leaks = {
        (name, target)
        for name, targets in GRAPH.items()
        if name.split(".")[0] == "gallery"
        for target in targets
        if target.split(".")[0] in {"exhibit", "preservation", "sitewide", "config", "opendata", "workers"}
    }
    assert leaks == set()


def test_the_site_wide_and_preservation_apps_hold_no_models():
    for app in ("sitewide", "preservation"):
        assert not (ROOT / app / "models.py").exists() and not (ROOT / app / "migrations").exists(), app
