"""carsi-claims: typed, source-pinned claims about CARSI, with validators."""
