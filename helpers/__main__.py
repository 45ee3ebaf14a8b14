"""``python -m helpers run|html|build|lab``: the command line lives in :mod:`helpers.publish.cli`."""

import sys

from helpers.publish.cli import _entry

sys.exit(_entry())
