"""Writes of realisation and its evidence (the owner, while the month/quarter is open)."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from indikator import access
from indikator.bukti import periksa_berkas
from indikator.models import (
    BuktiDukung,
    Iki,
    Realisasi,
    Skp,
    hari_ini,
    nama_berkas_bukti,
)
from indikator.services._dasar import (
    _desimal,
)
from kinerja.audit import audit_actor
from kinerja.db import KonflikVersi


def _require_realisasi_terbuka(*, actor, skp: Skp, periode_ke: int) -> None:
    access.require_owner(actor, skp)
    periode = skp.periode
    if periode_ke not in periode.daftar_periode_ke:
        raise ValidationError(
            {
                "periode_ke": _("Periode %(tahun)s tidak memiliki %(jenis)s ke-%(ke)s.")
                % {"tahun": periode.tahun, "jenis": periode.get_periodisitas_display().lower(), "ke": periode_ke}
            }
        )
    if not skp.terkini:
        raise ValidationError(_("Revisi SKP ini sudah digantikan; isi realisasi pada revisi terkini."))
    if not skp.pernah_disetujui:
        raise ValidationError(_("Realisasi hanya dapat diisi setelah SKP disetujui pejabat penilai."))
    if not periode.realisasi_terbuka(pegawai_id=skp.pegawai_id, periode_ke=periode_ke):
        if hari_ini() < periode.mulai_periode_ke(periode_ke) and periode.dibuka:
            raise ValidationError(
                {"periode_ke": _("%(label)s belum dimulai.") % {"label": periode.label_periode_ke(periode_ke)}}
            )
        raise ValidationError(
            {
                "periode_ke": _(
                    "Pengisian realisasi %(label)s %(tahun)s sudah ditutup (batas %(batas)s); hanya dapat dibaca. "
                    "Hubungi admin unit untuk membuka kembali."
                )
                % {
                    "label": periode.label_periode_ke(periode_ke),
                    "tahun": periode.tahun,
                    "batas": periode.batas_realisasi(periode_ke).strftime("%d-%m-%Y"),
                }
            }
        )


def realisasi_save(
    *,
    actor,
    iki: Iki,
    periode_ke: int,
    nilai,
    narasi: str = "",
    versi: int | None = None,
    berkas=None,
    url: str = "",
) -> Realisasi:
    """Enter (``versi=None``) or change (``versi`` as read) the realisation of an IKI for a month/quarter, with
    optionally one piece of evidence (``berkas`` or ``url``) in the same step: both are saved or neither.

    The file is checked and written to storage before the row lock is taken (slow I/O never runs under a lock), and
    removed again when the transaction fails; a refused realisation stores no file."""
    nilai = _desimal(nilai, "nilai")
    ada_bukti = berkas is not None or bool((url or "").strip())
    if ada_bukti:
        # refuse a closed month, a stranger or a value out of bounds before writing anything to storage; checked
        # again under the lock
        iki_kini = _iki_dengan_skp(iki)
        _require_realisasi_terbuka(actor=actor, skp=iki_kini.rhk.skp, periode_ke=periode_ke)
        _require_dalam_batas(iki_kini, nilai)
        bukti, stored_name = _bukti_siapkan(actor=actor, berkas=berkas, url=url)
    try:
        with transaction.atomic(), audit_actor(actor):
            iki = _iki_dengan_skp(iki)
            skp = iki.rhk.skp
            _require_realisasi_terbuka(actor=actor, skp=skp, periode_ke=periode_ke)
            _require_dalam_batas(iki, nilai)
            realisasi = Realisasi.objects.select_for_update().filter(iki=iki, periode_ke=periode_ke).first()
            if realisasi is None:
                if versi is not None:
                    raise KonflikVersi()
                realisasi = Realisasi(iki=iki, periode_ke=periode_ke)
            else:
                if realisasi.terhitung:  # computed from data (realisasi_terhitung_set): comment, do not overwrite
                    raise ValidationError(_("Realisasi ini terhitung otomatis dan tidak dapat diubah; beri komentar."))
                if versi is None or realisasi.versi != versi:
                    raise KonflikVersi()
                realisasi.versi += 1
            realisasi.nilai = nilai
            realisasi.narasi = (narasi or "").strip()
            realisasi.diubah_oleh = actor
            realisasi.full_clean()
            realisasi.save()
            if ada_bukti:
                bukti.realisasi = realisasi
                bukti.full_clean()
                bukti.save()
    except BaseException:
        if ada_bukti:
            _berkas_buang(stored_name)
        raise
    return realisasi


def _require_dalam_batas(iki: Iki, nilai) -> None:
    """The value fits the indicator (``Iki.galat_realisasi``: not negative, at most 100 %, or the IKI's own bounds)."""
    pesan = iki.galat_realisasi(nilai)
    if pesan:
        raise ValidationError({"nilai": pesan})


def _iki_dengan_skp(iki: Iki) -> Iki:
    return Iki.objects.select_related("rhk__skp__periode", "rhk__skp__pegawai").get(pk=iki.pk)


def _bukti_siapkan(*, actor, berkas, url: str) -> tuple[BuktiDukung, str | None]:
    """An unsaved evidence row, validated, with its file already in storage (outside any transaction).
    Returns the row and the stored name (``None`` for a link), for ``_berkas_buang`` when the save fails."""
    url = (url or "").strip()
    if (berkas is None) == (not url):
        raise ValidationError(_("Lampirkan satu berkas atau satu tautan."))
    bukti = BuktiDukung(diunggah_oleh=actor)
    if berkas is None:
        bukti.jenis = BuktiDukung.Jenis.TAUTAN
        bukti.url = url
        bukti.nama_asli = ""
        bukti.full_clean(exclude=["realisasi"])
        return bukti, None
    info = periksa_berkas(berkas)
    bukti.jenis = BuktiDukung.Jenis.BERKAS
    bukti.sha256, bukti.tipe, bukti.ukuran, bukti.nama_asli = info.sha256, info.tipe, info.ukuran, info.nama_asli
    name = nama_berkas_bukti(info.sha256, info.ekstensi)
    stored_name = name if default_storage.exists(name) else default_storage.save(name, berkas)
    bukti.berkas.name = stored_name
    try:
        bukti.full_clean(exclude=["realisasi"])
    except ValidationError:
        _berkas_buang(stored_name)
        raise
    return bukti, stored_name


def _berkas_buang(stored_name: str | None) -> None:
    """Remove a stored evidence file that no row uses (files are named by content and may be shared)."""
    if stored_name and not BuktiDukung.objects.filter(berkas=stored_name).exists():
        default_storage.delete(stored_name)


def bukti_create(*, actor, realisasi: Realisasi, berkas=None, url: str = "") -> BuktiDukung:
    """Attach evidence to a saved realisation: a file (PDF, JPEG, PNG, XLSX, DOCX, ≤ 10 MB, type checked by content,
    SHA-256 stored) or a link. The file is written to storage before the transaction and removed again if the row
    fails. (With the value itself in one step: ``realisasi_save(..., berkas=...)``.)"""
    realisasi = Realisasi.objects.select_related("iki__rhk__skp__periode", "iki__rhk__skp__pegawai").get(
        pk=realisasi.pk
    )
    _require_realisasi_terbuka(actor=actor, skp=realisasi.iki.rhk.skp, periode_ke=realisasi.periode_ke)
    bukti, stored_name = _bukti_siapkan(actor=actor, berkas=berkas, url=url)
    bukti.realisasi = realisasi
    try:
        with transaction.atomic(), audit_actor(actor):
            bukti.full_clean()
            bukti.save()
    except BaseException:
        _berkas_buang(stored_name)
        raise
    return bukti


def bukti_delete(*, actor, bukti: BuktiDukung) -> None:
    """Remove evidence while its month/quarter is open. The stored file (named by its hash, possibly shared with
    a copy in another revision) is deleted after commit when no row uses it any more."""
    realisasi = bukti.realisasi
    _require_realisasi_terbuka(actor=actor, skp=realisasi.iki.rhk.skp, periode_ke=realisasi.periode_ke)
    if realisasi.terhitung:
        raise ValidationError(_("Tautan data realisasi terhitung tidak dapat dihapus."))
    with transaction.atomic(), audit_actor(actor):
        name = bukti.berkas.name
        bukti.delete()
        if name:
            transaction.on_commit(lambda: _berkas_buang(name))
