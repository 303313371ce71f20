"""The interchange layer is pure: it imports with PySide6 blocked."""

import subprocess
import sys

MODULES = ["errors", "aif", "kialo", "graphml", "outline"]


def test_imports_without_qt():
    code = (
        "import sys\n"
        "sys.modules['PySide6'] = None\n"
        "import importlib\n"
        f"for name in {MODULES!r}:\n"
        "    importlib.import_module('debatemap.interchange.' + name)\n"
        "assert not any(m.startswith('PySide6') and sys.modules[m] is not None for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
