"""The unit's predikat kinerja organisasi, the finalisation of its annual results against the distribution curve,
calibration sessions: through the services, with outsiders refused and audit kept."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from penilaian import access, selectors, services
from penilaian.models import Evaluasi, PenetapanDistribusi, PerubahanKalibrasi, PredikatUnit, SesiKalibrasi
from tests.kepegawaian.factories import PegawaiFactory
from tests.penilaian.conftest import tahunan_final


@pytest.fixture
def tim(penilai, bidang, periode, skp_pegawai, pegawai):
    """Five people in the bidang rated by the penilai: Budi Baik, three more Baik, one Sangat Baik."""
    rows = [tahunan_final(pegawai, periode=periode, skp=skp_pegawai)]
    for i in range(3):
        p = PegawaiFactory(unit=bidang, atasan=penilai, nama=f"Anggota {i}")
        rows.append(tahunan_final(p, periode=periode, skp=skp_pegawai))
    p = PegawaiFactory(unit=bidang, atasan=penilai, nama="Anggota Bintang")
    rows.append(tahunan_final(p, periode=periode, skp=skp_pegawai, hasil="di_atas", perilaku="di_atas"))
    return rows


def test_the_leader_one_level_up_sets_the_units_predikat_audited(atasan, bidang, periode):
    obj = services.predikat_unit_set(actor=atasan.user, unit=bidang, periode=periode, periode_ke=None, predikat="baik")
    assert (obj.predikat, obj.periode_ke, obj.ditetapkan_oleh) == ("baik", None, atasan.user)
    again = services.predikat_unit_set(
        actor=atasan.user, unit=bidang, periode=periode, periode_ke=2, predikat="istimewa"
    )
    assert PredikatUnit.objects.count() == 2 and again.periode_ke == 2
    assert LogEntry.objects.get_for_object(obj).filter(actor=atasan.user).exists()


@pytest.mark.parametrize("siapa", ["pegawai", "penilai", "outsider"])
def test_the_unit_itself_and_outsiders_cannot_set_its_predikat(request, siapa, bidang, periode):
    user = request.getfixturevalue(siapa).user
    with pytest.raises(PermissionDenied):
        services.predikat_unit_set(actor=user, unit=bidang, periode=periode, periode_ke=None, predikat="baik")
    assert not PredikatUnit.objects.exists()


def test_admin_unit_sets_it_and_a_value_outside_the_five_is_refused(admin_unit, bidang, periode):
    with pytest.raises(ValidationError, match="Istimewa"):
        services.predikat_unit_set(actor=admin_unit, unit=bidang, periode=periode, periode_ke=None, predikat="hebat")
    with pytest.raises(ValidationError, match="triwulan"):
        services.predikat_unit_set(actor=admin_unit, unit=bidang, periode=periode, periode_ke=9, predikat="baik")
    services.predikat_unit_set(actor=admin_unit, unit=bidang, periode=periode, periode_ke=None, predikat="kurang")
    assert PredikatUnit.objects.get().predikat == "kurang"


def test_the_distribution_of_a_baik_unit_without_a_weak_result_is_off_the_curve(atasan, bidang, periode, tim):
    services.predikat_unit_set(actor=atasan.user, unit=bidang, periode=periode, periode_ke=None, predikat="baik")
    d = selectors.distribusi_unit(unit=bidang, periode=periode)
    assert d.total == 5 and d.jumlah["baik"] == 4 and d.jumlah["sangat_baik"] == 1
    pesan = [p.pesan for p in d.pelanggaran]
    assert any("paling banyak 70%" in m for m in pesan)  # 4 of 5 is 80 %
    assert any("Butuh Perbaikan atau Kurang/Misconduct" in m for m in pesan)
    with pytest.raises(ValidationError, match="justifikasi"):
        services.distribusi_finalize(actor=atasan.user, unit=bidang, periode=periode)
    assert not PenetapanDistribusi.objects.exists()
    penetapan = services.distribusi_finalize(
        actor=atasan.user, unit=bidang, periode=periode, justifikasi="Tim kecil dan seluruhnya mencapai target."
    )
    assert (penetapan.sesuai_kurva, penetapan.jumlah["baik"], len(penetapan.pelanggaran)) == (False, 4, 2)
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        services.distribusi_finalize(actor=atasan.user, unit=bidang, periode=periode, justifikasi="lagi")


def test_a_unit_on_the_curve_is_finalised_without_justification(atasan, bidang, periode, tim):
    tim[1].rating_hasil_kerja, tim[1].predikat = "di_bawah", "butuh_perbaikan"
    tim[1].save()
    services.predikat_unit_set(actor=atasan.user, unit=bidang, periode=periode, periode_ke=None, predikat="baik")
    assert selectors.distribusi_unit(unit=bidang, periode=periode).pelanggaran == []
    penetapan = services.distribusi_finalize(actor=atasan.user, unit=bidang, periode=periode)
    assert penetapan.sesuai_kurva and penetapan.justifikasi == ""


def test_finalising_needs_the_units_predikat_and_no_draft(atasan, penilai, bidang, periode, tim):
    with pytest.raises(ValidationError, match="predikat kinerja organisasi"):
        services.distribusi_finalize(actor=atasan.user, unit=bidang, periode=periode, justifikasi="x")
    services.predikat_unit_set(actor=atasan.user, unit=bidang, periode=periode, periode_ke=None, predikat="baik")
    Evaluasi.objects.filter(pk=tim[0].pk).update(status="draft", difinalkan_pada=None)
    with pytest.raises(ValidationError, match="draf"):
        services.distribusi_finalize(actor=atasan.user, unit=bidang, periode=periode, justifikasi="x")
    with pytest.raises(PermissionDenied):
        services.distribusi_finalize(actor=penilai.user, unit=bidang, periode=periode, justifikasi="x")


def test_calibration_shows_each_penilai_beside_the_unit_and_flags_a_marked_difference(
    atasan, penilai, dinas, bidang, periode, tim, skp_pegawai
):
    # a second penilai in the dinas who gave all three of his people Sangat Baik
    lain = PegawaiFactory(unit=dinas, atasan=atasan, nama="Penilai Murah Hati", jabatan=penilai.jabatan)
    for i in range(3):
        p = PegawaiFactory(unit=dinas, atasan=lain, nama=f"Staf {i}")
        tahunan_final(p, periode=periode, skp=skp_pegawai, hasil="di_atas", perilaku="di_atas")
    k = selectors.kalibrasi_unit(unit=dinas, periode=periode)
    assert k.jumlah_unit["sangat_baik"] == 4 and sum(k.jumlah_unit.values()) == 8
    murah = next(b for b in k.penilai if b.penilai_id == lain.pk)
    assert [p.predikat for p in murah.penyimpangan] == ["sangat_baik", "baik"]
    assert murah.penyimpangan[0].persen_penilai == 100 and murah.penyimpangan[0].persen_unit == 50


def test_calibration_changes_keep_before_and_after_then_lock(atasan, bidang, periode, tim):
    sesi = services.kalibrasi_open(actor=atasan.user, unit=bidang, periode=periode)
    with pytest.raises(ValidationError, match="terbuka"):
        services.kalibrasi_open(actor=atasan.user, unit=bidang, periode=periode)
    evaluasi = tim[4]  # Sangat Baik
    with pytest.raises(ValidationError, match="Alasan"):
        services.kalibrasi_rate(
            actor=atasan.user,
            sesi=sesi,
            evaluasi=evaluasi,
            rating_hasil_kerja="sesuai",
            rating_perilaku="di_atas",
            alasan="",
        )
    perubahan = services.kalibrasi_rate(
        actor=atasan.user,
        sesi=sesi,
        evaluasi=evaluasi,
        rating_hasil_kerja="sesuai",
        rating_perilaku="di_atas",
        alasan="Capaian setara rekan satu tim.",
    )
    evaluasi.refresh_from_db()
    assert (perubahan.predikat_semula, perubahan.predikat, evaluasi.predikat) == ("sangat_baik", "baik", "baik")
    assert (perubahan.rating_hasil_kerja_semula, perubahan.diubah_oleh) == ("di_atas", atasan.user)
    assert LogEntry.objects.get_for_object(evaluasi).filter(actor=atasan.user).exists()
    with pytest.raises(ValidationError, match="semula"):
        services.kalibrasi_rate(
            actor=atasan.user,
            sesi=sesi,
            evaluasi=evaluasi,
            rating_hasil_kerja="sesuai",
            rating_perilaku="di_atas",
            alasan="x",
        )
    services.kalibrasi_close(actor=atasan.user, sesi=sesi)
    sesi.refresh_from_db()
    assert sesi.status == SesiKalibrasi.Status.TERKUNCI and sesi.dikunci_oleh == atasan.user
    with pytest.raises(ValidationError, match="dikunci"):
        services.kalibrasi_rate(
            actor=atasan.user,
            sesi=sesi,
            evaluasi=tim[0],
            rating_hasil_kerja="di_atas",
            rating_perilaku="di_atas",
            alasan="x",
        )
    assert PerubahanKalibrasi.objects.count() == 1


def test_calibration_is_refused_after_the_unit_is_finalised_and_for_others(
    atasan, pegawai, outsider, bidang, periode, tim
):
    for user in (pegawai.user, outsider.user):
        with pytest.raises(PermissionDenied):
            services.kalibrasi_open(actor=user, unit=bidang, periode=periode)
    services.predikat_unit_set(actor=atasan.user, unit=bidang, periode=periode, periode_ke=None, predikat="baik")
    services.distribusi_finalize(actor=atasan.user, unit=bidang, periode=periode, justifikasi="Tim kecil.")
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        services.kalibrasi_open(actor=atasan.user, unit=bidang, periode=periode)


def test_an_outsider_cannot_change_or_lock_a_session(atasan, outsider, bidang, periode, tim):
    sesi = services.kalibrasi_open(actor=atasan.user, unit=bidang, periode=periode)
    with pytest.raises(PermissionDenied):
        services.kalibrasi_rate(
            actor=outsider.user,
            sesi=sesi,
            evaluasi=tim[0],
            rating_hasil_kerja="di_atas",
            rating_perilaku="di_atas",
            alasan="x",
        )
    with pytest.raises(PermissionDenied):
        services.kalibrasi_close(actor=outsider.user, sesi=sesi)
    with pytest.raises(Http404):
        access.sesi_kalibrasi_get_for_user(outsider.user, sesi.pk)


def test_the_penilai_as_unit_head_calibrates_but_never_his_own_evaluation(
    penilai, atasan, bidang, periode, skp_pegawai
):
    kepala = tahunan_final(penilai, periode=periode, skp=skp_pegawai, penilai=atasan)
    sesi = services.kalibrasi_open(actor=penilai.user, unit=bidang, periode=periode)  # he heads the bidang
    with pytest.raises(ValidationError, match="sendiri"):
        services.kalibrasi_rate(
            actor=penilai.user,
            sesi=sesi,
            evaluasi=kepala,
            rating_hasil_kerja="di_atas",
            rating_perilaku="di_atas",
            alasan="x",
        )


def test_the_unit_heads_suggestion_follows_the_units_predikat(atasan, penilai, bidang, periode, skp_pegawai, jam):
    from penilaian.models import Evaluasi as E
    from tests.indikator.factories import skp_disetujui

    skp = skp_disetujui(penilai, periode)
    evaluasi = services.evaluasi_open(actor=atasan.user, pegawai=penilai, periode=periode, periode_ke=2)
    assert access.kepala_unit_id(bidang) == penilai.pk
    services.predikat_unit_set(actor=atasan.user, unit=bidang, periode=periode, periode_ke=2, predikat="istimewa")
    lembar = selectors.evaluasi_lembar(evaluasi=E.objects.select_related("pegawai__unit").get(pk=evaluasi.pk))
    assert lembar.predikat_unit is not None and lembar.saran.rating == "di_atas"
    assert skp.pk == evaluasi.skp_id
