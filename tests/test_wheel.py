"""The built wheel installs one package, claimgraph, and runs from it alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done


@pytest.mark.model
def test_the_wheel_installs_only_claimgraph(tmp_path: Path) -> None:
    # Built from a copy of what the distribution is made of: a build/ folder left in the
    # checkout by an older build would otherwise be packed too.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    for package in ("claimgraph", "extract", "graph", "app"):
        shutil.copytree(
            ROOT / package,
            source / package,
            symlinks=True,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    wheels = tmp_path / "wheels"
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, source)
    (wheel,) = wheels.glob("claimgraph-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The dependencies are this environment's (already installed); only claimgraph is new.
    _run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel)
    site = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").stdout.strip()
    )
    installer = ("pip", "setuptools", "pkg_resources", "_distutils_hack", "distutils-precedence")
    top = {p.name for p in site.iterdir() if not p.name.startswith(installer)} - {"__pycache__"}
    assert top == {"claimgraph", wheel.name.split("-py3")[0] + ".dist-info"}

    # Run from elsewhere, with the dependencies after the venv's own site-packages.
    env = {**os.environ, "PYTHONPATH": sysconfig.get_path("purelib")}
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    where = _run(
        python, "-c", "import claimgraph; print(claimgraph.__file__)", cwd=outside, env=env
    )
    assert Path(where.stdout.strip()).is_relative_to(site)
    # The web explorer ships whole: its page, scripts and the vendored graph bundle.
    explorer = site / "claimgraph" / "app" / "explorer"
    shipped = {p.relative_to(explorer).as_posix() for p in explorer.rglob("*") if p.is_file()}
    source = {
        p.relative_to(ROOT / "app" / "explorer").as_posix()
        for p in (ROOT / "app" / "explorer").rglob("*")
        if p.is_file()
    }
    assert {"index.html", "explorer.css", "js/main.js", "vendor/graph.js"} <= shipped
    assert shipped == source
    served = _run(
        python,
        "-c",
        "from fastapi.testclient import TestClient; from claimgraph.app.main import create_app; "
        "c = TestClient(create_app()); "
        "print(c.get('/').status_code, c.get('/explorer/vendor/graph.js').status_code)",
        cwd=outside,
        env={**env, "CLAIMGRAPH_DB": str(outside / "wheel.db")},
    )
    assert served.stdout.split() == ["200", "200"]
    usage = _run(python, "-m", "claimgraph", "--help", cwd=outside, env=env)
    assert usage.stdout.startswith("usage: claimgraph")
    article = outside / "bridge.txt"
    article.write_text('"It is safe," said engineer Tom Reyes.\n', encoding="utf-8")
    extracted = _run(python, "-m", "claimgraph", "extract", article, "--json", cwd=outside, env=env)
    assert '"name": "Tom Reyes"' in extracted.stdout
