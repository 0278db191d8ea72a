# A warm Python interpreter that runs one untrusted program at a time in a
# fresh forked child. Inside bubblewrap it is PID 1 of a PID namespace of its
# own, started by the sandbox's supervisor (supervisor.py), so after each
# program it can kill every process the program left behind; the supervisor
# then replaces the scratch file systems with new ones. It holds no
# capability and no ctypes.
#
# Protocol: one JSON request per line on the request stream, one JSON response
# per line on the response stream (fds 0 and 1 when the server starts).
# - {"source", "mode", "stdin", "limits"}: a Python program, run in-process in
#   the forked child (the fast path).
# - {"files", "steps", ...}: a program run as commands. The files are written
#   to the work directory, then each step (a compile, then one run per test)
#   is forked and exec'd there in turn, so every test reuses one compiled
#   binary; nothing is left for the next request.
#
# Cost model: on the virtual machines this runs on, every page a process
# writes after a fork costs a page fault of 10-20 us. Both the child and this
# server write pages only where it matters, which is why some work that looks
# per-program (the human-eval guard, most limits) is done once, here.
import builtins
import errno
import faulthandler
import gc
import io
import json
import os
import resource
import select
import shutil
import signal
import socket
import sys
import time
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

SUPERVISOR_FD = os.environ.pop("CG_SUPERVISOR_FD", None)
SANDBOXED = SUPERVISOR_FD is not None
WORK_ROOT = os.environ.pop("CG_WORK_ROOT", "/tmp")
GUARD = os.environ.pop("CG_PY_GUARD", "")
CPU = os.environ.pop("CG_CPU", None)
# Host-owned cgroups (memory and pids) per kind of step, under /cg; see sandbox-cgroups.ts.
CGROUPS = os.environ.pop("CG_CGROUPS", None) == "1"
# What commands see: the sandbox's own environment, before the guard edits it.
COMMAND_ENV = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
WORKDIR = os.path.join(WORK_ROOT, "w")
SCRATCH_ROOTS = [WORK_ROOT, "/dev/shm"] if SANDBOXED else [WORK_ROOT]
MESSAGE_CAP = 2000
TRACEBACK_CAP = 4000

# The server's own references: the human-eval guard sets the module
# attributes to None for programs, and the server must keep working.
_fork = os.fork
_getpid = os.getpid
_audit = sys.audit
_getframe = sys._getframe
_kill = os.kill
_killpg = os.killpg
_chdir = os.chdir
_chmod = os.chmod
_unlink = os.unlink
_rmdir = os.rmdir
_exit = os._exit
_write = os.write
_dumps = json.dumps
_format_exception = traceback.format_exception
# C code: a program can rebind the json module, not what this function does.
from _json import encode_basestring_ascii  # noqa: E402


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


RAISING_STDIN = RaisingStdin()


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


def apply_human_eval_guard():
    """The functions OpenAI's human-eval disables before running a sample.

    Reproduced so that a program which calls one of them gets the verdict it
    gets under the reference harness; the sandbox, not this, is the security.
    Applied once in the server: every forked child inherits it.
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
    sys.meta_path.insert(0, PopenDisablingFinder)
    for name in ("ipdb", "joblib", "resource", "psutil", "tkinter"):
        sys.modules[name] = None


def protect_server():
    # Python handles SIGINT; a program's Ctrl-C must not reach the server.
    # The server is non-dumpable because its interpreter binary is unreadable
    # to the sandbox's user (see supervisor.py), not through ctypes.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def pin_to_cpu():
    # Keeping a worker and its children on one CPU spares the cross-CPU TLB
    # shootdowns that copy-on-write faults otherwise trigger after each fork.
    if CPU is None:
        return
    try:
        os.sched_setaffinity(0, {int(CPU)})
    except OSError as exc:
        sys.stderr.write(f"forkserver: cannot pin to CPU {CPU}: {exc}\n")


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


def remove_entries(path):
    """Removes what a directory holds, whatever permissions the program set."""
    try:
        with os.scandir(path) as it:
            entries = list(it)
    except OSError:
        entries = []
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            try:
                _chmod(entry.path, 0o700)
            except OSError:
                pass
            remove_entries(entry.path)
            try:
                _rmdir(entry.path)
            except OSError:
                pass
        else:
            try:
                _unlink(entry.path)
            except OSError:
                pass


class Scratch:
    """The writable areas a program may use: /tmp (with the work directory)
    and /dev/shm. In the sandbox, a program that changed them in any way
    leaves the next program new ones: the supervisor mounts fresh file
    systems, so nothing a program did to them (modes, deep trees, many files,
    timestamps, extended attributes) reaches the next. Elsewhere (the process
    sandbox) the directories are emptied by walking them, which a hostile
    program can defeat."""

    def __init__(self):
        self.supervisor = None
        self.stamp = None
        if SANDBOXED:
            self.supervisor = socket.socket(fileno=int(SUPERVISOR_FD))
            os.set_inheritable(self.supervisor.fileno(), False)
            self.stamp = self.current_stamp()
            self.leftover_ipc = LeftoverIpc()
        else:
            self.walk()

    @staticmethod
    def current_stamp():
        """What any change to the scratch space changes. On tmpfs, creating,
        removing or renaming an entry anywhere below a directory starts in it
        or in a directory created in it (changing its mtime), and changing an
        inode's mode, owner, times or extended attributes changes its ctime;
        so equal stamps of the roots mean an untouched scratch space."""
        stamp = []
        for path in (WORK_ROOT, WORKDIR, "/dev/shm"):
            st = os.lstat(path)
            stamp.append((st.st_ino, st.st_mode, st.st_nlink, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
        return stamp

    def reset(self, always=False):
        """Returns None when the next program finds clean scratch space, else why not."""
        if self.supervisor is None:
            self.walk()
            return None
        try:
            untouched = not always and self.current_stamp() == self.stamp
        except OSError:
            untouched = False
        if not untouched:
            self.supervisor.sendall(b"r")
            answer = self.supervisor.recv(4096)
            if answer != b"ok\n":
                return "the scratch space could not be renewed: " + (answer.decode("utf-8", "replace").strip() or "the supervisor is gone")
            self.stamp = self.current_stamp()
        return self.leftover_ipc()

    def walk(self):
        for root in SCRATCH_ROOTS:
            remove_entries(root)
        os.mkdir(WORKDIR, 0o700)


class ProgramGroups:
    """The host-owned cgroups of each kind of step (see sandbox-cgroups.ts),
    opened once: a child joins by writing to the descriptors it inherits,
    before it closes them, and the server reads the OOM-kill count with one
    pread per program."""

    def __init__(self):
        kinds = ("run", "compile")
        self.procs = {kind: [os.open(f"/cg/{c}/{kind}/cgroup.procs", os.O_WRONLY) for c in ("memory", "pids")] for kind in kinds}
        self.oom_control = {kind: os.open(f"/cg/memory/{kind}/memory.oom_control", os.O_RDONLY) for kind in kinds}

    def join(self, kind):
        """Moves the calling process (and so everything it forks) into the step's groups."""
        for fd in self.procs[kind]:
            os.write(fd, b"0")

    def oom_kills(self, kind):
        """How many processes the kernel has killed for exceeding the group's memory limit."""
        for line in os.pread(self.oom_control[kind], 4096, 0).split(b"\n"):
            if line.startswith(b"oom_kill "):
                return int(line.split()[1])
        return 0


GROUPS = ProgramGroups() if CGROUPS else None


def oom_kills(kind):
    return GROUPS.oom_kills(kind) if GROUPS else 0


def memory_exceeded(limits, subject="the program"):
    mib = limits["memoryBytes"] // (1024 * 1024)
    return f"{subject} and its processes exceeded the memory limit of {mib} MiB"


class LeftoverIpc:
    """Why the sandbox's IPC namespace is not as the next program must find it, if it is not.

    SysV segments, semaphores and queues, and POSIX message queues, outlive
    their program; only a new namespace removes them, and a new namespace
    means a new sandbox. Programs rarely leave any, so checking (one pread
    per table, one listing) is the cheap common path and replacing the
    sandbox the rare one."""

    def __init__(self):
        self.tables = [(table, os.open(table, os.O_RDONLY)) for table in ("/proc/sysvipc/shm", "/proc/sysvipc/sem", "/proc/sysvipc/msg")]
        self.mqueue = os.open("/dev/mqueue", os.O_RDONLY | os.O_DIRECTORY)

    def __call__(self):
        for table, fd in self.tables:
            if os.pread(fd, 4096, 0).count(b"\n") > 1:
                return f"the program left SysV IPC objects ({table})"
        if os.listdir(self.mqueue):
            return "the program left POSIX message queues"
        return None


def kill_everything_else(main_pid):
    """Kills every process of the finished program and reaps them all."""
    if SANDBOXED:
        # kill(-1) from PID 1 reaches every other process in its namespace.
        while True:
            try:
                _kill(-1, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                os.waitpid(-1, 0)
            except ChildProcessError:
                return
    else:
        try:
            _killpg(main_pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return


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


FAILING_STATUSES = ("failed", "runtime_error", "memory_limit", "output_limit")


def exception_record(status, exc, describe_exception, encode):
    kind, message, tb = describe_exception(exc)
    return ('{"status":' + encode(status) + ',"errorType":' + encode(kind) + ',"errorMessage":'
            + encode(message) + ',"traceback":' + encode(tb) + "}")


def run_python_in_child(request, report_fd, _audit=_audit, _getframe=_getframe, _compile=compile,
                        _exec=exec, _type=type, _str=str, _int=int, _describe=describe,
                        _classify=classify_exception, _record=exception_record,
                        _encode=encode_basestring_ascii, _failing=FAILING_STATUSES, _exit=_exit,
                        _sys=sys, _builtins=builtins, _stdin=RAISING_STDIN, _guard=GUARD):
    """Runs in the forked child and never returns.

    Everything it uses once the program has started is bound in this frame
    before any of the program's code runs: the program can rebind module
    globals and builtins, not these locals. The server accepts only the
    record this frame seals, and "passed" is sealed only when the program
    and then its tests ran to the end.
    """
    _audit("cg.arm", _getframe(), report_fd)
    source, tests = request["source"], request.get("tests")
    as_script = request.get("mode", "tests") == "script"
    record = None
    try:
        try:
            # The tests are compiled on their own: nothing in the program can
            # open a string or a bracket that swallows them.
            program_code = _compile(source, "<program>", "exec")
            tests_code = _compile(tests, "<tests>", "exec") if tests is not None else None
        except (SyntaxError, ValueError) as exc:
            record = _record("syntax_error", exc, _describe, _encode)
        else:
            if _guard and not as_script:
                _sys.stdin = _stdin
            # human-eval executes with empty globals, so __name__ is not "__main__".
            env = {"__name__": "__main__", "__builtins__": _builtins} if as_script else {}
            try:
                try:
                    _exec(program_code, env)
                    if tests_code is not None:
                        _exec(tests_code, env)
                finally:
                    _sys.stdout.flush()
                    _sys.stderr.flush()
            except SystemExit as exc:
                code = exc.code
                if as_script and (code is None or (_type(code) is _int and code == 0)):
                    record = '{"status":"passed"}'
                else:
                    record = _record("runtime_error", exc, _describe, _encode)
            except BaseException as exc:
                status = _classify(exc)
                if _type(status) is not _str or status not in _failing:
                    status = "runtime_error"
                record = _record(status, exc, _describe, _encode)
            else:
                record = '{"status":"passed"}'
        _audit("cg.seal", record.encode())
    finally:
        _exit(0)


def enter_child(stdin_fd, out_fd, err_fd, keep_fd, limits, kind):
    """Points the child's standard streams at its own files, closes every
    other descriptor but keep_fd, and sets its CPU and process limits."""
    if not SANDBOXED:
        os.setsid()
    if GROUPS:
        GROUPS.join(kind)
    _chdir(WORKDIR)
    os.dup2(stdin_fd, 0)
    os.dup2(out_fd, 1)
    os.dup2(err_fd, 2)
    os.closerange(3, keep_fd)
    os.closerange(keep_fd + 1, 1024)
    cpu = max(1, int(limits["cpuSeconds"]))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    if SANDBOXED:
        # Counted per user in the sandbox's own user namespace. Set in the
        # child, never in the server, whose own limits no request may lower.
        processes = limits["processes"]
        resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))


def prepare_child(request, stdin_fd, out_fd, err_fd, result_fd):
    # Runs once per program in a fresh copy-on-write child, where each newly
    # written page costs a fault: keep it short.
    limits = request["limits"]
    enter_child(stdin_fd, out_fd, err_fd, result_fd, limits, "run")
    resource.setrlimit(resource.RLIMIT_AS, (limits["memoryBytes"], limits["memoryBytes"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["fileBytes"], limits["fileBytes"]))
    # As `python3 program.py` starts: Ctrl-C raises KeyboardInterrupt and no
    # signal is blocked (SIGPIPE and SIGXFSZ stay ignored, as Python sets them).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_SETMASK, ())
    gc.enable()


# An exec'd program must start with every disposition at its default and no
# signal blocked, whatever the server ignores or handles.
RESETTABLE_SIGNALS = [sig for sig in signal.valid_signals() if sig not in (signal.SIGKILL, signal.SIGSTOP)]


def default_signals():
    for sig in RESETTABLE_SIGNALS:
        try:
            signal.signal(sig, signal.SIG_DFL)
        except (OSError, ValueError):
            pass
    signal.pthread_sigmask(signal.SIG_SETMASK, ())


# How far waiting for a CPU may stretch a program's wall time before it
# times out anyway (set by the host, which sizes its watchdog by it).
WALL_STRETCH = float(os.environ.pop("CG_WALL_STRETCH", "10"))


def cpu_wait_seconds(pid):
    """How long the process waited, runnable, for a CPU: the longest of its threads.

    From the scheduler's own accounting (/proc/<pid>/task/*/schedstat, second
    field), which counts from the fork."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0.0
    longest = 0
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat", "rb") as f:
                longest = max(longest, int(f.read().split()[1]))
        except (OSError, ValueError, IndexError):
            continue  # the thread ended while being read
    return longest / 1e9


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CPU_COUNT = os.cpu_count() or 1


def machine_steal_seconds():
    """Time the hypervisor ran something else on this machine's CPUs, per CPU.

    A program the hypervisor preempts is neither running nor waiting in the
    guest's run queue, yet its wall time grows (the steal field of the first
    line of /proc/stat, in clock ticks, summed over the CPUs)."""
    try:
        with open("/proc/stat", "rb") as f:
            fields = f.readline().split()
        return int(fields[8]) / CLOCK_TICKS / CPU_COUNT
    except (OSError, ValueError, IndexError):
        return 0.0  # no steal field (not a virtual machine's kernel): nothing stolen


def wait_with_deadline(pid, timeout_s):
    """Waits for the child; returns (status, rusage, timed_out).

    The limit is on the time the program ran or slept, not on the time it
    spent waiting for a CPU someone else held: at the deadline, the deadline
    moves by the time the program has waited so far (and by the time the
    hypervisor stole from this machine's CPUs meanwhile, per CPU), so a busy
    machine does not turn a program that fits the limit on an idle one into a timeout,
    while a program that sleeps or blocks past the limit still times out."""
    pidfd = os.pidfd_open(pid)
    started = time.monotonic()
    steal_at_start = machine_steal_seconds()
    budget = timeout_s
    timed_out = False
    try:
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        while not poller.poll(max(0, int((started + budget - time.monotonic()) * 1000))):
            stretched = timeout_s + cpu_wait_seconds(pid) + machine_steal_seconds() - steal_at_start
            if stretched <= budget + 0.001 or stretched > timeout_s * WALL_STRETCH:
                timed_out = True
                break
            budget = stretched
    finally:
        os.close(pidfd)
    if timed_out:
        try:
            _kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    # os.wait4 imports resource to build its result; the guard hides resource
    # from programs by a None entry in sys.modules, so lift it for this call.
    hidden = sys.modules.get("resource")
    sys.modules["resource"] = resource
    try:
        _, status, usage = os.wait4(pid, 0)
    finally:
        sys.modules["resource"] = hidden
    return status, usage, timed_out


def process_fields(status, usage, wall_ms, stdout, stdout_truncated, stderr, stderr_truncated):
    """The reply fields every finished process has; also its exit code and terminating signal."""
    exit_code = os.waitstatus_to_exitcode(status)
    term_signal = -exit_code if exit_code < 0 else None
    fields = {
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
    return fields, exit_code, term_signal


SIGNAL_STATUS = {
    signal.SIGXCPU: "timeout",
    signal.SIGXFSZ: "output_limit",
    signal.SIGSEGV: "runtime_error",
    signal.SIGABRT: "runtime_error",
    signal.SIGBUS: "runtime_error",
    signal.SIGFPE: "runtime_error",
}


def signal_outcome(term_signal, cpu_ms, limits, subject="the program"):
    """Status and message of a process a signal ended."""
    name = signal.Signals(term_signal).name
    # RLIMIT_CPU sends SIGXCPU at the soft limit and SIGKILL at the hard one.
    if term_signal == signal.SIGXCPU or (term_signal == signal.SIGKILL and cpu_ms >= limits["cpuSeconds"] * 1000):
        return "timeout", f"{subject} exceeded the CPU-time limit of {limits['cpuSeconds']} s"
    return SIGNAL_STATUS.get(term_signal, "runtime_error"), f"{subject} was killed by {name}"


def sealed_record(raw, pid):
    """The verdict record the harness sealed in child `pid`, if there is one."""
    expected_pid = str(pid).encode()
    for line in raw.split(b"\n"):
        parts = line.split(b"\t")
        if len(parts) != 3 or parts[1] != expected_pid:
            continue
        try:
            _audit("cg.verify", parts[2])
        except ValueError:
            continue
        try:
            outcome = json.loads(parts[0])
        except ValueError:
            return None
        return outcome if isinstance(outcome, dict) and outcome.get("status") else None
    return None


def refusal_message(stderr):
    """The judge's own line on stderr when the seal hook stopped a program."""
    for line in reversed(stderr.splitlines()):
        if line.startswith("cg: the program used "):
            return line[len("cg: "):]
    return "the program tried to reach the judge's own state"


class Server:
    def __init__(self):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        self.scratch = Scratch()
        self.commands = CommandRunner(self)
        # Why this server must stop once it has answered, if it must.
        self.retire = None

    def after_program(self, wrote_files=False):
        """Leaves the sandbox as the next program must find it, or marks the server for retirement."""
        problem = self.scratch.reset(always=wrote_files)
        if problem is not None:
            self.retire = problem

    def execute(self, request):
        limits = request["limits"]
        stdin_fd = anonymous_file((request.get("stdin") or "").encode())
        out_fd = anonymous_file()
        err_fd = anonymous_file()
        result_r, result_w = os.pipe()
        _audit("cg.newkey")
        kills_before = oom_kills("run")
        started = time.monotonic()
        pid = _fork()
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
        out_of_memory = oom_kills("run") > kills_before
        self.after_program()
        return self.describe_outcome(limits, status, usage, timed_out, wall_ms, sealed_record(raw, pid), out_of_memory,
                                     stdout, stdout_truncated, stdout_size, stderr, stderr_truncated)

    @staticmethod
    def describe_outcome(limits, status, usage, timed_out, wall_ms, outcome, out_of_memory,
                         stdout, stdout_truncated, stdout_size, stderr, stderr_truncated):
        response, exit_code, term_signal = process_fields(
            status, usage, wall_ms, stdout, stdout_truncated, stderr, stderr_truncated)
        if timed_out:
            response["status"] = "timeout"
            response["errorMessage"] = f"exceeded the wall-time limit of {limits['wallSeconds']} s"
        elif outcome is not None and exit_code == 0:
            response.update(outcome)
        elif exit_code == SEAL_VIOLATION:
            response["status"] = "runtime_error"
            response["errorMessage"] = refusal_message(stderr)
        elif stdout_size >= limits["fileBytes"]:
            response["status"] = "output_limit"
        elif term_signal:
            response["status"], response["errorMessage"] = signal_outcome(term_signal, response["cpuMs"], limits)
        else:
            response["status"] = "runtime_error"
            response["errorMessage"] = f"the program exited with code {exit_code} before its tests completed"
        if response["status"] == "passed" and stdout_size >= limits["fileBytes"]:
            response["status"] = "output_limit"
        elif response["status"] != "passed" and out_of_memory:
            response["status"] = "memory_limit"
            response["errorMessage"] = memory_exceeded(limits)
        return response


# Programs run as commands: a compile step, then one run per test.

def write_program_files(files):
    for name, content in files.items():
        if not name or "/" in name or name in (".", ".."):
            raise ValueError(f"invalid program file name {name!r}")
        data = content.encode()
        fd = os.open(os.path.join(WORKDIR, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[_write(fd, view):]
        finally:
            os.close(fd)


def prepare_command_child(program, step, stdin_fd, out_fd, err_fd, error_fd):
    limits = step["limits"]
    enter_child(stdin_fd, out_fd, err_fd, error_fd, limits, "compile" if step["kind"] == "compile" else "run")
    default_signals()
    # RLIMIT_DATA bounds the memory a process commits; RLIMIT_AS, looser by the
    # headroom of runtimes that reserve far more address space than they use
    # (the JVM, V8, Go), still bounds shared mappings, which DATA leaves out.
    memory = limits["memoryBytes"]
    resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    address_space = memory + program.get("addressSpaceHeadroom", 0)
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    if program.get("largeStack") and step["kind"] == "test":
        # Competitive judges let the main stack grow to the memory limit.
        hard = resource.getrlimit(resource.RLIMIT_STACK)[1]
        stack = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
        resource.setrlimit(resource.RLIMIT_STACK, (stack, hard))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["fileBytes"], limits["fileBytes"]))


def read_tail(fd, size, cap):
    return os.pread(fd, cap, max(0, size - cap)).decode("utf-8", "replace")


def classify_command(program, step, outcome):
    """The step's status and why, from how its process ended and what it wrote."""
    limits = step["limits"]
    code, term_signal = outcome["exitCode"], outcome["termSignal"]
    subject = "the compiler" if step["kind"] == "compile" else "the program"
    if outcome["timedOut"]:
        return "timeout", f"{subject} exceeded the wall-time limit of {limits['wallSeconds']} s"
    if term_signal in (signal.SIGXCPU, signal.SIGKILL):
        status, message = signal_outcome(term_signal, outcome["cpuMs"], limits, subject)
        if status == "timeout":
            return status, message
    if term_signal == signal.SIGXFSZ or outcome["stdoutSize"] >= limits["fileBytes"]:
        return "output_limit", f"{subject} wrote more than {limits['fileBytes']} bytes"
    if (term_signal or code != 0) and outcome["outOfMemory"]:
        return "memory_limit", memory_exceeded(limits, subject)
    if term_signal or code != 0:
        pattern = program.get("outOfMemory")
        if pattern and re.search(pattern, outcome["stderrHead"] + outcome["stderrTail"]):
            mib = limits["memoryBytes"] // (1024 * 1024)
            return "memory_limit", f"{subject} ran out of memory (limit {mib} MiB)"
        if term_signal:
            return "runtime_error", f"{subject} was killed by {signal.Signals(term_signal).name}"
        return "runtime_error", f"{subject} exited with code {code}"
    return "passed", None


class CommandRunner:
    """Runs the steps of one program request in the shared work directory."""

    def __init__(self, server):
        self.server = server

    def run(self, request):
        try:
            write_program_files(request["files"])
            results = []
            for step in request["steps"]:
                result = self.run_step(request, step)
                results.append(result)
                if result["status"] != "passed" and (
                    step["kind"] == "compile" or request.get("stopAtFirstFailure", True)
                ):
                    break
            return {"steps": results}
        finally:
            self.server.after_program(wrote_files=True)

    def run_step(self, program, step):
        limits = step["limits"]
        env = dict(COMMAND_ENV)
        env.update(program.get("env") or {})
        stdin_fd = anonymous_file((step.get("stdin") or "").encode())
        out_fd = anonymous_file()
        err_fd = anonymous_file()
        # Close-on-exec: it stays empty unless the exec itself fails.
        error_r, error_w = os.pipe2(os.O_CLOEXEC)
        try:
            kind = "compile" if step["kind"] == "compile" else "run"
            kills_before = oom_kills(kind)
            started = time.monotonic()
            pid = _fork()
            if pid == 0:
                try:
                    os.close(error_r)
                    prepare_command_child(program, step, stdin_fd, out_fd, err_fd, error_w)
                    os.execve(step["argv"][0], step["argv"], env)
                except BaseException as exc:
                    try:
                        _write(error_w, f"{type(exc).__name__}: {exc}".encode()[:MESSAGE_CAP])
                    except BaseException:
                        pass
                finally:
                    _exit(127)
            os.close(error_w)
            error_w = None
            try:
                status, usage, timed_out = wait_with_deadline(pid, limits["wallSeconds"])
            finally:
                kill_everything_else(pid)
            wall_ms = (time.monotonic() - started) * 1000
            out_of_memory = oom_kills(kind) > kills_before
            exec_error = os.read(error_r, MESSAGE_CAP).decode("utf-8", "replace")
            return self.describe_step(program, step, status, usage, timed_out, wall_ms, exec_error, out_of_memory, out_fd, err_fd)
        finally:
            for fd in (stdin_fd, out_fd, err_fd, error_r, error_w):
                if fd is not None:
                    os.close(fd)

    @staticmethod
    def describe_step(program, step, status, usage, timed_out, wall_ms, exec_error, out_of_memory, out_fd, err_fd):
        limits = step["limits"]
        cap = limits["outputBytes"]
        stdout, stdout_truncated, stdout_size = read_capped(out_fd, cap)
        stderr, stderr_truncated, stderr_size = read_capped(err_fd, cap)
        result, exit_code, term_signal = process_fields(
            status, usage, wall_ms, stdout, stdout_truncated, stderr, stderr_truncated)
        result["kind"] = step["kind"]
        if exec_error:
            result["status"] = "sandbox_error"
            result["errorMessage"] = f"cannot start {step['argv'][0]}: {exec_error}"
            return result
        outcome = {
            "outOfMemory": out_of_memory,
            "exitCode": exit_code,
            "termSignal": term_signal,
            "timedOut": timed_out,
            "cpuMs": result["cpuMs"],
            "stdoutSize": stdout_size,
            "stderrHead": stderr,
            "stderrTail": read_tail(err_fd, stderr_size, 4096) if stderr_truncated else "",
        }
        status_name, message = classify_command(program, step, outcome)
        if status_name == "passed" and step.get("expected") is not None:
            actual = os.pread(out_fd, stdout_size, 0)
            mismatch = compare_output(actual, step["expected"].encode(), step.get("comparison") or {})
            if mismatch is not None:
                status_name, message = "wrong_answer", mismatch["message"]
                result["mismatch"] = mismatch
        if step["kind"] == "compile" and status_name != "passed":
            status_name = "compile_error"
        result["status"] = status_name
        if message:
            result["errorMessage"] = message
        return result


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
    # The supervisor started this server in /tmp, whose file system it
    # replaces after each program; holding it as the working directory would
    # keep the first one alive.
    os.chdir("/")
    requests, responses = open_protocol()
    server = Server()
    if GUARD == "human-eval":
        apply_human_eval_guard()
    install_verdict_seal()
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
                response = {"pong": True, "sandboxed": SANDBOXED, "guard": GUARD or None, "python": sys.version.split()[0]}
            elif "steps" in request:
                response = server.commands.run(request)
            else:
                response = server.execute(request)
        except Exception as exc:
            response = {"status": "sandbox_error", "errorType": type(exc).__name__, "errorMessage": str(exc)[:MESSAGE_CAP]}
        if server.retire is not None:
            response["retire"] = server.retire
        response["id"] = request.get("id")
        responses.write(_dumps(response).encode() + b"\n")
        responses.flush()
        if server.retire is not None:
            # A sandbox that cannot be made clean again ends; the host starts a new one.
            _exit(0)


if __name__ == "__main__":
    main()
