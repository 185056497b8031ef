"""The checks: small functions, each yielding findings about a dataset.

``base`` defines what a check sees (``Context``) and how checks run;
``suite`` runs the default checks as :func:`validate`; every other module is
one family of checks. May import ``analysis``, ``dataset``, ``read`` and the
base modules, never ``citing``, ``output`` or ``cli``.
"""

__all__: list[str] = []
