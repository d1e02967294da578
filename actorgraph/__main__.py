"""``python -m actorgraph``."""

import sys

from actorgraph.cli.main import main

sys.exit(main())
