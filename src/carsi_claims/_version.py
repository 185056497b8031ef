"""The version of the package and its dataset (see CHANGELOG.md, Versioning policy)."""

__version__ = "0.2.0"
