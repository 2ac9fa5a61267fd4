"""Rendering documents into their temporary files, several at once where the machine allows.

A document is rendered by a plain function writing one file, and most of that work holds
Python's interpreter lock, so threads would take turns. Where the process may fork (POSIX,
and no other thread is running: a fork copies only the calling thread, and a lock another
thread held would stay locked in the copy), a few child processes share the documents: each
takes the next one from a pipe, writes its file and answers with the file's SHA-256 or the
error, while the caller goes on (planning the next documents). Otherwise, and for a single
document, they are rendered one after the other here.
"""

from __future__ import annotations

import os
import pickle
import selectors
import struct
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from sgo_model.office.files import file_sha256

__all__ = [
    "PROCESS_BATCH",
    "RenderTask",
    "Rendering",
    "answer",
    "may_fork",
    "render",
    "render_files",
    "render_workers",
    "start_rendering",
]

RenderTask = tuple[Callable[[Path], None], Path]
"""How to render a document, and the (temporary) file to write it into."""

_INDEX = struct.Struct("<I")
_LENGTH = struct.Struct("<Q")


def render_workers() -> int:
    """How many documents may be rendered at once here (1: one after the other)."""
    return max(1, min(os.cpu_count() or 1, 4))


def may_fork() -> bool:
    """Whether this process may fork render workers: POSIX, and no other thread running."""
    return hasattr(os, "fork") and threading.active_count() == 1


def render_files(tasks: Sequence[RenderTask], workers: int | None = None) -> list[str | Exception]:
    """Render every task; for each, the SHA-256 of the file written or the error raised.

    A task that fails leaves no file behind.
    """
    return start_rendering(tasks, workers).wait()


def start_rendering(tasks: Sequence[RenderTask], workers: int | None = None) -> Rendering:
    """Start rendering ``tasks`` (in child processes, the caller goes on meanwhile) or, where
    they cannot be forked, render them now; :meth:`Rendering.wait` gives the outcomes."""
    allowed = render_workers() if workers is None else workers
    workers = min(allowed, len(tasks))
    # Even a single document goes to a child where the machine has a second core: the
    # caller plans the next documents meanwhile.
    if tasks and allowed > 1 and may_fork():
        return Rendering(tasks, None, _fork_workers(tasks, workers))
    if workers > 1 and len(tasks) >= PROCESS_BATCH:
        processes = _start_processes(tasks, workers)
        if processes:
            return Rendering(tasks, None, processes=processes)
    return Rendering(tasks, [render(task) for task in tasks])


PROCESS_BATCH = 16
"""Documents worth starting worker processes for where this one may not fork (a fresh Python
takes some 0.5 s to start); fewer are rendered here."""


def _start_processes(tasks: Sequence[RenderTask], workers: int) -> list[subprocess.Popen[bytes]]:
    """Workers in processes of their own, each sent its share of the documents; none if the
    documents cannot be sent (a renderer that is a closure)."""
    try:
        shares = [
            pickle.dumps([(i, tasks[i]) for i in range(first, len(tasks), workers)])
            for first in range(workers)
        ]
    except Exception:
        return []
    # The workers import the same code as this process.
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    command = [sys.executable, "-m", "sgo_model.intake.render_worker"]
    processes = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=environment)
        for _ in shares
    ]
    for process, share in zip(processes, shares, strict=True):
        assert process.stdin is not None
        try:
            process.stdin.write(share)
            process.stdin.close()
        except BrokenPipeError:
            pass  # the worker died at once; its documents get no answer
    return processes


class Rendering:
    """Documents being rendered; :meth:`wait` gives each one's outcome, in order."""

    def __init__(
        self,
        tasks: Sequence[RenderTask],
        outcomes: list[str | Exception] | None,
        answers: dict[int, int] | None = None,
        *,
        processes: Sequence[subprocess.Popen[bytes]] = (),
    ) -> None:
        self._tasks = tasks
        self._outcomes = outcomes
        self._answers = answers or {}  # read end of each child's answers -> its pid
        self._processes = processes

    def forget_renderers(self) -> None:
        """Drop the renderers (and the data they hold) once the work has started: waiting
        needs only the paths."""
        self._tasks = [(already_started, path) for _, path in self._tasks]

    def wait(self) -> list[str | Exception]:
        """For each task, the SHA-256 of its file or its error (waiting for the children)."""
        if self._outcomes is None:
            results = _collect(self._answers) if self._answers else self._collect_processes()
            self._outcomes = []
            for index, (_, path) in enumerate(self._tasks):
                if index in results:
                    self._outcomes.append(results[index])
                else:
                    path.unlink(missing_ok=True)
                    problem = RuntimeError("процесс, отрисовывавший документ, прервался")
                    self._outcomes.append(problem)
        return self._outcomes

    def _collect_processes(self) -> dict[int, str | Exception]:
        try:
            outputs = [p.stdout.fileno() for p in self._processes if p.stdout is not None]
            return _read_answers(outputs)
        finally:
            for process in self._processes:
                if process.stdout is not None:
                    process.stdout.close()
                process.wait()


def already_started(path: Path) -> None:
    """The renderer left in place of one whose work has started."""
    raise RuntimeError(f"{path} is being rendered already")


def render(task: RenderTask) -> str | Exception:
    """Render one task here: the SHA-256 of the file written, or the error (no file left)."""
    write, path = task
    try:
        write(path)
        return file_sha256(path)
    except Exception as error:
        path.unlink(missing_ok=True)
        return error
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _fork_workers(tasks: Sequence[RenderTask], workers: int) -> dict[int, int]:
    parent = os.getpid()
    queue_out, queue_in = os.pipe()
    answers: dict[int, int] = {}
    try:
        for _ in range(workers):
            answer_out, answer_in = os.pipe()
            try:
                pid = os.fork()
            except BaseException:
                os.close(answer_out)
                os.close(answer_in)
                raise
            if pid == 0:  # the child: never returns
                try:
                    os.close(queue_in)
                    os.close(answer_out)
                    _serve(tasks, queue_out, answer_in, parent)
                finally:
                    os._exit(1)
            os.close(answer_in)
            answers[answer_out] = pid
    except BaseException:
        # A fork that failed half-way (or an interrupt): the children started see the queue
        # end and exit; the parent keeps no descriptor and no zombie.
        os.close(queue_in)
        os.close(queue_out)
        _collect(answers)
        raise
    os.close(queue_out)
    try:
        _write_all(queue_in, b"".join(_INDEX.pack(index) for index in range(len(tasks))))
    except BrokenPipeError:
        pass  # every child is gone already; their tasks get no answer
    finally:
        os.close(queue_in)
    return answers


def _serve(tasks: Sequence[RenderTask], queue: int, answers: int, parent: int) -> None:
    code = 0
    try:
        while len(taken := os.read(queue, _INDEX.size)) == _INDEX.size:
            (index,) = _INDEX.unpack(taken)
            outcome = render(tasks[index])
            if os.getppid() != parent:  # the parent was killed: nobody will move the file
                tasks[index][1].unlink(missing_ok=True)
                break
            _write_all(answers, answer(index, outcome))
    except BaseException:
        code = 1
    finally:
        # No clean-up of the parent's state (its files, connections, buffers) in the copy.
        os._exit(code)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def answer(index: int, outcome: str | Exception) -> bytes:
    """A task's outcome as a worker answers it: length-framed, pickled."""
    message = _message(index, outcome)
    return _LENGTH.pack(len(message)) + message


def _message(index: int, outcome: str | Exception) -> bytes:
    if isinstance(outcome, Exception):
        # The traceback stays here; the parent logs it from the note.
        outcome.add_note("".join(traceback.format_exception(outcome)).rstrip())
    try:
        message = pickle.dumps((index, outcome))
        pickle.loads(message)  # an exception that cannot be rebuilt is sent as its text
    except Exception:
        message = pickle.dumps((index, RuntimeError(f"{type(outcome).__name__}: {outcome}")))
    return message


def _collect(answers: dict[int, int]) -> dict[int, str | Exception]:
    try:
        return _read_answers(list(answers))
    finally:
        for fd in answers:
            os.close(fd)
        for pid in answers.values():
            os.waitpid(pid, 0)


def _read_answers(fds: Sequence[int]) -> dict[int, str | Exception]:
    """The framed answers written to ``fds`` until each ends, by task index."""
    buffers = {fd: bytearray() for fd in fds}
    with selectors.DefaultSelector() as selector:
        for fd in fds:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            for key, _ in selector.select():
                chunk = os.read(key.fd, 1 << 16)
                if chunk:
                    buffers[key.fd] += chunk
                else:
                    selector.unregister(key.fd)
    results: dict[int, str | Exception] = {}
    for data in buffers.values():
        offset = 0
        while offset + _LENGTH.size <= len(data):
            (size,) = _LENGTH.unpack_from(data, offset)
            offset += _LENGTH.size
            if offset + size > len(data):
                break
            index, outcome = pickle.loads(bytes(data[offset : offset + size]))
            results[index] = outcome
            offset += size
    return results
