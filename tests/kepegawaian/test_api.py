"""The people and units API (/api/v1/): output, filters, writes through the services, /saya/, tokens, query counts,
the OpenAPI schema and the self-hosted Swagger UI. The role × object table lives in test_access.py."""

import pytest
from auditlog.models import LogEntry
from django.contrib.staticfiles import finders
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from kepegawaian.models import Jabatan, Pegawai, UnitKerja
from tests.api_helpers import json_request, logged_in
from tests.cache_uji import kosongkan_cache
from tests.kepegawaian.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory, UserFactory

PASSWORD = "rahasia-uji-123"
VALID_NIP = "198501012010011001"  # born 1985-01-01, TMT 2010-01, male, sequence 001


@pytest.fixture(autouse=True)
def _clean_cache():
    kosongkan_cache()  # token throttling counts in the cache
    yield
    kosongkan_cache()


def _fresh(unit: UnitKerja) -> UnitKerja:
    """Sorted siblings renumber paths: re-read a unit before using its path."""
    return UnitKerja.objects.get(pk=unit.pk)


def _results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


# --- Unit kerja -------------------------------------------------------------------------------------------------


def test_unit_list_gives_parent_and_depth_in_tree_order(client, admin_bkd, bidang, dinas_lain):
    rows = _results(logged_in(client, admin_bkd).get("/api/v1/unit-kerja/"))
    summary = [(r["kode"], r["induk_kode"], r["kedalaman"]) for r in rows]
    # Tree order: each unit right after its parent, siblings in the order they were added.
    assert summary == [
        ("PEMPROV", None, 1),
        ("DINAS-UJI", "PEMPROV", 2),
        ("DINAS-UJI-B1", "DINAS-UJI", 3),
        ("DINAS-LAIN", "PEMPROV", 2),
    ]
    by_kode = {r["kode"]: r for r in rows}
    assert by_kode["DINAS-UJI-B1"]["induk"] == by_kode["DINAS-UJI"]["id"]
    assert by_kode["PEMPROV"]["induk"] is None
    assert by_kode["PEMPROV"]["jumlah_sub_unit"] == 2


def test_unit_filter_induk_gives_direct_children_only(client, admin_bkd, pemprov, bidang, dinas_lain):
    rows = _results(logged_in(client, admin_bkd).get("/api/v1/unit-kerja/", {"induk": pemprov.pk}))
    assert sorted(r["kode"] for r in rows) == ["DINAS-LAIN", "DINAS-UJI"]


def test_unit_filter_subtree_of_reaches_every_depth(client, admin_bkd, dinas, dinas_lain):
    parent = dinas
    for level in range(3, 8):
        parent = UnitKerjaFactory(kode=f"UJI-L{level}", parent=parent)
    assert _fresh(parent).depth == 7
    rows = _results(logged_in(client, admin_bkd).get("/api/v1/unit-kerja/", {"subtree_of": dinas.pk}))
    assert [r["kode"] for r in rows] == ["DINAS-UJI", "UJI-L3", "UJI-L4", "UJI-L5", "UJI-L6", "UJI-L7"]
    assert rows[-1]["kedalaman"] == 7


def test_unit_filter_on_a_unit_out_of_sight_or_unknown_gives_an_empty_list(client, admin_unit, dinas_lain, bidang):
    api = logged_in(client, admin_unit)
    assert _results(api.get("/api/v1/unit-kerja/", {"subtree_of": dinas_lain.pk})) == []
    assert _results(api.get("/api/v1/unit-kerja/", {"induk": 999999})) == []


def test_unit_filter_with_a_text_id_is_a_400_naming_the_filter(client, admin_bkd):
    response = logged_in(client, admin_bkd).get("/api/v1/unit-kerja/", {"induk": "abc"})
    assert response.status_code == 400
    assert "induk" in response.json()["error"]["fields"]


def test_admin_bkd_creates_a_root_unit(client, admin_bkd):
    response = json_request(
        logged_in(client, admin_bkd),
        "post",
        "/api/v1/unit-kerja/",
        {"kode": "AKAR", "nama": "Akar", "jenis": "pemprov"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["induk"] is None
    assert UnitKerja.objects.get(kode="AKAR").depth == 1


def test_admin_unit_creates_a_unit_below_his_dinas_and_the_audit_names_him(client, admin_unit, dinas):
    response = json_request(
        logged_in(client, admin_unit),
        "post",
        "/api/v1/unit-kerja/",
        {"kode": "DINAS-UJI-B2", "nama": "Bidang Dua", "jenis": "bidang", "induk": dinas.pk},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["induk"], body["kedalaman"]) == (dinas.pk, 3)
    unit = UnitKerja.objects.get(kode="DINAS-UJI-B2")
    assert LogEntry.objects.get_for_object(unit).filter(actor=admin_unit).exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kode": "LUAR-1", "nama": "Di dinas lain", "jenis": "bidang", "induk": "dinas_lain"}, "induk"),
        ({"kode": "TANPA-INDUK", "nama": "Tanpa induk", "jenis": "bidang"}, "induk"),
        ({"kode": "DINAS-UJI", "nama": "Kode kembar", "jenis": "bidang", "induk": "dinas"}, "kode"),
        ({"kode": "JENIS-SALAH", "nama": "Jenis salah", "jenis": "planet", "induk": "dinas"}, "jenis"),
    ],
    ids=["induk-outside-his-subtree", "no-induk", "duplicate-kode", "unknown-jenis"],
)
def test_admin_unit_bad_unit_is_a_400_and_nothing_is_saved(client, admin_unit, dinas, dinas_lain, payload, field):
    units = {"dinas": dinas.pk, "dinas_lain": dinas_lain.pk}
    payload = {**payload, **({"induk": units[payload["induk"]]} if "induk" in payload else {})}
    before = UnitKerja.objects.count()
    response = json_request(logged_in(client, admin_unit), "post", "/api/v1/unit-kerja/", payload)
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert UnitKerja.objects.count() == before


def test_pegawai_may_not_create_a_unit(client, pegawai, bidang):
    response = json_request(
        logged_in(client, pegawai.user),
        "post",
        "/api/v1/unit-kerja/",
        {"kode": "X", "nama": "X", "jenis": "bidang", "induk": bidang.pk},
    )
    assert response.status_code == 403
    assert not UnitKerja.objects.filter(kode="X").exists()


def test_admin_unit_moves_and_renames_a_unit_in_one_request(client, admin_unit, dinas, bidang):
    seksi_induk = UnitKerjaFactory(kode="DINAS-UJI-B2", nama="Bidang Dua", jenis="bidang", parent=dinas)
    response = json_request(
        logged_in(client, admin_unit),
        "patch",
        f"/api/v1/unit-kerja/{bidang.pk}/",
        {"induk": seksi_induk.pk, "nama": "Seksi Uji"},
    )
    assert response.status_code == 200, response.content
    assert (response.json()["induk"], response.json()["kedalaman"], response.json()["nama"]) == (
        seksi_induk.pk,
        4,
        "Seksi Uji",
    )
    assert UnitKerja.objects.get_parent(_fresh(bidang)).pk == seksi_induk.pk


def test_moving_a_unit_below_itself_is_a_400_and_the_rename_is_not_saved(client, admin_unit, dinas, bidang):
    response = json_request(
        logged_in(client, admin_unit), "patch", f"/api/v1/unit-kerja/{dinas.pk}/", {"induk": bidang.pk, "nama": "Baru"}
    )
    assert response.status_code == 400
    assert "induk" in response.json()["error"]["fields"]
    unit = _fresh(dinas)
    assert (unit.nama, unit.depth) == ("Dinas Uji", 2)


# --- Jabatan ----------------------------------------------------------------------------------------------------


def test_jabatan_list_filters_by_jenis_and_searches_by_name(client, pegawai):
    JabatanFactory(nama="Pengawas Sekolah", jenis=Jabatan.Jenis.FUNGSIONAL)
    api = logged_in(client, pegawai.user)
    assert [r["nama"] for r in _results(api.get("/api/v1/jabatan/", {"jenis": "fungsional"}))] == ["Pengawas Sekolah"]
    assert [r["nama"] for r in _results(api.get("/api/v1/jabatan/", {"search": "bidang"}))] == ["Kepala Bidang Uji"]


# --- Pegawai: reads ---------------------------------------------------------------------------------------------


@pytest.fixture
def staf(dinas, bidang, penilai, pegawai):
    """More people in the dinas for the filters: a PPPK under penilai, a fungsional in the dinas office."""
    return {
        "pppk": PegawaiFactory(
            nama="Citra Kontrak", unit=bidang, atasan=penilai, status=Pegawai.Status.PPPK, golongan="IX"
        ),
        "guru": PegawaiFactory(
            nama="Dodi Fungsional", unit=dinas, jabatan=JabatanFactory(nama="Guru", jenis=Jabatan.Jenis.FUNGSIONAL)
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"unit": "bidang"}, {"Budi Pegawai", "Putri Penilai", "Citra Kontrak"}),
        ({"unit": "dinas"}, {"Ahmad Atasan", "Dodi Fungsional"}),
        (
            {"unit_subtree": "dinas"},
            {"Ahmad Atasan", "Dodi Fungsional", "Budi Pegawai", "Putri Penilai", "Citra Kontrak"},
        ),
        ({"jenis_jabatan": "fungsional"}, {"Dodi Fungsional"}),
        ({"status": "pppk"}, {"Citra Kontrak"}),
        ({"atasan": "penilai"}, {"Budi Pegawai", "Citra Kontrak"}),
        ({"search": "putri"}, {"Putri Penilai"}),
        ({"search": "nip:pegawai"}, {"Budi Pegawai"}),
        ({"unit_subtree": "dinas", "status": "pns", "atasan": "penilai"}, {"Budi Pegawai"}),
    ],
    ids=[
        "unit",
        "unit-without-subunits",
        "unit-subtree",
        "jenis-jabatan",
        "status",
        "atasan",
        "search-nama",
        "search-nip",
        "combined",
    ],
)
def test_pegawai_list_filters(
    client, admin_unit, dinas, bidang, penilai, pegawai, atasan, outsider, staf, params, expected
):
    ids = {"dinas": dinas.pk, "bidang": bidang.pk, "penilai": penilai.pk}
    query = {}
    for key, value in params.items():
        if value.startswith("nip:"):
            query[key] = pegawai.nip[:12]
        else:
            query[key] = ids.get(value, value)
    rows = _results(logged_in(client, admin_unit).get("/api/v1/pegawai/", query))
    assert {r["nama"] for r in rows} == expected


def test_pegawai_list_is_paginated(client, admin_unit, pegawai, staf):
    body = logged_in(client, admin_unit).get("/api/v1/pegawai/", {"page_size": 2, "page": 2}).json()
    assert body["count"] == 5
    assert [r["nama"] for r in body["results"]] == ["Citra Kontrak", "Dodi Fungsional"]
    assert body["next"] and body["previous"]


def test_pegawai_detail_gives_atasan_and_atasan_penilai(client, pegawai, penilai, atasan):
    body = logged_in(client, pegawai.user).get(f"/api/v1/pegawai/{pegawai.pk}/").json()
    assert body["atasan"] == {"id": penilai.pk, "nip": penilai.nip, "nama": "Putri Penilai"}
    assert body["atasan_penilai"] == {"id": atasan.pk, "nip": atasan.nip, "nama": "Ahmad Atasan"}
    assert body["unit"]["kode"] == "DINAS-UJI-B1"
    assert body["jabatan"]["jenis"] == "pelaksana"


def test_pegawai_filter_on_a_unit_out_of_sight_reveals_nothing(client, penilai, pegawai, outsider, dinas_lain):
    rows = _results(logged_in(client, penilai.user).get("/api/v1/pegawai/", {"unit_subtree": dinas_lain.pk}))
    assert rows == []


# --- Pegawai: writes --------------------------------------------------------------------------------------------


def _new_pegawai(unit, jabatan, **extra):
    return {
        "nip": VALID_NIP,
        "nama": "Siti Rahma",
        "golongan": "III/a",
        "jabatan": jabatan.pk,
        "unit": unit.pk,
        **extra,
    }


def test_admin_unit_creates_a_pegawai_in_his_dinas_and_the_audit_names_him(client, admin_unit, bidang, penilai):
    jabatan = JabatanFactory(nama="Pengolah Data")
    response = json_request(
        logged_in(client, admin_unit), "post", "/api/v1/pegawai/", _new_pegawai(bidang, jabatan, atasan=penilai.pk)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["nip"], body["status"], body["atasan"]["id"]) == (VALID_NIP, "pns", penilai.pk)
    created = Pegawai.objects.get(nip=VALID_NIP)
    assert LogEntry.objects.get_for_object(created).filter(actor=admin_unit, action=LogEntry.Action.CREATE).exists()


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ({"nip": "198513012010011001"}, "nip", "tanggal lahir"),
        ({"nip": "19850101201001100"}, "nip", "18"),
        ({"nip": "pegawai"}, "nip", "telah ada"),
        ({"unit": "dinas_lain"}, "unit", "di luar wewenang"),
        ({"atasan": "outsider"}, "atasan", "di luar wewenang"),
        ({"jabatan": 999999}, "jabatan", "tidak ditemukan"),
        ({"golongan": "Z/z"}, "golongan", ""),
    ],
    ids=[
        "nip-bad-birth-date",
        "nip-17-digits",
        "nip-taken",
        "unit-outside",
        "atasan-out-of-sight",
        "jabatan-unknown",
        "golongan",
    ],
)
def test_bad_pegawai_is_a_400_on_the_field_and_nothing_is_saved(
    client, admin_unit, bidang, dinas_lain, pegawai, outsider, change, field, fragment
):
    jabatan = JabatanFactory(nama="Pengolah Data")
    lookup = {"dinas_lain": dinas_lain.pk, "outsider": outsider.pk, "pegawai": pegawai.nip}
    change = {key: lookup.get(value, value) if isinstance(value, str) else value for key, value in change.items()}
    before = Pegawai.objects.count()
    response = json_request(
        logged_in(client, admin_unit), "post", "/api/v1/pegawai/", {**_new_pegawai(bidang, jabatan), **change}
    )
    assert response.status_code == 400, response.content
    messages = response.json()["error"]["fields"][field]
    assert fragment in " ".join(messages)
    assert Pegawai.objects.count() == before


def test_pegawai_may_not_create_a_pegawai(client, pegawai, bidang):
    jabatan = JabatanFactory(nama="Pengolah Data")
    response = json_request(logged_in(client, pegawai.user), "post", "/api/v1/pegawai/", _new_pegawai(bidang, jabatan))
    assert response.status_code == 403
    assert "admin" in response.json()["error"]["message"].lower()
    assert not Pegawai.objects.filter(nip=VALID_NIP).exists()


def test_atasan_loop_is_a_400_with_the_indonesian_message_and_nothing_changes(
    client, admin_unit, atasan, penilai, pegawai
):
    response = json_request(
        logged_in(client, admin_unit), "patch", f"/api/v1/pegawai/{atasan.pk}/", {"atasan": pegawai.pk, "nama": "X"}
    )
    assert response.status_code == 400
    message = response.json()["error"]["fields"]["atasan"][0]
    assert "lingkaran" in message and "Budi Pegawai" in message
    atasan.refresh_from_db()
    assert (atasan.atasan_id, atasan.nama) == (None, "Ahmad Atasan")


def test_pegawai_cannot_be_made_his_own_atasan(client, admin_unit, pegawai):
    response = json_request(
        logged_in(client, admin_unit), "patch", f"/api/v1/pegawai/{pegawai.pk}/", {"atasan": pegawai.pk}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert "dirinya sendiri" in error["message"]
    assert "dirinya sendiri" in error["fields"]["atasan"][0]
    pegawai.refresh_from_db()
    assert pegawai.atasan_id != pegawai.pk


def test_admin_changes_only_the_fields_sent(client, admin_bkd, pegawai, penilai, dinas_lain):
    response = json_request(
        logged_in(client, admin_bkd), "patch", f"/api/v1/pegawai/{pegawai.pk}/", {"unit": dinas_lain.pk}
    )
    assert response.status_code == 200, response.content
    pegawai.refresh_from_db()
    assert (pegawai.unit_id, pegawai.atasan_id, pegawai.nama) == (dinas_lain.pk, penilai.pk, "Budi Pegawai")
    assert response.json()["unit"]["kode"] == "DINAS-LAIN"


def test_admin_unit_cannot_move_a_pegawai_out_of_his_dinas(client, admin_unit, pegawai, bidang, dinas_lain):
    response = json_request(
        logged_in(client, admin_unit), "patch", f"/api/v1/pegawai/{pegawai.pk}/", {"unit": dinas_lain.pk}
    )
    assert response.status_code == 400
    pegawai.refresh_from_db()
    assert pegawai.unit_id == bidang.pk


# --- /saya/ -----------------------------------------------------------------------------------------------------


def test_saya_gives_the_pegawai_profile_and_roles(client, pegawai, penilai, atasan):
    body = logged_in(client, penilai.user).get("/api/v1/saya/").json()
    assert body["akun"]["username"] == "penilai"
    assert body["pegawai"]["nip"] == penilai.nip
    assert body["pegawai"]["atasan"]["id"] == atasan.pk
    assert [p["kode"] for p in body["peran"]] == ["pegawai", "pejabat_penilai"]
    assert body["admin_unit"] == []


def test_saya_for_an_admin_without_pegawai_lists_his_units(client, admin_unit, dinas):
    body = logged_in(client, admin_unit).get("/api/v1/saya/").json()
    assert body["pegawai"] is None
    assert [p["kode"] for p in body["peran"]] == ["admin_unit"]
    assert [u["kode"] for u in body["admin_unit"]] == ["DINAS-UJI"]


# --- Tokens -----------------------------------------------------------------------------------------------------


def _obtain(client, username="pegawai", password=PASSWORD):
    return json_request(client, "post", "/api/v1/token/", {"username": username, "password": password})


def test_token_is_obtained_with_a_password_and_then_authenticates_without_a_session(client, pegawai):
    first = _obtain(client)
    assert first.status_code == 200, first.content
    key = first.json()["token"]
    assert _obtain(client).json()["token"] == key  # the same token until it is rotated
    response = client.get("/api/v1/saya/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["pegawai"]["nip"] == pegawai.nip


def test_wrong_password_gives_no_token(client, pegawai):
    response = _obtain(client, password="salah-sekali")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Nama pengguna atau kata sandi salah."
    assert not Token.objects.exists()


def test_rotating_the_token_invalidates_the_old_one(client, pegawai):
    old = _obtain(client).json()["token"]
    response = client.post("/api/v1/token/ganti/", HTTP_AUTHORIZATION=f"Token {old}")
    assert response.status_code == 200
    new = response.json()["token"]
    assert new != old
    assert client.get("/api/v1/saya/", HTTP_AUTHORIZATION=f"Token {old}").status_code == 401
    assert client.get("/api/v1/saya/", HTTP_AUTHORIZATION=f"Token {new}").status_code == 200


def test_revoking_the_token_by_session_stops_it(client, pegawai):
    key = _obtain(client).json()["token"]
    assert logged_in(client, pegawai.user).delete("/api/v1/token/").status_code == 204
    client.logout()
    assert client.get("/api/v1/saya/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_a_token_user_has_the_same_access_as_in_the_browser(client, pegawai, outsider):
    key = _obtain(client).json()["token"]
    assert client.get(f"/api/v1/pegawai/{outsider.pk}/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 404
    response = client.patch(
        f"/api/v1/pegawai/{pegawai.pk}/",
        {"nama": "X"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 403


# --- Query counts: constant whatever the number of rows ---------------------------------------------------------


def _grow(start, stop, unit, atasan):
    for i in range(start, stop):
        PegawaiFactory(unit=unit, atasan=atasan, jabatan=JabatanFactory(nama=f"Jabatan Uji {i:03d}"))
        UnitKerjaFactory(kode=f"SEKSI-{i:03d}", jenis="seksi", parent=unit)


def _measure(django_assert_max_num_queries, client, url) -> tuple[int, int]:
    with django_assert_max_num_queries(10) as captured:
        response = client.get(url, {"page_size": 100})
    assert response.status_code == 200
    return len(captured.captured_queries), response.json()["count"]


@pytest.mark.parametrize("url", ["/api/v1/pegawai/", "/api/v1/unit-kerja/", "/api/v1/jabatan/"])
@pytest.mark.parametrize("who", ["admin_unit", "penilai"])
def test_list_endpoints_run_the_same_queries_for_5_and_50_rows(
    client, django_assert_max_num_queries, request, bidang, penilai, url, who
):
    user = request.getfixturevalue(who)
    api = logged_in(client, getattr(user, "user", user))
    _grow(0, 5, bidang, penilai)
    small_queries, small_rows = _measure(django_assert_max_num_queries, api, url)
    _grow(5, 50, bidang, penilai)
    large_queries, large_rows = _measure(django_assert_max_num_queries, api, url)
    assert small_queries == large_queries
    # A penilai sees only the unit of his people (one bidang); every other list really grew by 45 rows.
    assert large_rows - small_rows == (0 if (url, who) == ("/api/v1/unit-kerja/", "penilai") else 45)


# --- Schema and docs --------------------------------------------------------------------------------------------


def test_openapi_schema_generates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in ("/api/v1/pegawai/{id}/", "/api/v1/unit-kerja/", "/api/v1/jabatan/", "/api/v1/saya/", "/api/v1/token/"):
        assert f"{path}:" in text
    assert "Error:" in text  # the one error shape is a documented component


def test_swagger_ui_loads_its_assets_from_our_static_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert client.get("/api/schema/").status_code == 200


def test_user_without_pegawai_or_grant_sees_nobody(client, pegawai):
    api = logged_in(client, UserFactory(username="tamu"))
    assert _results(api.get("/api/v1/pegawai/")) == []
    assert _results(api.get("/api/v1/unit-kerja/")) == []
