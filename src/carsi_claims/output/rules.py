"""The finding codes, each with what it means and how to fix it (SARIF rules, docs/rules.md).

Every code that the loader, a check or a command can report is listed in
:data:`RULES`.  SARIF logs carry each as a rule (``shortDescription``,
``fullDescription``, ``help`` and a ``helpUri`` into ``docs/rules.md``);
``docs/rules.md`` is generated from this table by :func:`rules_markdown`
(``uv run python -m carsi_claims.output.rules > docs/rules.md``).  Tests fail
when the file is out of date and when a code that the package can produce is
missing here.
"""

from __future__ import annotations

from typing import Final

import attrs

from carsi_claims._records import Record
from carsi_claims.findings import Severity
from carsi_claims.output.paths import REPOSITORY_URL

__all__ = ["DOCS_URL", "RULES", "Rule", "help_uri", "rule", "rules_markdown"]

#: Where ``docs/rules.md`` is published; a rule's ``helpUri`` is this plus ``#`` and its code.
DOCS_URL: Final = f"{REPOSITORY_URL}/blob/main/docs/rules.md"


@attrs.frozen(repr=False, eq=False)
class Rule(Record):
    """A finding code: one line, the full description, how to fix it, its usual severity."""

    short: str
    full: str
    fix: str
    severity: Severity = Severity.ERROR


def _r(short: str, full: str, fix: str, severity: Severity = Severity.ERROR) -> Rule:
    return Rule(short, full, fix, severity)


#: Every finding code, grouped by what reports it, in the order of docs/rules.md.
RULES: Final[dict[str, Rule]] = {
    # -- reading the claims file -------------------------------------------------
    "file.unreadable": _r(
        "The claims file cannot be read.",
        "The claims file named on the command line (or the shipped one) does not exist, is "
        "not a regular file, or cannot be opened. Nothing else is checked.",
        "Check the path and its permissions; run the command from the folder the path is "
        "relative to.",
    ),
    "yaml.encoding": _r(
        "The claims file is not UTF-8 text.",
        "A byte of the claims file is not valid UTF-8; the finding points at the first such "
        "byte (line and column in code points).",
        "Save the file as UTF-8 (without a byte-order mark, or with one: both are read).",
    ),
    "yaml.control-character": _r(
        "The claims file holds a control character.",
        "A control character (such as NUL, ESC or a C1 control) that YAML does not allow, or "
        "that would be invisible in a quote, stands in the file.",
        "Delete the character, or write it as an escape (\\u0007) inside a double-quoted string.",
    ),
    "yaml.syntax": _r(
        "The claims file is not valid YAML.",
        "The YAML parser stopped at this place: an unclosed quote, bad indentation, a tab used "
        "for indentation, or a similar mistake.",
        "Fix the YAML at the line and column shown; the message says what was expected.",
    ),
    "yaml.empty": _r(
        "The claims file is empty.",
        "The file holds no YAML document, so there are no sources, entities or claims.",
        "Write the top-level mapping with at least the required sections.",
    ),
    "yaml.not-a-mapping": _r(
        "The top level of the claims file is not a mapping.",
        "The claims file must be a mapping of sections (sources, entities, claims, "
        "resolutions, coverage_ignores); it is a list, a string or null.",
        "Start the file with `sources:` and the other sections as keys.",
    ),
    "yaml.multiple-documents": _r(
        "The claims file holds more than one YAML document.",
        "A `---` line starts a second document; the claims file is read as one document.",
        "Remove the second `---` and merge the documents.",
    ),
    "yaml.duplicate-key": _r(
        "A key appears twice in one mapping.",
        "YAML parsers would silently keep only the last value of a duplicated key; the strict "
        "loader refuses it so that no data is dropped.",
        "Remove one of the two keys, or merge their values.",
    ),
    "yaml.non-scalar-key": _r(
        "A mapping key is a list or a mapping.",
        "Keys of the claims file are plain words; a key written as a list or mapping "
        "(`? [a, b]`) cannot name a field.",
        "Write the key as a plain word.",
    ),
    "yaml.anchor": _r(
        "An anchor (&name) is used.",
        "Anchors and aliases let one value stand in several places, which hides what a record "
        "says; the claims file spells every value out.",
        "Remove the anchor and write the value where it is used.",
    ),
    "yaml.alias": _r(
        "An alias (*name) is used.",
        "Aliases repeat an anchored value elsewhere; the claims file spells every value out.",
        "Replace the alias with the value itself.",
    ),
    "yaml.tag": _r(
        "A YAML tag (!!str, !custom) is used.",
        "Tags change how a value is read; the claims file is read by its schema alone.",
        "Remove the tag; quote the value if it must be read as text.",
    ),
    "yaml.too-deep": _r(
        "The claims file nests too deeply.",
        "Mappings and lists nest deeper than any record of the schema can, which is refused "
        "before it exhausts the reader.",
        "Flatten the structure to the shape of the schema.",
    ),
    # -- the schema -----------------------------------------------------------------
    "schema.unknown-key": _r(
        "A key the schema does not know.",
        "A record holds a key that is not a field of its kind (often a typo such as "
        "`ammount`); it is refused so that a misspelt field never silently drops data.",
        "Correct the key; the message lists the known keys and the closest one.",
    ),
    "schema.missing-key": _r(
        "A required key is missing.",
        "A record (or the file's top level) lacks a key that its kind requires.",
        "Add the key named in the message.",
    ),
    "schema.type": _r(
        "A value has the wrong type.",
        "A value cannot be read as the type its field requires: text where a number is "
        "expected, a list where text is expected, or a number in a form the loader refuses "
        "(exponents such as 1e6, a sign or a fraction in a whole number).",
        "Write the value in the form the message names.",
    ),
    "schema.enum": _r(
        "A value is not one of the allowed words.",
        "A field such as `kind`, `bound` or `status` takes one of a fixed set of words.",
        "Use one of the words the message lists.",
    ),
    "schema.date": _r(
        "A date is not written as an ISO date.",
        "Dates are written YYYY, YYYY-MM or YYYY-MM-DD, quoted, and must be real calendar dates.",
        "Write the date as '2011-03-14' (in quotes).",
    ),
    # -- records ---------------------------------------------------------------------
    "record.range": _r(
        "A value is out of its range.",
        "A number lies outside what its field allows: a negative or non-finite amount, a "
        "percentage outside 0..100, a negative count or tolerance, a list ordinal below 1, "
        "offsets other than 0 <= start <= end, or a fiscal-year span that starts after it ends.",
        "Correct the value; the message names the range.",
    ),
    "record.currency": _r(
        "A currency is not an ISO 4217 code.",
        "Money values carry an ISO 4217 alphabetic currency code (USD, EUR, ...).",
        "Use the three-letter ISO 4217 code of the currency.",
    ),
    "record.sha256": _r(
        "A source's sha256 is not 64 lowercase hex digits.",
        "A source is pinned by the sha256 of its file's bytes, written as 64 lowercase "
        "hexadecimal digits.",
        "Write the file's hash as `sha256sum` prints it.",
    ),
    "record.date": _r(
        "A date is not a real calendar date.",
        "A date names a month or day that does not exist (2011-02-30), or a day without a month.",
        "Correct the date.",
    ),
    "record.kind-mismatch": _r(
        "A claim's value does not fit its kind.",
        "The fields of `value` are those of another kind of claim (a money value on a count "
        "claim, say).",
        "Correct `kind`, or write the value with the fields of that kind.",
    ),
    "record.empty": _r(
        "A text or quote is empty.",
        "A quote, statement or quotation text holds nothing; an empty quote cannot be "
        "verified against a source.",
        "Write the text, or remove the record.",
    ),
    "record.no-provenance": _r(
        "A claim has no provenance.",
        "Every claim needs at least one provenance entry (source, quote, start, end) that "
        "shows where a source makes it.",
        "Add the quote from the source with its offsets.",
    ),
    "record.status": _r(
        "A retracted claim is incomplete, or a claim supersedes itself.",
        "A retracted claim needs a reason; `superseded_by` names another, active claim.",
        "Add `reason`, or correct `superseded_by`.",
    ),
    "record.resolution": _r(
        "A resolution is malformed.",
        "A resolution names at least two different claims, and its `preferred` claim is one "
        "of them.",
        "List every claim of the conflict it resolves; correct `preferred`.",
    ),
    "record.evidence": _r(
        "A resolution's evidence names nothing.",
        "Evidence points at a claim of the dataset, or at an outside document by at least its "
        "title.",
        "Give `claim`, or the outside document's `title` (and what else is known of it).",
    ),
    # -- ids and the lock --------------------------------------------------------------
    "id.malformed": _r(
        "An id is not well formed.",
        "Ids are lowercase ASCII letters and digits joined by single '-', '.' or '_', at most "
        "80 characters, so that they can be cited as carsi:<id>.",
        "Rename the record with a well-formed id (a published claim id must not change: add a "
        "new claim and retract the old one).",
    ),
    "id.duplicate": _r(
        "Two records share an id.",
        "Ids name one record each; the message says where the first one stands.",
        "Give one of the records another id.",
    ),
    "id.lock-missing": _r(
        "A published claim id has disappeared.",
        "claims.lock lists every published claim id; one of them is no longer in the dataset. "
        "A published id never disappears, because other projects cite it.",
        "Restore the claim; to withdraw it, set `status: retracted` with a `reason` and, where "
        "there is one, `superseded_by`.",
    ),
    "lock.unreadable": _r(
        "claims.lock cannot be read.",
        "The lock file beside the claims file exists but cannot be read, or is not UTF-8.",
        "Check the file's permissions and encoding; `carsi-claims lock` rewrites it.",
    ),
    "lock.malformed": _r(
        "A line of claims.lock is not a claim id.",
        "claims.lock holds one claim id per line after comment lines starting with '#'.",
        "Correct or remove the line.",
    ),
    "lock.duplicate": _r(
        "A claim id is listed twice in claims.lock.",
        "Each published id is listed once; the message says where it was first listed.",
        "Remove the second line (`carsi-claims lock` writes a clean file).",
        Severity.WARNING,
    ),
    # -- references --------------------------------------------------------------------
    "ref.unknown-source": _r(
        "A record names a source that does not exist.",
        "A quote's `source` or a coverage ignore's `source` is not the id of any source of the "
        "dataset; the message suggests the closest id.",
        "Correct the id, or add the source.",
    ),
    "ref.unknown-entity": _r(
        "A claim names an entity that does not exist.",
        "A claim's `subject` or a quotation's `speaker` is not the id of any entity (or, for "
        "a subject, source) of the dataset.",
        "Correct the id, or add the entity.",
    ),
    "ref.unknown-claim": _r(
        "A record names a claim that does not exist.",
        "`superseded_by`, a resolution's `claims` or `preferred`, or an evidence's `claim` "
        "names an id that is not a claim of the dataset.",
        "Correct the id.",
    ),
    "ref.unknown-list": _r(
        "A count names a list that has no items.",
        "A count's `list` is not the list of any list_item claim.",
        "Correct the list id, or add the list's items.",
    ),
    "resolution.kind-mismatch": _r(
        "A resolution's kind does not fit the conflict it resolves.",
        "A resolution's `kind` must say what the variants' difference is: "
        "`misattribution` only for a misattribution; `wording_variant` and "
        "`wording_revised` only for differences of wording, and `wording_variant` only "
        "where the variants share every content word (they differ in typography, "
        "punctuation or function words); `different_as_of` only where the variants' times "
        "differ; `different_scope` only where their scopes differ. `source_error` and "
        "`undetermined` fit any conflict.",
        "Choose the kind that fits the variants (`wording_revised`, `source_error`, "
        "`undetermined`, ...), as the evidence shows, and say why in the rationale.",
    ),
    "resolution.stale": _r(
        "A resolution resolves nothing.",
        "A resolution must match a conflict among its claims; this one matches none (the "
        "claims changed, or it does not name every claim of the conflict).",
        "Remove the resolution, or name every claim of the conflict it is for.",
    ),
    # -- provenance ---------------------------------------------------------------------
    "seeds.unreadable": _r(
        "The seeds folder cannot be read.",
        "The seeds folder (beside the claims file's folder, or --seeds) does not exist, is not "
        "a folder, or cannot be listed. One finding for the folder; the checks that read "
        "sources are skipped, and the command exits 2.",
        "Pass the folder of the source documents with --seeds DIR.",
    ),
    "provenance.path": _r(
        "A source path is not a plain relative path.",
        "A source's `path` is a relative path inside the seeds folder, written with '/'.",
        "Write the path relative to the seeds folder.",
    ),
    "provenance.path-escapes": _r(
        "A source path leads outside the seeds folder.",
        "A source's path is absolute, holds '..', or reaches outside the seeds folder through "
        "a symbolic link; only files inside the seeds folder are verified.",
        "Copy the document into the seeds folder and point at it there.",
    ),
    "provenance.missing-file": _r(
        "A source file is missing from the seeds folder.",
        "No file stands at the source's path in the seeds folder, so none of its quotes can "
        "be verified.",
        "Add the document to the seeds folder, or correct `path` (or pass --seeds).",
    ),
    "provenance.unreadable": _r(
        "A source file cannot be read.",
        "The source file exists but cannot be read (permissions, not a regular file such as a "
        "FIFO or a device, or larger than 64 MiB).",
        "Check the file's permissions.",
    ),
    "provenance.not-utf8": _r(
        "A source file is not UTF-8 text.",
        "The source file's bytes do not decode as UTF-8, so its text and the offsets into it "
        "are undefined; none of its quotes is verified.",
        "Convert the document to UTF-8 (and pin its new sha256), or restore the pinned file.",
    ),
    "provenance.hash-mismatch": _r(
        "A source file does not match its pinned sha256.",
        "The bytes of the source file changed since the dataset pinned them; no quote from it "
        "is verified until the change is reviewed.",
        "Restore the pinned document, or review every quote against the new text and update "
        "`sha256`.",
    ),
    "provenance.source-changed": _r(
        "A quote's source no longer matches its pinned sha256.",
        "The claim quotes a source whose file changed (see provenance.hash-mismatch at the "
        "source); the quote must be re-verified.",
        "Re-verify the quote and its offsets against the new text.",
    ),
    "provenance.unverified": _r(
        "A quote cannot be verified.",
        "The claim's source file cannot be read, so its quote is not checked. A consequence "
        "of the error reported at the source, not a second error.",
        "Fix the source file (see the finding at the source).",
        Severity.INFO,
    ),
    "provenance.quote-mismatch": _r(
        "A quote is not at its offsets in the source.",
        "text[start:end] of the decoded source differs from the quote; when the quote stands "
        "elsewhere, the message gives the right offsets.",
        "Copy the quote verbatim from the source and set `start` and `end` to the offsets "
        "given (code points, end exclusive).",
    ),
    "value.mismatch": _r(
        "A claim's value is not what its quote says.",
        "The typed value (amount, percentage, count, date, fiscal years, quoted text) differs "
        "from what the quoted text states: '$260 million' is 260000000 USD, 'up to 95%' is 95 "
        "with bound up_to.",
        "Correct the value, or quote the text that states it.",
    ),
    # -- conflicts -----------------------------------------------------------------------
    "conflict.value": _r(
        "Claims that answer one question give different values.",
        "Claims with the same subject, property, time and scope state values that do not meet "
        "(numbers as intervals, with their bounds).",
        "If they differ on purpose (another date, another scope, a source error), add a "
        "resolution naming the claims with a rationale; otherwise correct the claim.",
    ),
    "conflict.cumulative": _r(
        "Cumulative figures contradict each other.",
        "A cumulative figure is smaller than an earlier one, or two cumulative amounts as of "
        "the same date differ.",
        "Check the dates and the scope; add a resolution with a rationale where they differ "
        "on purpose.",
    ),
    "conflict.currency": _r(
        "Claims that answer one question use different currencies.",
        "The amounts cannot be compared without an exchange rate, which the dataset does not "
        "assume (a warning).",
        "Add a resolution saying how the figures relate.",
        Severity.WARNING,
    ),
    "conflict.wording": _r(
        "Sources word the same statement differently.",
        "Texts that answer one question differ beyond typography (words added, dropped or "
        "changed).",
        "Add a resolution of kind wording_variant or wording_revised with a rationale.",
    ),
    "conflict.typography": _r(
        "Sources differ in typography only.",
        "Texts that answer one question differ only in quotes, dashes, spacing or case (for "
        "information).",
        "Nothing to fix; add a wording_variant resolution to record it.",
        Severity.INFO,
    ),
    "conflict.misattribution": _r(
        "The same words are attributed to different speakers.",
        "Quotations with the same text name different speakers (after resolving name "
        "variants through entity aliases).",
        "Add a misattribution resolution saying which attribution is right, with evidence.",
    ),
    "conflict.count-list": _r(
        "A count disagrees with the length of the list it counts.",
        "A count claim that names a list gives a number other than the number of that list's "
        "items in a source.",
        "Correct the count or the list items, or add a resolution with a rationale.",
    ),
    # -- coverage ------------------------------------------------------------------------
    "coverage.uncovered": _r(
        "A figure in a source is covered by no claim.",
        "A figure the source mentions (money, a percentage, a count, a date, fiscal years, a "
        "quotation) lies inside no claim's quoted span and no coverage ignore.",
        "Add a claim quoting it, or a coverage_ignores entry with the reason it is not a claim.",
    ),
    "coverage.stale-ignore": _r(
        "A coverage ignore ignores nothing.",
        "A coverage_ignores entry's quote does not occur in its source, holds no figure, or "
        "holds only figures that claims cover anyway.",
        "Remove the entry, or correct its quote.",
    ),
    # -- meaning, corrections and curation -------------------------------------------
    "record.inference": _r(
        "A qualifier is listed as inferred twice.",
        "A claim's `inferred` list names each qualifier the curator inferred once.",
        "Remove the repeated entry.",
    ),
    "record.iso3166": _r(
        "A country code is not ISO 3166-1 alpha-2.",
        "An entity's `iso3166` is a two-letter ISO 3166-1 alpha-2 code such as MX.",
        "Write the country's two-letter code.",
    ),
    "record.relation": _r(
        "A source is related to itself.",
        "A source relation (version, reprint, companion) names another source, never the "
        "source itself.",
        "Name the other source, or remove the relation.",
    ),
    "id.meaning-changed": _r(
        "A published claim's meaning changed.",
        "claims.lock pins the meaning fingerprint of every published claim; this claim now "
        "asserts something else (value, qualifiers, voice, quotes or their sources). A "
        "published id never changes meaning.",
        "Restore the claim, or add a new claim with a new id and retract this one; a genuine "
        "correction is recorded with a reason (see the README on corrections).",
    ),
    "lock.corrupt": _r(
        "claims.lock was edited by hand.",
        "The canonical form recorded for a claim does not hash to its fingerprint.",
        "Restore claims.lock from version control and run `carsi-claims lock`.",
    ),
    "lock.format-1": _r(
        "claims.lock is in format 1 (ids only).",
        "A format-1 lock lists published ids but does not pin their meaning.",
        "Run `carsi-claims lock` to migrate it to format 2 (every id stays).",
        Severity.WARNING,
    ),
    "lock.outdated": _r(
        "A correction is not recorded in claims.lock yet.",
        "A claim carries a correction that the lock does not record.",
        "Run `carsi-claims lock`.",
    ),
    "lock.version": _r(
        "claims.lock is in a format this version cannot read.",
        "The lock was written by a newer carsi-claims.",
        "Upgrade carsi-claims.",
    ),
    "correction.malformed": _r(
        "A correction is malformed.",
        "A correction records the old and new meaning fingerprints of a claim with a reason; "
        "one of them is missing or not well formed.",
        "Correct the entry as the message says.",
    ),
    "correction.unknown-claim": _r(
        "A correction names no claim.",
        "A correction names a claim id that is not in the dataset.",
        "Correct the id, or remove the correction.",
    ),
    "correction.stale": _r(
        "A correction matches neither the lock nor the claim.",
        "A correction's old fingerprint is the one the lock pins and its new one the claim's "
        "current fingerprint; this one matches neither.",
        "Update the correction's fingerprints (the message gives them), or remove it.",
    ),
    "correction.lock-missing": _r(
        "A recorded correction has disappeared.",
        "claims.lock records a correction of a claim that the claims file no longer carries; a "
        "recorded correction never disappears.",
        "Restore the correction in the claims file.",
    ),
    "resolution.unpinned": _r(
        "A resolution pins no fingerprints.",
        "Once claims are published, a resolution records the meaning fingerprints of the "
        "claims it was reviewed for, so that a change of meaning makes it stale.",
        "Review the resolution, then run `carsi-claims pin --resolution ID`.",
    ),
    "curation.source-kind": _r(
        "A source kind is not one of the known kinds.",
        "A source's `kind` says only what the document shows (fact-sheet when it calls itself "
        "one).",
        "Use one of the kinds the message lists.",
        Severity.WARNING,
    ),
    "curation.duplicate-relation": _r(
        "A source relation is recorded twice.",
        "Each relation between two sources is recorded once (a companion relation once per pair).",
        "Remove the repeated relation.",
    ),
    "curation.entity-type": _r(
        "An entity has no type.",
        "Every entity says what it is (person, organization, country, programme, ...).",
        "Give the entity one of the types the message lists.",
        Severity.WARNING,
    ),
    "curation.iso3166": _r(
        "A country has no ISO 3166-1 code.",
        "An entity of type country carries its ISO 3166-1 alpha-2 code.",
        "Add `iso3166` with the country's two-letter code.",
        Severity.WARNING,
    ),
    "curation.redundant-mention": _r(
        "A mention is redundant.",
        "A claim's `mentions` lists entities its quote names besides its subject, voice and "
        "speaker; this one is one of those already.",
        "Leave the mention out.",
        Severity.WARNING,
    ),
    "curation.unlinked-mention": _r(
        "The quote names an entity that is not in mentions.",
        "A claim lists in `mentions` the entities its quote names (by name or alias).",
        "Add the entity to `mentions`, as the message shows.",
        Severity.WARNING,
    ),
    "curation.id-prefix": _r(
        "A claim id does not start with its subject's id.",
        "New claim ids start with the id of their subject, so that ids group by what they are "
        "about.",
        "Choose an id that starts with the subject's id (never rename a published one).",
        Severity.WARNING,
    ),
    "curation.voice": _r(
        "A quotation sets a voice.",
        "A quotation's voice is its speaker; `voice` is for other claims made in someone's words.",
        "Leave `voice` out.",
    ),
    "curation.inference-dateline": _r(
        "An as-of date inferred from the dateline does not fit it.",
        "An as_of qualifier inferred from the source's dateline must be that date, and the "
        "source must have one.",
        "Correct the date, or say what it is inferred from.",
    ),
    "curation.precision": _r(
        "A figure's precision differs from the one stated.",
        "A number's precision is the unit it is stated to ('$260 million' is to the million); "
        "the claim's precision must be that unit (a warning when it is not given).",
        "Set `precision` to the unit the message names.",
    ),
    "curation.derived": _r(
        "Only a count of a list may be derived.",
        "A derived value is one the curator computed; only a count of a list's items may be, "
        "every other value is what its quote states.",
        "Remove `derived`, or make the claim a count of a list.",
    ),
    "curation.duplicate-span": _r(
        "A statement restates a span another claim quotes.",
        "A span of a source is captured once; a statement quoting, whole, the span of another "
        "claim duplicates it.",
        "Remove the statement, or quote a different span.",
    ),
    "curation.heading-line": _r(
        "A heading claim does not quote its whole line.",
        "A heading claim quotes the heading's whole line, nothing before or after.",
        "Quote the whole line of the heading.",
    ),
    "curation.heading-missing": _r(
        "A section heading is not captured.",
        "Every section heading of a source is captured by a claim with `heading: true` that "
        "quotes it.",
        "Add a heading claim quoting it.",
    ),
    "curation.title": _r(
        "A source's title differs from its level-1 heading.",
        "The level-1 heading of a document is its title; the source's `title` must say it.",
        "Set the source's title to the heading's words.",
    ),
    # -- check-refs ----------------------------------------------------------------------
    "refs.unknown": _r(
        "A reference names no claim.",
        "A carsi:<id> reference names an id that is not in the dataset; the message suggests "
        "the closest id.",
        "Correct the id.",
    ),
    "refs.retracted": _r(
        "A reference names a retracted claim.",
        "The claim is retracted; the message names the claim that supersedes it, if any.",
        "Cite the successor, or remove the reference.",
    ),
    "refs.malformed": _r(
        "A carsi: reference is not well formed.",
        "carsi: is followed by text that is not a claim id (uppercase or non-ASCII letters, "
        "for instance).",
        "Write the id in lowercase ASCII letters and digits joined by '-', '.' or '_'.",
    ),
    "refs.unreadable": _r(
        "A path given to check-refs cannot be read.",
        "The path does not exist, is not a file or folder, or cannot be opened.",
        "Check the path and its permissions.",
    ),
    "refs.binary": _r(
        "A binary file was skipped.",
        "The file holds NUL bytes, so it is not text and was not scanned (for information).",
        "Nothing to fix; leave binary files out of the paths to silence it.",
        Severity.INFO,
    ),
    "refs.skipped": _r(
        "A file found in a folder was skipped.",
        "A file the folder walk found is not a regular file (a FIFO, a device, a socket: info) "
        "or is larger than 64 MiB (warning), so it was not read.",
        "Nothing to do for a pipe or device; split or exclude a file that large.",
        Severity.INFO,
    ),
    "refs.undecodable": _r(
        "A file that is not UTF-8 was skipped.",
        "The file is not UTF-8 text, so it was not scanned; the finding points at the first "
        "byte that is not UTF-8.",
        "Convert the file to UTF-8 to have it checked.",
        Severity.WARNING,
    ),
}


def rule(code: str) -> Rule:
    """The rule of a code; a code missing from :data:`RULES` gets a generic description."""
    found = RULES.get(code)
    if found is not None:
        return found
    return Rule(
        f"carsi-claims finding {code}.",
        f"A finding with the code {code}; the message says what was found.",
        "Read the message: it says what was expected and what was found.",
    )


def help_uri(code: str) -> str:
    """The address of a code's entry in ``docs/rules.md``."""
    return f"{DOCS_URL}#{code}"


def rules_markdown() -> str:
    """``docs/rules.md``: every finding code with its meaning and fix, an anchor per code."""
    lines = [
        "# Finding codes",
        "",
        "<!-- Generated by `uv run python -m carsi_claims.output.rules > docs/rules.md`;"
        " do not edit by hand. -->",
        "",
        "Every finding that `carsi-claims validate`, `coverage` and `check-refs` report has one "
        "of these codes. The severity is the usual one; the message of each finding says what "
        "was expected, what was found and where.",
        "",
        "| code | severity | what it means |",
        "|---|---|---|",
    ]
    lines += [
        f"| [`{code}`](#{code}) | {r.severity.value} | {r.short} |" for code, r in RULES.items()
    ]
    for code, r in RULES.items():
        lines += [
            "",
            f'<a id="{code}"></a>',
            "",
            f"## `{code}`",
            "",
            f"**{r.short}** (severity: {r.severity.value})",
            "",
            r.full,
            "",
            f"How to fix it: {r.fix}",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - the generator of docs/rules.md
    import sys

    sys.stdout.write(rules_markdown())
