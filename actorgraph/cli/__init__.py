"""The ``actorgraph`` command line: one module per command group."""

from actorgraph.cli.main import main

__all__ = ["main"]
