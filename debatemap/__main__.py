"""`python -m debatemap`: the same entry point as the `debatemap` command."""

import sys

from debatemap.cli import main

sys.exit(main())
