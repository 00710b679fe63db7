"""Every write of laporan: runs and their units, versions (snapshots), review, publication, withdrawal.

Generation is idempotent: a run's units are ``ItemRun`` rows claimed with a conditional UPDATE; a unit's report
is THE ``Laporan`` of (unit, year) (unique), and its version being worked on is unique too, so running a unit twice
(a second run, a redelivered task after a worker died) updates the same draft instead of making another report.
The figures are computed (``laporan.bab``, reads only) before the short transaction that stores them.
"""

import copy
import hashlib
import json
import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Count, F, Q
from django.db.models.fields.json import KeyTransform
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kepegawaian.models import UnitKerja
from kinerja.antrian import enqueue_on_commit
from kinerja.audit import audit_actor, audit_massal_catat
from kinerja.klien import batas_klien
from laporan import access, bab, selectors
from laporan.models import (
    BATAS_ALASAN,
    BATAS_JAWABAN,
    BATAS_NAMA_PENANYA,
    BATAS_NARASI,
    BATAS_PERTANYAAN,
    STATUS_KERJA,
    ItemRun,
    Laporan,
    PertanyaanLaporan,
    RencanaMenengah,
    RunLaporan,
    StatusItem,
    StatusPertanyaan,
    StatusRun,
    StatusVersi,
    TargetMenengah,
    VersiLaporan,
)

log = logging.getLogger(__name__)

TUGAS_RUN = "laporan.tasks.run_jalankan"
TUGAS_ITEM = "laporan.tasks.item_jalankan"


def _tahun_valid(tahun: int) -> None:
    tahun_ini = timezone.localdate().year
    if not 2000 <= tahun <= tahun_ini:
        raise ValidationError({"tahun": _("Tahun laporan harus antara 2000 dan %(t)s.") % {"t": tahun_ini}})


# --- runs -------------------------------------------------------------------------------------------------------


def run_create(*, actor, unit: UnitKerja, tahun: int) -> RunLaporan:
    """Start "generate the annual report for year ``tahun``" for ``unit``'s subtree (the root: the province)."""
    access.require_start_run(actor, unit)
    _tahun_valid(tahun)
    with transaction.atomic(), audit_actor(actor):
        return _run_create(unit=unit, tahun=tahun, actor=actor)


def _run_create(*, unit: UnitKerja, tahun: int, actor=None) -> RunLaporan:
    """Private: the caller checked the actor (``run_create``) or is the schedule (``run_create_terjadwal``)."""
    if RunLaporan.objects.filter(unit=unit, tahun=tahun, status__in=[StatusRun.ANTRI, StatusRun.BERJALAN]).exists():
        raise ValidationError(
            _("Laporan %(tahun)s untuk %(unit)s sedang diproses; tunggu sampai selesai.")
            % {"tahun": tahun, "unit": unit.nama}
        )
    run = RunLaporan.objects.create(unit=unit, tahun=tahun, dimulai_oleh=actor if actor else None)
    enqueue_on_commit(TUGAS_RUN, run.pk)
    return run


def run_create_terjadwal(*, tahun: int) -> list[RunLaporan]:
    """The beat schedule's province run for ``tahun`` (no actor): one run per root unit, unless one for that year
    already exists (the schedule firing twice, or an admin who started it already)."""
    runs = []
    with transaction.atomic():
        for root in UnitKerja.objects.filter(depth=1).order_by("path"):
            if not RunLaporan.objects.filter(unit=root, tahun=tahun).exists():
                runs.append(_run_create(unit=root, tahun=tahun))
    return runs


def run_prepare(*, run_id: int) -> list[int]:
    """Claim the run (queued → running, once) and create one item per active unit of the scope's subtree; returns
    the ids of the items still to do. Safe to run twice: a second call creates nothing and returns what is left."""
    now = timezone.now()
    RunLaporan.objects.filter(pk=run_id, status=StatusRun.ANTRI).update(status=StatusRun.BERJALAN, mulai_pada=now)
    run = RunLaporan.objects.select_related("unit").filter(pk=run_id).first()
    if run is None or run.selesai:
        return []
    with transaction.atomic():
        units = UnitKerja.objects.filter(path__startswith=run.unit.path, aktif=True).values_list("pk", flat=True)
        ItemRun.objects.bulk_create([ItemRun(run=run, unit_id=pk) for pk in units], ignore_conflicts=True)
        _run_recount(run.pk)
    sisa = list(
        ItemRun.objects.filter(run=run, status__in=[StatusItem.ANTRI, StatusItem.BERJALAN])
        .order_by("pk")
        .only("pk", "unit_id")
    )
    _run_agregat(run=run, items=sisa)
    return [item.pk for item in sisa]


def _run_agregat(*, run: RunLaporan, items: list[ItemRun]) -> None:
    """Read the figures of every unit of the run ONCE (``bab.agregat_per_unit``: a constant number of grouped
    queries over the year's rows of the whole subtree) and give each unit still to do its slice, so that the units'
    tasks build their snapshots without reading the year's rows again. A transient database error is raised (the
    task retries); any other error is logged and the units read their own figures (and fail alone, if they must)."""
    if not items:
        return
    try:
        agregat = bab.agregat_per_unit(scope=run.unit, tahun=run.tahun)
    except (OperationalError, InterfaceError):
        raise
    except Exception:
        log.exception("laporan: the grouped figures of run %s failed; each unit reads its own", run.pk)
        return
    for item in items:
        item.agregat = agregat.get(item.unit_id)
    ItemRun.objects.bulk_update(items, ["agregat"], batch_size=200)


def _run_recount(run_id: int) -> None:
    """The run's counts from its items (so a repeated task never counts twice), and its end when none is left. The
    run's row is locked first, so that two units' tasks finishing together count in turn and the later one sees the
    other's items (else both could count before either committed and the run would never end)."""
    status = RunLaporan.objects.select_for_update().filter(pk=run_id).values_list("status", flat=True).first()
    c = ItemRun.objects.filter(run_id=run_id).aggregate(
        total=Count("pk"),
        selesai=Count("pk", filter=Q(status=StatusItem.SELESAI)),
        gagal=Count("pk", filter=Q(status=StatusItem.GAGAL)),
    )
    ubah = {"jumlah_total": c["total"], "jumlah_selesai": c["selesai"], "jumlah_gagal": c["gagal"]}
    if status == StatusRun.BERJALAN and c["total"] and c["selesai"] + c["gagal"] == c["total"]:
        ubah.update(status=StatusRun.SEBAGIAN if c["gagal"] else StatusRun.SELESAI, selesai_pada=timezone.now())
    RunLaporan.objects.filter(pk=run_id).update(**ubah)


def kelompok_claim(*, item_ids: list[int]) -> list[ItemRun]:
    """The conditional claim of several units at once (one UPDATE): queued (or running: a redelivery after a
    worker died) → running; a finished or failed item is not claimed again (a failed one waits for
    ``item_retry``). Returns the claimed items with their run, unit and slice, in id order."""
    if not item_ids:
        return []
    ItemRun.objects.filter(pk__in=item_ids, status__in=[StatusItem.ANTRI, StatusItem.BERJALAN]).update(
        status=StatusItem.BERJALAN, mulai_pada=timezone.now(), percobaan=F("percobaan") + 1
    )
    return list(
        ItemRun.objects.select_related("run", "unit").filter(pk__in=item_ids, status=StatusItem.BERJALAN).order_by("pk")
    )


def item_claim(*, item_id: int) -> ItemRun | None:
    """One unit's ``kelompok_claim``."""
    claimed = kelompok_claim(item_ids=[item_id])
    return claimed[0] if claimed else None


def item_susun(*, item: ItemRun) -> dict:
    """A claimed unit's snapshot (reads only): from its slice of the run's grouped figures without a query, or,
    without a slice (a retried unit), from the grouped figures of its own subtree read now."""
    return bab.susun_snapshot(unit=item.unit, tahun=item.run.tahun, agregat=item.agregat)


def kelompok_simpan(*, items: list[ItemRun], data: dict[int, dict]) -> dict[int, VersiLaporan]:
    """Store the snapshots ``data[item pk]`` of claimed units of ONE run in one short transaction: the versions
    (``_versi_simpan_banyak``), the items done (one UPDATE) and the run's counts once. Returns ``{item pk:
    version}``."""
    items = [item for item in items if item.pk in data]
    if not items:
        return {}
    run = items[0].run
    assert all(item.run_id == run.pk for item in items)
    with transaction.atomic():
        versi = _versi_simpan_banyak(tahun=run.tahun, run=run, data={item.unit_id: data[item.pk] for item in items})
        now = timezone.now()
        for item in items:
            item.status, item.galat, item.selesai_pada, item.agregat = StatusItem.SELESAI, "", now, None
            item.versi = versi[item.unit_id]
        ItemRun.objects.bulk_update(items, ["status", "galat", "selesai_pada", "versi", "agregat"], batch_size=200)
        _run_recount(run.pk)
    return {item.pk: versi[item.unit_id] for item in items}


def item_run(*, item_id: int) -> VersiLaporan | None:
    """Generate one unit's report for the run's year (a retried unit, or the fallback of a chunk whose storing
    failed): claim, aggregate (reads), then store in one short transaction. Returns the version, or ``None`` when
    the item was already done."""
    item = item_claim(item_id=item_id)
    if item is None:
        return None
    return kelompok_simpan(items=[item], data={item.pk: item_susun(item=item)})[item.pk]


def item_fail(*, item_id: int, pesan: str) -> None:
    """Mark one unit failed with a plain-words message; the run goes on with the others."""
    with transaction.atomic():
        item = ItemRun.objects.filter(pk=item_id).only("pk", "run_id", "status").first()
        if item is None or item.status == StatusItem.SELESAI:
            return
        ItemRun.objects.filter(pk=item_id).update(
            status=StatusItem.GAGAL, galat=pesan[:500] or _("Gagal."), selesai_pada=timezone.now()
        )
        _run_recount(item.run_id)


def item_retry(*, actor, item: ItemRun) -> ItemRun:
    """Queue one failed unit again, alone."""
    access.require_run_manager(actor, item.run)
    if not access.can_retry_item(actor, item):
        raise ValidationError(_("Hanya unit yang gagal yang dapat diulang."))
    with transaction.atomic(), audit_actor(actor):
        updated = ItemRun.objects.filter(pk=item.pk, status=StatusItem.GAGAL).update(
            status=StatusItem.ANTRI,
            galat="",
            selesai_pada=None,
            agregat=None,  # a retry reads the figures of now
        )
        if not updated:
            raise ValidationError(_("Hanya unit yang gagal yang dapat diulang."))
        RunLaporan.objects.filter(pk=item.run_id).update(status=StatusRun.BERJALAN, selesai_pada=None)
        _run_recount(item.run_id)
        enqueue_on_commit(TUGAS_ITEM, item.pk)
    item.refresh_from_db()
    return item


# --- versions (snapshots) ---------------------------------------------------------------------------------------


def versi_data_hash(data: dict) -> str:
    """The data version: SHA-256 of the figures in canonical JSON (the generation time left out)."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def _perubahan(lama: dict | None, baru: dict) -> str:
    """What changed against the previous version, one line per headline figure that differs."""
    if not lama:
        return ""
    baris = []
    for kunci, nilai in baru.get("ringkasan", {}).items():
        sebelum = lama.get("ringkasan", {}).get(kunci)
        if sebelum != nilai:
            baris.append(f"{kunci}: {sebelum if sebelum is not None else '—'} → {nilai if nilai is not None else '—'}")
    return "\n".join(baris)


def _laporan_lock_banyak(*, unit_ids: list[int], tahun: int) -> dict[int, Laporan]:
    """THE reports of (unit, year) for ``unit_ids``, locked in unit order (two chunks that share units never
    deadlock), the missing ones created in one INSERT; when another worker created one of them first (the unique
    constraint), the missing ones are created one by one. Returns ``{unit pk: report}``; the created ones carry
    ``_baru = True`` (for the audit trail)."""
    ada = {
        lap.unit_id: lap
        for lap in Laporan.objects.select_for_update()
        .filter(unit_id__in=unit_ids, tahun=tahun)
        .order_by("unit_id")
        .only("pk", "unit_id", "tahun", "versi_publik_id")
    }
    kurang = [Laporan(unit_id=pk, tahun=tahun) for pk in sorted(unit_ids) if pk not in ada]
    if kurang:
        try:
            with transaction.atomic():
                Laporan.objects.bulk_create(kurang)
        except IntegrityError:  # another worker created one of them first
            kurang = []
            for pk in sorted(set(unit_ids) - set(ada)):
                try:
                    with transaction.atomic():
                        kurang.append(Laporan.objects.create(unit_id=pk, tahun=tahun))
                except IntegrityError:
                    ada[pk] = Laporan.objects.select_for_update().get(unit_id=pk, tahun=tahun)
        for lap in kurang:
            lap._baru = True  # type: ignore[attr-defined]
            ada[lap.unit_id] = lap
    return ada


#: the fields a regeneration rewrites on the version being worked on
_KOLOM_GENERASI = ["data", "versi_data", "dibuat_pada", "run", "status", "perubahan"]


def _versi_simpan_banyak(*, tahun: int, run: RunLaporan | None, data: dict[int, dict]) -> dict[int, VersiLaporan]:
    """Private (the unit tasks and the demo data): store each unit's snapshot ``data[unit pk]`` for ``tahun`` as the
    version being worked on of THE unit's report (updated in place when its figures changed, a new review needed)
    or, when there is none, as a new version after the last one, carrying the last published narrative. The
    reports are locked (so a redelivered or a concurrent task waits and then finds the version it must update);
    a constant number of statements whatever the number of units: the reports, their versions without the
    snapshots (the last published one's headline figures only, for "what changed"), one INSERT of the new
    versions, one UPDATE of the changed ones, one INSERT of their audit entries. Returns ``{unit pk: version}``."""
    if not data:
        return {}
    laporan = _laporan_lock_banyak(unit_ids=list(data), tahun=tahun)
    per_laporan: dict[int, list[VersiLaporan]] = {}
    versi: Iterable[VersiLaporan] = (
        VersiLaporan.objects.filter(laporan_id__in=[lap.pk for lap in laporan.values()])
        .defer("data")
        .annotate(ringkasan_=KeyTransform("ringkasan", "data"))
        .order_by("laporan_id", "-nomor")
    )
    for v in versi:
        per_laporan.setdefault(v.laporan_id, []).append(v)
    now = timezone.now()
    hasil: dict[int, VersiLaporan] = {}
    baru: list[VersiLaporan] = []
    ubah: list[tuple[VersiLaporan, VersiLaporan]] = []
    for unit_id, isi in data.items():
        lap = laporan[unit_id]
        semua = per_laporan.get(lap.pk, [])
        kerja: VersiLaporan | None = next((v for v in semua if v.status in STATUS_KERJA), None)
        sebelumnya = next((v for v in semua if v.status in (StatusVersi.TERBIT, StatusVersi.DITARIK)), None)
        lama = {"ringkasan": getattr(sebelumnya, "ringkasan_", None) or {}} if sebelumnya else None
        hash_baru = versi_data_hash(isi)
        if kerja is not None:
            if kerja.versi_data != hash_baru:
                sesudah = copy.copy(kerja)
                sesudah.data, sesudah.versi_data, sesudah.dibuat_pada, sesudah.run = isi, hash_baru, now, run
                sesudah.status = StatusVersi.DIBUAT  # changed figures need a new review
                sesudah.perubahan = _perubahan(lama, isi)
                ubah.append((kerja, sesudah))
                kerja = sesudah
            hasil[unit_id] = kerja
            continue
        v = VersiLaporan(
            laporan=lap,
            nomor=(semua[0].nomor if semua else 0) + 1,
            data=isi,
            versi_data=hash_baru,
            dibuat_pada=now,
            run=run,
            perubahan=_perubahan(lama, isi),
            # the narrative of the previous version is the starting point of the next review
            tantangan=sebelumnya.tantangan if sebelumnya else "",
            langkah=sebelumnya.langkah if sebelumnya else "",
        )
        baru.append(v)
        hasil[unit_id] = v
    if baru:
        VersiLaporan.objects.bulk_create(baru, batch_size=200)
    if ubah:
        VersiLaporan.objects.bulk_update([s for _k, s in ubah], _KOLOM_GENERASI, batch_size=200)
    # bulk writes bypass auditlog's signals: the same entries, in one INSERT (a creation where there is no old row)
    audit_massal_catat(
        None,
        [(None, lap) for lap in laporan.values() if getattr(lap, "_baru", False)]
        + [(None, v) for v in baru]
        + [(k, s) for k, s in ubah],
    )
    return hasil


def _versi_save(*, unit: UnitKerja, tahun: int, data: dict, run: RunLaporan | None) -> VersiLaporan:
    """Private (the demo data and one retried unit): one unit's ``_versi_simpan_banyak``."""
    return _versi_simpan_banyak(tahun=tahun, run=run, data={unit.pk: data})[unit.pk]


def _versi_locked(versi: VersiLaporan) -> VersiLaporan:
    return VersiLaporan.objects.select_for_update(of=("self",)).select_related("laporan__unit").get(pk=versi.pk)


def versi_review(*, actor, versi: VersiLaporan, tantangan: str, langkah: str) -> VersiLaporan:
    """The unit's admin writes the narrative ("tantangan", "langkah ke depan") and marks the figures checked."""
    access.require_admin_laporan(actor)
    if not access.laporan_kelola_visible(actor).filter(pk=versi.laporan_id).exists():
        raise Http404(_("Laporan tidak ditemukan."))
    tantangan, langkah = (tantangan or "").strip(), (langkah or "").strip()
    galat = {}
    if not tantangan:
        galat["tantangan"] = _("Tantangan wajib diisi.")
    if not langkah:
        galat["langkah"] = _("Langkah ke depan wajib diisi.")
    for kunci, teks in (("tantangan", tantangan), ("langkah", langkah)):
        if len(teks) > BATAS_NARASI:
            galat[kunci] = _("Paling banyak %(n)s karakter.") % {"n": BATAS_NARASI}
    with transaction.atomic(), audit_actor(actor):
        versi = _versi_locked(versi)
        if not access.can_review(actor, versi):
            raise PermissionDenied(_("Versi laporan ini tidak dapat ditinjau lagi."))
        if galat:
            raise ValidationError(galat)
        versi.tantangan, versi.langkah = tantangan, langkah
        versi.status = StatusVersi.DITINJAU
        versi.ditinjau_pada, versi.ditinjau_oleh = timezone.now(), actor
        versi.save()
    return versi


def versi_publish(*, actor, versi: VersiLaporan) -> VersiLaporan:
    """Admin BKD publishes a reviewed version: the public now sees it (earlier versions stay listed)."""
    access.require_admin_laporan(actor)
    with transaction.atomic(), audit_actor(actor):
        versi = _versi_locked(versi)
        if not access.can_publish(actor, versi):
            if versi.status != StatusVersi.DITINJAU:
                raise ValidationError(_("Hanya laporan yang sudah ditinjau yang dapat diterbitkan."))
            raise PermissionDenied(_("Hanya Admin BKD yang dapat menerbitkan laporan."))
        versi.status, versi.terbit_pada, versi.terbit_oleh = StatusVersi.TERBIT, timezone.now(), actor
        versi.save()
        Laporan.objects.filter(pk=versi.laporan_id).update(versi_publik=versi)
        selectors.laporan_halaman_lupakan(unit_id=versi.laporan.unit_id, tahun=versi.laporan.tahun)
    return versi


def laporan_withdraw(*, actor, laporan: Laporan, alasan: str) -> VersiLaporan:
    """Admin BKD withdraws the published version with a public reason; the public page then shows the reason."""
    access.require_admin_laporan(actor)
    alasan = (alasan or "").strip()
    with transaction.atomic(), audit_actor(actor):
        laporan = (
            Laporan.objects.select_for_update(of=("self",)).select_related("versi_publik", "unit").get(pk=laporan.pk)
        )
        if not access.can_withdraw(actor, laporan):
            if laporan.versi_publik is None or laporan.versi_publik.status != StatusVersi.TERBIT:
                raise ValidationError(_("Laporan ini tidak sedang terbit."))
            raise PermissionDenied(_("Hanya Admin BKD yang dapat menarik laporan."))
        if not alasan:
            raise ValidationError({"alasan": _("Alasan penarikan wajib diisi; alasan ini ditampilkan kepada publik.")})
        if len(alasan) > BATAS_ALASAN:
            raise ValidationError({"alasan": _("Paling banyak %(n)s karakter.") % {"n": BATAS_ALASAN}})
        versi = laporan.versi_publik
        assert versi is not None
        versi.status, versi.ditarik_pada, versi.alasan_tarik = StatusVersi.DITARIK, timezone.now(), alasan
        versi.save()
        selectors.laporan_halaman_lupakan(unit_id=laporan.unit_id, tahun=laporan.tahun)
    return versi


# --- citizens' questions and comments ----------------------------------------------------------------------------


def _teks(teks: str, *, field: str, maks: int, wajib: str | None = None) -> str:
    teks = (teks or "").strip()
    if wajib and not teks:
        raise ValidationError({field: [wajib]})
    if len(teks) > maks:
        raise ValidationError({field: [_("Paling banyak %(n)s karakter.") % {"n": maks}]})
    return teks


def pertanyaan_create(
    *, laporan: Laporan, isi: str, klien: str, nama: str = "", jebakan: str = ""
) -> PertanyaanLaporan:
    """A citizen (no account) asks a question or comments on a published report. ``klien`` is the hashed client
    key of the rate limit (``kinerja.klien``: ``LAPORAN_BATAS_PERTANYAAN``, the same mechanism as a complaint);
    ``jebakan`` the honeypot field (a person leaves it empty). Nothing about the citizen is stored but the optional
    name he gives. The question waits for the moderation of the report's unit."""
    if jebakan:
        raise ValidationError(_("Pertanyaan tidak dapat diterima. Muat ulang halaman lalu kirim lagi."))
    laporan = Laporan.objects.select_related("versi_publik").defer("versi_publik__data").get(pk=laporan.pk)
    if not access.can_ask(laporan):
        raise Http404(_("Laporan tidak ditemukan."))
    batas_klien(ruang="laporan", aksi="pertanyaan", klien=klien)
    nama = _teks(nama, field="nama", maks=BATAS_NAMA_PENANYA)
    isi = _teks(isi, field="isi", maks=BATAS_PERTANYAAN, wajib=_("Tulis pertanyaan atau komentar Anda."))
    with transaction.atomic(), audit_actor(None):
        return PertanyaanLaporan.objects.create(laporan=laporan, nama=nama, isi=isi)


def _pertanyaan_publik_berubah(pertanyaan: PertanyaanLaporan) -> None:
    """The public page shows other questions now: its validators (ETag / Last-Modified) and cache key move on."""
    Laporan.objects.filter(pk=pertanyaan.laporan_id).update(pertanyaan_diubah_pada=timezone.now())
    selectors.laporan_halaman_lupakan(unit_id=pertanyaan.laporan.unit_id, tahun=pertanyaan.laporan.tahun)


def _pertanyaan_locked(pertanyaan: PertanyaanLaporan) -> PertanyaanLaporan:
    return (
        PertanyaanLaporan.objects.select_for_update(of=("self",)).select_related("laporan__unit").get(pk=pertanyaan.pk)
    )


def pertanyaan_approve(*, actor, pertanyaan: PertanyaanLaporan) -> PertanyaanLaporan:
    """The admin of the report's unit shows the question on the public page (a hidden one can be shown again)."""
    access.require_moderate(actor, pertanyaan)
    with transaction.atomic(), audit_actor(actor):
        pertanyaan = _pertanyaan_locked(pertanyaan)
        if pertanyaan.status != StatusPertanyaan.TAMPIL:
            pertanyaan.status, pertanyaan.alasan_sembunyi = StatusPertanyaan.TAMPIL, ""
            pertanyaan.dimoderasi_pada, pertanyaan.dimoderasi_oleh = timezone.now(), actor
            pertanyaan.save()
            _pertanyaan_publik_berubah(pertanyaan)
    return pertanyaan


def pertanyaan_hide(*, actor, pertanyaan: PertanyaanLaporan, alasan: str = "") -> PertanyaanLaporan:
    """Hide a question (pending or shown): it is kept, with who hid it, when and why; the public never sees it."""
    access.require_moderate(actor, pertanyaan)
    alasan = _teks(alasan, field="alasan", maks=500)
    with transaction.atomic(), audit_actor(actor):
        pertanyaan = _pertanyaan_locked(pertanyaan)
        tampil = pertanyaan.status == StatusPertanyaan.TAMPIL
        pertanyaan.status, pertanyaan.alasan_sembunyi = StatusPertanyaan.TERSEMBUNYI, alasan
        pertanyaan.dimoderasi_pada, pertanyaan.dimoderasi_oleh = timezone.now(), actor
        pertanyaan.save()
        if tampil:
            _pertanyaan_publik_berubah(pertanyaan)
    return pertanyaan


def pertanyaan_reply(*, actor, pertanyaan: PertanyaanLaporan, jawaban: str) -> PertanyaanLaporan:
    """The unit's answer, shown under the question once the question is shown. Answering again replaces it."""
    access.require_moderate(actor, pertanyaan)
    jawaban = _teks(jawaban, field="jawaban", maks=BATAS_JAWABAN, wajib=_("Jawaban wajib diisi."))
    with transaction.atomic(), audit_actor(actor):
        pertanyaan = _pertanyaan_locked(pertanyaan)
        if pertanyaan.status == StatusPertanyaan.TERSEMBUNYI:
            raise ValidationError(_("Pertanyaan yang disembunyikan tidak dapat dijawab; tampilkan dahulu."))
        pertanyaan.jawaban, pertanyaan.dijawab_pada, pertanyaan.dijawab_oleh = jawaban, timezone.now(), actor
        pertanyaan.save()
        if pertanyaan.status == StatusPertanyaan.TAMPIL:
            _pertanyaan_publik_berubah(pertanyaan)
    return pertanyaan


# --- medium-term targets (RPD / RPJMD) ----------------------------------------------------------------------------


def target_menengah_save(*, actor, rencana: RencanaMenengah, unit: UnitKerja, indikator: str, target) -> TargetMenengah:
    """Admin BKD records (or corrects) the medium-term target of a unit indicator in a plan. Reports generated
    afterwards compare with it; a published snapshot never changes."""
    access.require_set_target_menengah(actor)
    indikator = _teks(indikator, field="indikator", maks=1000, wajib=_("Nama indikator wajib diisi."))
    if target is None or target < 0:
        raise ValidationError({"target": [_("Target tidak boleh kosong atau negatif.")]})
    with transaction.atomic(), audit_actor(actor):
        obj, _dibuat = TargetMenengah.objects.update_or_create(
            rencana=rencana, unit=unit, indikator=indikator, defaults={"target": target, "diubah_oleh": actor}
        )
    return obj


def target_menengah_delete(*, actor, target: TargetMenengah) -> None:
    access.require_set_target_menengah(actor)
    with transaction.atomic(), audit_actor(actor):
        TargetMenengah.objects.filter(pk=target.pk).delete()


# --- demo data ----------------------------------------------------------------------------------------------------


def laporan_publish_demo(*, tahun: int) -> int:
    """Demo data (``seed_demo``, in its transaction): generate every unit's report for ``tahun`` synchronously,
    without the broker, review it with a demo narrative and publish it. Returns the number of reports published.
    No actor: only the demo command calls it."""
    jumlah = 0
    agregat: dict[int, dict] = {}
    for root in UnitKerja.objects.filter(depth=1).order_by("path"):
        agregat.update(bab.agregat_per_unit(scope=root, tahun=tahun))
    for unit in UnitKerja.objects.filter(aktif=True).order_by("path"):
        data = bab.susun_snapshot(unit=unit, tahun=tahun, agregat=agregat.get(unit.pk))
        publik = Laporan.objects.filter(unit=unit, tahun=tahun).values_list("versi_publik__versi_data", flat=True)
        if versi_data_hash(data) in list(publik):
            continue  # already published with these figures (the command run twice)
        versi = _versi_save(unit=unit, tahun=tahun, data=data, run=None)
        if versi.status == StatusVersi.DIBUAT:
            versi.tantangan = versi.tantangan or _(
                "Realisasi sebagian indikator tertinggal pada triwulan awal karena penyesuaian anggaran."
            )
            versi.langkah = versi.langkah or _(
                "Memperkuat pemantauan bulanan dan dialog kinerja agar target tahun berikutnya tercapai."
            )
            versi.status, versi.ditinjau_pada = StatusVersi.DITINJAU, timezone.now()
        versi.status, versi.terbit_pada = StatusVersi.TERBIT, timezone.now()
        versi.save()
        Laporan.objects.filter(pk=versi.laporan_id).update(versi_publik=versi)
        selectors.laporan_halaman_lupakan(unit_id=unit.pk, tahun=tahun)
        jumlah += 1
    return jumlah
