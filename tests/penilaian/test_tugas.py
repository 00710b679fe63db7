"""The to-do items of penilaian: evaluations to do (penilai), objections to answer (penilai, atasan), results to
acknowledge (pegawai); a constant number of queries whatever the team's size."""

import pytest

from penilaian import services, tugas
from tests.indikator.factories import skp_disetujui
from tests.kepegawaian.factories import PegawaiFactory, UserFactory
from tests.penilaian.conftest import tahunan_final


def _kode(items):
    return {t.kode: t for t in items}


def test_the_penilai_sees_subordinates_not_yet_evaluated(penilai, pegawai, periode, skp_pegawai):
    item = _kode(tugas.tugas_penilai(penilai.user))["penilaian.evaluasi_lakukan"]
    assert item.jumlah == 1 and "Triwulan II" in item.teks and item.url.endswith("?ke=2")
    e = services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=2)
    e = services.evaluasi_save(
        actor=penilai.user,
        evaluasi=e,
        versi=e.versi,
        rating_hasil_kerja="sesuai",
        rating_perilaku="sesuai",
        alasan_beda_saran="Realisasi belum diisi.",
    )
    assert "penilaian.evaluasi_lakukan" in _kode(tugas.tugas_penilai(penilai.user))  # a draft is not done
    services.evaluasi_finalize(actor=penilai.user, evaluasi=e, versi=e.versi)
    assert "penilaian.evaluasi_lakukan" not in _kode(tugas.tugas_penilai(penilai.user))
    assert tugas.tugas_penilai(pegawai.user) == []


def test_the_annual_evaluation_is_asked_from_december(penilai, pegawai, periode, skp_pegawai, jam):
    jam(2026, 12, 2, 9, 0)
    teks = [t.teks for t in tugas.tugas_penilai(penilai.user)]
    assert any("tahunan" in t for t in teks) and any("Triwulan IV" in t for t in teks)


def test_objections_reach_the_penilai_and_the_atasan_and_results_the_pegawai(
    penilai, atasan, pegawai, periode, skp_pegawai
):
    e = tahunan_final(pegawai, periode=periode, skp=skp_pegawai)
    assert _kode(tugas.tugas_pegawai(pegawai.user))["penilaian.evaluasi_baca"].url == e.get_absolute_url()
    services.keberatan_submit(actor=pegawai.user, evaluasi=e, alasan="Capaian saya di atas target.")
    assert _kode(tugas.tugas_penilai(penilai.user))["penilaian.keberatan_tanggapi"].jumlah == 1
    assert _kode(tugas.tugas_atasan_penilai(atasan.user))["penilaian.keberatan_putuskan"].penting
    assert tugas.tugas_atasan_penilai(penilai.user) == []
    services.evaluasi_acknowledge(actor=pegawai.user, evaluasi=e)
    assert tugas.tugas_pegawai(pegawai.user) == []


@pytest.mark.parametrize("jumlah", [1, 6])
def test_the_items_run_a_constant_number_of_queries(
    penilai, atasan, bidang, periode, skp_pegawai, pegawai, jumlah, django_assert_max_num_queries
):
    for _i in range(jumlah):
        p = PegawaiFactory(unit=bidang, atasan=penilai, user=UserFactory())
        skp_disetujui(p, periode)
        e = tahunan_final(p, periode=periode, skp=skp_pegawai)
        services.keberatan_submit(actor=p.user, evaluasi=e, alasan="Tidak setuju.")
    for user in (penilai.user, atasan.user, pegawai.user):
        user.refresh_from_db()
    with django_assert_max_num_queries(9):
        tugas.tugas_penilai(penilai.user)
        tugas.tugas_atasan_penilai(atasan.user)
        tugas.tugas_pegawai(pegawai.user)
