"""`python -m claimgraph`: the `claimgraph` command."""

import sys

from claimgraph.app.cli import main

sys.exit(main())
