# PID 1 of a bubblewrap sandbox: the only process in it that holds a
# capability (CAP_SYS_ADMIN over the sandbox's own namespaces) and loads ctypes.
#
# It gives the sandbox a mount namespace of its own, mounts fresh tmpfs file
# systems on /tmp and /dev/shm, and starts the fork server with every
# capability dropped, as PID 1 of a new PID namespace (so that programs
# cannot signal it, and it can kill all they leave behind with kill(-1)).
# After each program that changed them, the fork server asks it, over a
# socket, to replace both file systems with new empty ones: scratch space is
# reset by construction, whatever the program did to it (modes, deep trees,
# many files, timestamps, extended attributes). It ends the sandbox when the
# fork server ends.
#
# The fork server is exec'd afresh, so none of this process's memory (ctypes
# above all, which would give a program raw memory access) is in the address
# space of the programs it forks. Both run from an interpreter binary that
# the sandbox's user cannot read, which makes them non-dumpable: no program
# can ptrace them or open their /proc/<pid>/mem.
import ctypes
import os
import select
import signal
import socket
import sys

CLONE_NEWNS, CLONE_NEWPID = 0x00020000, 0x20000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 0x2, 0x4, 0x8, 0x4000, 0x40000
MNT_DETACH = 2
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
LINUX_CAPABILITY_VERSION_3 = 0x20080522

libc = ctypes.CDLL(None, use_errno=True)


class CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def scratch_mounts():
    """(path, tmpfs options) of each scratch file system, from the host's limits."""
    tmp_bytes = int(os.environ.pop("CG_TMP_BYTES"))
    shm_bytes = int(os.environ.pop("CG_SHM_BYTES"))
    inodes = int(os.environ.pop("CG_SCRATCH_INODES"))
    return [
        (b"/tmp", f"size={tmp_bytes},nr_inodes={inodes},mode=0755".encode()),
        (b"/dev/shm", f"size={shm_bytes},nr_inodes={inodes},mode=0755".encode()),
    ]


def mount_scratch(mounts, replace):
    for path, options in mounts:
        if replace:
            # Detached: the old file system is freed once nothing uses it, and
            # every program that used it is dead by now.
            check(libc.umount2(path, MNT_DETACH), f"umount {path.decode()}")
        check(libc.mount(b"tmpfs", path, b"tmpfs", MS_NOSUID | MS_NODEV, options), f"mount {path.decode()}")
    # The fork server's work directory, which it cannot create itself: /tmp
    # belongs to the sandbox's user, but it must find it already there.
    os.mkdir("/tmp/w", 0o700)


def own_mount_namespace():
    # bubblewrap's mounts belong to a namespace this process has no authority
    # over; a namespace of its own lets it mount and unmount scratch space.
    check(libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make mounts private")


def drop_capabilities():
    """For the fork server: no capability survives its exec, and none can be regained."""
    check(libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "clear ambient capabilities")
    data = (CapData * 2)()
    check(libc.capset(ctypes.byref(CapHeader(LINUX_CAPABILITY_VERSION_3, 0)), data), "drop capabilities")
    check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "set no_new_privs")


def start_fork_server(source, control):
    check(libc.unshare(CLONE_NEWPID), "unshare(CLONE_NEWPID)")
    pid = os.fork()
    if pid != 0:
        return pid
    try:
        # /proc as the new PID namespace sees it.
        check(libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None), "mount /proc")
        drop_capabilities()
        os.set_inheritable(control.fileno(), True)
        env = dict(os.environ, CG_SUPERVISOR_FD=str(control.fileno()))
        os.chdir("/tmp")
        os.execve(sys.executable, [sys.executable, "-I", "-S", "-B", "-c", source], env)
    except BaseException as exc:
        sys.stderr.write(f"supervisor: cannot start the fork server: {exc}\n")
    finally:
        os._exit(127)


def reap(server_pid):
    """Reaps the fork server (its only child) if it died; returns its exit status then."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return 0
        if pid == 0:
            return None
        if pid == server_pid:
            return os.waitstatus_to_exitcode(status)


def main():
    source = sys.argv[1]
    mounts = scratch_mounts()
    own_mount_namespace()
    mount_scratch(mounts, replace=False)
    ours, theirs = socket.socketpair()
    server_pid = start_fork_server(source, theirs)
    theirs.close()
    # The host talks to the fork server alone; it sees the sandbox end when
    # this process ends.
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)

    wake_r, wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    poller = select.poll()
    poller.register(ours.fileno(), select.POLLIN)
    poller.register(wake_r, select.POLLIN)
    while True:
        for fd, _ in poller.poll():
            if fd == wake_r:
                os.read(wake_r, 4096)
                code = reap(server_pid)
                if code is not None:
                    os._exit(code if code >= 0 else 128 - code)
                continue
            request = ours.recv(64)
            if not request:
                os._exit(0)
            try:
                mount_scratch(mounts, replace=True)
                ours.sendall(b"ok\n")
            except OSError as exc:
                ours.sendall(f"failed: {exc}\n".encode())


main()
