"""``python -m corridor_sim``: the same as ``corridor-sim``."""

import sys

from corridor_sim.cli.main import main

sys.exit(main())
