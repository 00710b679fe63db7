"""Every write service of indikator refuses an actor outside its scope by itself, whichever door calls it: each test
calls the service directly (no view, no serializer) and expects the refusal — ``PermissionDenied`` (403) for an
object he may see but not change, ``Http404`` where the service looks the object up for him — and nothing saved."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from indikator import services
from indikator.models import (
    BuktiDukung,
    DialogKinerja,
    EkspektasiPerilaku,
    Iki,
    IndikatorUnit,
    PembukaanKembali,
    PeriodePenilaian,
    Realisasi,
    Rhk,
    Skp,
    UmpanBalik,
)
from tests.indikator.factories import pdf_bytes, skp_disetujui, skp_draft

REFUSED = (PermissionDenied, Http404)


@pytest.fixture
def draf(pegawai, periode):
    return skp_draft(pegawai, periode)


@pytest.fixture
def disetujui(pegawai, periode):
    return skp_disetujui(pegawai, periode)


@pytest.fixture
def realisasi(pegawai, disetujui):
    iki = Iki.objects.get(rhk__skp=disetujui)
    return services.realisasi_save(actor=pegawai.user, iki=iki, periode_ke=3, nilai="4")


def _refused(call):
    with pytest.raises(REFUSED):
        call()


# --- periods and reopening ----------------------------------------------------------------------------------------


def test_periode_create_open_close_refuse_an_admin_unit(admin_unit, periode):
    _refused(
        lambda: services.periode_create(
            actor=admin_unit,
            tahun=2027,
            batas_penyusunan_skp=dt.date(2027, 1, 31),
            batas_evaluasi_tahunan=dt.date(2028, 1, 31),
        )
    )
    _refused(lambda: services.periode_close(actor=admin_unit, periode=periode))
    _refused(lambda: services.periode_open(actor=admin_unit, periode=periode))
    assert list(PeriodePenilaian.objects.values_list("tahun", "status")) == [(2026, PeriodePenilaian.Status.DIBUKA)]


def test_pembukaan_kembali_create_refuses_an_admin_outside_the_pegawai_subtree(admin_unit, outsider, periode):
    _refused(
        lambda: services.pembukaan_kembali_create(
            actor=admin_unit, periode=periode, pegawai=outsider, berlaku_sampai=dt.date(2026, 8, 1), alasan="Sakit"
        )
    )
    assert not PembukaanKembali.objects.exists()


# --- unit indicators ----------------------------------------------------------------------------------------------


def test_indikator_unit_create_and_import_refuse_an_admin_of_another_unit(admin_unit, dinas_lain, periode):
    _refused(
        lambda: services.indikator_unit_create(
            actor=admin_unit,
            unit=dinas_lain,
            periode=periode,
            jenis=IndikatorUnit.Jenis.IKU,
            sasaran_strategis="Sasaran",
            indikator="Indikator",
            satuan="persen",
            target="90",
        )
    )
    _refused(
        lambda: services.indikator_unit_import(
            actor=admin_unit, unit=dinas_lain, periode=periode, berkas=io.BytesIO(b"bukan xlsx")
        )
    )
    assert not IndikatorUnit.objects.exists()


# --- the SKP ------------------------------------------------------------------------------------------------------


def test_skp_create_and_copy_refuse_somebody_else(outsider, pegawai, periode):
    _refused(lambda: services.skp_create(actor=outsider.user, pegawai=pegawai, periode=periode))
    _refused(lambda: services.skp_copy_from_last_year(actor=outsider.user, pegawai=pegawai, periode=periode))
    assert not Skp.objects.exists()


@pytest.mark.parametrize(
    "call",
    [
        lambda a, skp: services.skp_update(actor=a, skp=skp, versi=skp.versi, konsekuensi="Diubah orang lain"),
        lambda a, skp: services.skp_submit(actor=a, skp=skp, versi=skp.versi),
        lambda a, skp: services.rhk_create(actor=a, skp=skp, versi=skp.versi, uraian="Sisipan"),
    ],
    ids=["skp_update", "skp_submit", "rhk_create"],
)
def test_owner_services_on_a_draft_refuse_his_penilai_and_a_stranger(call, draf, penilai, outsider):
    for actor in (penilai.user, outsider.user):
        _refused(lambda actor=actor: call(actor, draf))
    skp = Skp.objects.get(pk=draf.pk)
    assert (skp.versi, skp.status, skp.konsekuensi) == (draf.versi, Skp.Status.DRAFT, draf.konsekuensi)
    assert Rhk.objects.filter(skp=draf).count() == 1


@pytest.mark.parametrize(
    "call",
    [
        lambda a, skp, rhk, iki: services.rhk_update(actor=a, rhk=rhk, versi=skp.versi, uraian="Diubah"),
        lambda a, skp, rhk, iki: services.rhk_delete(actor=a, rhk=rhk, versi=skp.versi),
        lambda a, skp, rhk, iki: services.iki_create(
            actor=a, rhk=rhk, versi=skp.versi, uraian="Baru", satuan="dokumen", target="1"
        ),
        lambda a, skp, rhk, iki: services.iki_update(actor=a, iki=iki, versi=skp.versi, uraian="Diubah"),
        lambda a, skp, rhk, iki: services.iki_delete(actor=a, iki=iki, versi=skp.versi),
    ],
    ids=["rhk_update", "rhk_delete", "iki_create", "iki_update", "iki_delete"],
)
def test_rhk_and_iki_services_refuse_anybody_but_the_owner(call, draf, penilai, outsider):
    rhk = Rhk.objects.get(skp=draf)
    iki = Iki.objects.get(rhk=rhk)
    for actor in (penilai.user, outsider.user):
        _refused(lambda actor=actor: call(actor, draf, rhk, iki))
    assert Skp.objects.get(pk=draf.pk).versi == draf.versi
    assert list(Rhk.objects.filter(skp=draf).values_list("uraian", flat=True)) == [rhk.uraian]
    assert list(Iki.objects.filter(rhk__skp=draf).values_list("uraian", flat=True)) == [iki.uraian]


def test_penilai_services_refuse_the_pegawai_himself_and_a_stranger(pegawai, outsider, draf):
    skp = services.skp_submit(actor=pegawai.user, skp=draf, versi=draf.versi)
    for actor in (pegawai.user, outsider.user):
        _refused(lambda actor=actor: services.skp_approve(actor=actor, skp=skp, versi=skp.versi))
        _refused(lambda actor=actor: services.skp_return(actor=actor, skp=skp, versi=skp.versi, alasan="Tidak"))
        _refused(
            lambda actor=actor: services.ekspektasi_set(
                actor=actor, skp=skp, versi=skp.versi, nilai="adaptif", ekspektasi_khusus="Sendiri"
            )
        )
        _refused(
            lambda actor=actor: services.ekspektasi_set_all(
                actor=actor, skp=skp, versi=skp.versi, ekspektasi={"adaptif": "Sendiri"}
            )
        )
        _refused(
            lambda actor=actor: services.dialog_kinerja_create(
                actor=actor, skp=skp, tanggal=dt.date(2026, 7, 1), catatan="Sendiri"
            )
        )
    after = Skp.objects.get(pk=skp.pk)
    assert (after.status, after.versi) == (Skp.Status.DIAJUKAN, skp.versi)
    assert not EkspektasiPerilaku.objects.filter(skp=skp).exclude(ekspektasi_khusus="").exists()
    assert not DialogKinerja.objects.exists()


def test_skp_revise_refuses_the_penilai(penilai, outsider, disetujui):
    for actor in (penilai.user, outsider.user):
        _refused(lambda actor=actor: services.skp_revise(actor=actor, skp=disetujui, versi=disetujui.versi))
    assert Skp.objects.filter(pegawai=disetujui.pegawai).count() == 1


def test_rhk_cascade_refuses_somebody_who_does_not_own_the_rhk(atasan, outsider, penilai, pegawai, periode):
    sumber = Rhk.objects.get(skp=skp_disetujui(penilai, periode))
    iki = [{"uraian": "Dokumen", "satuan": "dokumen", "target": "3"}]
    for actor in (atasan.user, outsider.user):
        _refused(lambda actor=actor: services.rhk_cascade(actor=actor, rhk=sumber, bawahan=[pegawai], iki=iki))
    assert not Skp.objects.filter(pegawai=pegawai).exists()


# --- realisation, evidence, feedback ------------------------------------------------------------------------------


def test_realisasi_save_and_evidence_refuse_anybody_but_the_owner(penilai, outsider, realisasi):
    iki = realisasi.iki
    for actor in (penilai.user, outsider.user):
        _refused(
            lambda actor=actor: services.realisasi_save(
                actor=actor, iki=iki, periode_ke=3, nilai="9", versi=realisasi.versi
            )
        )
        _refused(
            lambda actor=actor: services.bukti_create(actor=actor, realisasi=realisasi, url="https://contoh.go.id/a")
        )
    assert Realisasi.objects.get(pk=realisasi.pk).nilai == realisasi.nilai
    assert not BuktiDukung.objects.exists()


def test_realisasi_save_refused_stores_no_file(outsider, media_sementara, realisasi):
    berkas = SimpleUploadedFile("bukti.pdf", pdf_bytes(), content_type="application/pdf")
    _refused(
        lambda: services.realisasi_save(
            actor=outsider.user, iki=realisasi.iki, periode_ke=3, nilai="9", versi=realisasi.versi, berkas=berkas
        )
    )
    assert not BuktiDukung.objects.exists()
    assert not [f for f in media_sementara.rglob("*") if f.is_file()]


def test_bukti_delete_refuses_the_penilai(pegawai, penilai, outsider, realisasi):
    bukti = services.bukti_create(actor=pegawai.user, realisasi=realisasi, url="https://contoh.go.id/a")
    for actor in (penilai.user, outsider.user):
        _refused(lambda actor=actor: services.bukti_delete(actor=actor, bukti=bukti))
    assert BuktiDukung.objects.filter(pk=bukti.pk).exists()


def test_feedback_refuses_the_pegawai_and_a_stranger_and_replies_refuse_a_stranger(
    pegawai, penilai, outsider, disetujui
):
    iki = Iki.objects.get(rhk__skp=disetujui)
    for actor in (pegawai.user, outsider.user):
        _refused(lambda actor=actor: services.umpan_balik_create(actor=actor, iki=iki, periode_ke=3, teks="Sendiri"))
    induk = services.umpan_balik_create(actor=penilai.user, iki=iki, periode_ke=3, teks="Lengkapi")
    _refused(lambda: services.umpan_balik_reply(actor=outsider.user, umpan_balik=induk, teks="Ikut campur"))
    assert list(UmpanBalik.objects.values_list("teks", flat=True)) == ["Lengkapi"]
