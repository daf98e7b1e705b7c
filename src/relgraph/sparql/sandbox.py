"""Deny a query worker the network, in the kernel, before it reads a query.

The guard reads a query's text with its own tokenizer, and any tokenizer can
read some text differently from the engine's parser (a comment ended by a bare
carriage return, a ``<`` that is a comparison, not an IRI). So the promise that
no query reaches the network is kept below the parser: each worker process
installs a seccomp filter that makes ``socket()``, ``connect()`` and
``io_uring_setup()`` fail before it opens the store or sees the query. Oxigraph's
``SERVICE`` client then cannot open a connection, whatever the query says.

A worker needs no socket: results go back over an inherited pipe. The filter is
a handful of classic-BPF instructions passed to ``prctl``, written here because
it is small and fixed; it cannot be lifted by the process once installed, and is
inherited by every thread the engine starts afterwards.

Linux on x86-64 and AArch64 is covered. Elsewhere :func:`deny_network` raises
``SandboxUnavailable``; the caller decides (relgraph refuses to evaluate on Linux
without the filter, and relies on the guard alone on other systems, as
SECURITY.md says).
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct
import sys

# <linux/filter.h>, <linux/seccomp.h>, <linux/audit.h>
_BPF_LD_W_ABS = 0x20
_BPF_JEQ_K = 0x15
_BPF_JGE_K = 0x35
_BPF_RET_K = 0x06
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000
_SECCOMP_RET_KILL_PROCESS = 0x80000000
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_X32_SYSCALL_BIT = 0x40000000

# Per architecture: the audit arch value and the denied system call numbers.
_ARCHES = {
    "x86_64": (0xC000003E, {"socket": 41, "connect": 42, "io_uring_setup": 425}),
    "aarch64": (0xC00000B7, {"socket": 198, "connect": 203, "io_uring_setup": 425}),
}
_ARCHES["amd64"] = _ARCHES["x86_64"]
_ARCHES["arm64"] = _ARCHES["aarch64"]


class SandboxUnavailable(OSError):
    """This system cannot install the filter (not Linux, another CPU, or seccomp off)."""


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def filter_program(machine: str) -> bytes:
    """The BPF program for ``machine``: deny the network calls, allow the rest.

    A call made through another ABI (a different audit arch, or x32 numbers on
    x86-64) could name ``socket`` by another number, so the process is killed.
    """
    arch, calls = _ARCHES[machine]
    denied = sorted(calls.values())
    deny = _SECCOMP_RET_ERRNO | errno.EACCES
    program = [
        _insn(_BPF_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        _insn(_BPF_JEQ_K, 1, 0, arch),
        _insn(_BPF_RET_K, 0, 0, _SECCOMP_RET_KILL_PROCESS),
        _insn(_BPF_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        _insn(_BPF_JGE_K, 0, 1, _X32_SYSCALL_BIT),
        _insn(_BPF_RET_K, 0, 0, _SECCOMP_RET_KILL_PROCESS),
    ]
    # One test per denied call: equal -> skip to the deny at the end.
    for index, number in enumerate(denied):
        remaining = len(denied) - index - 1
        program.append(_insn(_BPF_JEQ_K, remaining + 1, 0, number))
    program.append(_insn(_BPF_RET_K, 0, 0, _SECCOMP_RET_ALLOW))
    program.append(_insn(_BPF_RET_K, 0, 0, deny))
    return b"".join(program)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def deny_network() -> None:
    """Install the filter in this process; raise ``SandboxUnavailable`` if it can't be.

    Irreversible for this process and its future threads and children: call it
    only in a worker that exists to evaluate one query.
    """
    machine = platform.machine().lower()
    if not sys.platform.startswith("linux") or machine not in _ARCHES:
        raise SandboxUnavailable(f"no network sandbox for {sys.platform}/{machine}")
    program = filter_program(machine)
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    prctl = libc.prctl
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    if prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise SandboxUnavailable(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    address = ctypes.addressof(fprog)
    if prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, address, 0, 0) != 0:
        raise SandboxUnavailable(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")


def network_is_denied() -> bool:
    """True if this process can no longer create a socket (for tests and diagnostics)."""
    import socket

    try:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
    except PermissionError:
        return True
    return False
