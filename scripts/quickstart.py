"""Set up and run carsi-claims from a clone, on any Python 3.11+, with the standard library only.

    python3 scripts/quickstart.py validate [ARGS...]   # carsi-claims validate, runtime deps only
    python3 scripts/quickstart.py test [ARGS...]       # the test suite (pytest), dev deps too
    python3 scripts/quickstart.py run COMMAND [ARGS...] # any command in the project environment

Works whether or not the interpreter is externally managed (PEP 668: Debian's
and Ubuntu's own python3 refuse ``pip install``), and whether or not ``pip``
is on PATH or installed at all.  It never installs into the interpreter that
runs it:

1. uv (pinned: ``UV_VERSION``) goes into a private virtual environment,
   ``.quickstart/``, made with ``venv``.  Where the interpreter has no
   ``ensurepip`` (Debian without ``python3-venv``), that environment is made
   without pip, and pip's own wheel, fetched from PyPI and checked against the
   sha256 PyPI publishes, installs uv from outside it.
2. uv makes the project environment ``.venv/`` from ``uv.lock`` exactly
   (``--locked``), with the interpreter that runs this script (uv downloads
   no Python): for ``validate`` only the runtime dependencies, for ``test``
   the dev group too.
3. The command runs in ``.venv/``; its exit code is this script's.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import venv
from pathlib import Path

#: The uv release this project is set up with (its uv.lock format needs >= 0.5).
UV_VERSION = "0.13.9"
ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".quickstart"
USAGE = __doc__.split("\n\n", 2)[1]


def _say(message: str) -> None:
    print(f"quickstart: {message}", file=sys.stderr, flush=True)


def _bin(env: Path, name: str) -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return env / scripts / f"{name}{suffix}"


def _has_ensurepip() -> bool:
    try:
        import ensurepip  # noqa: F401
    except ImportError:
        return False
    return True


def _pip_wheel(into: Path) -> Path:
    """pip's newest wheel from PyPI, its sha256 checked against PyPI's own record."""
    index = "https://pypi.org/pypi/pip/json"
    with urllib.request.urlopen(index, timeout=60) as response:
        release = json.load(response)
    wheel = next(u for u in release["urls"] if u["filename"].endswith("-py3-none-any.whl"))
    target = into / wheel["filename"]
    # A mirror may answer with addresses relative to the index.
    with urllib.request.urlopen(urllib.parse.urljoin(index, wheel["url"]), timeout=120) as response:
        data = response.read()
    if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
        raise SystemExit(f"quickstart: {wheel['filename']} does not match PyPI's sha256")
    target.write_bytes(data)
    return target


def _uv() -> Path:
    """The pinned uv, installed into ``.quickstart/`` on first use."""
    uv = _bin(TOOLS, "uv")
    if uv.exists():
        found = subprocess.run([str(uv), "--version"], capture_output=True, text=True, check=False)
        if found.stdout.split()[1:2] == [UV_VERSION]:
            return uv
        shutil.rmtree(TOOLS)
    _say(f"installing uv {UV_VERSION} into {TOOLS.name}/ (a private virtual environment)")
    with_pip = _has_ensurepip()
    venv.EnvBuilder(with_pip=with_pip, clear=True).create(TOOLS)
    python = _bin(TOOLS, "python")
    requirement = f"uv=={UV_VERSION}"
    if not with_pip:  # no ensurepip: run pip from its wheel, installing into the environment
        _say("this Python has no ensurepip: using pip's wheel from PyPI")
        with tempfile.TemporaryDirectory(prefix="carsi-quickstart-") as wheels:
            pip = _pip_wheel(Path(wheels)) / "pip"
            _install([str(python), str(pip), "install", "--quiet", requirement])
        return uv
    _install([str(python), "-m", "pip", "install", "--quiet", requirement])
    return uv


def _install(cmd: list[str]) -> None:
    """Run a pip command that installs into the private environment."""
    subprocess.run(cmd, check=True, env={**os.environ, "PIP_REQUIRE_VIRTUALENV": "0"})


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script runs on any python3
        _say(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
        return 2
    if not argv or argv[0] not in ("validate", "test", "run") or argv == ["run"]:
        print(USAGE, file=sys.stderr)
        return 2
    task, args = argv[0], argv[1:]
    uv = _uv()
    env = {
        **os.environ,
        "UV_PYTHON": sys.executable,  # this interpreter: uv downloads no Python
        "UV_PYTHON_DOWNLOADS": "never",
        "UV_PROJECT_ENVIRONMENT": str(ROOT / ".venv"),
    }
    env.pop("VIRTUAL_ENV", None)
    if task == "validate":
        command = ["--no-dev", "carsi-claims", "validate", *args]
    elif task == "test":
        command = ["pytest", *args]
    else:
        command = args
    completed = subprocess.run(
        [str(uv), "run", "--locked", "--project", str(ROOT), *command], env=env, check=False
    )
    return completed.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
