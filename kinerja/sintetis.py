"""The COPY loader of the synthetic Jakarta (``manage.py bangun_jakarta``, issue 9 and 13), shared by the apps' bulk
builders (``<app>/sintetis.py``): rows of one model written with PostgreSQL's ``COPY … FROM STDIN``, keys assigned by
the builder, sequences moved past them afterwards (``urutan_segarkan``). A base module: it knows models only through
``django.db.models``, never a domain app.

Not for SQLite (COPY is PostgreSQL's): the command refuses it before any builder runs.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, models


def teks_copy(nilai) -> str:
    """One value in COPY's text format (``\\N`` for NULL, escaped tabs and newlines)."""
    if nilai is None:
        return "\\N"
    if isinstance(nilai, bool):
        return "t" if nilai else "f"
    if isinstance(nilai, (dict, list)):
        nilai = json.dumps(nilai)
    elif isinstance(nilai, (dt.datetime, dt.date)):
        nilai = nilai.isoformat()
    else:
        nilai = str(nilai)
    return nilai.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class Copy:
    """COPY rows of one model: columns are the model's concrete fields; a value not given takes the field's
    default (so that a column added later with a default does not break the command)."""

    #: rows are sent when the buffer holds this many characters (a StringIO keeps 1–4 bytes a character: a batch
    #: counted in rows would hold hundreds of MB for a wide table)
    BATAS_TEKS = 8_000_000

    def __init__(self, model: type[models.Model], now: dt.datetime) -> None:
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.default: dict[str, object] = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.default[f.attname] = now
            elif f.has_default():
                self.default[f.attname] = f.get_default()
            elif not f.null and isinstance(f, (models.CharField, models.TextField)):
                self.default[f.attname] = ""
            else:
                self.default[f.attname] = None
        self.buffer = io.StringIO()
        self.jumlah = 0
        self.ditunda = 0
        self.teks = 0

    def tulis(self, **nilai) -> None:
        baris = "\t".join(
            teks_copy(nilai[f.attname] if f.attname in nilai else self.default[f.attname]) for f in self.fields
        )
        self.buffer.write(baris)
        self.buffer.write("\n")
        self.jumlah += 1
        self.ditunda += 1
        self.teks += len(baris) + 1
        if self.teks >= self.BATAS_TEKS:
            self.kirim()

    def cepat(self, kolom: list[str]) -> Callable[..., None]:
        """A fast writer for big tables: ``tulis_cepat(*nilai)`` with values already COPY-safe text (numbers, ISO
        times, plain words) in the order of ``kolom``; the other columns take their defaults."""
        bagian = []
        for f in self.fields:
            if f.attname in kolom:
                bagian.append(f"{{{kolom.index(f.attname)}}}")
            else:
                bagian.append(teks_copy(self.default[f.attname]).replace("{", "{{").replace("}", "}}"))
        fmt = ("\t".join(bagian) + "\n").format

        def tulis_cepat(*nilai) -> None:
            self.teks += self.buffer.write(fmt(*nilai))
            self.jumlah += 1
            self.ditunda += 1
            if self.teks >= self.BATAS_TEKS:
                self.kirim()

        return tulis_cepat

    def kirim(self) -> None:
        if not self.ditunda:
            return
        self.buffer.seek(0)
        kolom = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(f"COPY {self.model._meta.db_table} ({kolom}) FROM STDIN", self.buffer)
        self.buffer = io.StringIO()
        self.ditunda = 0
        self.teks = 0


def id_awal(model: type[models.Model]) -> int:
    """The first free primary key of ``model`` (the builder assigns keys itself)."""
    return (model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0) + 1


def urutan_segarkan(daftar: Iterable[type[models.Model]]) -> None:
    """Move each model's id sequence past the rows copied with explicit keys."""
    with connection.cursor() as cursor:
        for model in daftar:
            tabel = model._meta.db_table
            urutan = f"pg_get_serial_sequence('{tabel}', 'id')"
            terbesar = f"COALESCE((SELECT MAX(id) FROM {tabel}), 1)"  # noqa: S608 - our own table names
            cursor.execute(f"SELECT setval({urutan}, {terbesar})")


def tabel_kosongkan(daftar: Iterable[type[models.Model]]) -> None:
    """TRUNCATE the tables of ``daftar`` (and, CASCADE, whatever refers to them) in one statement."""
    nama = ", ".join(dict.fromkeys(m._meta.db_table for m in daftar))
    if nama:
        with connection.cursor() as cursor:
            # rows written earlier in the same transaction (a test's second build) still have their deferred
            # foreign-key checks pending, and a table with pending trigger events cannot be truncated
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {nama} CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@dataclass
class Dunia:
    """What every builder of one run shares: the random generator of its part (``acak(nama)``: one per app, derived
    from ``--seed``, so that leaving a part out does not change the others), the year, the moment the run started
    and the day the built year ends (``akhir``: the end of the year, or today at midnight, Asia/Jakarta, for the
    current year; events — evaluations made final, trainings held, complaints filed — happen before it)."""

    seed: int
    tahun: int
    now: dt.datetime
    akhir: dt.datetime

    def __post_init__(self) -> None:
        # the generator of the organisation, the SKP and the audit history: one sequence, in that order, as the
        # command drew it before the later parts were added (the same --seed builds the same people)
        self.rng_inti = random.Random(self.seed)  # noqa: S311 - synthetic data, not security

    def acak(self, nama: str) -> random.Random:
        return random.Random(f"{self.seed}:{nama}")  # noqa: S311 - synthetic data, not security

    def waktu(self, detik_dari_awal: float) -> str:
        """An ISO timestamp ``detik_dari_awal`` seconds after 1 January of the year (for ``Copy.cepat``)."""
        return (self.awal + dt.timedelta(seconds=detik_dari_awal)).isoformat()

    @property
    def awal(self) -> dt.datetime:
        return self.akhir.replace(year=self.tahun, month=1, day=1, hour=0, minute=0, second=0, microsecond=0)

    @property
    def detik_tahun(self) -> float:
        """Seconds from 1 January to ``akhir``."""
        return max(3600.0, (self.akhir - self.awal).total_seconds())
