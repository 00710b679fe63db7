"""Forums and aspirations: a kelurahan schedules a forum, citizens register to attend, the officer records the
minutes and the aspirations raised, and follows each one up with dated public updates.

Rules: a forum's minutes and aspirations are recorded once it has begun; attendance is registered until it ends,
once per client (rate limited); an aspiration's status moves freely while open (diterima, ditindaklanjuti,
diakomodir dalam rencana kerja) and ends at *selesai* (progress 100%) or *tidak direkomendasikan* (with a reason
shown to the public); every change is a dated public update.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kepegawaian.models import UnitKerja
from kinerja.audit import audit_actor
from partisipasi import access
from partisipasi.models import Aspirasi, Forum, KehadiranForum, PembaruanAspirasi, StatusAspirasi
from partisipasi.services._dasar import MAKS_TEKS, RW_POLA, _as_int, _batas_klien, _kelurahan, _teks_wajib

MAKS_NOTULEN = 20000


def _rw(rw: str, *, wajib: bool) -> str:
    rw = (rw or "").strip()
    if not rw and not wajib:
        return ""
    if not RW_POLA.match(rw):
        raise ValidationError({"rw": [_("RW diisi dengan angka, mis. 03.")]})
    return rw.zfill(2)


def forum_create(*, actor, kelurahan_id, jenis: str, topik: str, mulai, selesai, tempat: str, rw: str = "") -> Forum:
    """Schedule a forum of a kelurahan (announced on the public page and the iCalendar feed)."""
    kelurahan = _kelurahan(kelurahan_id)
    access.require_manage_forum(actor, kelurahan)
    errors: dict[str, list[str]] = {}
    if jenis not in Forum.Jenis.values:
        errors["jenis"] = [_("Jenis forum tidak dikenal.")]
    if mulai is None or selesai is None or selesai <= mulai:
        errors["selesai"] = [_("Waktu selesai harus setelah waktu mulai.")]
    values = {}
    for f, teks in (("topik", topik), ("tempat", tempat)):
        try:
            values[f] = _teks_wajib(teks, field=f, pesan=_("Wajib diisi."), maks=200)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    try:
        rw = _rw(rw, wajib=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        forum = Forum(
            kelurahan=kelurahan, jenis=jenis, mulai=mulai, selesai=selesai, rw=rw, dibuat_oleh=actor, **values
        )
        forum.full_clean()
        forum.save()
    return forum


def kehadiran_register(*, actor, klien: str, forum: Forum, nama: str = "", jebakan: str = "") -> Forum:
    """A citizen registers to attend (no account; the name is optional and never public), once per client.
    ``jebakan`` is the honeypot field (hidden on the page): a bot that fills it is refused, nothing saved."""
    _batas_klien(aksi="hadir", klien=klien)
    if jebakan:
        raise ValidationError(_("Pendaftaran tidak dapat diterima. Muat ulang halaman lalu kirim lagi."))
    if forum.selesai <= timezone.now():
        raise ValidationError(_("Forum ini sudah berakhir; pendaftaran hadir ditutup."))
    nama = (nama or "").strip()
    if len(nama) > 120:
        raise ValidationError({"nama": [_("Paling banyak 120 karakter.")]})
    try:
        with transaction.atomic(), audit_actor(actor):
            KehadiranForum.objects.create(forum=forum, klien=klien, nama=nama)
            Forum.objects.filter(pk=forum.pk).update(jumlah_hadir=F("jumlah_hadir") + 1)
    except IntegrityError as exc:
        raise ValidationError(_("Anda sudah terdaftar hadir di forum ini.")) from exc
    forum.refresh_from_db(fields=["jumlah_hadir"])
    return forum


def _require_dimulai(forum: Forum) -> None:
    if forum.mulai > timezone.now():
        raise ValidationError(_("Notulen dan aspirasi dicatat setelah forum dimulai."))


def notulen_set(*, actor, forum: Forum, notulen: str) -> Forum:
    """Record (or correct) the minutes of a forum that has begun; they are public."""
    access.require_manage_forum(actor, forum.kelurahan)
    notulen = _teks_wajib(notulen, field="notulen", pesan=_("Notulen tidak boleh kosong."), maks=MAKS_NOTULEN)
    _require_dimulai(forum)
    with transaction.atomic(), audit_actor(actor):
        forum.notulen, forum.notulen_pada = notulen, timezone.now()
        forum.save(update_fields=["notulen", "notulen_pada"])
    return forum


def aspirasi_create(*, actor, forum: Forum, kategori: str, rw: str, uraian: str, unit_id) -> Aspirasi:
    """An aspiration raised at the forum, routed to the unit responsible (status *diterima*, its first update)."""
    access.require_manage_forum(actor, forum.kelurahan)
    _require_dimulai(forum)
    errors: dict[str, list[str]] = {}
    if kategori not in Aspirasi.Kategori.values:
        errors["kategori"] = [_("Kategori aspirasi tidak dikenal.")]
    pk = _as_int(unit_id)
    unit = UnitKerja.objects.filter(pk=pk, aktif=True).first() if pk else None
    if unit is None:
        errors["unit"] = [_("Pilih unit penanggung jawab dari daftar.")]
    try:
        rw = _rw(rw, wajib=True)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        uraian = _teks_wajib(uraian, field="uraian", pesan=_("Uraian aspirasi wajib diisi."))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        sekarang = timezone.now()
        aspirasi = Aspirasi(
            forum=forum, kategori=kategori, rw=rw, uraian=uraian, unit_penanggung_jawab=unit, diubah=sekarang
        )
        aspirasi.full_clean()
        aspirasi.save()
        PembaruanAspirasi.objects.create(
            aspirasi=aspirasi,
            status=StatusAspirasi.DITERIMA,
            progres=0,
            teks=_("Aspirasi diterima dalam %(forum)s.") % {"forum": forum.get_jenis_display()},
            oleh=actor,
            pada=sekarang,
        )
    return aspirasi


def aspirasi_update(*, actor, aspirasi: Aspirasi, status: str, progres, teks: str, alasan: str = "") -> Aspirasi:
    """Follow up an open aspiration: a new status and progress with a dated public update."""
    access.require_follow_up(actor, aspirasi)
    errors: dict[str, list[str]] = {}
    if status not in StatusAspirasi.values:
        errors["status"] = [_("Status aspirasi tidak dikenal.")]
    nilai = _as_int(progres)
    if nilai is None or not 0 <= nilai <= 100:
        errors["progres"] = [_("Progres diisi 0 sampai 100.")]
    try:
        teks = _teks_wajib(teks, field="teks", pesan=_("Tuliskan apa yang sudah dilakukan."))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    alasan = (alasan or "").strip()
    if status == StatusAspirasi.TIDAK_DIREKOMENDASIKAN and not alasan:
        errors["alasan"] = [_("Tuliskan alasan tidak direkomendasikan; alasan ini ditampilkan kepada warga.")]
    if len(alasan) > MAKS_TEKS:
        errors["alasan"] = [_("Paling banyak %(maks)d karakter.") % {"maks": MAKS_TEKS}]
    if errors:
        raise ValidationError(errors)
    assert nilai is not None  # checked above
    if status == StatusAspirasi.SELESAI:
        nilai = 100
    with transaction.atomic(), audit_actor(actor):
        aspirasi = Aspirasi.objects.select_for_update().select_related("forum").get(pk=aspirasi.pk)
        if not aspirasi.terbuka:
            raise ValidationError(
                _("Aspirasi berstatus %(s)s sudah final.") % {"s": aspirasi.get_status_display().lower()}
            )
        sekarang = timezone.now()
        aspirasi.status, aspirasi.progres, aspirasi.diubah = status, nilai, sekarang
        aspirasi.alasan = alasan if status == StatusAspirasi.TIDAK_DIREKOMENDASIKAN else ""
        aspirasi.full_clean()
        aspirasi.save()
        PembaruanAspirasi.objects.create(
            aspirasi=aspirasi, status=status, progres=nilai, teks=teks, oleh=actor, pada=sekarang
        )
    return aspirasi
