"""Periodic and annual evaluations: open, rate with feedback, self-assessment, finalise, acknowledge.

Rules held here (PermenPANRB 6/2022, issue 10):
- only the pegawai's pejabat penilai opens his evaluation (never himself); the penilai is recorded on it and only he
  rates it afterwards, even when the atasan changes during the year;
- an evaluation reads the pegawai's approved SKP of the period (``indikator.selectors.skp_berlaku``);
- a rating is one of the three values; a rating hasil kerja that differs from the suggestion needs a reason;
- the predikat follows from the matrix (``aturan.predikat_pegawai``), saved with the ratings;
- finalising needs both ratings; a final evaluation is locked (changed only by an objection decision).
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator.models import EkspektasiPerilaku, Iki, PeriodePenilaian
from indikator.selectors import skp_berlaku
from kepegawaian.access import pegawai_of_account
from kepegawaian.models import Pegawai
from kinerja.audit import audit_actor
from kinerja.db import versi_bump
from penilaian import access, aturan, selectors
from penilaian.models import Evaluasi, PengaturanPeriode, UmpanBalikEvaluasi, masa_evaluasi_dimulai
from penilaian.services._dasar import evaluasi_terkunci, rating_valid
from penilaian.services.pengembangan import _kebutuhan_sync


def evaluasi_open(*, actor, pegawai: Pegawai, periode: PeriodePenilaian, periode_ke: int | None) -> Evaluasi:
    """The penilai opens a subordinate's evaluation of month/quarter ``periode_ke`` (``None``: the annual one)."""
    access.require_open(actor, pegawai)
    if periode_ke is not None and periode_ke not in periode.daftar_periode_ke:
        raise ValidationError({"periode_ke": _("Bulan/triwulan tidak ada pada periode ini.")})
    mulai = masa_evaluasi_dimulai(periode, periode_ke)
    if timezone.localdate() < mulai:
        raise ValidationError(
            _("Evaluasi ini baru dapat dibuka mulai %(tanggal)s.") % {"tanggal": mulai.strftime("%d-%m-%Y")}
        )
    skp = skp_berlaku(pegawai=pegawai, periode=periode)
    if skp is None:
        raise ValidationError(_("Pegawai ini belum memiliki SKP yang disetujui pada periode ini."))
    jenis = Evaluasi.Jenis.TAHUNAN if periode_ke is None else Evaluasi.Jenis.PERIODIK
    if Evaluasi.objects.filter(pegawai=pegawai, periode=periode, jenis=jenis, periode_ke=periode_ke).exists():
        raise ValidationError(_("Evaluasi ini sudah dibuka."))
    penilai = pegawai_of_account(actor)
    evaluasi = Evaluasi(
        pegawai=pegawai,
        periode=periode,
        jenis=jenis,
        periode_ke=periode_ke,
        skp=skp,
        penilai=penilai,
        penilai_nama=penilai.nama,
        penilai_nip=penilai.nip,
        penilai_jabatan=penilai.jabatan.nama,
    )
    evaluasi.full_clean()
    try:
        with transaction.atomic(), audit_actor(actor):
            evaluasi.save()
    except IntegrityError:  # opened meanwhile by another request
        raise ValidationError(_("Evaluasi ini sudah dibuka.")) from None
    return evaluasi


def _periksa_alasan(*, rating_hasil_kerja: str, saran: str, alasan: str) -> None:
    if rating_hasil_kerja and saran and rating_hasil_kerja != saran and not alasan.strip():
        raise ValidationError(
            {
                "alasan_beda_saran": _("Rating hasil kerja berbeda dari saran (%(saran)s): tuliskan alasannya.")
                % {"saran": aturan.Rating(saran).label}
            }
        )


def _simpan_umpan_balik(*, evaluasi: Evaluasi, per_iki: Mapping[int, str], per_nilai: Mapping[str, str]) -> None:
    iki_sah = set(Iki.objects.filter(rhk__skp_id=evaluasi.skp_id).values_list("pk", flat=True))
    salah = [pk for pk in per_iki if int(pk) not in iki_sah]
    if salah:
        raise ValidationError({"umpan_balik_iki": _("IKI tersebut bukan bagian dari SKP yang dievaluasi.")})
    nilai_salah = [n for n in per_nilai if n not in EkspektasiPerilaku.Nilai.values]
    if nilai_salah:
        raise ValidationError({"umpan_balik_perilaku": _("Nilai BerAKHLAK tidak dikenal.")})
    ada = {(u.iki_id, u.nilai_perilaku): u for u in UmpanBalikEvaluasi.objects.filter(evaluasi=evaluasi)}
    tulisan: list[tuple[tuple[int | None, str], str]] = [((int(pk), ""), teks) for pk, teks in per_iki.items()]
    tulisan += [((None, nilai), teks) for nilai, teks in per_nilai.items()]
    for (iki_id, nilai), teks in tulisan:
        teks = (teks or "").strip()
        lama = ada.get((iki_id, nilai))
        if not teks:
            if lama is not None:
                lama.delete()
        elif lama is None:
            UmpanBalikEvaluasi.objects.create(evaluasi=evaluasi, iki_id=iki_id, nilai_perilaku=nilai, teks=teks)
        elif lama.teks != teks:
            lama.teks = teks
            lama.save(update_fields=["teks"])


def _rating_nilai_valid(rating_nilai: Mapping[str, str]) -> dict[str, str]:
    """The ratings per BerAKHLAK value: known values only, each one of the three ratings (an empty one dropped)."""
    hasil = {}
    for nilai, rating in rating_nilai.items():
        if nilai not in EkspektasiPerilaku.Nilai.values:
            raise ValidationError({"rating_nilai": _("Nilai BerAKHLAK tidak dikenal.")})
        rating = rating_valid(rating, "rating_nilai")
        if rating:
            hasil[nilai] = rating
    return hasil


def evaluasi_save(
    *,
    actor,
    evaluasi: Evaluasi,
    versi: int,
    rating_hasil_kerja: str = "",
    rating_perilaku: str = "",
    alasan_beda_saran: str = "",
    catatan: str = "",
    umpan_balik_iki: Mapping[int, str] | None = None,
    umpan_balik_perilaku: Mapping[str, str] | None = None,
    rating_nilai: Mapping[str, str] | None = None,
    catatan_pengembangan: str = "",
    area_pengembangan: str = "",
) -> Evaluasi:
    """The penilai saves the draft in one step: the ratings, the reason, the notes and the feedback per IKI and per
    BerAKHLAK value (an empty text removes a feedback). The predikat is computed when both ratings are given."""
    with transaction.atomic(), audit_actor(actor):
        evaluasi = evaluasi_terkunci(evaluasi)
        access.require_rate(actor, evaluasi)
        hasil = rating_valid(rating_hasil_kerja, "rating_hasil_kerja")
        perilaku = rating_valid(rating_perilaku, "rating_perilaku")
        saran = selectors.saran_evaluasi(evaluasi=evaluasi).rating or ""
        alasan = (alasan_beda_saran or "").strip()
        _periksa_alasan(rating_hasil_kerja=hasil, saran=saran, alasan=alasan)
        versi_bump(evaluasi, versi)
        _simpan_umpan_balik(evaluasi=evaluasi, per_iki=umpan_balik_iki or {}, per_nilai=umpan_balik_perilaku or {})
        evaluasi.rating_hasil_kerja = hasil
        evaluasi.rating_perilaku = perilaku
        evaluasi.saran_hasil_kerja = saran
        evaluasi.alasan_beda_saran = alasan
        evaluasi.catatan = (catatan or "").strip()
        evaluasi.rating_nilai = _rating_nilai_valid(rating_nilai or {})
        evaluasi.catatan_pengembangan = (catatan_pengembangan or "").strip()
        if area_pengembangan and area_pengembangan not in aturan.AreaKompetensi.values:
            raise ValidationError({"area_pengembangan": _("Area kompetensi tidak dikenal.")})
        evaluasi.area_pengembangan = area_pengembangan or ""
        evaluasi.predikat = aturan.predikat_pegawai(hasil, perilaku) if hasil and perilaku else ""
        evaluasi.full_clean()
        evaluasi.save()
        return evaluasi


def evaluasi_finalize(*, actor, evaluasi: Evaluasi, versi: int) -> Evaluasi:
    """The penilai makes the evaluation final: both ratings needed; afterwards it is locked and the pegawai sees it."""
    with transaction.atomic(), audit_actor(actor):
        evaluasi = evaluasi_terkunci(evaluasi)
        access.require_rate(actor, evaluasi)
        hasil = rating_valid(evaluasi.rating_hasil_kerja, "rating_hasil_kerja", wajib=True)
        perilaku = rating_valid(evaluasi.rating_perilaku, "rating_perilaku", wajib=True)
        saran = selectors.saran_evaluasi(evaluasi=evaluasi).rating or ""
        _periksa_alasan(rating_hasil_kerja=hasil, saran=saran, alasan=evaluasi.alasan_beda_saran)
        versi_bump(evaluasi, versi)
        evaluasi.saran_hasil_kerja = saran
        evaluasi.predikat = aturan.predikat_pegawai(hasil, perilaku)
        evaluasi.status = Evaluasi.Status.FINAL
        evaluasi.difinalkan_pada = timezone.now()
        evaluasi.difinalkan_oleh = actor
        evaluasi.full_clean()
        evaluasi.save()
        _kebutuhan_sync(evaluasi, actor=actor)
        return evaluasi


def penilaian_mandiri_save(
    *, actor, evaluasi: Evaluasi, versi: int, hasil_kerja: str, perilaku: str, catatan: str = ""
) -> Evaluasi:
    """The pegawai's own assessment before the penilai finalises, where the period asks for it."""
    with transaction.atomic(), audit_actor(actor):
        evaluasi = evaluasi_terkunci(evaluasi)
        access.require_assess_self(actor, evaluasi)
        evaluasi.mandiri_hasil_kerja = rating_valid(hasil_kerja, "hasil_kerja")
        evaluasi.mandiri_perilaku = rating_valid(perilaku, "perilaku")
        evaluasi.mandiri_catatan = (catatan or "").strip()
        versi_bump(evaluasi, versi)
        evaluasi.full_clean()
        evaluasi.save()
        return evaluasi


def evaluasi_acknowledge(*, actor, evaluasi: Evaluasi) -> Evaluasi:
    """The pegawai states that he has read the final evaluation (a separate act from objecting)."""
    with transaction.atomic(), audit_actor(actor):
        evaluasi = evaluasi_terkunci(evaluasi)
        access.require_acknowledge(actor, evaluasi)
        if not evaluasi.final:
            raise ValidationError(_("Evaluasi ini belum final."))
        if evaluasi.dibaca_pada is not None:
            raise ValidationError(_("Anda sudah menyatakan telah membaca evaluasi ini."))
        evaluasi.dibaca_pada = timezone.now()
        evaluasi.save(update_fields=["dibaca_pada", "diubah"])
        return evaluasi


def pengaturan_periode_set(*, actor, periode: PeriodePenilaian, penilaian_mandiri: bool) -> PengaturanPeriode:
    """Admin BKD sets whether pegawai assess themselves in this period."""
    access.require_bkd(actor)
    with transaction.atomic(), audit_actor(actor):
        pengaturan, _baru = PengaturanPeriode.objects.select_for_update().get_or_create(periode=periode)
        pengaturan.penilaian_mandiri = penilaian_mandiri
        pengaturan.save()
        return pengaturan
