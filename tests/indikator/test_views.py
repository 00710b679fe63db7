"""The HTML pages of indikator: access per role (404 for what one may not see, 403 for what one sees but may not
change), bad input answered in Indonesian with nothing saved, optimistic locking, and constant query counts."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
from tests.indikator.factories import (
    IkiFactory,
    RealisasiFactory,
    RhkFactory,
    SkpFactory,
    pdf_bytes,
    skp_disetujui,
    skp_draft,
)
from tests.kepegawaian.factories import PegawaiFactory


def _html(response) -> str:
    return response.content.decode()


def _versi(skp) -> int:
    return Skp.objects.get(pk=skp.pk).versi


# --- SKP saya -------------------------------------------------------------------------------------------------------


def test_pegawai_starts_a_draft_skp_from_skp_saya(as_user, pegawai, periode):
    client = as_user(pegawai.user)
    assert "Buat draf SKP" in _html(client.get(reverse("indikator:skp-saya")))

    response = client.post(reverse("indikator:skp-saya"), {"aksi": "baru"})

    skp = Skp.objects.get(pegawai=pegawai, periode=periode)
    assert response.status_code == 302
    assert response["Location"] == reverse("indikator:skp-detail", args=[skp.pk])
    assert client.get(reverse("indikator:skp-saya"))["Location"] == reverse("indikator:skp-detail", args=[skp.pk])


def test_copying_last_year_without_a_last_year_skp_says_so(as_user, pegawai, periode):
    response = as_user(pegawai.user).post(reverse("indikator:skp-saya"), {"aksi": "salin"})

    assert response.status_code == 400
    assert "Tidak ada SKP tahun 2025 untuk disalin" in _html(response)
    assert not Skp.objects.exists()


def test_skp_saya_is_403_for_an_account_without_pegawai(as_user, admin_bkd, periode):
    # kepegawaian.access.pegawai_of_account: the same 403 on every door (it was a 404 on the pages, 403 in the API)
    response = as_user(admin_bkd).get(reverse("indikator:skp-saya"))
    assert response.status_code == 403
    assert "Akun Anda tidak terhubung dengan data pegawai." in response.content.decode()


def test_anonymous_visitor_is_sent_to_login(client, periode):
    response = client.get(reverse("indikator:dasbor"))
    assert response.status_code == 302 and "/akun/login/" in response["Location"]


# --- access per role ----------------------------------------------------------------------------------------------


@pytest.fixture
def skp_pegawai(pegawai, penilai, periode):
    return skp_draft(pegawai, periode, rhk=1)


@pytest.mark.parametrize(
    "actor, status",
    [("pegawai", 200), ("penilai", 200), ("atasan", 200), ("admin_unit", 200), ("outsider", 404)],
)
def test_who_sees_an_skp_page(request, as_user, skp_pegawai, actor, status):
    user = request.getfixturevalue(actor)
    user = getattr(user, "user", user)
    client = as_user(user)
    assert client.get(reverse("indikator:skp-detail", args=[skp_pegawai.pk])).status_code == status
    assert client.get(reverse("indikator:skp-pdf", args=[skp_pegawai.pk])).status_code == status
    iki = Iki.objects.filter(rhk__skp=skp_pegawai).first()
    assert client.get(reverse("indikator:iki-realisasi", args=[iki.pk])).status_code == status


def test_outsider_gets_404_on_every_write_of_someone_elses_skp(as_user, outsider, skp_pegawai):
    client = as_user(outsider.user)
    rhk = Rhk.objects.get(skp=skp_pegawai)
    iki = Iki.objects.get(rhk=rhk)
    versi = {"versi": skp_pegawai.versi}
    assert (
        client.post(reverse("indikator:rhk-tambah", args=[skp_pegawai.pk]), {**versi, "uraian": "x"}).status_code == 404
    )
    assert client.post(reverse("indikator:rhk-hapus", args=[rhk.pk]), versi).status_code == 404
    assert client.post(reverse("indikator:iki-ubah", args=[iki.pk]), versi).status_code == 404
    assert client.post(reverse("indikator:skp-ajukan", args=[skp_pegawai.pk]), versi).status_code == 404
    assert Rhk.objects.filter(skp=skp_pegawai).count() == 1
    assert Skp.objects.get(pk=skp_pegawai.pk).status == Skp.Status.DRAFT


def test_penilai_sees_the_skp_but_may_not_edit_it(as_user, penilai, skp_pegawai):
    client = as_user(penilai.user)
    response = client.post(
        reverse("indikator:rhk-tambah", args=[skp_pegawai.pk]),
        {"versi": skp_pegawai.versi, "jenis": "utama", "uraian": "RHK titipan penilai"},
    )
    assert response.status_code == 403
    assert not Rhk.objects.filter(uraian="RHK titipan penilai").exists()


# --- RHK and IKI ------------------------------------------------------------------------------------------------


def test_pegawai_links_his_rhk_to_his_atasans_draft_rhk(as_user, pegawai, penilai, periode):
    skp_atasan = skp_draft(penilai, periode, rhk=1)
    rhk_atasan = Rhk.objects.get(skp=skp_atasan)
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    client = as_user(pegawai.user)

    form = client.get(reverse("indikator:rhk-tambah", args=[skp.pk]))
    assert rhk_atasan.uraian in _html(form)
    response = client.post(
        reverse("indikator:rhk-tambah", args=[skp.pk]),
        {"versi": skp.versi, "jenis": "utama", "uraian": "Menyusun laporan", "rhk_atasan": rhk_atasan.pk},
    )

    assert response.status_code == 302
    rhk = Rhk.objects.get(skp=skp)
    assert rhk.rhk_atasan == rhk_atasan
    assert rhk.status_tautan == Rhk.StatusTautan.MENUNGGU
    assert "Menunggu persetujuan SKP atasan" in _html(client.get(reverse("indikator:skp-detail", args=[skp.pk])))


def test_rhk_intervensi_that_is_not_the_atasans_is_refused(as_user, pegawai, penilai, outsider, periode):
    rhk_orang_lain = Rhk.objects.get(skp=skp_draft(outsider, periode, rhk=1))
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)

    response = as_user(pegawai.user).post(
        reverse("indikator:rhk-tambah", args=[skp.pk]),
        {"versi": skp.versi, "jenis": "utama", "uraian": "Menyusun laporan", "rhk_atasan": rhk_orang_lain.pk},
    )

    assert response.status_code == 400
    assert "Pilih RHK dari SKP terkini atasan langsung Anda" in _html(response)
    assert "Menyusun laporan" in _html(response)  # the input is kept
    assert not Rhk.objects.filter(skp=skp).exists()


def test_empty_rhk_text_gets_an_indonesian_message(as_user, pegawai, penilai, periode):
    skp = services.skp_create(actor=pegawai.user, pegawai=pegawai, periode=periode)
    response = as_user(pegawai.user).post(
        reverse("indikator:rhk-tambah", args=[skp.pk]), {"versi": skp.versi, "jenis": "utama", "uraian": "  "}
    )
    assert response.status_code == 400
    assert "Uraian RHK wajib diisi" in _html(response)


@pytest.mark.parametrize(
    "data, pesan",
    [
        ({"target_bentuk": "rentang", "target": "8", "target_atas": "7"}, "Batas bawah rentang target tidak boleh"),
        ({"target": "0"}, "Target nol tidak bermakna"),
        ({"target": "-3"}, "Target tidak boleh negatif"),
        ({"target": "dua belas"}, "Masukkan angka yang sah"),
        ({"target_bentuk": "rentang", "target": "7"}, "wajib diisi batas atasnya"),
    ],
)
def test_bad_iki_targets_are_refused_with_a_clear_message(as_user, pegawai, skp_pegawai, data, pesan):
    rhk = Rhk.objects.get(skp=skp_pegawai)
    sebelum = Iki.objects.count()
    base = {"versi": skp_pegawai.versi, "uraian": "Waktu penyelesaian aduan", "aspek": "waktu", "satuan": "hari"}
    base.update({"arah": "naik", "target_bentuk": "angka"})

    response = as_user(pegawai.user).post(reverse("indikator:iki-tambah", args=[rhk.pk]), {**base, **data})

    assert response.status_code == 400
    assert pesan in _html(response)
    assert Iki.objects.count() == sebelum


def test_range_target_with_decimal_comma_is_saved(as_user, pegawai, skp_pegawai):
    rhk = Rhk.objects.get(skp=skp_pegawai)
    response = as_user(pegawai.user).post(
        reverse("indikator:iki-tambah", args=[rhk.pk]),
        {
            "versi": skp_pegawai.versi,
            "uraian": "Waktu penyelesaian aduan",
            "aspek": "waktu",
            "satuan": "hari",
            "arah": "turun",
            "target_bentuk": "rentang",
            "target": "6,5",
            "target_atas": "8",
        },
    )
    assert response.status_code == 302
    iki = Iki.objects.get(uraian="Waktu penyelesaian aduan")
    assert (iki.target, iki.target_atas) == (Decimal("6.5"), Decimal("8"))


def test_a_stale_form_gets_a_conflict_keeps_the_input_and_saves_nothing(as_user, pegawai, skp_pegawai):
    rhk = Rhk.objects.get(skp=skp_pegawai)
    client = as_user(pegawai.user)
    versi_lama = skp_pegawai.versi
    # another tab changes the SKP meanwhile
    services.skp_update(actor=pegawai.user, skp=skp_pegawai, versi=versi_lama, konsekuensi="Tab lain")

    response = client.post(
        reverse("indikator:rhk-ubah", args=[rhk.pk]),
        {"versi": versi_lama, "jenis": "utama", "uraian": "Uraian dari tab pertama"},
    )

    assert response.status_code == 409
    html = _html(response)
    assert "sudah diubah di tempat lain" in html
    assert "Uraian dari tab pertama" in html
    assert f'name="versi" value="{versi_lama + 1}"' in html  # saving again is now a deliberate choice
    assert Rhk.objects.get(pk=rhk.pk).uraian != "Uraian dari tab pertama"


def test_deleting_an_rhk_with_a_stale_version_is_refused(as_user, pegawai, skp_pegawai):
    rhk = Rhk.objects.get(skp=skp_pegawai)
    response = as_user(pegawai.user).post(
        reverse("indikator:rhk-hapus", args=[rhk.pk]), {"versi": skp_pegawai.versi - 1 or 99}, follow=True
    )
    assert "sudah diubah di tempat lain" in _html(response)
    assert Rhk.objects.filter(pk=rhk.pk).exists()


# --- workflow through the pages -------------------------------------------------------------------------------------


def test_submit_return_with_reason_resubmit_approve(as_user, client, pegawai, penilai, skp_pegawai):
    url = lambda name: reverse(f"indikator:{name}", args=[skp_pegawai.pk])  # noqa: E731
    as_user(pegawai.user).post(url("skp-ajukan"), {"versi": _versi(skp_pegawai)})
    assert Skp.objects.get(pk=skp_pegawai.pk).status == Skp.Status.DIAJUKAN

    client.force_login(penilai.user)
    assert 'data-testid="menunggu-persetujuan"' in _html(client.get(reverse("indikator:tim")))
    page = _html(client.get(url("skp-detail")))
    assert "Setujui SKP" in page and "Kembalikan dengan alasan" in page
    tanpa_alasan = client.post(url("skp-kembalikan"), {"versi": _versi(skp_pegawai), "alasan": ""})
    assert tanpa_alasan.status_code == 400
    assert "Alasan pengembalian wajib diisi" in _html(tanpa_alasan)
    client.post(url("skp-kembalikan"), {"versi": _versi(skp_pegawai), "alasan": "Target terlalu rendah."})

    client.force_login(pegawai.user)
    assert "Target terlalu rendah." in _html(client.get(url("skp-detail")))
    client.post(url("skp-ajukan"), {"versi": _versi(skp_pegawai)})
    client.force_login(penilai.user)
    response = client.post(url("skp-setujui"), {"versi": _versi(skp_pegawai)})

    assert response.status_code == 302
    skp = Skp.objects.get(pk=skp_pegawai.pk)
    assert skp.status == Skp.Status.DISETUJUI and skp.penilai == penilai


def test_pegawai_cannot_approve_his_own_skp(as_user, pegawai, skp_pegawai):
    client = as_user(pegawai.user)
    client.post(reverse("indikator:skp-ajukan", args=[skp_pegawai.pk]), {"versi": _versi(skp_pegawai)})
    response = client.post(reverse("indikator:skp-setujui", args=[skp_pegawai.pk]), {"versi": _versi(skp_pegawai)})
    assert response.status_code == 403
    assert Skp.objects.get(pk=skp_pegawai.pk).status == Skp.Status.DIAJUKAN


def test_submitting_an_skp_without_indicators_explains_why(as_user, pegawai, penilai, periode):
    skp = skp_draft(pegawai, periode, rhk=1, iki_per_rhk=0)
    response = as_user(pegawai.user).post(reverse("indikator:skp-ajukan", args=[skp.pk]), {"versi": skp.versi})
    assert response.status_code == 400
    assert "Setiap RHK harus memiliki paling sedikit satu indikator" in _html(response)
    assert Skp.objects.get(pk=skp.pk).status == Skp.Status.DRAFT


def test_approved_skp_is_read_only_with_buat_revisi_and_old_revision_stays_readable(as_user, pegawai, penilai, periode):
    skp = skp_disetujui(pegawai, periode, rhk=1)
    client = as_user(pegawai.user)
    page = _html(client.get(reverse("indikator:skp-detail", args=[skp.pk])))
    assert "Buat revisi" in page
    assert "Tambah RHK" not in page and "Simpan lampiran" not in page

    response = client.post(reverse("indikator:skp-revisi", args=[skp.pk]), {"versi": _versi(skp)})

    baru = Skp.objects.get(pegawai=pegawai, terkini=True)
    assert baru.revisi == 2 and baru.status == Skp.Status.DRAFT
    assert response["Location"] == reverse("indikator:skp-detail", args=[baru.pk])
    lama = _html(client.get(reverse("indikator:skp-detail", args=[skp.pk])))
    assert "Ini revisi lama SKP" in lama


def test_broken_intervensi_link_is_flagged_to_the_pegawai_and_the_penilai(as_user, pegawai, penilai, periode):
    skp_atasan = skp_draft(penilai, periode, rhk=1)
    rhk_atasan = Rhk.objects.get(skp=skp_atasan)
    skp = skp_draft(pegawai, periode, rhk=1, rhk_atasan=rhk_atasan)
    services.rhk_delete(actor=penilai.user, rhk=rhk_atasan, versi=_versi(skp_atasan))
    client = as_user(pegawai.user)

    page = _html(client.get(reverse("indikator:skp-detail", args=[skp.pk])))
    assert 'data-testid="peringatan-tautan"' in page and "Tautan terputus" in page
    client.force_login(penilai.user)
    assert 'data-testid="tautan-putus-tim"' in _html(client.get(reverse("indikator:tim")))


def test_penilai_sets_ekspektasi_khusus_and_records_a_dialog(as_user, pegawai, penilai, skp_pegawai):
    client = as_user(penilai.user)
    response = client.post(
        reverse("indikator:skp-ekspektasi", args=[skp_pegawai.pk]),
        {"versi": _versi(skp_pegawai), "kolaboratif": "Aktif dalam tim lintas bidang", "adaptif": "Cepat belajar"},
    )
    assert response.status_code == 302
    assert EkspektasiPerilaku.objects.get(skp=skp_pegawai, nilai="kolaboratif").ekspektasi_khusus == (
        "Aktif dalam tim lintas bidang"
    )

    masa_depan = client.post(
        reverse("indikator:skp-dialog", args=[skp_pegawai.pk]), {"tanggal": "2026-12-01", "catatan": "Bahas target"}
    )
    assert masa_depan.status_code == 400 and "tidak boleh di masa depan" in _html(masa_depan)
    client.post(reverse("indikator:skp-dialog", args=[skp_pegawai.pk]), {"tanggal": "2026-07-01", "catatan": "Bahas"})
    assert DialogKinerja.objects.filter(skp=skp_pegawai, tanggal=dt.date(2026, 7, 1)).count() == 1

    client.force_login(pegawai.user)
    page = _html(client.get(reverse("indikator:skp-detail", args=[skp_pegawai.pk])))
    assert "Aktif dalam tim lintas bidang" in page
    assert client.post(reverse("indikator:skp-ekspektasi", args=[skp_pegawai.pk]), {"versi": 1}).status_code == 403


# --- realisation -----------------------------------------------------------------------------------------------


@pytest.fixture
def iki_disetujui(pegawai, penilai, periode):
    skp = skp_disetujui(pegawai, periode, rhk=1)
    return Iki.objects.get(rhk__skp=skp)


def test_realisation_page_shows_the_value_without_padded_zeros(as_user, pegawai, iki_disetujui):
    services.realisasi_save(actor=pegawai.user, iki=iki_disetujui, periode_ke=3, nilai="95.9")

    page = _html(as_user(pegawai.user).get(reverse("indikator:iki-realisasi", args=[iki_disetujui.pk])))

    assert f"95,9 {iki_disetujui.satuan}" in page
    assert "95,9000" not in page


def test_pegawai_logs_a_quarter_with_a_pdf_and_the_sha256_is_shown(as_user, pegawai, penilai, iki_disetujui):
    client = as_user(pegawai.user)
    berkas = SimpleUploadedFile("laporan.pdf", pdf_bytes("Laporan Juli"), content_type="application/pdf")

    response = client.post(
        reverse("indikator:realisasi-simpan", args=[iki_disetujui.pk, 3]),
        {"r3-nilai": "7,5", "r3-narasi": "Laporan triwulan III", "b3-berkas": berkas},
    )

    assert response.status_code == 302
    realisasi = Realisasi.objects.get(iki=iki_disetujui, periode_ke=3)
    assert realisasi.nilai == Decimal("7.5")
    bukti = BuktiDukung.objects.get(realisasi=realisasi)
    client.force_login(penilai.user)
    page = _html(client.get(reverse("indikator:iki-realisasi", args=[iki_disetujui.pk])))
    assert bukti.sha256 in page
    assert "62,50%" in page  # 7.5 of a target of 12
    download = client.get(reverse("indikator:bukti-unduh", args=[bukti.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_evidence_of_the_wrong_type_is_refused_and_the_value_is_not_saved_either(as_user, pegawai, iki_disetujui):
    palsu = SimpleUploadedFile("bukan.pdf", b"MZ\x90\x00 ini program, bukan PDF", content_type="application/pdf")
    response = as_user(pegawai.user).post(
        reverse("indikator:realisasi-simpan", args=[iki_disetujui.pk, 3]), {"r3-nilai": "5", "b3-berkas": palsu}
    )
    assert response.status_code == 400
    assert "tidak diizinkan" in _html(response)
    assert not Realisasi.objects.exists() and not BuktiDukung.objects.exists()


def test_realisation_without_a_value_asks_only_for_the_value_not_for_optional_evidence(as_user, pegawai, iki_disetujui):
    response = as_user(pegawai.user).post(
        reverse("indikator:realisasi-simpan", args=[iki_disetujui.pk, 3]), {"r3-nilai": ""}
    )

    assert response.status_code == 400
    page = _html(response)
    assert "Nilai realisasi wajib diisi" in page
    assert "Lampirkan satu berkas atau satu tautan" not in page
    assert not Realisasi.objects.exists()


def test_a_closed_quarter_is_read_only(as_user, pegawai, iki_disetujui):
    client = as_user(pegawai.user)
    page = _html(client.get(reverse("indikator:iki-realisasi", args=[iki_disetujui.pk])))
    assert 'name="r1-nilai"' not in page and 'name="r3-nilai"' in page

    response = client.post(reverse("indikator:realisasi-simpan", args=[iki_disetujui.pk, 1]), {"r1-nilai": "3"})

    assert response.status_code == 400
    assert "sudah ditutup" in _html(response)
    assert not Realisasi.objects.exists()


def test_realisation_with_a_stale_version_is_a_conflict(as_user, pegawai, iki_disetujui):
    client = as_user(pegawai.user)
    url = reverse("indikator:realisasi-simpan", args=[iki_disetujui.pk, 3])
    client.post(url, {"r3-nilai": "4"})
    client.post(url, {"r3-nilai": "5", "r3-versi": "1"})  # the other tab saved first

    response = client.post(url, {"r3-nilai": "6", "r3-versi": "1"})

    assert response.status_code == 409
    assert "sudah diubah di tempat lain" in _html(response)
    assert Realisasi.objects.get().nilai == Decimal("5")


def test_penilai_gives_feedback_and_the_pegawai_replies(as_user, pegawai, penilai, iki_disetujui):
    client = as_user(penilai.user)
    kosong = client.post(reverse("indikator:umpan-balik-tambah", args=[iki_disetujui.pk, 3]), {"u3-teks": ""})
    assert kosong.status_code == 400 and "Umpan balik tidak boleh kosong" in _html(kosong)
    client.post(reverse("indikator:umpan-balik-tambah", args=[iki_disetujui.pk, 3]), {"u3-teks": "Lengkapi buktinya"})
    induk = UmpanBalik.objects.get()

    client.force_login(pegawai.user)
    assert "Lengkapi buktinya" in _html(client.get(reverse("indikator:iki-realisasi", args=[iki_disetujui.pk])))
    kosong = client.post(reverse("indikator:umpan-balik-balas", args=[induk.pk]), {f"balas{induk.pk}-teks": ""})
    assert kosong.status_code == 400 and "Balasan tidak boleh kosong" in _html(kosong)
    client.post(reverse("indikator:umpan-balik-balas", args=[induk.pk]), {f"balas{induk.pk}-teks": "Sudah saya unggah"})
    assert UmpanBalik.objects.get(balasan_untuk=induk).teks == "Sudah saya unggah"
    # the pegawai does not give feedback to himself
    mandiri = client.post(reverse("indikator:umpan-balik-tambah", args=[iki_disetujui.pk, 3]), {"u3-teks": "Bagus"})
    assert mandiri.status_code == 403


def test_evidence_download_is_404_for_an_outsider(as_user, pegawai, outsider, iki_disetujui):
    realisasi = services.realisasi_save(actor=pegawai.user, iki=iki_disetujui, periode_ke=3, nilai="2")
    berkas = SimpleUploadedFile("a.pdf", pdf_bytes(), content_type="application/pdf")
    bukti = services.bukti_create(actor=pegawai.user, realisasi=realisasi, berkas=berkas)
    assert as_user(outsider.user).get(reverse("indikator:bukti-unduh", args=[bukti.pk])).status_code == 404


# --- dashboard and team: constant query counts ----------------------------------------------------------------------


def _tim(penilai, bidang, periode, n: int):
    for i in range(n):
        p = PegawaiFactory(atasan=penilai, unit=bidang, nama=f"Bawahan {i:03d}")
        skp = SkpFactory(pegawai=p, periode=periode, status=Skp.Status.DISETUJUI, disetujui_pada="2026-02-01T00:00Z")
        for _r in range(2):
            rhk = RhkFactory(skp=skp)
            for _i in range(2):
                iki = IkiFactory(rhk=rhk)
                RealisasiFactory(iki=iki, periode_ke=1, nilai=Decimal("3"))
                RealisasiFactory(iki=iki, periode_ke=2, nilai=Decimal("6"))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_team_page_runs_the_same_queries_for_6_and_60_subordinates(as_user, penilai, bidang, periode):
    client = as_user(penilai.user)
    _tim(penilai, bidang, periode, 6)
    sedikit = _queries(client, reverse("indikator:tim"))
    _tim(penilai, bidang, periode, 54)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("indikator:tim"))

    assert len(ctx.captured_queries) == sedikit
    assert _html(response).count('data-testid="baris-tim"') == 60
    assert "50,00%" in _html(response)  # 6 of a target of 12 so far


def test_dashboard_runs_the_same_queries_for_a_small_and_a_large_skp(as_user, pegawai, penilai, periode):
    client = as_user(pegawai.user)
    skp = skp_disetujui(pegawai, periode, rhk=1, iki_per_rhk=1)
    sedikit = _queries(client, reverse("indikator:dasbor"))
    for _r in range(5):
        rhk = RhkFactory(skp=skp)
        for _i in range(4):
            RealisasiFactory(iki=IkiFactory(rhk=rhk), periode_ke=1)

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("indikator:dasbor"))

    assert len(ctx.captured_queries) == sedikit
    html = _html(response)
    assert html.count('data-testid="grafik-iki"') == 21
    assert 'id="data-grafik"' in html and "chart.umd.min.js" in html


def test_dashboard_lists_missing_entries_and_coming_deadlines(as_user, pegawai, penilai, iki_disetujui):
    html = _html(as_user(pegawai.user).get(reverse("indikator:dasbor")))
    assert "Triwulan III" in html and "5 Oktober 2026" in html  # the open quarter's deadline
    assert "sudah ditutup" in html  # triwulan I and II were never filled


def test_team_page_without_subordinates_says_so(as_user, pegawai, periode):
    assert "tidak memiliki bawahan langsung" in _html(as_user(pegawai.user).get(reverse("indikator:tim")))


# --- bulk cascade -----------------------------------------------------------------------------------------------


def test_penilai_cascades_one_rhk_to_many_subordinates_in_one_request(as_user, penilai, pegawai, bidang, periode):
    skp_penilai = skp_draft(penilai, periode, rhk=1)
    rhk = Rhk.objects.get(skp=skp_penilai)
    lain = [PegawaiFactory(atasan=penilai, unit=bidang) for _ in range(3)]
    data = {
        "rhk": rhk.pk,
        "jenis": "utama",
        "uraian": "Jumlah aduan yang diselesaikan",
        "aspek": "kuantitas",
        "satuan": "aduan",
        "arah": "naik",
        "target_bentuk": "angka",
        "target": "120",
        "bawahan": [pegawai.pk, *[p.pk for p in lain]],
    }

    response = as_user(penilai.user).post(reverse("indikator:kaskade"), data)

    assert response.status_code == 302
    assert Rhk.objects.filter(rhk_atasan=rhk).count() == 4
    assert Iki.objects.filter(rhk__rhk_atasan=rhk, target=Decimal("120")).count() == 4


def test_cascade_without_subordinates_or_to_a_stranger_is_refused(as_user, penilai, outsider, periode):
    rhk = Rhk.objects.get(skp=skp_draft(penilai, periode, rhk=1))
    data = {"rhk": rhk.pk, "jenis": "utama", "uraian": "X", "aspek": "kuantitas", "satuan": "x", "arah": "naik"}
    data.update({"target_bentuk": "angka", "target": "1"})
    client = as_user(penilai.user)

    kosong = client.post(reverse("indikator:kaskade"), data)
    asing = client.post(reverse("indikator:kaskade"), {**data, "bawahan": [outsider.pk]})

    assert kosong.status_code == 400 and "Pilih paling sedikit satu bawahan" in _html(kosong)
    assert asing.status_code == 400 and "Pilih hanya bawahan langsung Anda" in _html(asing)
    assert not Rhk.objects.filter(rhk_atasan=rhk).exists()


# --- admin pages -----------------------------------------------------------------------------------------------


def test_admin_bkd_opens_a_period_and_closes_it(as_user, admin_bkd, periode):
    client = as_user(admin_bkd)
    data = {
        "tahun": 2027,
        "periodisitas": "bulanan",
        "batas_penyusunan_skp": "2027-01-31",
        "hari_batas_realisasi": 5,
        "batas_evaluasi_tahunan": "2028-01-31",
    }
    assert client.post(reverse("indikator:periode"), data).status_code == 302
    assert PeriodePenilaian.objects.get(tahun=2027).periodisitas == "bulanan"

    dobel = client.post(reverse("indikator:periode"), data)
    assert dobel.status_code == 400 and "Periode untuk tahun ini sudah ada" in _html(dobel)
    salah = client.post(
        reverse("indikator:periode"),
        {**data, "tahun": 2028, "batas_penyusunan_skp": "2028-01-31", "batas_evaluasi_tahunan": "2028-01-01"},
    )
    assert salah.status_code == 400 and "Batas evaluasi tahunan tidak boleh sebelum" in _html(salah)

    tanya = client.post(reverse("indikator:periode-status", args=[periode.pk]), {"status": "ditutup"})
    assert tanya.status_code == 200 and "Tutup periode 2026?" in _html(tanya)
    assert "pembukaan kembali isian per pegawai tidak berlaku" in _html(tanya)
    assert PeriodePenilaian.objects.get(pk=periode.pk).dibuka  # asked, not yet closed
    client.post(reverse("indikator:periode-status", args=[periode.pk]), {"status": "ditutup", "konfirmasi": "ya"})
    assert PeriodePenilaian.objects.get(pk=periode.pk).status == PeriodePenilaian.Status.DITUTUP


def test_a_period_whose_skp_drafting_deadline_is_outside_its_year_is_refused(as_user, admin_bkd, periode):
    data = {
        "tahun": 2027,
        "periodisitas": "triwulan",
        "batas_penyusunan_skp": "2026-01-31",  # drafting would be closed before the year even begins
        "hari_batas_realisasi": 5,
        "batas_evaluasi_tahunan": "2028-01-31",
    }

    response = as_user(admin_bkd).post(reverse("indikator:periode"), data)

    assert response.status_code == 400
    assert "Batas penyusunan SKP harus jatuh pada tahun periode (2027)" in _html(response)
    assert not PeriodePenilaian.objects.filter(tahun=2027).exists()


def test_only_admin_bkd_manages_periods(as_user, admin_unit, pegawai, periode):
    client = as_user(admin_unit)
    assert client.get(reverse("indikator:periode")).status_code == 200
    assert client.post(reverse("indikator:periode-status", args=[periode.pk]), {"status": "ditutup"}).status_code == 403
    assert PeriodePenilaian.objects.get(pk=periode.pk).dibuka
    client.force_login(pegawai.user)
    assert client.get(reverse("indikator:periode")).status_code == 404


def test_admin_unit_reopens_one_pegawai_with_a_reason(as_user, admin_unit, pegawai, outsider, periode):
    client = as_user(admin_unit)
    data = {"nip": pegawai.nip, "periode_ke": "1", "berlaku_sampai": "2026-07-31", "alasan": "Sakit pada April"}

    assert client.post(reverse("indikator:pembukaan-kembali"), data).status_code == 302
    assert PembukaanKembali.objects.get(pegawai=pegawai).periode_ke == 1

    tanpa_alasan = client.post(reverse("indikator:pembukaan-kembali"), {**data, "alasan": ""})
    assert tanpa_alasan.status_code == 400 and "Alasan pembukaan kembali wajib diisi" in _html(tanpa_alasan)
    luar = client.post(reverse("indikator:pembukaan-kembali"), {**data, "nip": outsider.nip})
    assert luar.status_code == 400 and "di unit yang Anda kelola" in _html(luar)
    assert PembukaanKembali.objects.count() == 1


def _xlsx(rows) -> SimpleUploadedFile:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(services.KOLOM_IMPOR_INDIKATOR_UNIT))
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("iku.xlsx", out.getvalue())


def test_admin_unit_enters_and_imports_unit_indicators_with_per_row_errors(as_user, admin_unit, dinas, periode):
    client = as_user(admin_unit)
    url = reverse("indikator:indikator-unit") + f"?unit={dinas.pk}"
    satu = {"aksi": "tambah", "jenis": "pk", "sasaran_strategis": "Pelayanan cepat", "indikator": "Waktu aduan"}
    satu.update({"satuan": "hari", "arah": "turun", "target": "7", "perspektif": ""})
    tanpa_perspektif = client.post(url, satu)
    assert tanpa_perspektif.status_code == 400 and "wajib diberi perspektif" in _html(tanpa_perspektif)
    assert client.post(url, {**satu, "perspektif": "penerima_layanan"}).status_code == 302

    buruk = _xlsx(
        [
            ["iku", "Sasaran A", "Indikator A", "%", "naik", 90, ""],
            ["iku", "Sasaran B", "Indikator B", "%", "naik", "sembilan puluh", ""],
        ]
    )
    response = client.post(url, {"aksi": "impor", "berkas": buruk})
    assert response.status_code == 400
    assert "Baris 3, kolom target" in _html(response)
    assert IndikatorUnit.objects.count() == 1

    baik = _xlsx([["iku", "Sasaran A", "Indikator A", "%", "naik", 90, ""]])
    assert client.post(url, {"aksi": "impor", "berkas": baik}).status_code == 302
    assert IndikatorUnit.objects.count() == 2


def test_admin_unit_cannot_see_the_indicators_page_of_another_unit(as_user, admin_unit, dinas_lain, periode):
    response = as_user(admin_unit).get(reverse("indikator:indikator-unit") + f"?unit={dinas_lain.pk}")
    assert response.status_code == 200
    assert "Dinas Lain" not in _html(response).split('id="isi"')[1].split("<select")[0]
    assert 'data-testid="indikator-unit"' not in _html(response)
