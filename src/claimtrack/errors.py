"""Domain errors. The CLI maps each kind to a one-line message and an exit code in one place."""


class ClaimtrackError(Exception):
    """Base class: a problem the user can act on, reported as one line."""

    exit_code = 1


class InputError(ClaimtrackError):
    """A file that cannot be ingested: empty, binary, unreadable, too large, missing."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NotFound(ClaimtrackError):
    """An actor, source or claim the user named does not exist."""


class SchemaError(ClaimtrackError):
    """The database is not a claimtrack database, or was written by a newer claimtrack."""


class UsageError(ClaimtrackError):
    """Options that do not fit together (exit code 2, like a usage error)."""

    exit_code = 2


class StorageError(ClaimtrackError):
    """The database cannot take or give data (read-only, disk full, locked, corrupt): it would fail the
    same way for every further file, so a run stops at the first one."""
