"""Citing: what other projects rely on: citations, the lock of published ids, reference checks.

``cite`` builds a citation of a claim, ``lock`` keeps ``claims.lock`` up to
date, ``pins`` writes resolutions' pins into the claims file, ``diff`` compares
two versions of a claims file, ``refs`` checks ``carsi:<id>`` references in
other files. May import
``checks``, ``analysis``, ``dataset``, ``read`` and the base modules, never
``output`` or ``cli``.
"""

__all__: list[str] = []
