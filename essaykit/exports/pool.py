"""Running the site build's jobs: in this process, or in a pool of worker processes."""

from __future__ import annotations

import os
from collections.abc import Callable


def cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def run_jobs(work: Callable, jobs: list, workers: int, on_done: Callable, died: Callable) -> list:
    """``work(job)`` for every job, ``on_done(outcome)`` as each finishes; ``died(job)`` is the
    outcome of a job whose worker process died. ``work`` must be importable (it crosses processes)."""
    if workers <= 1 or len(jobs) <= 1:
        outcomes = []
        for job in jobs:
            outcomes.append(work(job))
            on_done(outcomes[-1])
        return outcomes

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    # forkserver, not fork: the progress bar runs a thread, and forking a
    # threaded process can deadlock. Preloading keeps worker start cheap.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["essaykit.exports.site", "essaykit.exports.export", "essaykit.exports.page"])
    outcomes = []
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        futures = {pool.submit(work, job): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcome = future.result()
            except BrokenProcessPool:
                outcome = died(job)
            outcomes.append(outcome)
            on_done(outcome)
    return outcomes
