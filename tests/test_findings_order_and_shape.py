"""Findings and reports: their rendered line, their JSON keys, their order; the library's errors.

A finding's rendered line is what editors and CI parse (``file:line:col:
severity[code]: ...``), its JSON keys are what tools read, and a report's order
is the order a user fixes things in.  The exceptions are caught by their
builtin classes as well as by the library's root.
"""

from __future__ import annotations

import json

import pytest

from carsi_claims.errors import (
    CarsiClaimsError,
    LoadError,
    RetractedClaimWarning,
    UnknownClaimError,
    check_type,
)
from carsi_claims.findings import Finding, Location, Report, Severity, decode_error_location


def test_severity_values() -> None:
    """The three severities, as written in JSON and in rendered lines."""
    assert [s.value for s in Severity] == ["error", "warning", "info"]


def test_location_renders_and_orders_as_file_line_column() -> None:
    """A location prints as ``file:line:col`` and sorts by file, then line, then column."""
    assert str(Location("a.yaml", 3, 14)) == "a.yaml:3:14"
    assert sorted(
        [Location("b", 1, 1), Location("a", 2, 1), Location("a", 1, 9), Location("a", 1, 2)]
    ) == [Location("a", 1, 2), Location("a", 1, 9), Location("a", 2, 1), Location("b", 1, 1)]


@pytest.mark.parametrize(
    ("finding", "line"),
    [
        (
            Finding("x.y", Severity.ERROR, "bad", "carsi.a", Location("f.yaml", 2, 5)),
            "f.yaml:2:5: error[x.y]: claim carsi.a: bad",
        ),
        (Finding("x.y", Severity.WARNING, "bad"), "warning[x.y]: bad"),
        (Finding("x.y", Severity.INFO, "bad", claim="c"), "info[x.y]: claim c: bad"),
        (
            Finding("x.y", Severity.ERROR, "a\x1b[2Jb\u2028c", location=Location("f", 1, 1)),
            "f:1:1: error[x.y]: a\\u001b[2Jb\\u2028c",
        ),
    ],
)
def test_render_is_one_line_for_a_terminal(finding: Finding, line: str) -> None:
    """Location and claim only when known; what a terminal would not show is escaped."""
    assert finding.render() == line


def test_to_dict_and_to_json_keys() -> None:
    """Every finding has the keys code, severity, message, claim and location."""
    located = Finding("x.y", Severity.WARNING, "m", "c", Location("f", 3, 4))
    assert located.to_dict() == {
        "code": "x.y",
        "severity": "warning",
        "message": "m",
        "claim": "c",
        "location": {"file": "f", "line": 3, "column": 4},
    }
    bare = Finding("x.y", Severity.ERROR, "m")
    assert bare.to_dict() == {
        "code": "x.y",
        "severity": "error",
        "message": "m",
        "claim": None,
        "location": None,
    }
    assert bare.to_json() == (
        '{\n  "code": "x.y",\n  "severity": "error",\n  "message": "m",\n  "claim": null,\n'
        '  "location": null\n}\n'
    )
    assert json.loads(located.to_json()) == located.to_dict()


def test_report_ok_errors_and_json() -> None:
    """A report is ok when it holds no error; warnings and infos do not fail it."""
    warning = Finding("w", Severity.WARNING, "m")
    info = Finding("i", Severity.INFO, "m")
    error = Finding("e", Severity.ERROR, "m")
    calm = Report.of([warning, info])
    assert (calm.ok, calm.errors) == (True, ())
    bad = Report.of([warning, error, info])
    assert (bad.ok, bad.errors) == (False, (error,))
    assert bad.to_dict() == {"ok": False, "findings": [f.to_dict() for f in bad.findings]}
    assert json.loads(bad.to_json()) == bad.to_dict()
    assert Report.of([]).to_dict() == {"ok": True, "findings": []}


def _f(
    code: str, file: str | None = None, line: int = 1, column: int = 1, msg: str = "m"
) -> Finding:
    loc = None if file is None else Location(file, line, column)
    return Finding(code, Severity.ERROR, msg, location=loc)


def test_report_order_places_unlocated_first_then_the_first_file_then_by_file() -> None:
    """Without a place first; then the claims file; then other files by name, line, column."""
    findings = [
        _f("a.b", "z.lock", 1, 1),
        _f("a.b", "claims.yaml", 2, 1),
        _f("a.b", "b.txt", 1, 1),
        _f("a.b", "claims.yaml", 1, 7),
        _f("a.b"),
        _f("a.b", "claims.yaml", 1, 3),
    ]
    ordered = Report.of(findings, first_file="claims.yaml").findings
    assert [
        (f.location and (f.location.file, f.location.line, f.location.column)) for f in ordered
    ] == [
        None,
        ("claims.yaml", 1, 3),
        ("claims.yaml", 1, 7),
        ("claims.yaml", 2, 1),
        ("b.txt", 1, 1),
        ("z.lock", 1, 1),
    ]
    by_name = Report.of(findings).findings
    assert [f.location.file for f in by_name if f.location] == [
        "b.txt",
        "claims.yaml",
        "claims.yaml",
        "claims.yaml",
        "z.lock",
    ]


@pytest.mark.parametrize("cause", ["file.missing", "yaml.syntax", "schema.type"])
def test_at_one_place_a_reading_problem_comes_first(cause: str) -> None:
    """At the same place a file., yaml. or schema. finding precedes the others."""
    other = _f("ids.format", "c.yaml", 4, 2)
    root = _f(cause, "c.yaml", 4, 2)
    assert Report.of([other, root]).findings == (root, other)
    unlocated = [_f("ids.format"), _f(cause)]
    assert Report.of(unlocated).findings == (unlocated[1], unlocated[0])


def test_at_one_place_findings_order_by_code_then_message() -> None:
    """Otherwise at one place: by code, then by message, so the order never depends on input."""
    fs = [
        _f("b.x", "c", 1, 1, "m2"),
        _f("b.x", "c", 1, 1, "m1"),
        _f("a.x", "c", 1, 1, "m9"),
    ]
    assert [(f.code, f.message) for f in Report.of(fs).findings] == [
        ("a.x", "m9"),
        ("b.x", "m1"),
        ("b.x", "m2"),
    ]
    assert [(f.code, f.message) for f in Report.of([fs[0], _f("a.x", msg="m")]).findings] == [
        ("a.x", "m"),
        ("b.x", "m2"),
    ]


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"\xff", 1, 1),
        (b"ab\xff", 1, 3),
        (b"a\nb\r\ncd\rx\xff", 4, 2),
        ("\u00e9\u2028\u00e9\xff".encode()[:-2] + b"\xff", 2, 2),
        ("a\x85bc".encode() + b"\xff", 2, 3),
        ("a\u2029".encode() + b"\xff", 2, 1),
        ("日本".encode() + b"\xfe", 1, 3),
    ],
)
def test_decode_error_location_counts_lines_and_code_points(
    data: bytes, line: int, column: int
) -> None:
    """The first bad byte's line (every YAML line break) and column (in code points)."""
    with pytest.raises(UnicodeDecodeError) as info:
        data.decode("utf-8")
    assert decode_error_location(data, info.value, "f") == Location("f", line, column)


# --- errors -----------------------------------------------------------------------------------


def test_load_error_holds_every_finding_and_renders_them_one_per_line() -> None:
    """LoadError is a ValueError and a CarsiClaimsError; str() is one rendered line each."""
    a = _f("yaml.syntax", "c.yaml", 1, 2, "one")
    b = _f("yaml.tag", "c.yaml", 3, 4, "two")
    error = LoadError([a, b])
    assert isinstance(error, ValueError)
    assert isinstance(error, CarsiClaimsError)
    assert error.findings == (a, b)
    assert str(error) == "c.yaml:1:2: error[yaml.syntax]: one\nc.yaml:3:4: error[yaml.tag]: two"


def test_unknown_claim_error_names_the_id_and_the_suggestion() -> None:
    """A KeyError whose str() is the plain message, with the suggestion when there is one."""
    error = UnknownClaimError("carsi.goal", "carsi.goals")
    assert isinstance(error, KeyError)
    assert isinstance(error, CarsiClaimsError)
    assert (error.claim_id, error.suggestion) == ("carsi.goal", "carsi.goals")
    assert str(error) == "no claim with id 'carsi.goal'; did you mean 'carsi.goals'?"
    bare = UnknownClaimError("x")
    assert (bare.claim_id, bare.suggestion) == ("x", None)
    assert str(bare) == "no claim with id 'x'"


def test_retracted_claim_warning_is_a_user_warning() -> None:
    """Filtered as any UserWarning."""
    assert issubclass(RetractedClaimWarning, UserWarning)


def test_check_type_accepts_the_types_given() -> None:
    """A value of one of the types passes; a bool passes only where bool is allowed."""
    check_type("f", "x", "s", str, "a str")
    check_type("f", "x", 3, (int, str), "an int or a str")
    check_type("f", "x", True, (bool, type(None)), "a bool or None")
    check_type("f", "x", False, bool, "a bool")


@pytest.mark.parametrize(
    ("value", "types", "expected", "message"),
    [
        (None, str, "a str", "f(): x must be a str, not NoneType"),
        (True, int, "an int", "f(): x must be an int, not bool"),
        (False, (int, str), "an int or a str", "f(): x must be an int or a str, not bool"),
        (1.5, (int, str), "an int or a str", "f(): x must be an int or a str, not float"),
    ],
)
def test_check_type_refuses_with_the_function_parameter_and_type(
    value: object, types: type | tuple[type, ...], expected: str, message: str
) -> None:
    """TypeError naming the function, the parameter, what was expected and what was given."""
    with pytest.raises(TypeError) as info:
        check_type("f", "x", value, types, expected)
    assert str(info.value) == message
