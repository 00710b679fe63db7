"""Objections against a final annual evaluation: the 14-day deadline (frozen time, Asia/Jakarta, day 14 and 15),
once, only by the pegawai; the penilai responds; the atasan pejabat penilai decides, finally."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from penilaian import access, services
from penilaian.aturan import Predikat
from penilaian.models import Keberatan
from tests.penilaian.conftest import realisasi_semua


def _final(evaluasi, penilai, hasil="sesuai", perilaku="sesuai"):
    evaluasi.refresh_from_db()
    evaluasi = services.evaluasi_save(
        actor=penilai.user,
        evaluasi=evaluasi,
        versi=evaluasi.versi,
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
        alasan_beda_saran="Pertimbangan penilai.",
    )
    return services.evaluasi_finalize(actor=penilai.user, evaluasi=evaluasi, versi=evaluasi.versi)


@pytest.fixture
def tahunan(jam, penilai, pegawai, periode, skp_pegawai):
    """Budi's annual evaluation, made final on 5 January 2027 at 00:30 WIB (still 4 January in UTC)."""
    realisasi_semua(skp_pegawai, 12, periode_ke=4)
    jam(2027, 1, 5, 0, 30)
    evaluasi = services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=None)
    return _final(evaluasi, penilai)


def _ajukan(evaluasi, user, alasan="Capaian saya di atas target."):
    return services.keberatan_submit(actor=user, evaluasi=evaluasi, alasan=alasan)


def test_objection_on_the_14th_day_is_accepted(tahunan, pegawai, jam):
    jam(2027, 1, 19, 23, 59)  # day 14, counted in Asia/Jakarta from 5 January
    assert access.batas_keberatan(tahunan).isoformat() == "2027-01-19"
    keberatan = _ajukan(tahunan, pegawai.user)
    assert keberatan.status == Keberatan.Status.DIAJUKAN
    assert LogEntry.objects.get_for_object(keberatan).filter(actor=pegawai.user).exists()


def test_objection_on_the_15th_day_is_refused_and_the_button_is_gone(tahunan, pegawai, jam):
    jam(2027, 1, 20, 0, 0)
    assert not access.can_object(pegawai.user, tahunan)
    with pytest.raises(ValidationError, match="19-01-2027"):
        _ajukan(tahunan, pegawai.user)
    assert not Keberatan.objects.exists()


def test_objection_is_filed_once(tahunan, pegawai, jam):
    jam(2027, 1, 6, 9, 0)
    _ajukan(tahunan, pegawai.user)
    assert not access.can_object(pegawai.user, tahunan)
    with pytest.raises(ValidationError, match="sudah mengajukan"):
        _ajukan(tahunan, pegawai.user)


@pytest.mark.parametrize("siapa", ["penilai", "atasan", "outsider"])
def test_only_the_pegawai_objects(request, siapa, tahunan):
    with pytest.raises(PermissionDenied):
        _ajukan(tahunan, request.getfixturevalue(siapa).user)


def test_no_objection_against_a_periodic_or_draft_evaluation(penilai, pegawai, periode, skp_pegawai, jam):
    realisasi_semua(skp_pegawai, 12)
    periodik = _final(
        services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=2), penilai
    )
    with pytest.raises(ValidationError, match="tahunan"):
        _ajukan(periodik, pegawai.user)
    jam(2026, 12, 10, 9, 0)
    draft = services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=None)
    with pytest.raises(ValidationError, match="final"):
        _ajukan(draft, pegawai.user)


def test_an_objection_needs_a_reason(tahunan, pegawai, jam):
    jam(2027, 1, 6, 9, 0)
    with pytest.raises(ValidationError):
        _ajukan(tahunan, pegawai.user, alasan="  ")
    assert not Keberatan.objects.exists()


@pytest.fixture
def keberatan(tahunan, pegawai, jam):
    jam(2027, 1, 6, 9, 0)
    return _ajukan(tahunan, pegawai.user)


def test_the_penilai_responds_but_cannot_decide(keberatan, penilai, pegawai):
    keberatan = services.keberatan_reply(actor=penilai.user, keberatan=keberatan, tanggapan="Target Utama tercapai.")
    assert keberatan.tanggapan_penilai == "Target Utama tercapai."
    with pytest.raises(PermissionDenied):
        services.keberatan_reply(actor=pegawai.user, keberatan=keberatan, tanggapan="x")
    for user in (penilai.user, pegawai.user):
        with pytest.raises(PermissionDenied):
            services.keberatan_decide(
                actor=user, keberatan=keberatan, keputusan="dipertahankan", alasan_keputusan="Sudah sesuai."
            )


def test_atasan_upholds_with_a_reason_and_the_decision_is_final(keberatan, atasan, tahunan):
    with pytest.raises(ValidationError):
        services.keberatan_decide(
            actor=atasan.user, keberatan=keberatan, keputusan="dipertahankan", alasan_keputusan=""
        )
    with pytest.raises(ValidationError):
        services.keberatan_decide(actor=atasan.user, keberatan=keberatan, keputusan="entahlah", alasan_keputusan="x")
    keberatan = services.keberatan_decide(
        actor=atasan.user, keberatan=keberatan, keputusan="dipertahankan", alasan_keputusan="Bukti tidak menunjukkan."
    )
    assert (keberatan.status, keberatan.diputuskan_oleh, keberatan.predikat_semula) == ("diputuskan", atasan, "baik")
    tahunan.refresh_from_db()
    assert tahunan.predikat == Predikat.BAIK
    with pytest.raises(ValidationError, match="final"):
        services.keberatan_decide(actor=atasan.user, keberatan=keberatan, keputusan="diubah", alasan_keputusan="x")


def test_atasan_changes_the_ratings_the_predikat_follows_and_the_old_ones_are_kept(keberatan, atasan, tahunan):
    with pytest.raises(ValidationError, match="sama dengan semula"):
        services.keberatan_decide(
            actor=atasan.user,
            keberatan=keberatan,
            keputusan="diubah",
            alasan_keputusan="x",
            rating_hasil_kerja="sesuai",
            rating_perilaku="sesuai",
        )
    keberatan = services.keberatan_decide(
        actor=atasan.user,
        keberatan=keberatan,
        keputusan="diubah",
        alasan_keputusan="Capaian Utama terbukti di atas target.",
        rating_hasil_kerja="di_atas",
        rating_perilaku="di_atas",
    )
    tahunan.refresh_from_db()
    assert (tahunan.rating_hasil_kerja, tahunan.predikat, tahunan.status) == ("di_atas", Predikat.SANGAT_BAIK, "final")
    assert (keberatan.rating_hasil_kerja_semula, keberatan.predikat_semula) == ("sesuai", "baik")
    entry = LogEntry.objects.get_for_object(tahunan).filter(actor=atasan.user).get()
    assert entry.changes_dict["predikat"] == ["baik", "sangat_baik"]


def test_the_history_is_visible_to_the_three_and_nobody_else(keberatan, pegawai, penilai, atasan, outsider):
    for orang in (pegawai, penilai, atasan):
        assert access.keberatan_get_for_user(orang.user, keberatan.pk) == keberatan
    with pytest.raises(Http404):
        access.keberatan_get_for_user(outsider.user, keberatan.pk)


def test_outsider_cannot_decide(keberatan, outsider, admin_bkd):
    for user in (outsider.user, admin_bkd):
        with pytest.raises(PermissionDenied):
            services.keberatan_decide(actor=user, keberatan=keberatan, keputusan="dipertahankan", alasan_keputusan="x")
