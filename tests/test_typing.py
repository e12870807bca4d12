"""`mypy --strict` passes on the package, with the configuration in pyproject.toml.

The annotations are part of the code a newcomer reads; this keeps them true.
mypy is in the `test` extra (pyproject.toml), so CI runs this; a machine
without it skips, and says so.  The cache goes to a temporary folder, so the
check leaves nothing in the repository.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None,
    reason="mypy is not installed (pip install -e '.[test]' installs it)",
)


def _mypy(cache: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(REPO / "pyproject.toml"),
         "--cache-dir", str(cache), "--no-color-output", "--no-error-summary", *targets],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )


def test_the_package_passes_mypy_strict(tmp_path: Path) -> None:
    result = _mypy(tmp_path / "cache", "amendtrack")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_the_check_is_live_an_unannotated_function_fails(tmp_path: Path) -> None:
    # The same command and configuration reject what strict mode must reject,
    # so the test above cannot pass by checking nothing.
    bad = tmp_path / "unannotated.py"
    bad.write_text("def double(x):\n    return x * 2\n", encoding="utf-8")
    result = _mypy(tmp_path / "cache", str(bad))
    assert result.returncode == 1
    assert "[no-untyped-def]" in result.stdout
