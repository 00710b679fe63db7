"""The route × role matrix of the API operations (see ``tests/test_akses_matrix.py`` for the whole): every operation
of the OpenAPI schema, asked by every actor with its own method, answers as its rule in ``tests/akses_matrix.API``
says. A separate file so that pytest-xdist runs it beside the HTML half."""

import re

from tests import akses_matrix as m
from tests.akses_uji import AKTOR, Penghitung, api_operations, bandingkan, hasil_dari, isi_parameter, kirim
from tests.test_akses_matrix import DUMP, dump


def test_api_operations_answer_each_actor_as_declared(dunia_akses, sesi_akses):
    mismatches: list[str] = []
    sent_before = Penghitung.n
    for op in api_operations():
        aturan = m.API.get(op.key)
        if aturan is None:
            continue  # reported by test_every_api_operation_has_a_rule
        url = op.path
        params = tuple(re.findall(r"\{(\w+)\}", op.path))
        for name, value in isi_parameter(params, aturan, dunia_akses, m.PARAM_BAWAAN).items():
            url = url.replace("{" + name + "}", str(value))
        body = aturan.body(dunia_akses) if aturan.body else None
        observed = {a: hasil_dari(kirim(sesi_akses, a, op.method, url, json=True, body=body)) for a in AKTOR}
        dump(op.path, op.method, observed)
        mismatches += bandingkan(op.path, op.method, m.baca(aturan.get), observed)
    print(f"API matrix: {Penghitung.n - sent_before} requests")
    assert DUMP or not mismatches, "\n".join(mismatches)
