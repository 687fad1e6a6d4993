"""Helper threads whose failures reach the test.

An assertion or exception in a plain `threading.Thread` is printed and forgotten, and a thread
that never ends is not noticed; both would let a test pass while its helper failed. Everything
in the suite that starts a thread goes through these two helpers: each thread is joined with a
timeout, a thread still alive fails the test, and the first exception of any thread is raised
in the test itself.
"""

import contextlib
import threading

from django.db import connection


class HelperThreadError(AssertionError):
    pass


class _Thread(threading.Thread):
    def __init__(self, target, args):
        super().__init__(target=target, args=args, daemon=True)
        self.error = None
        self.result = None

    def run(self):
        try:
            self.result = self._target(*self._args)
        except BaseException as error:  # noqa: BLE001 - handed to the test below
            self.error = error
        finally:
            connection.close()  # each thread had its own database connection


def _finish(threads, timeout):
    for thread in threads:
        thread.join(timeout=timeout)
    alive = [thread.name for thread in threads if thread.is_alive()]
    if alive:
        raise HelperThreadError(f"{len(alive)} helper thread(s) did not finish in {timeout} s")
    for thread in threads:
        if thread.error is not None:
            raise thread.error
    return [thread.result for thread in threads]


def run_in_threads(target, arguments, timeout=60):
    """Call `target(*args)` for each tuple in `arguments`, each in its own thread, at once.

    Returns the results in order. Raises the first thread's exception, or fails when a thread
    is still running after `timeout` seconds.
    """
    threads = [_Thread(target, tuple(args)) for args in arguments]
    for thread in threads:
        thread.start()
    return _finish(threads, timeout)


@contextlib.contextmanager
def in_background(target, *args, timeout=60):
    """Run `target(*args)` in a thread while the `with` block runs; on leaving the block,
    join it and raise its exception (or fail when it is still running)."""
    thread = _Thread(target, args)
    thread.start()
    try:
        yield thread
    finally:
        _finish([thread], timeout)
