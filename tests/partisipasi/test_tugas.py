"""Complaints on the officer's to-do list (partisipasi.tugas): open ones of his units, and those past the SLA."""

from kinerja.tugas import tugas_untuk
from tests.partisipasi.factories import pengaduan_baru


def _per_kode(user) -> dict:
    return {t.kode: t for t in tugas_untuk(user)}


def test_officer_sees_open_complaints_of_his_kelurahan_only(petugas_a, petugas_b, kel_a, kel_b):
    pengaduan_baru(kel_a)
    pengaduan_baru(kel_a)
    pengaduan_baru(kel_b)
    tugas = _per_kode(petugas_a)["partisipasi.pengaduan_tangani"]
    assert tugas.jumlah == 2 and "2 pengaduan warga perlu ditangani" in tugas.teks
    assert "partisipasi.pengaduan_terlambat" not in _per_kode(petugas_a)


def test_complaints_past_their_service_level_come_first(petugas_a, kel_a, jam):
    pengaduan_baru(kel_a)
    jam.maju(days=30)
    pertama = tugas_untuk(petugas_a)[0]
    assert pertama.kode == "partisipasi.pengaduan_terlambat" and pertama.penting and pertama.jumlah == 1
    assert pertama.url.endswith("?terlambat=1")


def test_a_pegawai_without_the_role_gets_no_complaint_items(pegawai, kel_a):
    pengaduan_baru(kel_a)
    assert not [t for t in tugas_untuk(pegawai.user) if t.kode.startswith("partisipasi.")]
