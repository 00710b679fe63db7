"""The cascade: links of RHK to the atasan's RHK (checked again on approval) and the bulk cascade to subordinates."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from indikator import access
from indikator.models import (
    Arah,
    BentukTarget,
    EkspektasiPerilaku,
    Iki,
    Rhk,
    Skp,
    hari_ini,
)
from indikator.services._dasar import (
    IKI_FIELDS,
    _desimal,
    _desimal_atau_kosong,
    _ekspektasi_baru,
    _validate_iki_target,
)
from kepegawaian.models import Pegawai
from kinerja.audit import audit_actor, audit_record


def tautan_check(*, skp: Skp) -> int:
    """No actor and no access check: it only recomputes derived link statuses from the data (no input), called by
    ``skp_approve`` (which checked the penilai) and by the demo data.

    Re-check the links of this SKP's RHK to the atasan's RHK (four UPDATEs, whatever the size):
    into the atasan's current approved SKP → sah; into his current draft, or into an older revision while he
    is revising → menunggu (checked again when his SKP is approved); anything else → putus.
    Returns how many links are broken."""
    atasan_id = Pegawai.objects.filter(pk=skp.pegawai_id).values_list("atasan_id", flat=True).first()
    linked = Rhk.objects.filter(skp=skp, rhk_atasan__isnull=False)
    milik_atasan = Q(rhk_atasan__skp__pegawai_id=atasan_id, rhk_atasan__skp__periode_id=skp.periode_id)
    terkini = Q(rhk_atasan__skp__terkini=True)
    disetujui = Q(rhk_atasan__skp__status=Skp.Status.DISETUJUI)
    linked.filter(milik_atasan & terkini & disetujui).update(status_tautan=Rhk.StatusTautan.SAH, catatan_tautan="")
    linked.filter(milik_atasan & terkini & ~disetujui).update(
        status_tautan=Rhk.StatusTautan.MENUNGGU, catatan_tautan=""
    )
    linked.filter(milik_atasan & ~terkini).update(
        status_tautan=Rhk.StatusTautan.MENUNGGU,
        catatan_tautan=_("Atasan sedang merevisi SKP-nya; tautan diperiksa lagi saat revisi itu disetujui."),
    )
    return linked.exclude(milik_atasan).update(
        status_tautan=Rhk.StatusTautan.PUTUS,
        catatan_tautan=_("RHK yang diintervensi bukan RHK dari SKP atasan langsung pada periode ini."),
    )


def tautan_check_bawahan(*, skp: Skp) -> int:
    """No actor and no access check, as ``tautan_check``.

    After the atasan's SKP is approved: subordinates' links to its RHK become valid; links to the RHK of its
    previous revisions move to the copied RHK when it still exists, else they are flagged broken; links of
    people who are no longer his subordinates are flagged broken. A constant number of queries.
    Returns how many links are broken."""
    revisi_lama = Skp.objects.filter(pegawai_id=skp.pegawai_id, periode_id=skp.periode_id, terkini=False)
    rhk_ini = Rhk.objects.filter(skp=skp)
    bawahan_q = Q(skp__pegawai__atasan_id=skp.pegawai_id, skp__terkini=True)

    # 1. links straight into this SKP: valid, for current subordinates
    Rhk.objects.filter(bawahan_q, rhk_atasan__skp=skp).update(status_tautan=Rhk.StatusTautan.SAH, catatan_tautan="")
    # 2. links into an old revision whose RHK was carried into this one: follow the copy
    pindah: dict[int | None, int] = {
        asal_id: baru_id for baru_id, asal_id in rhk_ini.filter(asal__skp__in=revisi_lama).values_list("pk", "asal_id")
    }
    lama = list(
        Rhk.objects.filter(bawahan_q, rhk_atasan__skp__in=revisi_lama).only("pk", "rhk_atasan_id", "rhk_atasan_uraian")
    )
    uraian_baru = dict(rhk_ini.filter(pk__in=pindah.values()).values_list("pk", "uraian"))
    putus = 0
    for r in lama:
        baru = pindah.get(r.rhk_atasan_id)
        if baru is None:
            r.status_tautan = Rhk.StatusTautan.PUTUS
            r.catatan_tautan = _("RHK atasan yang diintervensi tidak ada lagi pada revisi SKP atasan yang disetujui.")
            putus += 1
        else:
            r.rhk_atasan_id = baru
            r.rhk_atasan_uraian = uraian_baru[baru]
            r.status_tautan = Rhk.StatusTautan.SAH
            r.catatan_tautan = ""
    Rhk.objects.bulk_update(
        lama, ["rhk_atasan", "rhk_atasan_uraian", "status_tautan", "catatan_tautan"], batch_size=500
    )
    # 3. links from people who are not (or no longer) his subordinates
    putus += (
        Rhk.objects.filter(rhk_atasan__skp__pegawai_id=skp.pegawai_id, rhk_atasan__skp__periode_id=skp.periode_id)
        .exclude(skp__pegawai__atasan_id=skp.pegawai_id)
        .exclude(status_tautan=Rhk.StatusTautan.PUTUS)
        .update(
            status_tautan=Rhk.StatusTautan.PUTUS,
            catatan_tautan=_("Pegawai ini bukan lagi bawahan langsung pemilik RHK yang diintervensi."),
        )
    )
    return putus


def rhk_cascade(
    *,
    actor,
    rhk: Rhk,
    bawahan: Iterable[Pegawai | int],
    iki: list[dict],
    uraian: str | None = None,
    jenis: str = Rhk.Jenis.UTAMA,
) -> list[Rhk]:
    """The penilai assigns one of his RHK, with IKI and targets, to many direct subordinates at once.

    For each subordinate a new RHK intervening ``rhk`` (text ``uraian``, default the same text) is added to his
    current SKP, created as a draft when he has none. ``iki`` is a list of dicts with the ``iki_create`` arguments
    (``uraian``, ``satuan``, ``target``, optional ``aspek``, ``arah``, ``target_bentuk``, ``target_atas``).
    All or nothing; bulk writes, so the number of queries does not grow with the number of subordinates
    (beyond the database's own batch limits)."""
    ids = sorted({b if isinstance(b, int) else b.pk for b in bawahan})
    if not ids:
        raise ValidationError({"bawahan": _("Pilih paling sedikit satu bawahan.")})
    iki_templates = []
    for nomor, data in enumerate(iki, start=1):
        unknown = set(data) - {
            "uraian",
            "satuan",
            "target",
            "aspek",
            "arah",
            "target_bentuk",
            "target_atas",
            "batas_bawah_realisasi",
            "batas_atas_realisasi",
        }
        if unknown:
            raise TypeError(f"unknown IKI fields: {sorted(unknown)}")
        template = Iki(
            uraian=(data.get("uraian") or "").strip(),
            satuan=(data.get("satuan") or "").strip(),
            aspek=data.get("aspek", "kuantitas"),
            arah=data.get("arah", Arah.NAIK),
            target_bentuk=data.get("target_bentuk", BentukTarget.ANGKA),
            target=_desimal(data.get("target"), "target"),
            target_atas=_desimal_atau_kosong(data.get("target_atas"), "target_atas"),
            batas_bawah_realisasi=_desimal_atau_kosong(data.get("batas_bawah_realisasi"), "batas_bawah_realisasi"),
            batas_atas_realisasi=_desimal_atau_kosong(data.get("batas_atas_realisasi"), "batas_atas_realisasi"),
            urutan=nomor,
        )
        _validate_iki_target(template)
        template.full_clean(exclude=["rhk"])
        iki_templates.append(template)
    if not iki_templates:
        raise ValidationError({"iki": _("Isi paling sedikit satu indikator.")})

    with transaction.atomic(), audit_actor(actor):
        sumber = Rhk.objects.select_related("skp", "skp__periode").get(pk=rhk.pk)
        access.require_owner(actor, sumber.skp)
        if not sumber.skp.terkini:
            raise ValidationError(_("RHK ini berasal dari revisi SKP yang sudah digantikan."))
        periode = sumber.skp.periode
        if not periode.dibuka:
            raise ValidationError(_("Periode %(tahun)s sudah ditutup.") % {"tahun": periode.tahun})
        penilai_id = sumber.skp.pegawai_id
        pegawai_map = {p.pk: p for p in Pegawai.objects.filter(pk__in=ids, atasan_id=penilai_id, aktif=True)}
        bukan = [i for i in ids if i not in pegawai_map]
        if bukan:
            raise ValidationError(
                {"bawahan": _("%(n)s pegawai yang dipilih bukan bawahan langsung Anda.") % {"n": len(bukan)}}
            )
        skp_map = {
            s.pegawai_id: s
            for s in Skp.objects.select_for_update().filter(pegawai_id__in=ids, periode=periode, terkini=True)
        }
        terkunci = [pegawai_map[pid].nama for pid, s in skp_map.items() if s.status not in Skp.STATUS_DAPAT_DIUBAH]
        if terkunci:
            raise ValidationError(
                {
                    # names often end in a title with commas and dots ("Rina, A.Md."): joined with ";"
                    "bawahan": _(
                        "SKP pegawai berikut sedang diajukan atau sudah disetujui, jadi belum dapat diberi RHK baru: "
                        "%(nama)s. Kembalikan SKP yang diajukan atau minta pegawai membuat revisi, lalu ulangi."
                    )
                    % {"nama": "; ".join(sorted(terkunci)).rstrip(".")}
                }
            )
        perlu_buka = [pid for pid in ids if pid not in skp_map or skp_map[pid].revisi == 1]
        if perlu_buka:
            tertutup = [pegawai_map[pid].nama for pid in periode.penyusunan_skp_tertutup(pegawai_ids=perlu_buka)]
            if tertutup:
                raise ValidationError(
                    {
                        "bawahan": _("Batas penyusunan SKP sudah lewat untuk: %(nama)s.")
                        % {"nama": "; ".join(sorted(tertutup)).rstrip(".")}
                    }
                )

        baru = [Skp(pegawai_id=pid, periode=periode) for pid in ids if pid not in skp_map]
        if baru:
            Skp.objects.bulk_create(baru)
            EkspektasiPerilaku.objects.bulk_create([e for s in baru for e in _ekspektasi_baru(s)])
            for s in baru:
                skp_map[s.pegawai_id] = s
        Skp.objects.filter(pk__in=[s.pk for s in skp_map.values()]).update(versi=F("versi") + 1, diubah=timezone.now())

        status_tautan = Rhk.StatusTautan.SAH if sumber.skp.status == Skp.Status.DISETUJUI else Rhk.StatusTautan.MENUNGGU
        teks = (uraian or sumber.uraian).strip()
        rhk_baru = [
            Rhk(
                skp=skp_map[pid],
                jenis=jenis,
                uraian=teks,
                rhk_atasan=sumber,
                rhk_atasan_uraian=sumber.uraian,
                urutan=100 + sumber.urutan,
                status_tautan=status_tautan,
            )
            for pid in ids
        ]
        if rhk_baru:
            rhk_baru[0].full_clean(exclude=["skp", "rhk_atasan"])
        Rhk.objects.bulk_create(rhk_baru)
        Iki.objects.bulk_create(
            [
                Iki(
                    rhk=r,
                    # into a later revision of his SKP: the indicator counts from today (Iki.berlaku_sejak)
                    berlaku_sejak=hari_ini() if r.skp.revisi > 1 else None,
                    **{f: getattr(t, f) for f in IKI_FIELDS},
                )
                for r in rhk_baru
                for t in iki_templates
            ]
        )
        audit_record(
            instance=sumber,
            actor=actor,
            changes={"kaskade": ["-", _("%(n)s bawahan: %(ids)s") % {"n": len(ids), "ids": ",".join(map(str, ids))}]},
        )
        return rhk_baru
