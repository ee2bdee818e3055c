"""Run many independent simulations: in this process, on a local process pool, or on a
Dask distributed cluster, with a progress bar.

Every experiment (replications, sweeps, saturation, comparisons) calls
:func:`run_tasks` with a top-level function ``fn(shared, task)``, one ``shared`` payload
(the scenarios, sent once per worker) and small tasks (an index and a seed). Results come
back in task order, so they do not depend on where or in which order tasks ran.

``executor`` is one of: ``None`` or ``"processes"`` (a local process pool of ``workers``
processes; in this process when ``workers`` is 1), ``"serial"`` (always in this process),
``"dask"`` (the current Dask client, or a temporary ``LocalCluster`` of ``workers``
processes), a scheduler address such as ``"tcp://10.0.0.5:8786"``, or a
``dask.distributed.Client``. Dask needs ``pip install 'corridor_sim[dask]'``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, TypeVar

from tqdm import tqdm

S = TypeVar("S")  # what every task shares (sent once per worker)
T = TypeVar("T")  # one task
R = TypeVar("R")  # one task's result
#: where to run: None, "processes", "serial", "dask", a scheduler address or a
#: dask.distributed.Client (an optional dependency, so not named in the type)
Executor = Any

_WORKER: tuple[Callable[[Any, Any], Any], Any] | None = None


def default_workers() -> int:
    """Worker processes used when none are given: one per CPU the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def is_dask(executor: Executor) -> bool:
    """True if ``executor`` asks for Dask: ``"dask"``, an address, or a Client."""
    if isinstance(executor, str):
        return executor == "dask" or "://" in executor
    return hasattr(executor, "scatter") and hasattr(executor, "submit")


def run_tasks(
    fn: Callable[[S, T], R],
    shared: S,
    tasks: Sequence[T],
    *,
    workers: int | None = None,
    executor: Executor = None,
    progress: bool = True,
    desc: str = "runs",
) -> list[R]:
    """``[fn(shared, task) for task in tasks]``, run where ``executor`` says (see module
    doc); ``progress`` shows a tqdm bar on stderr."""
    tasks = list(tasks)
    bar = tqdm(total=len(tasks), desc=desc, disable=not progress, unit="run")
    try:
        if is_dask(executor):
            return _dask(fn, shared, tasks, executor, workers, bar)
        if executor not in (None, "processes", "serial"):
            raise ValueError(
                f"executor must be None, 'processes', 'serial', 'dask', a scheduler address "
                f"or a dask Client (got {executor!r})"
            )
        n = min(workers or default_workers(), len(tasks))
        if executor == "serial" or n <= 1:
            out: list[R] = []
            for task in tasks:
                out.append(fn(shared, task))
                bar.update()
            return out
        return _pool(fn, shared, tasks, n, bar)
    finally:
        bar.close()


def _init(fn: Callable[[Any, Any], Any], shared: Any) -> None:
    global _WORKER
    _WORKER = (fn, shared)


def _call(task: Any) -> Any:
    assert _WORKER is not None, "worker not initialised"
    fn, shared = _WORKER
    return fn(shared, task)


def _pool(fn: Callable, shared: Any, tasks: list, n: int, bar: tqdm) -> list[Any]:
    # spawn, not fork: the parent may hold threads (a Dask client, a GUI), and fork
    # copies their locks
    context = multiprocessing.get_context("spawn")
    out: list[Any] = [None] * len(tasks)
    with ProcessPoolExecutor(
        n, mp_context=context, initializer=_init, initargs=(fn, shared)
    ) as pool:
        futures = {pool.submit(_call, task): i for i, task in enumerate(tasks)}
        for future in as_completed(futures):
            out[futures[future]] = future.result()
            bar.update()
    return out


def _dask(
    fn: Callable, shared: Any, tasks: list, executor: Any, workers: int | None, bar: tqdm
) -> list[Any]:
    from distributed import Client, LocalCluster, as_completed, get_client

    owned: list[Any] = []
    if isinstance(executor, str) and executor == "dask":
        try:
            client = get_client()
        except ValueError:
            cluster = LocalCluster(
                n_workers=workers or default_workers(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = Client(cluster)
            owned += [client, cluster]
    elif isinstance(executor, str):
        client = Client(executor)
        owned.append(client)
    else:
        client = executor
    try:
        [payload] = client.scatter([shared], broadcast=True)
        futures = [client.submit(fn, payload, task, pure=False) for task in tasks]
        index = {f.key: i for i, f in enumerate(futures)}
        out: list[Any] = [None] * len(tasks)
        for future in as_completed(futures):
            out[index[future.key]] = future.result()
            bar.update()
        return out
    finally:
        for thing in owned:
            thing.close()
