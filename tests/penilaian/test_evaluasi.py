"""Periodic evaluation through the services: open, rate with feedback, suggestion and reason, finalise, acknowledge;
who may do what; audit."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from indikator.models import Iki
from kinerja.db import KonflikVersi
from penilaian import access, services
from penilaian.aturan import Predikat, Rating
from penilaian.models import Evaluasi, UmpanBalikEvaluasi
from tests.indikator.factories import IkiFactory, skp_disetujui
from tests.kepegawaian.factories import PegawaiFactory, UserFactory
from tests.penilaian.conftest import realisasi_semua


@pytest.fixture
def evaluasi(penilai, pegawai, periode, skp_pegawai):
    realisasi_semua(skp_pegawai, 12)  # capaian 100 %: the suggestion is Sesuai
    return services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=2)


def _save(evaluasi, actor, **kwargs):
    evaluasi.refresh_from_db()
    return services.evaluasi_save(actor=actor, evaluasi=evaluasi, versi=evaluasi.versi, **kwargs)


def test_penilai_opens_a_subordinates_evaluation_recording_who_he_is(evaluasi, penilai, pegawai, skp_pegawai):
    assert (evaluasi.penilai, evaluasi.penilai_nama, evaluasi.penilai_nip) == (penilai, penilai.nama, penilai.nip)
    assert evaluasi.skp == skp_pegawai
    assert (evaluasi.jenis, evaluasi.periode_ke, evaluasi.status) == ("periodik", 2, "draft")
    assert LogEntry.objects.get_for_object(evaluasi).filter(actor=penilai.user).exists()


@pytest.mark.parametrize("siapa", ["pegawai", "atasan", "outsider", "admin_bkd"])
def test_only_the_direct_superior_opens_an_evaluation(request, siapa, pegawai, periode, skp_pegawai):
    user = request.getfixturevalue(siapa)
    user = getattr(user, "user", user)
    with pytest.raises(PermissionDenied):
        services.evaluasi_open(actor=user, pegawai=pegawai, periode=periode, periode_ke=2)
    assert not Evaluasi.objects.exists()


def test_nobody_rates_himself(pegawai, periode, skp_pegawai):
    with pytest.raises(PermissionDenied, match="diri sendiri"):
        services.evaluasi_open(actor=pegawai.user, pegawai=pegawai, periode=periode, periode_ke=2)


def test_penilai_cannot_open_a_non_subordinates_evaluation(penilai, outsider, periode):
    with pytest.raises(PermissionDenied):
        services.evaluasi_open(actor=penilai.user, pegawai=outsider, periode=periode, periode_ke=1)


def test_an_evaluation_opens_from_the_last_month_of_its_quarter(penilai, pegawai, periode, skp_pegawai, jam):
    with pytest.raises(ValidationError, match="01-09-2026"):
        services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=3)
    with pytest.raises(ValidationError, match="01-12-2026"):
        services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=None)
    with pytest.raises(ValidationError):
        services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=5)
    jam(2026, 9, 1, 8, 0)
    assert services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=3).pk


def test_an_evaluation_is_opened_once(evaluasi, penilai, pegawai, periode):
    with pytest.raises(ValidationError, match="sudah dibuka"):
        services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=2)


def test_an_evaluation_needs_an_approved_skp(penilai, pegawai, periode):
    with pytest.raises(ValidationError, match="SKP yang disetujui"):
        services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=1)


def test_ratings_give_the_predikat_at_once(evaluasi, penilai):
    evaluasi = _save(evaluasi, penilai.user, rating_hasil_kerja="sesuai", rating_perilaku="di_atas")
    assert (evaluasi.saran_hasil_kerja, evaluasi.predikat) == (Rating.SESUAI, Predikat.BAIK)
    evaluasi = _save(evaluasi, penilai.user, rating_hasil_kerja="sesuai")
    assert evaluasi.predikat == ""


def test_a_rating_outside_the_three_values_is_refused_and_nothing_saved(evaluasi, penilai):
    with pytest.raises(ValidationError) as info:
        _save(evaluasi, penilai.user, rating_hasil_kerja="luar_biasa", rating_perilaku="sesuai")
    assert "rating_hasil_kerja" in info.value.message_dict
    evaluasi.refresh_from_db()
    assert (evaluasi.rating_hasil_kerja, evaluasi.rating_perilaku, evaluasi.versi) == ("", "", 1)


def test_a_rating_differing_from_the_suggestion_needs_a_reason(evaluasi, penilai):
    with pytest.raises(ValidationError) as info:
        _save(evaluasi, penilai.user, rating_hasil_kerja="di_atas", rating_perilaku="sesuai")
    assert "Sesuai Ekspektasi" in info.value.message_dict["alasan_beda_saran"][0]
    evaluasi = _save(
        evaluasi,
        penilai.user,
        rating_hasil_kerja="di_atas",
        rating_perilaku="di_atas",
        alasan_beda_saran="Menyelesaikan proyek lintas bidang di luar target.",
    )
    assert (evaluasi.rating_hasil_kerja, evaluasi.predikat) == ("di_atas", Predikat.SANGAT_BAIK)


def test_feedback_per_iki_and_per_berakhlak_value_is_saved_in_the_same_step(evaluasi, penilai, skp_pegawai):
    iki = Iki.objects.filter(rhk__skp=skp_pegawai).first()
    _save(
        evaluasi,
        penilai.user,
        umpan_balik_iki={iki.pk: "Laporan tepat waktu."},
        umpan_balik_perilaku={"akuntabel": "Teliti dan jujur."},
    )
    assert set(UmpanBalikEvaluasi.objects.values_list("iki_id", "nilai_perilaku", "teks")) == {
        (iki.pk, "", "Laporan tepat waktu."),
        (None, "akuntabel", "Teliti dan jujur."),
    }
    _save(evaluasi, penilai.user, umpan_balik_iki={iki.pk: ""}, umpan_balik_perilaku={"akuntabel": "Sangat teliti."})
    assert list(UmpanBalikEvaluasi.objects.values_list("teks", flat=True)) == ["Sangat teliti."]


def test_feedback_on_an_iki_of_another_skp_or_an_unknown_value_is_refused(evaluasi, penilai, outsider, periode):
    asing = IkiFactory(rhk__skp__pegawai=outsider, rhk__skp__periode=periode)
    with pytest.raises(ValidationError) as info:
        _save(evaluasi, penilai.user, rating_hasil_kerja="sesuai", umpan_balik_iki={asing.pk: "?"})
    assert "umpan_balik_iki" in info.value.message_dict
    with pytest.raises(ValidationError):
        _save(evaluasi, penilai.user, umpan_balik_perilaku={"jujur": "?"})
    evaluasi.refresh_from_db()
    assert not UmpanBalikEvaluasi.objects.exists() and evaluasi.rating_hasil_kerja == ""


def test_finalising_needs_both_ratings_then_locks(evaluasi, penilai):
    evaluasi = _save(evaluasi, penilai.user, rating_hasil_kerja="sesuai")
    with pytest.raises(ValidationError) as info:
        services.evaluasi_finalize(actor=penilai.user, evaluasi=evaluasi, versi=evaluasi.versi)
    assert "rating_perilaku" in info.value.message_dict
    evaluasi = _save(evaluasi, penilai.user, rating_hasil_kerja="sesuai", rating_perilaku="sesuai")
    evaluasi = services.evaluasi_finalize(actor=penilai.user, evaluasi=evaluasi, versi=evaluasi.versi)
    assert (evaluasi.status, evaluasi.predikat, evaluasi.difinalkan_oleh) == ("final", Predikat.BAIK, penilai.user)
    with pytest.raises(PermissionDenied, match="final"):
        _save(evaluasi, penilai.user, rating_hasil_kerja="di_bawah", rating_perilaku="sesuai")


def test_a_stale_version_is_a_conflict(evaluasi, penilai):
    _save(evaluasi, penilai.user, rating_hasil_kerja="sesuai")
    with pytest.raises(KonflikVersi):
        services.evaluasi_save(actor=penilai.user, evaluasi=evaluasi, versi=1, rating_perilaku="di_atas")


@pytest.mark.parametrize("siapa", ["pegawai", "atasan", "outsider", "admin_unit"])
def test_only_the_recorded_penilai_rates(request, siapa, evaluasi):
    user = request.getfixturevalue(siapa)
    user = getattr(user, "user", user)
    with pytest.raises(PermissionDenied):
        _save(evaluasi, user, rating_hasil_kerja="di_atas", rating_perilaku="di_atas", alasan_beda_saran="x")
    with pytest.raises(PermissionDenied):
        services.evaluasi_finalize(actor=user, evaluasi=evaluasi, versi=evaluasi.versi)


def test_the_recorded_penilai_keeps_rating_after_the_atasan_changed(evaluasi, penilai, pegawai, atasan):
    baru = PegawaiFactory(atasan=atasan, unit=penilai.unit, user=UserFactory(username="penilai.baru"))
    pegawai.atasan = baru
    pegawai.save()
    assert _save(evaluasi, penilai.user, rating_hasil_kerja="sesuai", rating_perilaku="sesuai").predikat == "baik"
    with pytest.raises(PermissionDenied):
        _save(evaluasi, baru.user, rating_hasil_kerja="sesuai", rating_perilaku="sesuai")
    # the former penilai still sees it, the new one sees it as the pegawai's superior
    assert access.evaluasi_get_for_user(penilai.user, evaluasi.pk) == evaluasi
    assert access.evaluasi_get_for_user(baru.user, evaluasi.pk) == evaluasi


def test_a_pegawai_cannot_read_others_evaluations(evaluasi, pegawai, outsider, penilai, bidang):
    rekan = PegawaiFactory(atasan=penilai, unit=bidang, user=UserFactory(username="rekan"))
    assert access.evaluasi_get_for_user(pegawai.user, evaluasi.pk) == evaluasi
    for user in (rekan.user, outsider.user):
        with pytest.raises(Http404):
            access.evaluasi_get_for_user(user, evaluasi.pk)


def test_pegawai_acknowledges_a_final_evaluation_once(evaluasi, penilai, pegawai):
    with pytest.raises(ValidationError, match="belum final"):
        services.evaluasi_acknowledge(actor=pegawai.user, evaluasi=evaluasi)
    evaluasi = _save(evaluasi, penilai.user, rating_hasil_kerja="sesuai", rating_perilaku="sesuai")
    evaluasi = services.evaluasi_finalize(actor=penilai.user, evaluasi=evaluasi, versi=evaluasi.versi)
    with pytest.raises(PermissionDenied):
        services.evaluasi_acknowledge(actor=penilai.user, evaluasi=evaluasi)
    evaluasi = services.evaluasi_acknowledge(actor=pegawai.user, evaluasi=evaluasi)
    assert evaluasi.dibaca_pada is not None
    with pytest.raises(ValidationError, match="sudah menyatakan"):
        services.evaluasi_acknowledge(actor=pegawai.user, evaluasi=evaluasi)


def test_self_assessment_only_where_the_period_asks_for_it(evaluasi, pegawai, penilai, periode, admin_bkd, admin_unit):
    evaluasi.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.penilaian_mandiri_save(
            actor=pegawai.user, evaluasi=evaluasi, versi=evaluasi.versi, hasil_kerja="di_atas", perilaku="sesuai"
        )
    with pytest.raises(PermissionDenied):
        services.pengaturan_periode_set(actor=admin_unit, periode=periode, penilaian_mandiri=True)
    services.pengaturan_periode_set(actor=admin_bkd, periode=periode, penilaian_mandiri=True)
    with pytest.raises(PermissionDenied):
        services.penilaian_mandiri_save(
            actor=penilai.user, evaluasi=evaluasi, versi=evaluasi.versi, hasil_kerja="di_atas", perilaku="sesuai"
        )
    evaluasi = services.penilaian_mandiri_save(
        actor=pegawai.user, evaluasi=evaluasi, versi=evaluasi.versi, hasil_kerja="di_atas", perilaku="sesuai"
    )
    assert (evaluasi.mandiri_hasil_kerja, evaluasi.mandiri_perilaku, evaluasi.rating_hasil_kerja) == (
        "di_atas",
        "sesuai",
        "",
    )


def test_every_rating_change_is_audited_with_before_after_and_actor(evaluasi, penilai):
    _save(evaluasi, penilai.user, rating_hasil_kerja="sesuai", rating_perilaku="sesuai")
    _save(
        evaluasi, penilai.user, rating_hasil_kerja="di_bawah", rating_perilaku="sesuai", alasan_beda_saran="Terlambat."
    )
    entry = LogEntry.objects.get_for_object(evaluasi).filter(actor=penilai.user).order_by("-pk").first()
    assert entry.changes_dict["rating_hasil_kerja"] == ["sesuai", "di_bawah"]
    assert entry.changes_dict["predikat"] == ["baik", "butuh_perbaikan"]


def test_pppk_are_evaluated_the_same_way(penilai, periode, bidang):
    pppk = PegawaiFactory(atasan=penilai, unit=bidang, status="pppk", user=UserFactory(username="pppk"))
    skp = skp_disetujui(pppk, periode)
    realisasi_semua(skp, 12)
    evaluasi = services.evaluasi_open(actor=penilai.user, pegawai=pppk, periode=periode, periode_ke=2)
    evaluasi = _save(evaluasi, penilai.user, rating_hasil_kerja="sesuai", rating_perilaku="sesuai")
    assert services.evaluasi_finalize(actor=penilai.user, evaluasi=evaluasi, versi=evaluasi.versi).final
