"""Rendering documents into files, one after the other or in forked child processes."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest

from sgo_model.intake.rendering import PROCESS_BATCH, may_fork, render_files
from sgo_model.office.files import file_sha256
from sgo_model.office.templating import TemplateError


def _text(content: str) -> Callable[[Path], None]:
    def render(path: Path) -> None:
        path.write_text(content, encoding="utf-8")

    return render


def _broken(path: Path) -> None:
    path.write_text("half", encoding="utf-8")
    raise TemplateError(Path("order.docx"), "нет переменной «number»")


def _killed(path: Path) -> None:
    path.write_text("half", encoding="utf-8")
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork, whatever threads other tests left running."""
    monkeypatch.setattr("sgo_model.intake.rendering.may_fork", lambda: True)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_every_file_is_written_and_answered_with_its_hash(
    tmp_path: Path, workers: int, forking: None
) -> None:
    tasks = [(_text(f"документ {n}"), tmp_path / f"{n}.txt") for n in range(7)]

    outcomes = render_files(tasks, workers)

    assert outcomes == [file_sha256(path) for _, path in tasks]
    assert [path.read_text(encoding="utf-8") for _, path in tasks] == [
        f"документ {n}" for n in range(7)
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_document_leaves_no_file_and_its_error_comes_back_whole(
    tmp_path: Path, workers: int, forking: None
) -> None:
    tasks = [
        (_text("первый"), tmp_path / "1.txt"),
        (_broken, tmp_path / "2.txt"),
        (_text("третий"), tmp_path / "3.txt"),
    ]

    first, error, third = render_files(tasks, workers)

    assert first == file_sha256(tmp_path / "1.txt")
    assert third == file_sha256(tmp_path / "3.txt")
    assert isinstance(error, TemplateError)
    assert str(error) == "Шаблон «order.docx»: нет переменной «number»"
    assert error.problem == "нет переменной «number»"
    assert not (tmp_path / "2.txt").exists()
    if workers > 1:  # the child's traceback comes along, for the log
        (note,) = error.__notes__
        assert note.startswith("Traceback") and "in _broken" in note


def test_a_child_killed_while_rendering_fails_only_its_own_documents(
    tmp_path: Path, forking: None
) -> None:
    tasks = [(_killed, tmp_path / "killed.txt")] + [
        (_text(f"документ {n}"), tmp_path / f"{n}.txt") for n in range(4)
    ]

    outcomes = render_files(tasks, 2)

    assert isinstance(outcomes[0], RuntimeError)
    assert "прервался" in str(outcomes[0])
    assert not (tmp_path / "killed.txt").exists()
    # The other child took every other document.
    assert outcomes[1:] == [file_sha256(path) for _, path in tasks[1:]]


def test_no_forking_while_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as alone:
        alone.setattr(threading, "active_count", lambda: 1)
        assert may_fork()
    with _another_thread():
        assert not may_fork()


@contextlib.contextmanager
def _another_thread() -> Iterator[None]:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        yield
    finally:
        release.set()
        other.join()


def test_with_another_thread_running_documents_are_rendered_here(tmp_path: Path) -> None:
    tasks = [(_pid_writer, tmp_path / f"{n}.txt") for n in range(3)]
    with _another_thread():
        assert render_files(tasks, 2) == [file_sha256(path) for _, path in tasks]
    assert {path.read_text(encoding="utf-8") for _, path in tasks} == {str(os.getpid())}


def _pid_writer(path: Path) -> None:
    path.write_text(str(os.getpid()), encoding="utf-8")


def write_text(text: str, path: Path) -> None:
    """A renderer a worker process can be sent: a function of a module, with its data."""
    if text == "сломан":
        raise TemplateError(Path("order.docx"), "нет переменной «number»")
    path.write_text(f"{text} из {os.getpid()}", encoding="utf-8")


def test_with_another_thread_running_a_large_batch_goes_to_worker_processes(
    tmp_path: Path,
) -> None:
    count = PROCESS_BATCH + 2
    tasks = [(partial(write_text, f"документ {n}"), tmp_path / f"{n}.txt") for n in range(count)]
    tasks.append((partial(write_text, "сломан"), tmp_path / "broken.txt"))
    with _another_thread():
        outcomes = render_files(tasks, 2)

    assert outcomes[:count] == [file_sha256(path) for _, path in tasks[:count]]
    writers = {path.read_text(encoding="utf-8").split(" из ")[1] for _, path in tasks[:count]}
    assert len(writers) == 2 and str(os.getpid()) not in writers
    error = outcomes[count]
    assert isinstance(error, TemplateError) and error.problem == "нет переменной «number»"
    assert "Traceback" in error.__notes__[0]
    assert not (tmp_path / "broken.txt").exists()


def test_with_another_thread_running_closures_are_rendered_here(tmp_path: Path) -> None:
    tasks = [(_text(f"документ {n}"), tmp_path / f"{n}.txt") for n in range(PROCESS_BATCH)]
    with _another_thread():
        assert render_files(tasks, 2) == [file_sha256(path) for _, path in tasks]
