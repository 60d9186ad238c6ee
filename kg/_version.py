"""The package version, in a module of its own so that :mod:`kg.api` and :mod:`kg.cli` read it without importing
``kg``'s ``__init__``."""

__version__ = "0.1.0"
