"""Run one learner's notebook for ``exercises/grade.py``: inside its sandbox, never by hand.

    python grade_runner.py IN.ipynb OUT.ipynb --timeout 60 --cell-timeout 15 \\
        --memory-mb 2048 --max-processes 128 [--uid 61001]

Starts a fresh kernel and runs every code cell in order. Unlike "Run all" it goes on after a
cell fails, so one broken answer does not cost the questions after it. A cell that runs past
``--cell-timeout`` (or past what is left of ``--timeout`` for the whole notebook) is
interrupted; cells left when the notebook's time is up are not run. After every cell the
executed copy is written to OUT, with ``metadata["cxgrade"]`` on each code cell saying what
happened: ``ran``, ``error``, ``time limit``, ``kernel died`` or ``not run: <why>``; so if the
grader has to kill the sandbox, what ran is still there.

Limits, set here before the kernel starts and inherited by it and by anything it starts: address
space (``--memory-mb``, so a 10 GB allocation is a MemoryError), processes (``--max-processes``:
a fork bomb gets "Resource temporarily unavailable"), CPU seconds and file size, and a low CPU
priority (nice 10: the trainer's machine stays responsive while a class is graded). Processes a
cell started are killed when it ends. Started as
root (the grader runs as root), it first switches to the unprivileged ``--uid``: root ignores
the process limit and could read root's files.
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import os
import resource
import sys
import time
from pathlib import Path

TIME_LIMIT_ENAME = "TimeLimit"


def drop_privileges(uid: int) -> None:
    """Become ``uid`` (also as group) with no supplementary groups, no capabilities, no setuid."""
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)  # leaving uid 0 clears every capability
    if os.getuid() != uid or os.geteuid() != uid:
        raise SystemExit(f"could not switch to uid {uid}")


def no_new_privileges() -> None:
    """prctl(PR_SET_NO_NEW_PRIVS): no setuid binary can give the learner's code more rights."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(38, 1, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the sandbox is best-effort there anyway
        pass


def set_limits(memory_mb: int, max_processes: int, cpu_seconds: int) -> None:
    """Hard limits (soft = hard) this process and all its children inherit."""
    mb = 1024 * 1024
    limits = {
        resource.RLIMIT_AS: memory_mb * mb,
        resource.RLIMIT_CPU: cpu_seconds,
        resource.RLIMIT_FSIZE: 64 * mb,
        resource.RLIMIT_CORE: 0,
    }
    if max_processes > 0:
        limits[resource.RLIMIT_NPROC] = max_processes
    for which, value in limits.items():
        resource.setrlimit(which, (value, value))


def stop_leftovers(kernel_pid: int | None, whole_namespace: bool) -> int:
    """Kill every process a cell left behind (a fork bomb's copies, a forgotten pool), so none
    can spin or print into the cells after it. In the sandbox's own process namespace that is
    every process but the runner, its parents and the kernel (orphans included); without a
    sandbox, the kernel's descendants."""
    try:
        import psutil
    except ImportError:
        return 0
    keep = {os.getpid(), kernel_pid}
    try:
        keep |= {p.pid for p in psutil.Process().parents()}
        victims = ([p for p in psutil.process_iter() if p.pid not in keep] if whole_namespace
                   else psutil.Process(kernel_pid).children(recursive=True) if kernel_pid else [])
    except Exception:  # noqa: BLE001 (the kernel already gone)
        return 0
    for p in victims:
        try:
            p.kill()
        except Exception:  # noqa: BLE001 (already gone)
            pass
    psutil.wait_procs(victims, timeout=2)
    return len(victims)


def _save(nb, out: Path) -> None:
    import nbformat

    tmp = out.with_name(out.name + ".tmp")
    nbformat.write(nb, tmp)
    tmp.replace(out)


async def run(src: Path, out: Path, timeout: float, cell_timeout: float, own_namespace: bool) -> None:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    nb = nbformat.read(src, as_version=4)
    code = [(k, c) for k, c in enumerate(nb.cells) if c.cell_type == "code"]
    for _, cell in code:
        cell.outputs, cell.execution_count = [], None
        cell.metadata["cxgrade"] = "not run: the grader stopped before this cell"
    _save(nb, out)
    deadline = time.monotonic() + timeout
    replies: dict[int, dict] = {}

    def on_cell_executed(cell, cell_index, execute_reply):  # noqa: ANN001 (nbclient hook)
        replies[cell_index] = (execute_reply or {}).get("content", {})

    client = NotebookClient(
        nb, timeout=int(cell_timeout), kernel_name="python3", allow_errors=True,
        interrupt_on_timeout=True, iopub_timeout=2, startup_timeout=max(10, int(timeout)),
        error_on_timeout={"ename": TIME_LIMIT_ENAME, "traceback": [],
                          "evalue": "the cell was still running when its time ran out"},
        on_cell_executed=on_cell_executed, resources={"metadata": {"path": str(src.parent)}},
    )
    client.km = client.create_kernel_manager()
    await client.async_start_new_kernel(cwd=str(src.parent))
    await client.async_start_new_kernel_client()
    provisioner = getattr(client.km, "provisioner", None)
    kernel_pid = getattr(getattr(provisioner, "process", None), "pid", None)
    try:
        stop = ""
        for count, (k, cell) in enumerate(code, 1):
            left = deadline - time.monotonic()
            if stop or left < 1:
                cell.metadata["cxgrade"] = f"not run: {stop or 'the notebook ran out of time'}"
                continue
            client.timeout = max(1, int(min(cell_timeout, left)))
            try:
                await client.async_execute_cell(cell, k, execution_count=count)
            except DeadKernelError:
                cell.metadata["cxgrade"] = "kernel died"
                stop = f"the kernel died in code cell {count}"
                continue
            reply = replies.get(k, {})
            if reply.get("status") == "error":
                if reply.get("ename") == TIME_LIMIT_ENAME:
                    cell.metadata["cxgrade"] = (
                        f"time limit: still running when its time ran out ({cell_timeout:g} s a cell, "
                        f"{timeout:g} s a notebook)")
                else:
                    cell.metadata["cxgrade"] = "error"
            else:
                cell.metadata["cxgrade"] = "ran"
            stop_leftovers(kernel_pid, own_namespace)
            _save(nb, out)
    finally:
        _save(nb, out)
        try:
            await client.km.shutdown_kernel(now=True)
        except Exception:  # noqa: BLE001 (a dead or stuck kernel: the sandbox's end kills it)
            pass


NICENESS = 10  # learners' code runs behind everything else on the trainer's machine


def lower_priority(niceness: int = NICENESS) -> int:
    """Run this process and all it starts at low CPU priority; return the niceness now in force.

    A class's notebooks graded while the trainer teaches (an endless loop spins for its whole
    time limit) then never make the trainer's own programs slow.
    """
    return os.nice(max(0, niceness - os.nice(0)))


def main(argv: list[str] | None = None) -> int:
    # nbformat's validator pulls in jsonschema, whose optional IRI check imports rfc3987_syntax,
    # which compiles a grammar for a second on import; notebooks never need that check.
    sys.modules.setdefault("rfc3987_syntax", None)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--cell-timeout", type=float, default=15)
    parser.add_argument("--memory-mb", type=int, default=2048)
    parser.add_argument("--max-processes", type=int, default=64)
    parser.add_argument("--uid", type=int, default=None)
    parser.add_argument("--own-pid-namespace", action="store_true",
                        help="the sandbox's processes are all ours: sweep every leftover after a cell")
    args = parser.parse_args(argv)
    if args.uid is not None and os.geteuid() == 0:
        drop_privileges(args.uid)
    no_new_privileges()
    set_limits(args.memory_mb, args.max_processes, int(args.timeout) + 10)
    lower_priority()
    asyncio.run(run(args.src, args.out, args.timeout, args.cell_timeout, args.own_pid_namespace))
    return 0


if __name__ == "__main__":
    sys.exit(main())
