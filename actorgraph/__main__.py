"""``python -m actorgraph``."""

from actorgraph.cli.main import entry

entry()
