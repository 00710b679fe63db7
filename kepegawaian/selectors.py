"""Reads shared by views, the API, exports and other apps."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from auditlog.models import LogEntry
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.db.models import Case, Count, Exists, F, Func, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kepegawaian.models import Pegawai, PeranAdmin, UnitKerja

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class JumlahBawahan(TypedDict):
    jumlah_bawahan: int


def unit_by_kode(kode: str) -> UnitKerja | None:
    """The unit with this code as typed by a person: exact first, else the one unit whose code differs only in case
    ("disdik" finds DISDIK); ``None`` when there is none or the case-insensitive match is ambiguous."""
    kode = kode.strip()
    unit = UnitKerja.objects.filter(kode=kode).first()
    if unit is None and kode:
        kandidat = list(UnitKerja.objects.filter(kode__iexact=kode)[:2])
        unit = kandidat[0] if len(kandidat) == 1 else None
    return unit


def unit_subtree(unit: UnitKerja, *, include_self: bool = True) -> QuerySet[UnitKerja]:
    """A unit and everything under it, at any depth: one indexed ``path LIKE 'prefix%'`` query."""
    qs = UnitKerja.objects.filter(path__startswith=unit.path)
    if not include_self:
        qs = qs.exclude(pk=unit.pk)
    return qs.order_by("path")


def pegawai_in_subtree(unit: UnitKerja) -> QuerySet[Pegawai]:
    """Everyone working in a unit or any unit under it: one query joining on the path prefix."""
    return Pegawai.objects.filter(unit__path__startswith=unit.path)


def unit_ancestors(unit: UnitKerja) -> QuerySet[UnitKerja]:
    """The chain from the root down to (not including) the unit, from its path: one query."""
    steplen = UnitKerja.steplen
    paths = [unit.path[: i * steplen] for i in range(1, unit.depth)]
    return UnitKerja.objects.filter(path__in=paths).order_by("depth")


def unit_tree_rows(root_qs: QuerySet[UnitKerja]) -> QuerySet[UnitKerja]:
    """Units ordered as a tree (by path) with their direct headcount, for the organisation browser."""
    return root_qs.order_by("path").annotate(jumlah_pegawai=Count("pegawai", filter=Q(pegawai__aktif=True)))


def pegawai_with_relations(qs: QuerySet[Pegawai] | None = None) -> QuerySet[Pegawai]:
    qs = qs if qs is not None else Pegawai.objects.all()
    return qs.select_related("unit", "jabatan", "atasan", "atasan__jabatan", "user")


def bawahan_langsung(pegawai: Pegawai) -> QuerySet[Pegawai]:
    return pegawai_with_relations(pegawai.bawahan.filter(aktif=True)).order_by("nama")


def pegawai_profile(pegawai_id: int) -> Pegawai | None:
    return (
        pegawai_with_relations(Pegawai.objects.filter(pk=pegawai_id))
        .select_related("atasan__atasan", "atasan__unit")
        .first()
    )


# --- Pages of the web UI (organisation browser, home page) ------------------------------------------------------


def unit_tree_with_totals(root_qs: QuerySet[UnitKerja]) -> list[UnitKerja]:
    """``unit_tree_rows`` as a list, each unit also carrying ``jumlah_pegawai_total`` (its whole subtree) and
    ``indent`` (depth below the shallowest unit listed). One query; the totals are summed in Python over the
    path-ordered rows, so the cost does not grow with the depth of the tree."""
    rows = list(unit_tree_rows(root_qs))
    if not rows:
        return rows
    top = min(unit.depth for unit in rows)
    stack: list[UnitKerja] = []
    for unit in rows:
        unit.indent = unit.depth - top
        unit.jumlah_pegawai_total = 0
    for unit in rows:
        while stack and not unit.path.startswith(stack[-1].path):
            stack.pop()
        stack.append(unit)
        for ancestor in stack:
            ancestor.jumlah_pegawai_total += unit.jumlah_pegawai
    return rows


def unit_summary(unit: UnitKerja) -> dict:
    """Counts for a unit's whole subtree: units and active people (two indexed prefix queries)."""
    return {
        "unit": unit,
        "jumlah_unit": unit_subtree(unit).count(),
        "jumlah_pegawai": pegawai_in_subtree(unit).filter(aktif=True).count(),
    }


def province_summary() -> dict:
    """Province-wide counts for the admin BKD home page: one query on units, one on people."""
    units = UnitKerja.objects.aggregate(
        jumlah_unit=Count("pk"),
        jumlah_perangkat_daerah=Count("pk", filter=Q(jenis=UnitKerja.Jenis.PERANGKAT_DAERAH)),
        jumlah_kelurahan=Count("pk", filter=Q(jenis=UnitKerja.Jenis.KELURAHAN)),
    )
    people = Pegawai.objects.filter(aktif=True).aggregate(
        jumlah_pegawai=Count("pk"),
        jumlah_pns=Count("pk", filter=Q(status=Pegawai.Status.PNS)),
        jumlah_pppk=Count("pk", filter=Q(status=Pegawai.Status.PPPK)),
        tanpa_atasan=Count("pk", filter=Q(atasan__isnull=True)),
        tanpa_akun=Count("pk", filter=Q(user__isnull=True)),
    )
    return {**units, **people}


def bawahan_with_counts(pegawai_id: int) -> "QuerySet[WithAnnotations[Pegawai, JumlahBawahan]]":
    """Direct subordinates, each with the number of his own active subordinates (the second level)."""
    return (
        Pegawai.objects.filter(atasan_id=pegawai_id, aktif=True)
        .select_related("unit", "jabatan")
        .annotate(jumlah_bawahan=Count("bawahan", filter=Q(bawahan__aktif=True)))
        .order_by("nama")
    )


def pegawai_search(qs: QuerySet[Pegawai], q: str) -> QuerySet[Pegawai]:
    """Filter by name (contains, any case) or NIP (prefix)."""
    q = (q or "").strip()
    if not q:
        return qs
    if q.isdigit():
        return qs.filter(nip__startswith=q)
    return qs.filter(nama__icontains=q)


# --- Audit trail (django-auditlog) --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditJenis:
    """One kind of audited row the audit page lists, and how an admin unit's scope reaches it.

    ``ke_pegawai``: the lookup from the row to the pegawai it belongs to ("" for Pegawai itself); ``ke_unit``: the
    lookup to its unit ("" for UnitKerja itself). With neither, only the admin BKD sees the kind (jabatan, accounts,
    periods: shared by all units). Other apps add their kinds with ``audit_jenis_daftar`` in ``AppConfig.ready``
    (kepegawaian does not import them)."""

    kode: str
    label: Any
    model: str  # "app_label.ModelName"
    ke_pegawai: str | None = None
    ke_unit: str | None = None

    def model_class(self) -> type[models.Model]:
        return django_apps.get_model(self.model)


AUDIT_JENIS: dict[str, AuditJenis] = {}


def audit_jenis_daftar(*jenis: AuditJenis) -> None:
    for j in jenis:
        AUDIT_JENIS[j.kode] = j


audit_jenis_daftar(
    AuditJenis("pegawai", gettext_lazy("Pegawai"), "kepegawaian.Pegawai", ke_pegawai=""),
    AuditJenis("unit", gettext_lazy("Unit kerja"), "kepegawaian.UnitKerja", ke_unit=""),
    AuditJenis("peran", gettext_lazy("Peran admin"), "kepegawaian.PeranAdmin", ke_unit="unit"),
    AuditJenis("jabatan", gettext_lazy("Jabatan"), "kepegawaian.Jabatan"),
    AuditJenis("akun", gettext_lazy("Akun"), "kepegawaian.User"),
)


def audit_jenis_pilihan() -> list[tuple[str, str]]:
    """The "Data" filter's choices: every registered kind, in registration order."""
    return [("", _("Semua data"))] + [(j.kode, str(j.label)) for j in AUDIT_JENIS.values()]


def _audit_jenis_objek(j: AuditJenis, unit_ids) -> QuerySet | None:
    """The pks of the rows of kind ``j`` in an admin unit's subtrees now (``None``: the kind is the admin BKD's
    only). Rows deleted since are the admin BKD's only: an entry is placed in a unit's scope by the row it names as
    it is now."""
    model = j.model_class()
    if j.ke_pegawai is not None:
        lookup = f"{j.ke_pegawai}__unit__in" if j.ke_pegawai else "unit__in"
    elif j.ke_unit is not None:
        lookup = f"{j.ke_unit}__in" if j.ke_unit else "pk__in"
    else:
        return None
    return model._default_manager.filter(**{lookup: unit_ids}).values("pk")


def _audit_jenis_tercatat(content_type_ids) -> set[int]:
    """Which of these content types have at least one log entry: one query of an index probe per kind
    (``logentry_jenis_waktu_idx``), whatever the log's size. The admin unit's union leaves the others out: a kind
    without entries adds nothing to the result but costs its part's planning (~1 ms each; 48 kinds are registered,
    a young log holds a handful)."""
    ada = LogEntry.objects.filter(content_type=OuterRef("pk"))
    return set(
        ContentType.objects.filter(pk__in=list(content_type_ids)).filter(Exists(ada)).values_list("pk", flat=True)
    )


def audit_entries(
    *,
    akses,
    jenis: str = "",
    aksi: int | None = None,
    pelaku: str = "",
    dari=None,
    sampai=None,
    q: str = "",
    sebelum: tuple | None = None,
    batas: int | None = None,
) -> QuerySet[LogEntry]:
    """Changes to every audited kind of row this admin may see (``AUDIT_JENIS``), newest first.

    An admin BKD sees every entry of the registered kinds. An admin unit sees entries of the rows that are in his
    subtrees now (by ``object_id``: people, units, unit roles, and what the other apps register, e.g. SKP, RHK, IKI,
    realisations, evidence and feedback by their pegawai); entries of rows deleted since then, of jabatan (shared
    by all units), of accounts and of periods are for the admin BKD only.

    Keyset pagination: ``sebelum`` is the (timestamp, pk) of the last entry of the previous page; the next page is
    what comes strictly after it in the order (-timestamp, -pk), served by the index on (content type, timestamp)
    or the timestamp index however deep the page (migration kepegawaian 0005). ``q`` is a case-insensitive
    contains on the object text.

    Shape for an admin unit (docs/skala.md): one query per kind, ``content_type = k AND object_id IN (rows of kind
    k in his units)`` with the filters, glued by ``UNION ALL`` under ``pk IN (...)``. Alone in its WHERE, each
    ``IN`` is a semi-join the planner sizes per kind: for a large scope (the Dinas Pendidikan's 1.6 million
    realisations) it walks the (content type, timestamp) index and probes the row's pk for each entry; for a small
    one it collects the few rows and reads their entries by ``object_id``. (ORed together, as before, each ``IN``
    was a subplan per log row, re-run in full when its set did not fit ``work_mem``.) ``batas`` (the page size the
    caller reads, plus one) caps each kind's query at that many newest entries, so the outer sort reads at most
    ``batas`` × kinds rows; on a database that cannot order and limit the parts of a compound query (SQLite) the
    parts are not capped, with the same result. Only the kinds that have at least one entry in the log get a part
    (``_audit_jenis_tercatat``: one query, run when this function is called, of one index probe per kind): the
    union is planned part by part, and the 40-odd registered kinds cost 30–120 ms of planning where the 4 with
    entries in the synthetic Jakarta cost 3–8 ms.

    A search (``q`` with three letters or digits in a row, with ``batas``, on PostgreSQL) is one walk of the log
    newest first instead, for both admins (``_audit_terbaru_dulu``): the GiST index on (timestamp, trigrams)
    returns the matches in time order and the walk stops at ``batas``; for an admin unit each match is kept when
    its row's unit is one of his (``_audit_unit_baris``, one probe per match walked). A word's matches grow with
    the log, a page does not.
    """
    if not akses.is_bkd and not akses.admin_unit_paths:
        return LogEntry.objects.none()
    kinds = [AUDIT_JENIS[jenis]] if jenis in AUDIT_JENIS else list(AUDIT_JENIS.values())
    content_types = ContentType.objects.get_for_models(*(j.model_class() for j in kinds))
    saring = Q()
    if aksi is not None:
        saring &= Q(action=aksi)
    if pelaku:
        saring &= Q(actor__username__icontains=pelaku) | Q(actor__pegawai__nama__icontains=pelaku)
    if dari:
        saring &= Q(timestamp__gte=_awal_hari(dari))
    if sampai:
        saring &= Q(timestamp__lt=_awal_hari(sampai + dt.timedelta(days=1)))
    if q:
        saring &= Q(object_repr__icontains=q)
    if sebelum is not None:
        waktu, pk = sebelum
        # "timestamp <= t" is implied by the OR, but only it reaches the index as a bound (Index Cond): without
        # it each kind's walk started at the newest entry and filtered its way down to the position (21,000
        # realisation entries skipped 10,000 entries deep into the Dinas Pendidikan's log).
        saring &= Q(timestamp__lte=waktu) & (Q(timestamp__lt=waktu) | Q(timestamp=waktu, pk__lt=pk))
    urut_waktu = _audit_cari_urut_waktu(q, batas)
    if akses.is_bkd:
        qs = LogEntry.objects.filter(saring, content_type__in=[content_types[j.model_class()] for j in kinds])
        if urut_waktu is not None:
            qs = _audit_terbaru_dulu(qs, urut_waktu)
    else:
        units = Q(pk__in=[])
        for path in akses.admin_unit_paths:
            units |= Q(path__startswith=path)
        unit_ids = UnitKerja.objects.filter(units).values("pk")
        objek_per_jenis = {j: _audit_jenis_objek(j, unit_ids) for j in kinds}
        tercatat = _audit_jenis_tercatat(
            content_types[j.model_class()].pk for j, o in objek_per_jenis.items() if o is not None
        )
        berlingkup = [
            (j, content_types[j.model_class()])
            for j, objek in objek_per_jenis.items()
            if objek is not None and content_types[j.model_class()].pk in tercatat
        ]
        if not berlingkup:
            return LogEntry.objects.none()
        if urut_waktu is not None:
            # One walk of the log newest first for every kind at once: each entry's row is asked for its unit
            # (one primary-key probe up the kind's chain), kept when the unit is one of his.
            unit_objek = Case(
                *(
                    When(content_type=ct, then=Subquery(_audit_unit_baris(j).filter(pk=OuterRef("object_id"))[:1]))
                    for j, ct in berlingkup
                ),
                output_field=models.BigIntegerField(),
            )
            qs = (
                LogEntry.objects.filter(saring, content_type__in=[ct for _j, ct in berlingkup])
                .alias(unit_objek=unit_objek)
                .filter(unit_objek__in=unit_ids)
            )
            qs = _audit_terbaru_dulu(qs, urut_waktu)
        else:
            bagian = []
            for j, ct in berlingkup:
                part = LogEntry.objects.filter(saring, content_type=ct, object_id__in=objek_per_jenis[j])
                part = part.values("pk").order_by()
                if batas is not None and connection.features.supports_slicing_ordering_in_compound:
                    part = part.order_by("-timestamp", "-pk")[:batas]
                bagian.append(part)
            semua = bagian[0].union(*bagian[1:], all=True) if len(bagian) > 1 else bagian[0]
            qs = LogEntry.objects.filter(pk__in=semua)
    return qs.select_related("actor", "actor__pegawai", "content_type").order_by("-timestamp", "-pk")


# Every entry's timestamp is before this instant (auditlog writes the time of the change): its distance to it
# orders the log newest first.
_AUDIT_JANGKAR = dt.datetime(3000, 1, 1, tzinfo=dt.UTC)


def _audit_cari_urut_waktu(q: str, batas: int | None) -> int | None:
    """The page size at which a search stops when the time-ordered trigram index serves it
    (``logentry_waktu_trgm_idx``, migration kepegawaian 0011), else ``None``: three letters or digits in a row
    (pg_trgm's trigrams come from words: "bu" or "a-b" have none, and the index would hand over every entry to be
    checked), a page size to stop at, on PostgreSQL."""
    if re.search(r"[^\W_]{3}", q) and batas is not None and connection.vendor == "postgresql":
        return batas
    return None


def _audit_terbaru_dulu(qs: QuerySet[LogEntry], batas: int) -> QuerySet[LogEntry]:
    """The ``batas`` newest entries of ``qs`` (and every entry at the same instant as the last of them), read in
    time order from the GiST index on (timestamp, trigrams of the object text): ``ORDER BY timestamp <-> 3000-01-01``
    is a nearest-neighbour scan (btree_gist's distance), which returns the word's matches newest first and stops
    after ``batas`` — the cost of a page, not of the word's matches. A GiST scan orders by a distance only, never
    by a second key, hence ``FETCH FIRST … WITH TIES``: entries of the same instant as the last one all come, and
    the caller's ``ORDER BY timestamp DESC, id DESC`` pages them exactly as before."""
    jarak = Func(
        F("timestamp"),
        Value(_AUDIT_JANGKAR, output_field=models.DateTimeField()),
        arg_joiner=" <-> ",
        template="(%(expressions)s)",
        output_field=models.DurationField(),
    )
    sql, params = qs.order_by(jarak.asc()).values("pk").query.sql_with_params()
    terdekat = RawSQL(f"{sql} FETCH FIRST %s ROWS WITH TIES", (*params, batas))  # noqa: S611 (Django's own SQL)
    return LogEntry.objects.filter(pk__in=terdekat)


def _audit_unit_baris(j: AuditJenis) -> QuerySet:
    """The unit of one row of kind ``j`` (``values`` of its unit's pk, followed along ``ke_pegawai``/``ke_unit``)."""
    if j.ke_pegawai is not None:
        return j.model_class()._default_manager.order_by().values(f"{j.ke_pegawai}__unit" if j.ke_pegawai else "unit")
    return j.model_class()._default_manager.order_by().values(j.ke_unit or "pk")


def _awal_hari(tanggal: dt.date) -> dt.datetime:
    """Midnight of a date in the local time zone (Asia/Jakarta): a range on the indexed column, not on its date."""
    return timezone.make_aware(dt.datetime.combine(tanggal, dt.time.min))


def audit_kursor(entry: LogEntry) -> str:
    """The "older" link's marker: the position of the last entry shown."""
    return f"{entry.timestamp.isoformat()}~{entry.pk}"


def audit_kursor_baca(teks: str) -> tuple[dt.datetime, int] | None:
    """The position in an "older" link, or ``None`` when it is not one we wrote."""
    waktu_teks, _sep, pk_teks = teks.partition("~")
    waktu = parse_datetime(waktu_teks.replace(" ", "+"))  # a "+" in a query string arrives as a space
    if waktu is None or timezone.is_naive(waktu) or not pk_teks.isdigit():
        return None
    return waktu, int(pk_teks)


def _audit_value(field, raw, related_names: dict) -> str:
    if raw in (None, "None", ""):
        return "—"
    if field is None:
        return str(raw)
    if isinstance(field, models.DateTimeField):
        # auditlog stores the UTC value as text; show it in local time like every other time on the page.
        waktu = parse_datetime(str(raw))
        if waktu is None:
            return str(raw)
        if timezone.is_naive(waktu):
            waktu = timezone.make_aware(waktu, dt.UTC)
        return date_format(timezone.localtime(waktu), "j M Y H:i")
    if isinstance(field, models.DateField):
        tanggal = parse_date(str(raw))
        return date_format(tanggal, "j M Y") if tanggal else str(raw)
    if field.is_relation and (field.many_to_one or field.one_to_one):
        return related_names.get((field.related_model, str(raw)), f"#{raw}")
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if isinstance(field, models.BooleanField):
        return str(_("ya")) if raw in (True, "True", "true", "1") else str(_("tidak"))
    return str(raw)


def audit_rows(entries) -> list[dict]:
    """Readable changes for a page of log entries: field labels, choice labels and the names of referenced
    units, jabatan and people, fetched with one query per referenced model (not one per entry)."""
    entries = list(entries)
    wanted: dict = {}
    for entry in entries:
        model = entry.content_type.model_class()
        for name, values in (entry.changes_dict or {}).items():
            field = _model_field(model, name)
            if field is not None and field.concrete and field.is_relation and (field.many_to_one or field.one_to_one):
                wanted.setdefault(field.related_model, set()).update(
                    str(v) for v in values if v not in (None, "None", "")
                )
    related_names: dict = {}
    for model, ids in wanted.items():
        ids = [i for i in ids if i.isdigit()]
        for obj in model._default_manager.filter(pk__in=ids):
            related_names[(model, str(obj.pk))] = str(obj)
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        changes = []
        for name, values in (entry.changes_dict or {}).items():
            field = _model_field(model, name)
            if not _audit_shown(field, name):
                continue
            old, new = (list(values) + [None, None])[:2]
            changes.append(
                {
                    "label": str(field.verbose_name) if field is not None else name,
                    "lama": _audit_value(field, old, related_names),
                    "baru": _audit_value(field, new, related_names),
                }
            )
        rows.append(
            {
                "entry": entry,
                "jenis": str(model._meta.verbose_name) if model else entry.content_type.model,
                "changes": changes,
            }
        )
    return rows


def _model_field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _audit_shown(field, name: str) -> bool:
    """auditlog also lists reverse relations (empty) and the primary key on create: not worth showing."""
    if field is None:
        return name != "id"  # a name recorded by hand, e.g. "induk" for a tree move
    return field.concrete and not field.primary_key


# --- Granted admin roles (the "Peran admin" page and /api/v1/peran-admin/) ----------------------------------------


def peran_admin_list(*, q: str = "", peran: str = "") -> QuerySet[PeranAdmin]:
    """Every granted admin role with its login, the login's pegawai and the unit, in one query; ``q`` matches the
    username, the pegawai's name or NIP, or the unit's code or name."""
    qs = PeranAdmin.objects.select_related("user", "user__pegawai", "unit")
    if peran:
        qs = qs.filter(peran=peran)
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(user__username__icontains=q)
            | Q(user__pegawai__nama__icontains=q)
            | Q(user__pegawai__nip__startswith=q)
            | Q(unit__kode__icontains=q)
            | Q(unit__nama__icontains=q)
        )
    return qs.order_by("peran", "unit__path", "user__username", "pk")
