"""``python -m actorgraph.cli``."""

import sys

from actorgraph.cli.main import main

sys.exit(main())
