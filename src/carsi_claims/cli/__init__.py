"""The command line, the top layer: ``carsi-claims`` and its commands.

``main`` builds the parser and runs a command; ``common`` holds what every
command shares (exit codes, arguments, loading); every other module is one
family of commands with an ``add_command(s)`` function that registers it.
Command modules import ``common`` and the layers below (citing, output,
checks, analysis, dataset, read, base), never each other or ``main``.
"""

from carsi_claims._gc import paused

with paused():  # building the command modules frees nothing: no collection meanwhile
    from carsi_claims.cli.main import main, run

__all__ = ["main", "run"]
