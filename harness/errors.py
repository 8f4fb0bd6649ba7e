"""Every error harness raises on purpose, in one place.

Each carries a message a user can act on. The CLI prints ``str(error)`` as one
line and exits with ``error.exit_code``; a traceback appears only with ``--debug``.
"""

from __future__ import annotations

from pathlib import Path


class HarnessError(Exception):
    """Base class: a problem the user can fix (bad input, missing resource, ...)."""

    exit_code = 2


class SuiteError(HarnessError):
    """A suite file is malformed: names the file, line and field path."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        self.message = message
        super().__init__(self._format())

    def _format(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class UnknownComponentError(HarnessError):
    """A suite or command line names a component that is not registered."""


class DuplicateComponentError(HarnessError):
    """Two components were registered under the same name."""


class DataError(HarnessError):
    """Data could not be loaded: missing file, bad row, unknown column or label."""

    def __init__(
        self, message: str, *, path: str | Path | None = None, line: int | None = None
    ) -> None:
        # Kept apart so a caller can re-locate an error without a file of its own (an
        # inline example's row) to the suite line that holds it.
        self.message, self.path, self.line = message, path, line
        where = ""
        if path is not None:
            where = str(path) + (f":{line}" if line is not None else "") + ": "
        super().__init__(where + message)


class PromptError(HarnessError):
    """A prompt template, verbalizer or few-shot setting is wrong: names the file and line."""


class ModelError(HarnessError):
    """A model could not be loaded or did not answer as its adapter expects."""


class ModelSpecError(ModelError):
    """A model spec that cannot be right whatever is on disk (a target the adapter ignores, a
    ``label_map`` naming labels it lacks); ``location`` is the option's path within the
    spec, e.g. ``("label_map", "LABEL_9")``, so a suite error names the field."""

    def __init__(self, message: str, *, location: tuple[str, ...] = ()) -> None:
        self.location = location
        super().__init__(message)


class LabelMappingError(ModelError):
    """A model's labels cannot be mapped onto the suite's labels by name."""


class MissingDependencyError(HarnessError):
    """An optional dependency (e.g. the ``attack`` extra) is not installed."""


class ResourceUnavailableError(HarnessError):
    """A model, dataset or word list is not available offline; says how to provide it."""


class UnsafeLoadError(HarnessError):
    """Loading would execute untrusted code (pickles, remote code) without an opt-in."""


class OutputPathError(HarnessError):
    """An output or cache directory cannot be created or written (a file is in the way)."""


class RunDirectoryError(HarnessError):
    """A run directory is missing, incomplete, or of an unsupported schema version."""


class ComparisonRefusedError(HarnessError):
    """Two runs cannot be compared (different suites, items, labels or seeds)."""


class InfraError(HarnessError):
    """A request failed for reasons outside the model (server down, time-outs, rate limits).

    Raised after retries; the predictor records the items it concerns as
    infrastructure errors (kept out of every metric, counted per test), not as answers.
    """


class ExecutorError(HarnessError):
    """Requests could not be computed by the chosen executor (a Ray cluster that cannot be
    reached, or a batch that killed every worker it was given to)."""
