"""The render child's side of its pipes, and the messages both sides exchange.

The window's process starts the child (:class:`editor.services.render_process.RenderProcess`)
as ``python -c`` with this module's :func:`main`, or, in the packaged app, as the app's own
program with :data:`CHILD_SWITCH`. The child's standard input carries requests and its
standard output answers; each message is a pickled tuple. Requests are
``(kind, payload)``; ``kind`` is :data:`RENDER` (renders, one after another on one thread) or
:data:`ANALYSE` (the checks, the outline: on a thread of their own, so that they neither wait
for nor delay a render). Answers are ``(result, error)``.

Plain pipes rather than :mod:`multiprocessing`: a process pool needs a "resource tracker"
process of its own (8 MiB) for the semaphores of its queues, and none of them are needed here
(decision 0011). When the window's process ends, however it ends, the child reads the end of
its input and exits.

Each message is framed as its length and its request's id, then the pickle: an answer that
cannot be unpickled in the window's process still reaches the caller that waits for it, as an
error.
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import sys
import threading
from collections.abc import Callable
from typing import Any, BinaryIO

#: The packaged app's program runs :func:`main` when this is its first argument.
CHILD_SWITCH = "--render-child"
RENDER = "render"
ANALYSE = "analyse"

_HEADER = struct.Struct("!QQ")  # the pickle's length, the request's id


def write_message(stream: BinaryIO, request_id: int, message: object) -> None:
    """Pickle ``message`` and write it for ``request_id`` (raises what pickling raises, having
    written nothing)."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data), request_id) + data)
    stream.flush()


def read_message(stream: BinaryIO) -> tuple[int, bytes]:
    """The next message's request id and pickle; :class:`EOFError` once the stream is closed."""
    size, request_id = _HEADER.unpack(_read_exactly(stream, _HEADER.size))
    return request_id, _read_exactly(stream, size)


def unpickle(data: bytes) -> Any:
    """A message's content (from our own child or parent, over a private pipe)."""
    return pickle.loads(data)


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("the pipe was closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def main() -> None:
    """Serve requests on standard input until it closes, then exit."""
    # The pipes belong to the protocol: whatever a library prints goes to standard error.
    requests = os.fdopen(os.dup(0), "rb", buffering=0)
    answers = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    from editor.services.render_process import render_request, run_named, warm_up  # noqa: PLC0415

    writing = threading.Lock()

    def answer(request_id: int, result: object, error: BaseException | None) -> None:
        with writing:
            try:
                write_message(answers, request_id, (result, error))
            except OSError:
                os._exit(0)  # the window's process is gone: no one is left to answer
            except Exception as failure:  # the result or the error does not pickle
                problem = RuntimeError(f"the answer cannot be sent back: {failure}")
                write_message(answers, request_id, (None, problem))

    renders: queue.SimpleQueue[tuple[int, Any]] = queue.SimpleQueue()
    analyses: queue.SimpleQueue[tuple[int, Any]] = queue.SimpleQueue()
    renders.put((0, None))  # load the renderer before the first request arrives

    def serve(work: queue.SimpleQueue[tuple[int, Any]], run: Callable[[Any], object]) -> None:
        while True:
            request_id, payload = work.get()
            try:
                result, error = run(payload), None
            except Exception as failure:  # every failure goes back to the caller
                result, error = None, failure
            if request_id:
                answer(request_id, result, error)

    def render(payload: Any) -> object:
        if payload is None:
            warm_up()
            return None
        return render_request(payload)

    def analyse(payload: Any) -> object:
        target, args = payload
        return run_named(target, *args)

    for name, work, run in (("render", renders, render), ("analyses", analyses, analyse)):
        threading.Thread(target=serve, args=(work, run), name=name, daemon=True).start()
    queues = {RENDER: renders, ANALYSE: analyses}
    while True:
        try:
            request_id, data = read_message(requests)
        except (EOFError, OSError):
            os._exit(0)  # the window's process closed the pipe, or died
        try:
            kind, payload = unpickle(data)
        except Exception as failure:  # a request this child cannot read goes back as an error
            answer(request_id, None, RuntimeError(f"the request cannot be read: {failure}"))
            continue
        queues[kind].put((request_id, payload))


if __name__ == "__main__":
    main()
