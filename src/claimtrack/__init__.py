"""claimtrack: a claim-tracking knowledge base for news articles.

The Python API is usable on its own; the CLI is a thin layer over it.
"""

__version__ = "0.1.0"

from claimtrack.errors import ClaimtrackError, InputError, NotFound, SchemaError  # noqa: E402

__all__ = ["__version__", "ClaimtrackError", "InputError", "NotFound", "SchemaError"]
