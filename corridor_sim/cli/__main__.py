"""``python -m corridor_sim.cli``: the same as ``corridor-sim``."""

import sys

from corridor_sim.cli.main import main

sys.exit(main())
