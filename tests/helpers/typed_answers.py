"""The table of typed answers both the Python rule (tests/test_typed_answers.py) and the site's
matcher in a browser (tests/browser/test_typed_answers.py) are run over: they must agree."""

from __future__ import annotations

RIGHT, SLIP, WRONG = "right", "slip", "wrong"

# (what the student typed, the blank's accepted answers, typos allowed, verdict, the accepted
# answer it is taken for). The odd ones pin down where Python and JavaScript could differ:
# Unicode case mappings, characters outside the BMP, combining accents.
CASES: list[tuple[str, list[str], bool, str, str]] = [
    ("contract", ["contract", "agreement"], True, RIGHT, "contract"),
    ("  Contract ", ["contract", "agreement"], True, RIGHT, "contract"),
    ("AGREEMENT", ["contract", "agreement"], False, RIGHT, "agreement"),
    ("sick\u00a0role", ["sick role"], True, RIGHT, "sick role"),
    ("sick \t\n role", ["sick role"], True, RIGHT, "sick role"),
    ("sick\u2003role", ["sick role"], True, RIGHT, "sick role"),
    ("sick\ufeffrole", ["sick role"], True, RIGHT, "sick role"),
    ("12\u201320", ["12-20"], True, RIGHT, "12-20"),
    ("12-20", ["12\u201320"], True, RIGHT, "12\u201320"),
    ("12\u221220", ["12-20"], True, RIGHT, "12-20"),
    ("half\u2011way", ["half-way"], True, RIGHT, "half-way"),
    ("12 \u2013 20", ["12-20"], True, WRONG, "12-20"),
    ("patient\u2019s role", ["patient's role"], True, RIGHT, "patient's role"),
    ("\u2018sick role\u2019", ["'sick role'"], True, RIGHT, "'sick role'"),
    ("\u201csick role\u201d", ['"sick role"'], True, RIGHT, '"sick role"'),
    ("x*y", ["x*y"], True, RIGHT, "x*y"),
    ("contrct", ["contract"], True, SLIP, "contract"),
    ("contrct", ["contract"], False, WRONG, "contract"),
    ("contracts", ["contract"], True, SLIP, "contract"),
    ("Contract.", ["contract"], True, SLIP, "contract"),
    ("agrement", ["contract", "agreement"], True, SLIP, "agreement"),
    ("transferance", ["transference"], True, SLIP, "transference"),
    ("transfrance", ["transference"], True, WRONG, "transference"),
    ("contarct", ["contract"], True, WRONG, "contract"),
    ("acuta", ["acute"], True, WRONG, "acute"),
    ("acut", ["acute"], True, WRONG, "acute"),
    ("", ["contract"], True, WRONG, "contract"),
    ("   ", ["contract"], True, WRONG, "contract"),
    ("contract\U0001f600", ["contract"], True, SLIP, "contract"),
    ("\U0001f600", ["\U0001f601"], True, WRONG, "\U0001f601"),
    ("\u0130stanbul", ["i\u0307stanbul"], True, RIGHT, "i\u0307stanbul"),
    ("\u039f\u0394\u039f\u03a3", ["\u03bf\u03b4\u03bf\u03c2"], True, RIGHT,
     "\u03bf\u03b4\u03bf\u03c2"),
    ("stra\u00dfe", ["STRASSE"], True, WRONG, "STRASSE"),
    ("naïvete", ["naivete"], True, SLIP, "naivete"),
    ("naïveté", ["naivete"], True, WRONG, "naivete"),
    ("cafe\u0301", ["caf\u00e9"], True, WRONG, "caf\u00e9"),
]
