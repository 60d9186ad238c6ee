"""The exception tree and the exit codes the CLI maps them to.

Every user error derives from :class:`KGError`; the CLI prints its message on
one line (``kg: error: …``) and exits with its ``exit_code`` — never a traceback.

Exit codes (documented in README):

== =========================================================
0  success
1  a ``--min-f1`` bound was missed (``kg eval``), or shapes not satisfied (``kg validate``)
2  usage error (bad arguments; argparse's own code)
3  input error: missing, empty, binary or undecodable input
4  output error: output path unwritable, invalid, or would overwrite an input
5  query error: malformed SPARQL, or an update refused
6  gold-file error: malformed annotation file
7  strict build: a file was skipped under ``--strict``
== =========================================================
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error the user can cause."""

    exit_code = 1


class UsageError(KGError):
    """An option asks for something that needs another to be explicit (e.g. --host beyond loopback)."""

    exit_code = 2


class InputError(KGError):
    """An input path is missing, empty, binary or cannot be decoded."""

    exit_code = 3


class OutputError(KGError):
    """An output path cannot be written (or would overwrite an input)."""

    exit_code = 4


class QueryError(KGError):
    """A SPARQL query is malformed or is not read-only."""

    exit_code = 5


class GoldError(KGError):
    """A gold annotation file is malformed."""

    exit_code = 6


class StrictError(KGError):
    """``--strict`` turned a skipped file into a failure."""

    exit_code = 7


class PipelineError(KGError):
    """A pipeline stage returned something of the wrong kind (names the stage)."""

    exit_code = 1
