"""Exception types, each with a message meant for a person and an exit code for the CLI.

The CLI prints ``str(error)`` as a single line and exits with ``error.exit_code``; nothing
below should ever need a traceback to be understood.
"""

from __future__ import annotations

#: Exit codes, documented in the README.
EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_BAD_USAGE = 2


class CleanerError(Exception):
    """Base class of every error cleaner raises on purpose."""

    exit_code: int = EXIT_BAD_INPUT


class InputError(CleanerError):
    """The document could not be read, decoded or parsed."""

    exit_code = EXIT_BAD_INPUT


class OutputError(CleanerError):
    """The output could not be written (disk full, no such folder, ...): the message names
    the file and the cause."""

    exit_code = EXIT_BAD_INPUT

    @classmethod
    def writing(cls, name: str, exc: OSError, note: str = "") -> OutputError:
        """``cannot write 'NAME': CAUSE; NOTE`` (``name`` quoted unless it is a description)."""
        where = name if name.startswith("standard ") else f"'{name}'"
        cause = exc.strerror or str(exc) or type(exc).__name__
        return cls(f"cannot write {where}: {cause}" + (f"; {note}" if note else ""))


class UsageError(CleanerError):
    """The command line or the API was called with arguments that make no sense."""

    exit_code = EXIT_BAD_USAGE


class RuleError(CleanerError):
    """A rule file is broken: the message says which file, line and rule."""

    exit_code = EXIT_BAD_USAGE

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        rule_id: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.rule_id = rule_id
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        who = f"rule {self.rule_id}: " if self.rule_id else ""
        return f"{where}{who}{self.message}"

    def __reduce__(self):  # keep pickling (process pools) faithful to the fields
        return (type(self), (self.message, self.path, self.line, self.rule_id))


class RuleTimeoutError(RuleError):
    """A rule's regular expression ran past its time limit on a document."""


class DocumentFailedError(InputError):
    """A document in a batch could not be cleaned: its worker ran out of time or died."""
