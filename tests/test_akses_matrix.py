"""Access proven for every route (issue 8): each HTML route and each API operation, discovered from the URL resolver
and the OpenAPI schema, is asked by every actor of ``tests/akses_uji.AKTOR`` and must answer as its rule in
``tests/akses_matrix.py`` says. A route or operation without a rule fails the test with the place to declare it.

Path ids are filled with objects of the pegawai (``tests/akses_uji.bangun_dunia``): the outsider (another pegawai)
and the admin of another unit asking for them is the IDOR probe. GET is sent to every route; POST to every HTML route
that is not read-only, with an empty (or the rule's minimal) body, and only the access outcome is compared (passed
the check = 2xx/3xx/400/409/415). Every request runs inside a savepoint that is rolled back.
This file holds the discovery checks and the HTML pages; ``test_akses_matrix_api.py`` the API operations.

``AKSES_MATRIX_DUMP=1 pytest tests/test_akses_matrix.py -s`` prints the observed outcomes in the rules' notation.
"""

import os
import re

from tests import akses_matrix as m
from tests.akses_uji import (
    Penghitung,
    alamat_rute,
    api_operations,
    api_patterns,
    bandingkan,
    hasil_dari,
    html_routes,
    isi_parameter,
    kirim,
)

DUMP = bool(os.environ.get("AKSES_MATRIX_DUMP"))
RULES_FILE = "tests/akses_matrix.py"


def dump(key: str, method: str, observed: dict[str, str]):
    if DUMP:
        print(f"DUMP {method:6} {key:50} " + " ".join(observed.values()))


# --- Every route has a rule --------------------------------------------------------------------------------------


def test_routes_and_operations_are_discovered():
    keys = {r.key for r in html_routes()}
    assert {"beranda", "indikator:skp-detail", "kepegawaian:akun-sandi", "admin:index"} <= keys
    assert "GET /api/v1/skp/{id}/" in {op.key for op in api_operations()}
    print(f"discovered: {len(html_routes())} HTML routes, {len(api_operations())} API operations")


def test_every_html_route_has_a_rule():
    missing = [r for r in html_routes() if m.aturan_html(r) is None]
    assert not missing, (
        f"routes without an access rule: declare each in HTML in {RULES_FILE} "
        "(who may GET/POST it, which object fills its ids):\n" + "\n".join(f"  {r.key}  ({r.pattern})" for r in missing)
    )


def test_every_api_operation_has_a_rule():
    missing = [op.key for op in api_operations() if op.key not in m.API]
    assert not missing, f"API operations without an access rule: declare each in API in {RULES_FILE}:\n" + "\n".join(
        missing
    )


def test_no_rule_is_left_over():
    """A rule whose route is gone is deleted, so that the table stays the truth."""
    html = {r.key for r in html_routes()} | {r.key for r in api_patterns()}
    ops = {op.key for op in api_operations()}
    stale = [k for k in m.HTML if k not in html] + [k for k in m.API if k not in ops]
    stale += [k for k in m.API_BUKAN_OPERASI if k not in html]
    assert not stale, f"rules of routes that no longer exist (delete them from {RULES_FILE}): {stale}"


def _normal(path: str) -> str:
    path = path.replace("^", "").replace("$", "")
    path = re.sub(r"\(\?P<\w+>[^)]*\)|<(?:\w+:)?\w+>|\{\w+\}", "{}", path)
    return "/" + path.lstrip("/")


def test_every_api_address_is_a_schema_operation_or_declared():
    """Each URL pattern under /api/ is an operation of the schema (then its rule is in API), a format-suffix twin of
    one (``/skp.json``: the same view), or declared in API_BUKAN_OPERASI with its rule and reason."""
    ops = {_normal(op.path) for op in api_operations()}
    undeclared = [
        r.pattern
        for r in api_patterns()
        if "format" not in r.params and _normal(r.pattern) not in ops and r.key not in m.API_BUKAN_OPERASI
    ]
    assert not undeclared, (
        f"API addresses that are not schema operations: declare them in API_BUKAN_OPERASI: {undeclared}"
    )


def test_the_outcome_classes():
    from django.http import HttpResponse, HttpResponseRedirect

    assert hasil_dari(HttpResponseRedirect("/akun/login/?next=/x/")) == "login"
    assert hasil_dari(HttpResponseRedirect("/indikator/skp/1/")) == "ok"
    assert hasil_dari(HttpResponse(status=400)) == "ok"
    assert hasil_dari(HttpResponse(status=404)) == "404"
    assert hasil_dari(HttpResponse(status=500)) == "status 500"


# --- Every page answers every actor as its rule says -------------------------------------------------------------


def _routes_with_rules():
    for rute in html_routes():
        yield rute, m.aturan_html(rute)
    for rute in api_patterns():
        if rute.key in m.API_BUKAN_OPERASI and "format" not in rute.params:
            yield rute, m.API_BUKAN_OPERASI[rute.key][0]


def test_html_routes_answer_each_actor_as_declared(dunia_akses, sesi_akses):
    mismatches: list[str] = []
    sent_before = Penghitung.n
    for rute, aturan in _routes_with_rules():
        if aturan is None:
            continue  # reported by test_every_html_route_has_a_rule
        url = aturan.url or alamat_rute(rute, isi_parameter(rute.params, aturan, dunia_akses, m.PARAM_BAWAAN))
        for method, expected in (("GET", aturan.get), ("POST", aturan.post)):
            if expected is None:
                continue
            body = aturan.body(dunia_akses) if aturan.body and method == "POST" else None
            observed = {a: hasil_dari(kirim(sesi_akses, a, method, url, json=False, body=body)) for a in aturan.aktor}
            dump(rute.key, method, observed)
            mismatches += bandingkan(rute.key, method, m.baca(expected, aturan.aktor), observed)
    print(f"HTML matrix: {Penghitung.n - sent_before} requests")
    assert DUMP or not mismatches, "\n".join(mismatches)
