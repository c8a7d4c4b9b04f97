"""``python -m simkit`` runs the CLI."""

import sys

from simkit.cli import main

sys.exit(main())
