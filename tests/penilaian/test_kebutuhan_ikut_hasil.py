"""Development needs follow the result: a calibration change or an objection decision that removes a need's reason
closes it (``gugur``, with the reason and what changed it, audited); one that worsens a result creates the need, or
reopens the one closed before. One rule decides: ``aturan.alasan_kebutuhan``."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from penilaian import aturan, selectors, services
from penilaian.models import KebutuhanPengembangan
from penilaian.services.pengembangan import _kebutuhan_sync
from tests.penilaian.conftest import tahunan_final


@pytest.mark.parametrize(
    ("predikat", "rating_nilai", "catatan", "alasan"),
    [
        ("baik", {}, "", []),
        ("sangat_baik", {"kompeten": "sesuai"}, "  ", []),
        ("butuh_perbaikan", {}, "", [("predikat", "")]),
        ("kurang", {}, "", [("predikat", "")]),
        ("sangat_kurang", {}, "", [("predikat", "")]),
        ("baik", {"loyal": "di_bawah", "kompeten": "di_bawah"}, "", [("perilaku", "kompeten"), ("perilaku", "loyal")]),
        ("baik", {}, "Pelatihan data.", [("catatan", "")]),
    ],
)
def test_one_rule_says_which_needs_an_evaluation_calls_for(predikat, rating_nilai, catatan, alasan):
    hasil = aturan.alasan_kebutuhan(predikat=predikat, rating_nilai=rating_nilai, catatan_pengembangan=catatan)
    assert [(str(s), a) for s, a in hasil] == alasan
    assert aturan.perlu_pengembangan(predikat=predikat, rating_nilai=rating_nilai, catatan_pengembangan=catatan) is (
        bool(alasan)
    )


@pytest.fixture
def sesi(atasan, bidang, periode):
    return services.kalibrasi_open(actor=atasan.user, unit=bidang, periode=periode)


def _kebutuhan(evaluasi):
    return {(k.sumber, k.aspek): k for k in KebutuhanPengembangan.objects.filter(evaluasi=evaluasi)}


def _kalibrasi(atasan, sesi, evaluasi, hasil, perilaku, alasan="Dibahas dalam sesi kalibrasi."):
    return services.kalibrasi_rate(
        actor=atasan.user,
        sesi=sesi,
        evaluasi=evaluasi,
        rating_hasil_kerja=hasil,
        rating_perilaku=perilaku,
        alasan=alasan,
    )


def test_a_calibration_that_improves_the_result_closes_the_need_with_its_reason_audited(
    atasan, pegawai, periode, skp_pegawai, sesi
):
    e = tahunan_final(pegawai, periode=periode, skp=skp_pegawai, hasil="di_bawah", perilaku="sesuai")
    _kebutuhan_sync(e)  # as finalising does
    kebutuhan = _kebutuhan(e)[("predikat", "")]
    assert kebutuhan.terbuka
    perubahan = _kalibrasi(atasan, sesi, e, "sesuai", "sesuai", alasan="Target triwulan IV tercapai.")
    kebutuhan.refresh_from_db()
    assert kebutuhan.status == "gugur" and kebutuhan.ditutup_oleh == atasan.user
    assert "Target triwulan IV tercapai." in kebutuhan.catatan_penutupan and "Baik" in kebutuhan.catatan_penutupan
    assert kebutuhan.referensi_penutupan == f"kalibrasi:{perubahan.pk}"
    assert not selectors.kebutuhan_terbuka(pegawai_ids=[pegawai.pk]).exists()  # the training app no longer sees it
    log = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(KebutuhanPengembangan), object_pk=str(kebutuhan.pk)
    ).latest("timestamp")
    assert log.actor == atasan.user and log.changes_dict["status"] == ["terbuka", "gugur"]


def test_a_calibration_that_worsens_the_result_creates_the_need_then_reopens_it(
    atasan, pegawai, periode, skp_pegawai, sesi
):
    e = tahunan_final(pegawai, periode=periode, skp=skp_pegawai, hasil="sesuai", perilaku="sesuai")
    assert _kebutuhan(e) == {}
    _kalibrasi(atasan, sesi, e, "di_bawah", "sesuai")
    pertama = _kebutuhan(e)[("predikat", "")]
    assert pertama.terbuka and "Butuh Perbaikan" in pertama.uraian
    _kalibrasi(atasan, sesi, e, "sesuai", "sesuai")
    _kalibrasi(atasan, sesi, e, "di_bawah", "di_bawah")  # worse again: the same need, reopened, its text updated
    semua = _kebutuhan(e)
    assert list(semua) == [("predikat", "")]
    kembali = semua[("predikat", "")]
    assert kembali.pk == pertama.pk and kembali.terbuka and kembali.ditutup_pada is None
    assert kembali.catatan_penutupan == "" and "Sangat Kurang" in kembali.uraian


def test_an_objection_decision_closes_or_creates_the_need(atasan, penilai, pegawai, periode, skp_pegawai):
    e = tahunan_final(pegawai, periode=periode, skp=skp_pegawai, hasil="di_bawah", perilaku="sesuai")
    _kebutuhan_sync(e)
    keberatan = services.keberatan_submit(actor=pegawai.user, evaluasi=e, alasan="Capaian saya di atas target.")
    services.keberatan_decide(
        actor=atasan.user,
        keberatan=keberatan,
        keputusan="diubah",
        alasan_keputusan="Bukti dukung kuat.",
        rating_hasil_kerja="sesuai",
        rating_perilaku="sesuai",
    )
    kebutuhan = _kebutuhan(e)[("predikat", "")]
    assert kebutuhan.status == "gugur" and kebutuhan.referensi_penutupan == f"keberatan:{keberatan.pk}"
    assert "Bukti dukung kuat." in kebutuhan.catatan_penutupan


def test_an_objection_decision_that_worsens_creates_the_need(atasan, pegawai, periode, skp_pegawai):
    e = tahunan_final(pegawai, periode=periode, skp=skp_pegawai, hasil="sesuai", perilaku="sesuai")
    keberatan = services.keberatan_submit(actor=pegawai.user, evaluasi=e, alasan="Saya keberatan.")
    versi = e.versi
    services.keberatan_decide(
        actor=atasan.user,
        keberatan=keberatan,
        keputusan="diubah",
        alasan_keputusan="Bukti dukung tidak sah.",
        rating_hasil_kerja="di_bawah",
        rating_perilaku="sesuai",
    )
    assert _kebutuhan(e)[("predikat", "")].terbuka
    e.refresh_from_db()
    assert e.versi == versi + 1  # a form opened on the old result is refused (409), as after a calibration


def test_a_need_fulfilled_by_training_stays_fulfilled(atasan, penilai, pegawai, periode, skp_pegawai, sesi):
    e = tahunan_final(pegawai, periode=periode, skp=skp_pegawai, hasil="di_bawah", perilaku="sesuai")
    _kebutuhan_sync(e)
    kebutuhan = _kebutuhan(e)[("predikat", "")]
    services.kebutuhan_close(actor=penilai.user, kebutuhan=kebutuhan, referensi="pelatihan:1")
    _kalibrasi(atasan, sesi, e, "sesuai", "sesuai")
    _kalibrasi(atasan, sesi, e, "di_bawah", "sesuai")
    kebutuhan.refresh_from_db()
    assert kebutuhan.status == "terpenuhi" and kebutuhan.referensi_penutupan == "pelatihan:1"


def test_the_value_and_note_needs_stay_when_only_the_predikat_improves(atasan, pegawai, periode, skp_pegawai, sesi):
    e = tahunan_final(pegawai, periode=periode, skp=skp_pegawai, hasil="di_bawah", perilaku="sesuai")
    e.rating_nilai = {"kompeten": "di_bawah"}
    e.catatan_pengembangan = "Perlu pelatihan analisis data."
    e.save()
    _kebutuhan_sync(e)
    _kalibrasi(atasan, sesi, e, "sesuai", "sesuai")
    status = {k: v.status for k, v in _kebutuhan(e).items()}
    assert status == {("predikat", ""): "gugur", ("perilaku", "kompeten"): "terbuka", ("catatan", ""): "terbuka"}
