"""Complaints: the public actions (file, support, rate, reopen) and the officers' (move, reply, merge, hide)."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kepegawaian.models import UnitKerja
from kinerja.audit import audit_actor
from kinerja.db import versi_bump
from partisipasi import access, sla
from partisipasi.foto import MAKS_FOTO, FotoBersih, foto_clean
from partisipasi.models import (
    Dukungan,
    FotoPengaduan,
    Pengaduan,
    Tanggapan,
    jendela_ulasan_hari,
)
from partisipasi.services._dasar import (
    MAKS_DESKRIPSI,
    MAKS_TEKS,
    RW_POLA,
    _as_int,
    _batas_klien,
    _kategori,
    _kelurahan,
    _kode_lacak,
    _riwayat,
    _teks_wajib,
    _terkunci,
)

# --- public actions -----------------------------------------------------------------------------------------------


def pengaduan_create(
    *,
    actor,
    klien: str,
    kategori_id,
    kelurahan_id,
    rw: str,
    deskripsi: str,
    foto: list | tuple = (),
    simpan_lokasi: bool = False,
    nama_pelapor: str = "",
    kontak_pelapor: str = "",
    publik: bool = True,
    jebakan: str = "",
    kanal: str = Pengaduan.Kanal.WEB,
) -> Pengaduan:
    """A citizen (no account needed) files a complaint. ``klien`` identifies the client for the rate limit;
    ``jebakan`` is the honeypot field (a person leaves it empty). Photos are checked and re-encoded before
    anything is stored; nothing is saved when any input is bad."""
    if jebakan:
        raise ValidationError(_("Pengaduan tidak dapat diterima. Muat ulang halaman lalu kirim lagi."))
    _batas_klien(aksi="pengaduan", klien=klien)
    errors: dict[str, list[str]] = {}
    values: dict = {}
    for field, check in (
        ("kategori", lambda: _kategori(kategori_id)),
        ("kelurahan", lambda: _kelurahan(kelurahan_id)),
        (
            "deskripsi",
            lambda: _teks_wajib(
                deskripsi, field="deskripsi", pesan=_("Uraian pengaduan wajib diisi."), maks=MAKS_DESKRIPSI
            ),
        ),
    ):
        try:
            values[field] = check()
        except ValidationError as exc:
            errors.update(exc.message_dict)
    rw = (rw or "").strip()
    if not RW_POLA.match(rw):
        errors["rw"] = [_("RW diisi dengan angka, mis. 03.")]
    nama_pelapor, kontak_pelapor = (nama_pelapor or "").strip(), (kontak_pelapor or "").strip()
    if len(nama_pelapor) > 120 or len(kontak_pelapor) > 120:
        errors["kontak_pelapor"] = [_("Nama dan kontak paling banyak 120 karakter.")]
    foto = [f for f in (foto or []) if f]
    if len(foto) > MAKS_FOTO:
        errors["foto"] = [_("Paling banyak %(n)d foto.") % {"n": MAKS_FOTO}]
    bersih: list[FotoBersih] = []
    if "foto" not in errors:
        try:
            bersih = [foto_clean(f, simpan_lokasi=simpan_lokasi) for f in foto]
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)

    # Storage first (slow I/O outside the transaction); removed again if the rows fail.
    stored = [default_storage.save(f"pengaduan/{timezone.localdate():%Y/%m}/{f.berkas.name}", f.berkas) for f in bersih]
    try:
        with transaction.atomic(), audit_actor(actor):
            sekarang = timezone.now()
            kategori = values["kategori"]
            pengaduan = Pengaduan(
                kode_lacak=_kode_lacak(),
                kategori=kategori,
                kelurahan=values["kelurahan"],
                unit_penanganan=values["kelurahan"],
                rw=rw.zfill(2),
                deskripsi=values["deskripsi"],
                nama_pelapor=nama_pelapor,
                kontak_pelapor=kontak_pelapor,
                publik=publik,
                kanal=kanal,
                dibuat=sekarang,
                batas_respons=sla.batas_waktu(sekarang, kategori.batas_respons_hari, kategori.hitungan),
                batas_selesai=sla.batas_waktu(sekarang, kategori.batas_selesai_hari, kategori.hitungan),
            )
            pengaduan.full_clean()
            pengaduan.save()
            for name, f in zip(stored, bersih, strict=True):
                FotoPengaduan.objects.create(
                    pengaduan=pengaduan,
                    berkas=name,
                    tipe=f.tipe,
                    lebar=f.lebar,
                    tinggi=f.tinggi,
                    ukuran=f.berkas.size,
                    lokasi_disimpan=simpan_lokasi,
                )
            _riwayat(pengaduan=pengaduan, dari="", ke=Pengaduan.Status.MENUNGGU, actor=actor, pada=sekarang)
    except Exception:
        for name in stored:
            default_storage.delete(name)
        raise
    return pengaduan


def dukungan_create(*, actor, klien: str, pengaduan: Pengaduan) -> Pengaduan:
    """A citizen supports a public complaint instead of filing a duplicate; once per client."""
    _batas_klien(aksi="dukungan", klien=klien)
    if not pengaduan.tampil_publik:
        from django.http import Http404

        raise Http404(_("Pengaduan tidak ditemukan."))
    try:
        with transaction.atomic(), audit_actor(actor):
            Dukungan.objects.create(pengaduan=pengaduan, klien=klien)
            Pengaduan.objects.filter(pk=pengaduan.pk).update(jumlah_dukungan=F("jumlah_dukungan") + 1)
    except IntegrityError as exc:
        raise ValidationError(_("Anda sudah mendukung pengaduan ini.")) from exc
    pengaduan.refresh_from_db(fields=["jumlah_dukungan"])
    return pengaduan


def ulasan_create(*, actor, pengaduan: Pengaduan, rating, komentar: str = "") -> Pengaduan:
    """The citizen (holding the tracking code) rates a finished complaint, 1–5, within the window; once."""
    nilai = _as_int(rating)
    if nilai is None or not 1 <= nilai <= 5:
        raise ValidationError({"rating": [_("Pilih penilaian 1 sampai 5.")]})
    komentar = (komentar or "").strip()
    if len(komentar) > MAKS_TEKS:
        raise ValidationError({"komentar": [_("Paling banyak %(maks)d karakter.") % {"maks": MAKS_TEKS}]})
    with transaction.atomic(), audit_actor(actor):
        pengaduan = _terkunci(pengaduan)
        if not pengaduan.ulasan_terbuka(timezone.now()):
            raise ValidationError(
                _("Penilaian hanya dapat diberikan sekali, dalam %(hari)d hari setelah pengaduan selesai.")
                % {"hari": _jendela()}
            )
        pengaduan.rating, pengaduan.komentar_rating, pengaduan.dinilai_pada = nilai, komentar, timezone.now()
        pengaduan.save(update_fields=["rating", "komentar_rating", "dinilai_pada"])
    return pengaduan


def _jendela() -> int:
    return jendela_ulasan_hari()


def pengaduan_open(*, actor, pengaduan: Pengaduan, alasan: str) -> Pengaduan:
    """The citizen reopens a finished complaint within the window (back to Proses, with his reason)."""
    alasan = _teks_wajib(alasan, field="alasan", pesan=_("Tuliskan alasan membuka kembali pengaduan."))
    with transaction.atomic(), audit_actor(actor):
        pengaduan = _terkunci(pengaduan)
        sekarang = timezone.now()
        if not pengaduan.jendela_warga_terbuka(sekarang):
            raise ValidationError(
                _("Pengaduan hanya dapat dibuka kembali dalam %(hari)d hari setelah selesai.") % {"hari": _jendela()}
            )
        pengaduan.status = Pengaduan.Status.PROSES
        pengaduan.selesai_pada = None
        pengaduan.rating, pengaduan.komentar_rating, pengaduan.dinilai_pada = None, "", None
        pengaduan.jumlah_dibuka_kembali += 1
        pengaduan.versi += 1
        pengaduan.save()
        _riwayat(
            pengaduan=pengaduan,
            dari=Pengaduan.Status.SELESAI,
            ke=Pengaduan.Status.PROSES,
            actor=actor,
            pada=sekarang,
            alasan=_("Dibuka kembali oleh pelapor: %(alasan)s") % {"alasan": alasan},
        )
    return pengaduan


# --- officer actions ----------------------------------------------------------------------------------------------

_ALASAN_WAJIB = (Pengaduan.Status.DISPOSISI, Pengaduan.Status.DITOLAK)


def pengaduan_move(
    *, actor, pengaduan: Pengaduan, ke: str, versi: int, alasan: str = "", unit_tujuan_id=None
) -> Pengaduan:
    """Move a complaint along Jakarta's CRM statuses (``models.TRANSISI``). Disposisi forwards it to another unit
    and needs a reason; Ditolak needs a reason (shown to the citizen). The first move out of Menunggu is the first
    response; Selesai records the completion time."""
    access.require_handle(actor, pengaduan)
    alasan = (alasan or "").strip()
    with transaction.atomic(), audit_actor(actor):
        pengaduan = _terkunci(pengaduan)
        if ke not in pengaduan.transisi_berikut():
            raise ValidationError(
                {
                    "status": [
                        _("Status tidak dapat diubah dari %(dari)s ke %(ke)s.")
                        % {
                            "dari": pengaduan.get_status_display(),
                            "ke": dict(Pengaduan.Status.choices).get(ke, ke),
                        }
                    ]
                }
            )
        if ke in _ALASAN_WAJIB and not alasan:
            raise ValidationError({"alasan": [_("Tuliskan alasannya; alasan ini ditampilkan kepada pelapor.")]})
        if len(alasan) > MAKS_TEKS:
            raise ValidationError({"alasan": [_("Paling banyak %(maks)d karakter.") % {"maks": MAKS_TEKS}]})
        unit = None
        if ke == Pengaduan.Status.DISPOSISI:
            pk = _as_int(unit_tujuan_id)
            unit = UnitKerja.objects.filter(pk=pk, aktif=True).first() if pk else None
            if unit is None:
                raise ValidationError({"unit_tujuan": [_("Pilih unit tujuan disposisi.")]})
            if unit.pk == pengaduan.unit_penanganan_id:
                raise ValidationError({"unit_tujuan": [_("Unit tujuan sama dengan unit yang menangani sekarang.")]})
        versi_bump(pengaduan, versi)
        sekarang = timezone.now()
        dari = pengaduan.status
        pengaduan.status = ke
        if pengaduan.respons_pertama_pada is None:
            pengaduan.respons_pertama_pada = sekarang
        if ke == Pengaduan.Status.SELESAI:
            pengaduan.selesai_pada = sekarang
        if unit is not None:
            pengaduan.unit_penanganan = unit
        pengaduan.save(update_fields=["status", "respons_pertama_pada", "selesai_pada", "unit_penanganan"])
        _riwayat(pengaduan=pengaduan, dari=dari, ke=ke, actor=actor, pada=sekarang, alasan=alasan, unit=unit)
    return pengaduan


def pengaduan_reply(*, actor, pengaduan: Pengaduan, teks: str) -> Tanggapan:
    """An official response, public on the tracking page; it counts as the first response."""
    access.require_handle(actor, pengaduan)
    teks = _teks_wajib(teks, field="teks", pesan=_("Tanggapan tidak boleh kosong."))
    with transaction.atomic(), audit_actor(actor):
        pengaduan = _terkunci(pengaduan)
        if not pengaduan.terbuka:
            raise ValidationError(_("Pengaduan ini sudah ditutup; tanggapan tidak dapat ditambahkan."))
        sekarang = timezone.now()
        tanggapan = Tanggapan.objects.create(
            pengaduan=pengaduan, teks=teks, unit=pengaduan.unit_penanganan, oleh=actor, pada=sekarang
        )
        if pengaduan.respons_pertama_pada is None:
            pengaduan.respons_pertama_pada = sekarang
            pengaduan.save(update_fields=["respons_pertama_pada"])
    return tanggapan


def duplikat_link(*, actor, duplikat: Pengaduan, utama: Pengaduan) -> Pengaduan:
    """Merge a duplicate into the main complaint: the duplicate closes (its trail says where it went) and its
    supports count for the main one. Both must be open and handled by the actor's unit."""
    access.require_handle(actor, duplikat)
    access.require_handle(actor, utama)
    if duplikat.pk == utama.pk:
        raise ValidationError({"utama": [_("Pengaduan tidak dapat digabung dengan dirinya sendiri.")]})
    with transaction.atomic(), audit_actor(actor):
        duplikat, utama = _terkunci(duplikat), _terkunci(utama)
        if not duplikat.terbuka or not utama.terbuka:
            raise ValidationError(_("Hanya pengaduan yang masih terbuka yang dapat digabung."))
        sekarang = timezone.now()
        dari = duplikat.status
        duplikat.digabung_ke = utama
        duplikat.status = Pengaduan.Status.DITOLAK
        if duplikat.respons_pertama_pada is None:
            duplikat.respons_pertama_pada = sekarang
        duplikat.save(update_fields=["digabung_ke", "status", "respons_pertama_pada"])
        Pengaduan.objects.filter(pk=utama.pk).update(
            jumlah_dukungan=F("jumlah_dukungan") + duplikat.jumlah_dukungan + 1
        )
        _riwayat(
            pengaduan=duplikat,
            dari=dari,
            ke=Pengaduan.Status.DITOLAK,
            actor=actor,
            pada=sekarang,
            alasan=_("Digabung dengan pengaduan lain yang sama (nomor %(nomor)d).") % {"nomor": utama.pk},
        )
    return duplikat


def pengaduan_set_tersembunyi(*, actor, pengaduan: Pengaduan, tersembunyi: bool, alasan: str = "") -> Pengaduan:
    """A moderator hides spam from the public pages (the row is kept, with who hid it and why) or shows it again."""
    access.require_moderate(actor, pengaduan)
    if tersembunyi:
        alasan = _teks_wajib(alasan, field="alasan", pesan=_("Tuliskan alasan menyembunyikan."), maks=300)
    with transaction.atomic(), audit_actor(actor):
        pengaduan = _terkunci(pengaduan)
        pengaduan.disembunyikan = tersembunyi
        pengaduan.disembunyikan_oleh = actor if tersembunyi else None
        pengaduan.disembunyikan_pada = timezone.now() if tersembunyi else None
        pengaduan.alasan_disembunyikan = alasan if tersembunyi else ""
        pengaduan.save(
            update_fields=["disembunyikan", "disembunyikan_oleh", "disembunyikan_pada", "alasan_disembunyikan"]
        )
    return pengaduan
