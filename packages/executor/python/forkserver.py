# A warm Python interpreter that runs one untrusted program at a time in a
# fresh forked child. Inside bubblewrap it is PID 1 of its own PID namespace,
# so after each program it can kill every process the program left behind.
#
# Protocol: one JSON request per line on stdin, one JSON response per line on
# stdout. Nothing else is ever written to stdout.
import errno
import json
import os
import resource
import select
import signal
import sys
import time

import builtins
import faulthandler
import gc
import io
import shutil
import traceback

# Modules that generated code commonly imports: loading them once here turns
# the import in each forked child into a dictionary lookup. Modules that
# register fork handlers (threading, random, subprocess and their importers)
# are left out: their handlers would run in every child and cost more than
# the import they save.
import array, bisect, collections, copy, dataclasses, datetime, decimal  # noqa: E401,F401
import enum, fractions, functools, hashlib, heapq, itertools, math  # noqa: E401,F401
import operator, re, string, textwrap, typing, unittest  # noqa: E401,F401
import contextlib, inspect, ast, abc, numbers, struct, cmath  # noqa: E401,F401

SANDBOXED = os.getpid() == 1
WORK_ROOT = os.environ.get("CG_WORK_ROOT", "/tmp")
WORKDIR = os.path.join(WORK_ROOT, "w")
SCRATCH_ROOTS = [WORK_ROOT, "/dev/shm"] if SANDBOXED else [WORK_ROOT]
MESSAGE_CAP = 2000
TRACEBACK_CAP = 4000

_dumps = json.dumps
_write = os.write
_exit = os._exit
_format_exception = traceback.format_exception


def protect_server():
    # As PID 1 only signals with a handler reach the server; Python handles
    # SIGINT, so ignore it. Non-dumpable: no ptrace, no /proc/1/mem.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not SANDBOXED:
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_DUMPABLE = 4
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    except OSError as exc:
        sys.stderr.write(f"forkserver: cannot mark non-dumpable: {exc}\n")


def anonymous_file(content=b""):
    fd = os.open(WORK_ROOT, os.O_TMPFILE | os.O_RDWR, 0o600)
    if content:
        os.write(fd, content)
        os.lseek(fd, 0, os.SEEK_SET)
    return fd


def read_capped(fd, cap):
    size = os.fstat(fd).st_size
    data = os.pread(fd, cap, 0)
    return data.decode("utf-8", "replace"), size > cap, size


def drain_pipe(fd, cap):
    chunks, total = [], 0
    while total < cap:
        try:
            chunk = os.read(fd, min(65536, cap - total))
        except BlockingIOError:
            break
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def remove_tree(path):
    def on_error(func, target, _exc_info):
        # The program may have removed write or search permission; restore it.
        try:
            os.chmod(os.path.dirname(target), 0o700)
            os.chmod(target, 0o700)
            func(target)
        except OSError:
            pass

    shutil.rmtree(path, onerror=on_error)


def remove_entry(entry):
    if entry.is_dir(follow_symlinks=False):
        remove_tree(entry.path)
    else:
        try:
            os.unlink(entry.path)
        except OSError:
            pass


def reset_scratch():
    """Leaves the writable areas as the next program must find them: empty."""
    for root in SCRATCH_ROOTS:
        with os.scandir(root) as it:
            entries = list(it)
        for entry in entries:
            if entry.path == WORKDIR and entry.is_dir(follow_symlinks=False):
                with os.scandir(WORKDIR) as inner:
                    if next(inner, None) is None:
                        continue
            remove_entry(entry)
    os.makedirs(WORKDIR, exist_ok=True)
    os.chmod(WORKDIR, 0o700)


def kill_everything_else(main_pid):
    """Kill every process of the finished program and reap them all."""
    if SANDBOXED:
        # kill(-1) from PID 1 reaches every other process in the namespace.
        while True:
            try:
                os.kill(-1, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                os.waitpid(-1, 0)
            except ChildProcessError:
                return
    else:
        try:
            os.killpg(main_pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return


class RaisingStdin(io.StringIO):
    """stdin as OpenAI's human-eval presents it: any read raises OSError."""

    def read(self, *args, **kwargs):
        raise OSError("stdin is not readable")

    def readline(self, *args, **kwargs):
        raise OSError("stdin is not readable")

    def readlines(self, *args, **kwargs):
        raise OSError("stdin is not readable")

    def readable(self, *args, **kwargs):
        return False


class PopenDisablingFinder:
    """Imports subprocess on demand with Popen disabled, as the guard requires.

    subprocess is not preloaded (it imports threading, whose fork handler
    would slow every child), so the guard applies when it is first imported.
    """

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name != "subprocess":
            return None
        import importlib.machinery

        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None:
            return None
        loader_exec = spec.loader.exec_module

        def exec_module(module):
            loader_exec(module)
            module.Popen = None

        spec.loader.exec_module = exec_module
        return spec


def disable_popen_on_import():
    loaded = sys.modules.get("subprocess")
    if loaded is not None:
        loaded.Popen = None
    else:
        sys.meta_path.insert(0, PopenDisablingFinder)


def apply_human_eval_guard():
    """The functions OpenAI's human-eval disables before running a sample.

    Reproduced so that a sample which calls one of them gets the same verdict
    as under the reference harness (the sandbox, not this, is the security).
    """
    faulthandler.disable()
    builtins.exit = None
    builtins.quit = None
    builtins.help = None
    os.environ["OMP_NUM_THREADS"] = "1"
    for name in (
        "kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir", "setuid",
        "fork", "forkpty", "killpg", "rename", "renames", "truncate", "replace", "unlink",
        "fchmod", "fchown", "chmod", "chown", "chroot", "lchflags", "lchmod", "lchown",
        "getcwd", "chdir",
    ):
        setattr(os, name, None)
    shutil.rmtree = None
    shutil.move = None
    shutil.chown = None
    disable_popen_on_import()
    for name in ("ipdb", "joblib", "resource", "psutil", "tkinter"):
        sys.modules[name] = None
    sys.stdin = RAISING_STDIN


RAISING_STDIN = RaisingStdin()


def classify_exception(exc):
    if isinstance(exc, AssertionError):
        return "failed"
    if isinstance(exc, MemoryError):
        return "memory_limit"
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return "output_limit"
    return "runtime_error"


def describe(exc):
    try:
        message = str(exc)
    except BaseException:  # a program-defined __str__ may itself raise
        message = "<unprintable exception>"
    frames = exc.__traceback__
    # The first frame is the harness's own exec call: not the program's business.
    if frames is not None and frames.tb_frame.f_code is run_python_in_child.__code__:
        frames = frames.tb_next
    try:
        tb = "".join(_format_exception(type(exc), exc, frames))
    except BaseException:
        tb = ""
    return type(exc).__name__, message[:MESSAGE_CAP], tb[-TRACEBACK_CAP:]


def run_python_in_child(request, result_fd):
    """Runs in the forked child: never returns."""
    outcome = {"status": "passed"}
    try:
        try:
            code = compile(request["source"], "<program>", "exec")
        except (SyntaxError, ValueError) as exc:
            kind, message, tb = describe(exc)
            outcome = {"status": "syntax_error", "errorType": kind, "errorMessage": message, "traceback": tb}
        else:
            as_script = request.get("mode", "tests") == "script"
            if request.get("guard") == "human-eval":
                apply_human_eval_guard()
            # human-eval executes with empty globals, so __name__ is not "__main__".
            env = {"__name__": "__main__", "__builtins__": builtins} if as_script else {}
            try:
                try:
                    exec(code, env)
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
            except SystemExit as exc:
                status = exc.code
                if as_script and status in (None, 0):
                    outcome = {"status": "passed"}
                else:
                    kind, message, tb = describe(exc)
                    outcome = {"status": "runtime_error", "errorType": kind, "errorMessage": message, "traceback": tb}
            except BaseException as exc:
                kind, message, tb = describe(exc)
                outcome = {"status": classify_exception(exc), "errorType": kind, "errorMessage": message, "traceback": tb}
        _write(result_fd, _dumps(outcome).encode())
    finally:
        _exit(0)


def prepare_child(request, stdin_fd, out_fd, err_fd, result_fd):
    # Every line here runs once per program in a fresh copy-on-write child,
    # where each newly touched page costs a fault: keep it short.
    if not SANDBOXED:
        os.setsid()
    os.chdir(WORKDIR)
    os.dup2(stdin_fd, 0)
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    os.closerange(3, result_fd)
    os.closerange(result_fd + 1, 1024)
    limits = request["limits"]
    cpu = max(1, int(limits["cpuSeconds"]))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits["memoryBytes"], limits["memoryBytes"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["fileBytes"], limits["fileBytes"]))
    gc.enable()


class SharedLimits:
    """Limits that may be set once in the server and are inherited by children."""

    def __init__(self):
        self.processes = None
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    def apply(self, limits):
        if SANDBOXED and limits["processes"] != self.processes:
            # Counted per user namespace: the server itself is one process.
            resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))
            self.processes = limits["processes"]


def wait_with_deadline(pid, timeout_s):
    """Waits for the child; returns (status, rusage, timed_out)."""
    pidfd = os.pidfd_open(pid)
    try:
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        ready = poller.poll(max(0, int(timeout_s * 1000)))
    finally:
        os.close(pidfd)
    timed_out = not ready
    if timed_out:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _, status, usage = os.wait4(pid, 0)
    return status, usage, timed_out


SIGNAL_STATUS = {
    signal.SIGXCPU: "timeout",
    signal.SIGXFSZ: "output_limit",
    signal.SIGSEGV: "runtime_error",
    signal.SIGABRT: "runtime_error",
    signal.SIGBUS: "runtime_error",
    signal.SIGFPE: "runtime_error",
    signal.SIGKILL: "memory_limit",
}


def execute(request):
    limits = request["limits"]
    stdin_fd = anonymous_file((request.get("stdin") or "").encode())
    out_fd = anonymous_file()
    err_fd = anonymous_file()
    result_r, result_w = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(result_r)
            prepare_child(request, stdin_fd, out_fd, err_fd, result_w)
            run_python_in_child(request, result_w)
        finally:
            _exit(70)
    os.close(result_w)
    os.set_blocking(result_r, False)
    status, usage, timed_out = wait_with_deadline(pid, limits["wallSeconds"])
    wall_ms = (time.monotonic() - started) * 1000
    raw = drain_pipe(result_r, 64 * 1024)
    kill_everything_else(pid)
    os.close(result_r)

    stdout, stdout_truncated, stdout_size = read_capped(out_fd, limits["outputBytes"])
    stderr, stderr_truncated, _ = read_capped(err_fd, limits["outputBytes"])
    for fd in (stdin_fd, out_fd, err_fd):
        os.close(fd)
    reset_scratch()

    exit_code = os.waitstatus_to_exitcode(status)
    term_signal = -exit_code if exit_code < 0 else None
    response = {
        "exitCode": exit_code if exit_code >= 0 else None,
        "signal": signal.Signals(term_signal).name if term_signal else None,
        "stdout": stdout,
        "stderr": stderr,
        "stdoutTruncated": stdout_truncated,
        "stderrTruncated": stderr_truncated,
        "wallMs": round(wall_ms, 3),
        "cpuMs": round((usage.ru_utime + usage.ru_stime) * 1000, 3),
        "maxRssKb": usage.ru_maxrss,
    }
    outcome = None
    if raw:
        try:
            outcome = json.loads(raw)
        except ValueError:
            outcome = None
    if timed_out:
        response["status"] = "timeout"
        response["errorMessage"] = f"exceeded the wall-time limit of {limits['wallSeconds']} s"
    elif isinstance(outcome, dict) and outcome.get("status") and exit_code == 0:
        response.update(outcome)
    elif stdout_size >= limits["fileBytes"]:
        response["status"] = "output_limit"
    elif term_signal:
        response["status"] = SIGNAL_STATUS.get(term_signal, "runtime_error")
        response["errorMessage"] = f"killed by {signal.Signals(term_signal).name}"
    else:
        response["status"] = "runtime_error"
        response["errorMessage"] = f"the program exited with code {exit_code} before its tests completed"
    if response["status"] == "passed" and stdout_size >= limits["fileBytes"]:
        response["status"] = "output_limit"
    return response


def pin_to_cpu():
    # Keeping a worker and its children on one CPU spares the cross-CPU TLB
    # shootdowns that copy-on-write faults otherwise trigger after each fork.
    cpu = os.environ.get("CG_CPU")
    if cpu is not None:
        try:
            os.sched_setaffinity(0, {int(cpu)})
        except OSError as exc:
            sys.stderr.write(f"forkserver: cannot pin to CPU {cpu}: {exc}\n")


def open_protocol():
    """Moves the request and response streams off fds 0 and 1.

    fds 0 and 1 then point at /dev/null in the server; each child points them
    at its own input and output, and the sys.stdin/sys.stdout objects it
    inherits hold no buffered protocol bytes.
    """
    requests = os.fdopen(os.dup(0), "rb")
    responses = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
    return requests, responses


def main():
    protect_server()
    pin_to_cpu()
    reset_scratch()
    requests, responses = open_protocol()
    shared_limits = SharedLimits()
    # Objects created so far are never collected; freezing them keeps the
    # collector from touching (and so copying) their pages in every child.
    gc.freeze()
    gc.disable()
    for line in requests:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            if request.get("ping"):
                response = {"pong": True, "sandboxed": SANDBOXED, "python": sys.version.split()[0]}
            else:
                shared_limits.apply(request["limits"])
                response = execute(request)
        except Exception as exc:
            response = {"status": "sandbox_error", "errorType": type(exc).__name__, "errorMessage": str(exc)[:MESSAGE_CAP]}
        response["id"] = request.get("id")
        responses.write(_dumps(response).encode() + b"\n")
        responses.flush()


if __name__ == "__main__":
    main()
