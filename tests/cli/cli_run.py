"""Calling `debatemap` as a user would, in a child process, for the command-line tests."""

import subprocess
import sys


def run(*args, timeout: float = 300):
    return subprocess.run([sys.executable, "-m", "debatemap", *map(str, args)],
                          capture_output=True, timeout=timeout)


def ok(*args) -> str:
    """Run a command that must succeed; its standard output."""
    result = run(*args)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode("utf-8")
