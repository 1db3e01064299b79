"""Coded errors: every failure onrecord reports to a user is an ``OnrecordError`` with a
stable ``code`` and a message naming the problem.  The CLI prints the message
(``onrecord: error: …``, exit status 2); the web API answers the code in its one error
shape.  Nothing tells one kind of error from another by reading its message."""

from __future__ import annotations


class OnrecordError(Exception):
    """A failure a user can act on; ``code`` is stable, the message may be reworded."""

    code = "error"
    status = 500  # the HTTP status the web API answers it with


class InputError(OnrecordError, ValueError):
    """Input that cannot be read as an article; the message names the source and the problem."""

    code = "invalid_input"  # one code for every kind of bad input; the subclasses tell them apart
    status = 422


class BadArgument(InputError, TypeError):
    """A Python API argument of the wrong type (bytes or None for the text, an int for the date)."""


class TooLarge(InputError):
    """An article or record past its size limit (``settings``)."""


class BadDate(InputError):
    """A publication date that is not a date in the form YYYY-MM-DD."""


class Undecodable(InputError):
    """Bytes that are not UTF-8 text (binary data, an invalid byte)."""


class AliasError(OnrecordError, ValueError):
    """An alias file that cannot be read; the message names the file and line."""

    code = "invalid_aliases"
    status = 422


class StoreError(OnrecordError, RuntimeError):
    """A quote store that cannot be opened or used; the message names it and the problem."""

    code = "store_unavailable"
    status = 503


class PipelineMissing(OnrecordError, RuntimeError):
    """No English spaCy pipeline is installed."""

    code = "pipeline_missing"
    status = 503


class MissingData(OnrecordError, FileNotFoundError):
    """An annotated corpus or annotation file that is not where it was asked for."""

    code = "missing_data"
    status = 404
