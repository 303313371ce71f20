"""DESIGN.md's layers: pure packages import no Qt, and imports only point downward."""

import ast
import subprocess
import sys
from pathlib import Path

import debatemap

PACKAGE = Path(debatemap.__file__).parent
PURE = ("core", "ingest", "interchange", "store")
# Each layer may import itself and what is listed for it (and everything those may import).
ALLOWED = {
    "core": set(),
    "ingest": {"core"},
    "interchange": {"core"},
    "store": {"core", "ingest", "interchange"},
    "document": {"core", "ingest", "interchange", "store"},
    "canvas": {"core", "ingest", "interchange", "store", "document"},
    "widgets": {"core", "ingest", "interchange", "store", "document", "canvas"},
    "cli": {"core", "ingest", "interchange", "store", "document", "canvas", "app"},
    "app": {"core", "ingest", "interchange", "store", "document", "canvas", "widgets"},
}


def layer_of(path: Path) -> str | None:
    relative = path.relative_to(PACKAGE)
    if relative.parts[0] == "cli.py":
        return "cli"
    return relative.parts[0] if len(relative.parts) > 1 else None


def imported_layers(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "debatemap" and len(parts) > 1:
                found.add("cli" if parts[1] == "cli" else parts[1])
    return found


def test_imports_only_point_downward():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = layer_of(path)
        if layer is None:
            continue
        for target in imported_layers(path) - {layer}:
            if target not in ALLOWED.get(layer, set()) and target not in {"__init__"}:
                wrong.append(f"{path.relative_to(PACKAGE)} ({layer}) imports {target}")
    assert wrong == []


def test_pure_layers_and_the_cli_import_without_qt():
    modules = [
        "debatemap." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for layer in PURE
        for p in sorted((PACKAGE / layer).rglob("*.py")) if (PACKAGE / layer).is_dir()
    ] + ["debatemap.cli"]
    script = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt is blocked in the pure layers: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for module in {modules!r}:\n"
        "    importlib.import_module(module)\n"
        "print(len(" + repr(modules) + "))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 10
