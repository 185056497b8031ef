"""Analysis: what the claims and the sources say, computed (figures, conflicts, coverage).

``figures`` finds and reads figures in text, ``wording`` compares texts word
by word, ``conflicts`` finds where claims disagree (as sets of variants),
``resolutions`` matches resolutions to those sets, ``compare`` lays one list
or property out source by source, ``coverage`` finds which figures of the
sources no claim covers, ``meaning`` computes the canonical form and
fingerprint of what a claim asserts.
May import ``dataset``, ``read`` and the base modules, never ``checks`` or
anything above.
"""

__all__: list[str] = []
