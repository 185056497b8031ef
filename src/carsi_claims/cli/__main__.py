"""``python -m carsi_claims.cli``: the ``carsi-claims`` command."""

import sys

from carsi_claims.cli.main import main

sys.exit(main())
