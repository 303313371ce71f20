"""The canvas changes the map only through MapDocument intents: no session, no raw commands."""

import ast
from pathlib import Path

import debatemap.canvas

CANVAS = Path(debatemap.canvas.__file__).parent


def test_canvas_code_never_touches_the_session_or_pushes_commands():
    offences = []
    for source in sorted(CANVAS.glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("session", "push", "undo_stack"):
                offences.append(f"{source.name}:{node.lineno} .{node.attr}")
            if isinstance(node, ast.ImportFrom) and node.module == "debatemap.document.commands":
                offences.append(f"{source.name}:{node.lineno} imports commands")
    assert offences == []
