"""The organisation's side in the API: the unit's spread against its curve, setting its predikat, finalising its
annual results; a spread off the curve without a justification is refused (400, the one error shape, Indonesian,
nothing saved); who may act as on the pages."""

import pytest

from penilaian.models import PenetapanDistribusi, PredikatUnit
from tests.api_helpers import api_error, post_json


def _url(unit, aksi):
    return f"/api/v1/unit-penilaian/{unit.pk}/{aksi}/"


def test_the_leader_sets_the_predikat_reads_the_spread_and_finalises_with_a_justification(as_user, atasan, bidang, tim):
    client = as_user(atasan.user)
    r = post_json(client, _url(bidang, "predikat"), {"periode_ke": None, "predikat": "baik"})
    assert r.status_code == 200, r.content
    data = r.json()
    assert data["predikat_organisasi"] == "baik" and data["total"] == 4 and data["jumlah"]["baik"] == 4
    assert data["sesuai_kurva"] is False and {p["aturan"] for p in data["pelanggaran"]}
    assert all(p["pesan"] for p in data["pelanggaran"])
    r = post_json(client, _url(bidang, "tetapkan"), {"justifikasi": ""})
    error = api_error(r)
    assert r.status_code == 400 and "justifikasi" in str(error).lower()
    assert not PenetapanDistribusi.objects.exists()
    r = post_json(client, _url(bidang, "tetapkan"), {"justifikasi": "Unit kecil."})
    assert r.status_code == 200, r.content
    penetapan = r.json()["penetapan"]
    assert penetapan["justifikasi"] == "Unit kecil." and penetapan["penandatangan_nama"] == "Ahmad Atasan"
    assert client.get(_url(bidang, "distribusi")).json()["penetapan"]["sesuai_kurva"] is False


def test_a_predikat_outside_the_five_levels_is_refused(as_user, atasan, penilai, pegawai, bidang, periode):
    r = post_json(as_user(atasan.user), _url(bidang, "predikat"), {"periode_ke": None, "predikat": "luar_biasa"})
    assert r.status_code == 400, r.content
    assert "predikat" in api_error(r)["fields"]
    assert not PredikatUnit.objects.exists()


@pytest.mark.parametrize(("siapa", "status"), [("pegawai", 403), ("penilai", 403), ("outsider", 404)])
def test_others_cannot_set_a_units_predikat(request, as_user, siapa, status, bidang, periode):
    client = as_user(request.getfixturevalue(siapa).user)
    r = post_json(client, _url(bidang, "predikat"), {"periode_ke": None, "predikat": "baik"})
    assert r.status_code == status and api_error(r)
    assert not PredikatUnit.objects.exists()


def test_a_crafted_field_is_refused(as_user, atasan, bidang, tim):
    r = post_json(as_user(atasan.user), _url(bidang, "tetapkan"), {"justifikasi": "x", "sesuai_kurva": True})
    assert r.status_code == 400 and "sesuai_kurva" in str(api_error(r))
