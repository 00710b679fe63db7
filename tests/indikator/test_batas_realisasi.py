"""A realisation the indicator's unit cannot take is refused, on the page, in the API and in the service: no negative
value unless the IKI allows it, no more than 100 for a percentage, the IKI's own bounds when it declares them, and
no number larger than the model can hold. The message names the bound."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from indikator import services
from indikator.models import Iki, Realisasi, Skp
from tests.api_helpers import api_error, patch_json, post_json
from tests.indikator.factories import skp_disetujui, skp_draft

API = "/api/v1"


def _iki(pegawai, periode, **fields) -> Iki:
    iki = Iki.objects.get(rhk__skp=skp_disetujui(pegawai, periode))
    Iki.objects.filter(pk=iki.pk).update(**fields)
    iki.refresh_from_db()
    return iki


def test_negative_realisation_is_refused_by_default(pegawai, periode):
    iki = _iki(pegawai, periode)
    with pytest.raises(ValidationError, match=r"tidak boleh negatif untuk indikator ini \(batas bawah 0\)"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="-5")
    assert not Realisasi.objects.exists()


def test_percentage_above_100_is_refused_and_100_is_taken(pegawai, periode):
    iki = _iki(pegawai, periode, satuan="%", target=Decimal(95))
    with pytest.raises(ValidationError, match=r"tidak boleh lebih dari 100 untuk satuan persen \(%\)"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="1.250,5")
    assert not Realisasi.objects.exists()
    assert services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="100").nilai == 100


def test_the_unit_persen_written_as_a_word_is_a_percentage_too(pegawai, periode):
    iki = _iki(pegawai, periode, satuan=" Persen ")
    with pytest.raises(ValidationError, match="satuan persen"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="100,01")


def test_an_iki_may_declare_its_own_bounds(pegawai, periode):
    iki = _iki(pegawai, periode, satuan="%", batas_bawah_realisasi=Decimal(-50), batas_atas_realisasi=Decimal(300))
    assert services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="-12,5").nilai == Decimal("-12.5")
    r = Realisasi.objects.get(iki=iki)
    assert services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="250", versi=r.versi).nilai == 250
    with pytest.raises(ValidationError, match="tidak boleh lebih dari 300, batas atas indikator ini"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="301", versi=r.versi + 1)
    with pytest.raises(ValidationError, match="tidak boleh kurang dari -50, batas bawah indikator ini"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="-51", versi=r.versi + 1)
    assert Realisasi.objects.get(iki=iki).nilai == 250


def test_a_number_larger_than_the_model_holds_is_refused_before_saving(pegawai, periode):
    iki = _iki(pegawai, periode)
    with pytest.raises(ValidationError, match="paling banyak 14 angka sebelum koma"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="123456789012345")
    with pytest.raises(ValidationError, match="4 angka di belakang koma"):
        services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="1,23456")
    assert not Realisasi.objects.exists()
    assert services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="99999999999999,9999").nilai


def test_the_database_refuses_a_lower_bound_above_the_upper_bound(pegawai, periode):
    iki = _iki(pegawai, periode)
    with pytest.raises(IntegrityError), transaction.atomic():
        Iki.objects.filter(pk=iki.pk).update(batas_bawah_realisasi=Decimal(10), batas_atas_realisasi=Decimal(5))


def test_iki_service_takes_the_bounds_and_refuses_them_crossed(pegawai, periode):
    skp = skp_draft(pegawai, periode)
    rhk = skp.rhk.get()
    versi = Skp.objects.get(pk=skp.pk).versi
    with pytest.raises(ValidationError, match="Batas bawah realisasi tidak boleh lebih besar"):
        services.iki_create(
            actor=pegawai.user,
            rhk=rhk,
            versi=versi,
            uraian="Selisih anggaran",
            satuan="%",
            target="0",
            arah="turun",
            batas_bawah_realisasi="10",
            batas_atas_realisasi="-10",
        )
    iki = services.iki_create(
        actor=pegawai.user,
        rhk=rhk,
        versi=versi,
        uraian="Selisih anggaran",
        satuan="%",
        target="0",
        arah="turun",
        batas_bawah_realisasi="-10",
        batas_atas_realisasi="10",
    )
    assert (iki.batas_bawah_realisasi, iki.batas_atas_realisasi) == (Decimal(-10), Decimal(10))
    iki = services.iki_update(
        actor=pegawai.user, iki=iki, versi=Skp.objects.get(pk=skp.pk).versi, batas_bawah_realisasi=""
    )
    assert iki.batas_bawah_realisasi is None and iki.batas_realisasi == (Decimal(0), Decimal(10))


def test_iki_form_page_saves_the_bounds_and_names_the_crossed_one(as_user, pegawai, periode):
    skp = skp_draft(pegawai, periode)
    iki = Iki.objects.get(rhk__skp=skp)
    url = reverse("indikator:iki-ubah", args=[iki.pk])
    data = {
        "versi": Skp.objects.get(pk=skp.pk).versi,
        "uraian": "Persentase",
        "aspek": "kuantitas",
        "satuan": "%",
        "arah": "naik",
        "target_bentuk": "angka",
        "target": "95",
        "batas_bawah_realisasi": "20",
        "batas_atas_realisasi": "10",
    }
    response = as_user(pegawai).post(url, data)
    assert response.status_code == 400
    assert "Batas bawah realisasi tidak boleh lebih besar dari batas atasnya." in response.content.decode()
    response = as_user(pegawai).post(url, {**data, "batas_bawah_realisasi": "-5", "batas_atas_realisasi": "120"})
    assert response.status_code == 302
    iki.refresh_from_db()
    assert (iki.batas_bawah_realisasi, iki.batas_atas_realisasi) == (Decimal(-5), Decimal(120))


def test_realisation_page_shows_the_bounds_and_the_refusal_beside_the_field(as_user, pegawai, periode):
    iki = _iki(pegawai, periode, satuan="%", target=Decimal(95))
    client = as_user(pegawai)
    page = client.get(reverse("indikator:iki-realisasi", args=[iki.pk])).content.decode()
    assert 'data-testid="batas-realisasi">0–100 %<' in page
    response = client.post(reverse("indikator:realisasi-simpan", args=[iki.pk, 3]), {"r3-nilai": "-5"})
    assert response.status_code == 400
    assert "Realisasi tidak boleh negatif untuk indikator ini (batas bawah 0)." in response.content.decode()
    response = client.post(reverse("indikator:realisasi-simpan", args=[iki.pk, 3]), {"r3-nilai": "1" * 20})
    assert response.status_code == 400
    assert "Angka terlalu besar: paling banyak 14 angka sebelum koma." in response.content.decode()
    assert not Realisasi.objects.exists()


def test_api_refuses_out_of_bounds_and_absurd_values_with_the_one_error_shape(api, pegawai, periode):
    iki = _iki(pegawai, periode, satuan="%", target=Decimal(95))
    client = api(pegawai)
    response = post_json(client, f"{API}/realisasi/", {"iki": iki.pk, "periode_ke": 3, "nilai": "1.250,5"})
    assert response.status_code == 400
    assert "tidak boleh lebih dari 100 untuk satuan persen" in str(api_error(response))
    response = post_json(client, f"{API}/realisasi/", {"iki": iki.pk, "periode_ke": 3, "nilai": 10**20})
    assert response.status_code == 400
    assert "paling banyak 14 angka sebelum koma" in str(api_error(response))
    response = post_json(client, f"{API}/realisasi/", {"iki": iki.pk, "periode_ke": 3, "nilai": 90})
    assert response.status_code == 201
    response = patch_json(client, f"{API}/realisasi/{response.json()['id']}/", {"versi": 1, "nilai": -1})
    assert response.status_code == 400 and "tidak boleh negatif" in str(api_error(response))
    assert Realisasi.objects.get(iki=iki).nilai == 90


def test_api_iki_takes_and_returns_the_bounds(api, pegawai, periode):
    skp = skp_draft(pegawai, periode)
    iki = Iki.objects.get(rhk__skp=skp)
    response = patch_json(
        api(pegawai),
        f"{API}/iki/{iki.pk}/",
        {"versi": Skp.objects.get(pk=skp.pk).versi, "batas_bawah_realisasi": "-1", "batas_atas_realisasi": 2},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["batas_bawah_realisasi"], body["batas_atas_realisasi"]) == ("-1.0000", "2.0000")
    assert body["berlaku_sejak"] is None  # an IKI of the first revision is there for the whole period
