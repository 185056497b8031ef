"""Writes by target kind: files replaced atomically, links followed, pipes and devices streamed.

Each test pins what ``export --output`` and the ``claims.lock`` writer do with
a target that is not a plain new file; the signal tests run a real child
process and kill it in the middle of a write.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from carsi_claims._atomic import UnwritableTarget, write_bytes, write_text
from carsi_claims.cli.main import run

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and signals: POSIX")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_symlink_keeps_its_link_and_the_file_it_points_at_gets_the_content(
    tmp_path: Path,
) -> None:
    """Writing through a symlink replaces the file it points at; the link stays a link."""
    real = tmp_path / "real.json"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_text(link, "new\n")
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "new\n"
    assert _leftovers(tmp_path) == []


def test_dangling_symlink_creates_the_file_it_names(tmp_path: Path) -> None:
    """A link to a file that does not exist yet gets that file created, and stays a link."""
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "made.json")
    write_text(link, "made\n")
    assert link.is_symlink()
    assert (tmp_path / "made.json").read_text(encoding="utf-8") == "made\n"


def test_chain_of_links_to_another_folder(tmp_path: Path) -> None:
    """A chain of links is followed to the end; the temporary file lives beside the real file."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    real = tmp_path / "b" / "real.txt"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "a" / "one").symlink_to(tmp_path / "a" / "two")
    (tmp_path / "a" / "two").symlink_to(real)
    write_text(tmp_path / "a" / "one", "new")
    assert real.read_text(encoding="utf-8") == "new"
    assert (tmp_path / "a" / "one").is_symlink()
    assert (tmp_path / "a" / "two").is_symlink()


@posix_only
def test_fifo_is_streamed_to_and_stays_a_fifo(tmp_path: Path) -> None:
    """A FIFO gets the bytes through the pipe; it is never replaced by a regular file.

    The test holds the FIFO open for reading and writing (so that no open of it waits
    for a partner, even a wrong one): the bytes written come out of its end."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    end = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    try:
        write_bytes(fifo, b"through the pipe\n")
        assert os.read(end, 100) == b"through the pipe\n"
    finally:
        os.close(end)
    assert fifo.is_fifo()
    assert _leftovers(tmp_path) == []


@posix_only
def test_fifo_waits_for_its_reader(tmp_path: Path) -> None:
    """A write to a FIFO that nobody reads yet waits for the reader, then streams to it."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    def unblock() -> None:  # only if the write hangs: a writer lets every open return
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    thread = threading.Thread(target=reader)
    thread.start()
    watchdog = threading.Timer(30, unblock)
    watchdog.start()
    try:
        write_bytes(fifo, b"through the pipe\n")
    finally:
        watchdog.cancel()
    thread.join(timeout=60)
    assert received == [b"through the pipe\n"]
    assert fifo.is_fifo()
    assert _leftovers(tmp_path) == []


@posix_only
def test_character_device_is_written_not_replaced(tmp_path: Path) -> None:
    """/dev/null (through a link, so nothing of the system is at stake) stays a device."""
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    write_text(link, "discarded\n")
    assert Path("/dev/null").is_char_device()
    assert link.is_symlink()
    assert _leftovers(tmp_path) == []


def test_folder_is_refused(tmp_path: Path) -> None:
    """A folder is refused with a message that says what it is; nothing is written."""
    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(UnwritableTarget) as info:
        write_text(target, "x")
    assert (
        str(info.value) == f"{target} is a folder: refusing to replace it; give the path of a file"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@posix_only
def test_socket_is_refused(tmp_path: Path) -> None:
    """A Unix socket is refused and left as it is."""
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(UnwritableTarget) as info:
            write_text(path, "x")
    assert str(info.value) == f"{path} is a socket: refusing to replace it; give the path of a file"
    assert path.is_socket()


def test_export_to_a_folder_exits_2_with_the_reason(tmp_path: Path) -> None:
    """``export --output FOLDER`` exits 2 and names the folder; stdout stays empty."""
    out, err = io.StringIO(), io.StringIO()
    code = run(["export", "--format", "jsonschema", "--output", str(tmp_path)], out, err)
    assert code == 2
    assert out.getvalue() == ""
    assert err.getvalue() == (
        f"carsi-claims export: cannot write {tmp_path}: {tmp_path} is a folder: refusing to "
        "replace it; give the path of a file\n"
    )


def test_export_output_dash_writes_to_stdout(tmp_path: Path) -> None:
    """``--output -`` means standard output; no file named ``-`` appears."""
    out, err = io.StringIO(), io.StringIO()
    code = run(["export", "--format", "jsonschema", "--output", "-"], out, err)
    assert code == 0
    assert out.getvalue().startswith("{")
    assert err.getvalue() == ""
    assert not Path("-").exists()


def test_export_through_a_symlink(tmp_path: Path) -> None:
    """``export --output LINK`` updates the linked file and keeps the link."""
    real = tmp_path / "schema.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    code = run(
        ["export", "--format", "jsonschema", "--output", str(link)], io.StringIO(), io.StringIO()
    )
    assert code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("{")


# -- signals: a real child process, stopped in the middle of a write -----------------

_CHILD = textwrap.dedent(
    """
    import os, signal, sys, time
    from carsi_claims import _atomic

    # A shell's background job starts with SIGINT ignored, nohup with SIGHUP ignored:
    # give the child the dispositions of a process started from a terminal.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)

    real_fsync = os.fsync

    def slow_fsync(fd):
        sys.stdout.write("writing\\n")
        sys.stdout.flush()
        time.sleep(120)  # the parent's signal ends this
        real_fsync(fd)

    os.fsync = slow_fsync
    _atomic.write_bytes(sys.argv[1], b"new content\\n" * 1000)
    sys.stdout.write("done\\n")
    """
)


@posix_only
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_no_temporary_file_survives_a_signal(tmp_path: Path, signame: str) -> None:
    """SIGINT, SIGTERM or SIGHUP in the middle of a write: old content, no ``.tmp``, and the
    process still ends by that signal (SIGINT as KeyboardInterrupt)."""
    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n"  # the temporary file exists now
    assert len(_leftovers(tmp_path)) == 1
    child.send_signal(getattr(signal, signame))
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == -getattr(signal, signame)
    if signame == "SIGINT":  # Python ends by SIGINT after an uncaught KeyboardInterrupt
        assert stderr.rstrip().endswith("KeyboardInterrupt")
    assert _leftovers(tmp_path) == []
    assert target.read_text(encoding="utf-8") == "old\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_device_is_an_error_exit_2() -> None:
    """A device that refuses the bytes (``/dev/full``: no space left) fails with exit 2."""
    out, err = io.StringIO(), io.StringIO()
    code = run(["export", "--format", "jsonschema", "--output", "/dev/full"], out, err)
    assert code == 2
    assert err.getvalue() == (
        "carsi-claims export: cannot write /dev/full: No space left on device\n"
    )
    assert Path("/dev/full").is_char_device()
