"""Output: the dataset and findings written for other tools and people.

``interchange`` is the JSON contract (and YAML), ``csv``, ``jsonld`` and
``jsonschema`` the other exports, ``render`` writes findings as text, JSON,
GitHub annotations or SARIF, ``compare`` writes a comparison of sources
(text, Markdown, JSON), ``paths`` names the pages a claim, source or
entity is published at, ``site`` builds the static site (its pages in
``site_*``, overlapping quotes cut into flat pieces by ``highlight``).
May import ``citing``, ``checks``, ``analysis``, ``dataset``, ``read`` and
the base modules, never ``cli``.
"""

__all__: list[str] = []
