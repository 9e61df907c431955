"""Run ``python -m ftrack_api.cli``."""

import sys

from ftrack_api.cli import main

sys.exit(main())
