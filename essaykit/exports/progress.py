"""Progress for the site build: a rich progress bar on a terminal, one plain
line per essay otherwise (CI logs, pipes, files)."""

from __future__ import annotations

import sys


class PlainProgress:
    """One line per finished essay, written to ``stream`` (stderr by default)."""

    def __init__(self, total: int, stream=None):
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def advance(self, line: str) -> None:
        self.done += 1
        print(f"[{self.done}/{self.total}] {line}", file=self.stream, flush=True)


class RichProgress:
    """A rich progress bar; failures are printed above it as they happen."""

    def __init__(self, total: int, console):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.console = console
        self.progress = Progress(
            TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=console, transient=False,
        )
        self.task = self.progress.add_task("", total=total)

    def __enter__(self):
        self.progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.__exit__(*exc)

    def advance(self, line: str) -> None:
        if line.startswith("FAILED"):
            self.console.print(line, markup=False, highlight=False)
        self.progress.update(self.task, advance=1, description=line[:60])


def progress_for(total: int, stream=None):
    """A rich bar when ``stream`` (default stderr) is a terminal, plain lines otherwise."""
    stream = stream or sys.stderr
    if stream.isatty():
        from rich.console import Console

        return RichProgress(total, Console(file=stream))
    return PlainProgress(total, stream)
