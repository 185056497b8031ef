"""Reading: the strict YAML loader, structuring, the seed files and the lock file.

Turns files into records: ``strict_yaml`` reads YAML with a position for every
node, ``structure`` turns the tree into model records, ``seeds`` reads the
pinned source documents, ``lockfile`` reads ``claims.lock``. May import only
the base modules (``model``, ``findings``, ``errors``, ``text`` and the private
``_*`` helpers) and third-party libraries.
"""

__all__: list[str] = []
