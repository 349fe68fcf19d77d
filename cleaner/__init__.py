"""cleaner: strip publisher clutter from scraped pages with a YAML rule engine.

The public API is small on purpose: build a :class:`Cleaner` once (it compiles the rules),
then call :meth:`Cleaner.clean` on as many documents as you like, from any thread or process.
"""

from __future__ import annotations

from .batch import clean_many
from .engine import Cleaner
from .errors import CleanerError, InputError, RuleError, RuleTimeoutError, UsageError
from .model import Block, Decision, Result
from .settings import Settings
from .version import __version__

__all__ = [
    "Block",
    "Cleaner",
    "CleanerError",
    "Decision",
    "InputError",
    "Result",
    "RuleError",
    "RuleTimeoutError",
    "Settings",
    "UsageError",
    "__version__",
    "clean_many",
]
