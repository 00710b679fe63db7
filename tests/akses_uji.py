"""Machinery of the route × role matrix (``tests/test_akses_matrix.py``) and of the CSRF sweep (``tests/test_csrf.py``).

- ``html_routes()`` walks the root URLconf recursively (through every ``include``) and yields every pattern that is
  not under ``/api/`` (the API is checked per operation, from the schema); ``api_operations()`` reads every operation
  of the drf-spectacular schema; ``api_patterns()`` the URL patterns under ``/api/`` (each must be an operation of the
  schema or a declared non-operation).
- ``Dunia`` ("world"): the objects the path ids are filled with, all owned by the pegawai of ``tests/conftest.py``
  (his SKP, RHK, IKI, realisation, evidence, feedback, dialog; his evaluations and objection; his training
  registration, certificate and external training; a citizen's complaint in a kelurahan inside his unit; his unit;
  the admin grant of his unit's admin...).
  Another pegawai (``outsider``) or an admin of another unit asking for them is the IDOR probe: it must be a 404.
- ``hasil_dari(response)`` sorts a response into one outcome class.

The objects are written straight to the database with the model factories rather than through the services:
the services of indikator and kepegawaian are being renamed (issue 6) while the matrix must keep standing; the
workflow state of the SKP comes from ``tests.indikator.factories.skp_disetujui``, which follows those renames.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver

# --- Outcome classes ---------------------------------------------------------------------------------------------

OK = "ok"  # passed the access check: 2xx, a redirect that is not to a login page, 400/409/415 (the input, not access)
LOGIN = "login"  # an HTML page sends the anonymous visitor to the login page (302)
E401 = "401"  # the API answers an anonymous request with 401 (and the error shape)
E403 = "403"  # visible but not allowed
E404 = "404"  # not visible (another person's or unit's object), or no such page for this role
E405 = "405"  # the method is not offered by the route

LULUS_AKSES = {400, 409, 415}  # "passed the access check": the refusal is about the (deliberately empty) input


def hasil_dari(response) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        location = response.get("Location", "")
        login_urls = (str(settings.LOGIN_URL), "/admin/login/")
        return LOGIN if any(url in location for url in login_urls) else OK
    if 200 <= status < 300 or status in LULUS_AKSES:
        return OK
    return {401: E401, 403: E403, 404: E404, 405: E405}.get(status, f"status {status}")


# --- The actors --------------------------------------------------------------------------------------------------

#: the order of the columns in every rule of ``tests/akses_matrix.py``
AKTOR = ("anonim", "pegawai", "penilai", "atasan", "outsider", "admin_unit", "admin_lain", "admin_bkd")


# --- Discovery ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rute:
    key: str  # "namespace:name", or the pattern itself for an unnamed route
    pattern: str  # the full pattern, for messages
    params: tuple[str, ...]


def _walk(resolver: URLResolver, prefix: str = "", namespace: str | None = None):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _walk(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            full = prefix + str(p.pattern)
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            params = tuple(p.pattern.regex.groupindex) + tuple(
                re.findall(r"<(?:\w+:)?(\w+)>", prefix)  # parameters of the enclosing includes
            )
            yield Rute(key=name or full, pattern=full, params=tuple(dict.fromkeys(params)))


def all_routes() -> list[Rute]:
    return list(_walk(get_resolver()))


def _is_api(rute: Rute) -> bool:
    return rute.pattern.lstrip("^").startswith("api/")


def html_routes() -> list[Rute]:
    return [r for r in all_routes() if not _is_api(r)]


def api_patterns() -> list[Rute]:
    return [r for r in all_routes() if _is_api(r)]


@dataclass(frozen=True)
class Operasi:
    method: str  # GET, POST, ...
    path: str  # /api/v1/skp/{id}/

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"


@functools.cache
def api_operations() -> list[Operasi]:
    """Generating the schema takes seconds: once per test process."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [Operasi(method.upper(), path) for path, ops in schema["paths"].items() for method in ops]


# --- The objects the path ids point at ---------------------------------------------------------------------------


@dataclass
class Dunia:
    """Objects of the pegawai (and of his unit), by the names the rules use in ``objek=``."""

    objek: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)

    def pk(self, nama: str) -> int:
        return self.objek[nama].pk


def bangun_dunia(*, pegawai, penilai, atasan, outsider, admin_unit, admin_lain, admin_bkd, dinas, bidang) -> Dunia:
    from indikator.models import BuktiDukung, DialogKinerja, Iki, PembukaanKembali, UmpanBalik
    from kepegawaian.models import ImporJob, PeranAdmin
    from tests.indikator.factories import (
        HARI_UJI,
        IndikatorUnitFactory,
        PeriodeFactory,
        RealisasiFactory,
        pdf_bytes,
        skp_disetujui,
    )

    periode = PeriodeFactory(tahun=HARI_UJI.year)
    skp = skp_disetujui(pegawai, periode)
    iki = Iki.objects.select_related("rhk").get(rhk__skp=skp)
    realisasi = RealisasiFactory(iki=iki, periode_ke=3)
    bukti = BuktiDukung(realisasi=realisasi, jenis=BuktiDukung.Jenis.BERKAS)
    isi = pdf_bytes()

    bukti.sha256 = hashlib.sha256(isi).hexdigest()
    bukti.ukuran = len(isi)
    bukti.tipe = "application/pdf"
    bukti.nama_asli = "bukti.pdf"
    bukti.berkas.save("bukti.pdf", ContentFile(isi), save=False)
    bukti.save()
    umpan_balik = UmpanBalik.objects.create(iki=iki, periode_ke=3, penulis=penilai.user, teks="Pertahankan.")
    dialog = DialogKinerja.objects.create(
        skp=skp, penilai=penilai, tanggal=HARI_UJI, catatan="Dialog uji.", dicatat_oleh=penilai.user
    )
    pembukaan = PembukaanKembali.objects.create(
        periode=periode,
        pegawai=pegawai,
        periode_ke=2,
        berlaku_sampai=HARI_UJI + dt.timedelta(days=7),
        alasan="Uji.",
        dibuat_oleh=admin_bkd,
    )
    indikator_unit = IndikatorUnitFactory(unit=dinas, periode=periode)
    impor = ImporJob.objects.create(berkas="impor/uji.csv", dibuat_oleh=admin_unit, status=ImporJob.Status.SELESAI)
    return Dunia(
        objek={
            **_dunia_penilaian(pegawai=pegawai, penilai=penilai, periode=periode, skp=skp),
            **_dunia_pelatihan(pegawai=pegawai, dinas=dinas),
            **_dunia_partisipasi(bidang=bidang, admin_unit=admin_unit, iki=iki),
            **_dunia_laporan(dinas=dinas, admin_unit=admin_unit, admin_bkd=admin_bkd),
            "periode": periode,
            "skp": skp,
            "rhk": iki.rhk,
            "iki": iki,
            "realisasi": realisasi,
            "bukti": bukti,
            "umpan_balik": umpan_balik,
            "dialog": dialog,
            "pembukaan": pembukaan,
            "indikator_unit": indikator_unit,
            "impor": impor,
            "unit": bidang,
            "pegawai": pegawai,
            "jabatan": pegawai.jabatan,
            "peran": PeranAdmin.objects.get(user=admin_unit),
        },
        users={
            "pegawai": pegawai.user,
            "penilai": penilai.user,
            "atasan": atasan.user,
            "outsider": outsider.user,
            "admin_unit": admin_unit,
            "admin_lain": admin_lain,
            "admin_bkd": admin_bkd,
        },
    )


def _dunia_penilaian(*, pegawai, penilai, periode, skp) -> dict[str, Any]:
    """The pegawai's periodic evaluation of triwulan II (a draft, opened by his penilai through the service) and an
    objection against his annual evaluation (final; written as rows: the annual evaluation cannot be opened on the
    matrix's day, July). The period asks for a self-assessment."""
    from django.utils import timezone

    from penilaian import services as penilaian_services
    from penilaian.models import ArsipDokumenUnit, Evaluasi, Keberatan, PengaturanPeriode, SesiKalibrasi

    PengaturanPeriode.objects.create(periode=periode, penilaian_mandiri=True)  # the pegawai's self-assessment is asked
    evaluasi = penilaian_services.evaluasi_open(actor=penilai.user, pegawai=pegawai, periode=periode, periode_ke=2)
    tahunan = Evaluasi.objects.create(
        pegawai=pegawai,
        periode=periode,
        jenis=Evaluasi.Jenis.TAHUNAN,
        skp=skp,
        penilai=penilai,
        penilai_nama=penilai.nama,
        penilai_nip=penilai.nip,
        penilai_jabatan=penilai.jabatan.nama,
        status=Evaluasi.Status.FINAL,
        rating_hasil_kerja="sesuai",
        rating_perilaku="sesuai",
        predikat="baik",
        difinalkan_pada=timezone.now(),
        difinalkan_oleh=penilai.user,
    )
    keberatan = Keberatan.objects.create(evaluasi=tahunan, alasan="Capaian saya di atas target.")
    sesi = SesiKalibrasi.objects.create(unit=pegawai.unit, periode=periode, dibuka_oleh=penilai.user)
    arsip = ArsipDokumenUnit(unit=pegawai.unit, periode=periode, dibuat_oleh=penilai.user, status="selesai")
    arsip.berkas.save("arsip-uji.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18), save=True)
    return {
        "evaluasi": evaluasi,
        "evaluasi_tahunan": tahunan,
        "keberatan": keberatan,
        "sesi_kalibrasi": sesi,
        "arsip": arsip,
    }


def _dunia_pelatihan(*, pegawai, dinas) -> dict[str, Any]:
    """An event organised by the pegawai's dinas, his registration to it (through the service, then completed: JP
    and a certificate code) and an external training he submitted to his penilai."""
    from django.utils import timezone

    from pelatihan import services as pelatihan_services
    from pelatihan.models import BidangKompetensi, Jenis, PelatihanEksternal, Peserta
    from pelatihan.services.hasil import kode_verifikasi_baru
    from tests.pelatihan.factories import KegiatanFactory, ProgramFactory

    kegiatan = KegiatanFactory(program=ProgramFactory(unit_pemilik=dinas), unit_penyelenggara=dinas)
    peserta = pelatihan_services.peserta_create(actor=pegawai.user, kegiatan=kegiatan)
    Peserta.objects.filter(pk=peserta.pk).update(
        selesai=True,
        selesai_pada=timezone.now(),
        jp=kegiatan.program.jp,
        tahun_jp=2026,
        kode_verifikasi=kode_verifikasi_baru(),
    )
    peserta.refresh_from_db()
    eksternal = PelatihanEksternal.objects.create(
        pegawai=pegawai,
        judul="Kursus daring uji",
        jenis=Jenis.KLASIKAL,
        bidang=BidangKompetensi.TEKNIS,
        penyelenggara="Penyelenggara Uji",
        tanggal_mulai=dt.date(2026, 7, 1),
        tanggal_selesai=dt.date(2026, 7, 2),
        jp=4,
        tahun_jp=2026,
        berkas="pelatihan/eksternal/uji.pdf",
        tipe="application/pdf",
        sha256="0" * 64,
        nama_asli="uji.pdf",
    )
    return {"kegiatan": kegiatan, "program": kegiatan.program, "peserta": peserta, "eksternal": eksternal}


def _dunia_laporan(*, dinas, admin_unit, admin_bkd) -> dict[str, Any]:
    """The dinas' annual report: version 1 published (what the public sees) and version 2 reviewed (what the admin
    BKD may publish); a run of the dinas with one failed unit (what its admin may retry)."""
    from django.utils import timezone

    from laporan import services as laporan_services
    from laporan.models import ItemRun, RunLaporan, StatusItem

    data = {
        "skema": 1, "tahun": 2025, "unit": {"kode": dinas.kode, "nama": dinas.nama, "jenis": dinas.jenis},
        "min_kelompok": 5, "ringkasan": {"jumlah_iku": 1}, "bab": {"iku": {"ada": True}},
        "tabel": {"iku": {"baris": [["iku", "Sasaran", "Indikator uji", "%", "naik", "90.00", "99.00", "110.00",
                                      None, None]]}},
    }  # fmt: skip
    v1 = laporan_services._versi_save(unit=dinas, tahun=2025, data=data, run=None)
    laporan_services.versi_review(actor=admin_unit, versi=v1, tantangan="Uji.", langkah="Uji.")
    laporan_services.versi_publish(actor=admin_bkd, versi=v1)
    v2 = laporan_services._versi_save(unit=dinas, tahun=2025, data={**data, "ringkasan": {"jumlah_iku": 2}}, run=None)
    laporan_services.versi_review(actor=admin_unit, versi=v2, tantangan="Uji.", langkah="Uji.")
    run = RunLaporan.objects.create(
        unit=dinas, tahun=2025, status=RunLaporan.Status.SEBAGIAN, dimulai_oleh=admin_unit,
        mulai_pada=timezone.now(), selesai_pada=timezone.now(), jumlah_total=1, jumlah_gagal=1,
    )  # fmt: skip
    item = ItemRun.objects.create(run=run, unit=dinas, status=StatusItem.GAGAL, galat="Uji gagal.")
    # a citizen's question on the published report, waiting for the dinas' admin; a medium-term target (BKD's)
    from laporan.models import RencanaMenengah

    pertanyaan = laporan_services.pertanyaan_create(laporan=v1.laporan, isi="Mengapa target turun?", klien="uji")
    rencana = RencanaMenengah.objects.get_or_create(
        kode="rpjmd-2025-2029", defaults={"nama": "RPJMD 2025–2029", "tahun_awal": 2025, "tahun_akhir": 2029}
    )[0]
    target = laporan_services.target_menengah_save(
        actor=admin_bkd, rencana=rencana, unit=dinas, indikator="Indikator uji", target=95
    )
    return {
        "laporan": v1.laporan,
        "run_laporan": run,
        "item_run": item,
        "pertanyaan": pertanyaan,
        "target_menengah": target,
    }


def _dunia_partisipasi(*, bidang, admin_unit, iki) -> dict[str, Any]:
    """A citizen's public complaint (with a photo) filed through the service in a kelurahan inside the pegawai's
    unit (so that the unit's admin and its heads, the penilai and the atasan, are the officers who see it), and a
    complaint-officer role on that kelurahan granted by the unit's admin."""
    from django.utils import timezone

    from partisipasi import services as partisipasi_services
    from partisipasi.models import Aspirasi, Forum, IkiTerhitung, PetugasPengaduan
    from tests.kepegawaian.factories import UnitKerjaFactory, UserFactory
    from tests.partisipasi.factories import pengaduan_baru, png

    kelurahan = UnitKerjaFactory(kode="KEL-UJI", nama="Kelurahan Uji", jenis="kelurahan", parent=bidang)
    pengaduan = pengaduan_baru(kelurahan, foto=[png()])
    petugas = partisipasi_services.petugas_grant(
        actor=admin_unit,
        user=UserFactory(username="petugas.uji"),
        unit=kelurahan,
        peran=PetugasPengaduan.Peran.PETUGAS,
    )
    return {
        "kelurahan": kelurahan,
        "pengaduan": pengaduan,
        "foto": pengaduan.foto.get(),
        "petugas_pengaduan": petugas,
        **_dunia_forum(
            kelurahan=kelurahan, mulai=timezone.now() + dt.timedelta(days=7), Forum=Forum, Aspirasi=Aspirasi
        ),
        # the pegawai's IKI bound to the kelurahan's median resolution time
        "iki_terhitung": IkiTerhitung.objects.create(iki=iki, unit=kelurahan, ukuran=IkiTerhitung.Ukuran.MEDIAN),
    }


def _dunia_forum(*, kelurahan, mulai, Forum, Aspirasi) -> dict[str, Any]:  # noqa: N803 -- model classes
    """A forum of the kelurahan next week, with one aspiration routed to the kelurahan."""
    forum = Forum.objects.create(
        kelurahan=kelurahan,
        jenis="rembuk_rw",
        topik="Rembuk RW uji",
        mulai=mulai,
        selesai=mulai + dt.timedelta(hours=2),
        tempat="Aula kelurahan",
    )
    aspirasi = Aspirasi.objects.create(
        forum=forum, kategori="fisik", rw="01", uraian="Usulan uji.", unit_penanggung_jawab=kelurahan, diubah=mulai
    )
    return {"forum": forum, "aspirasi": aspirasi}


# --- Sending -----------------------------------------------------------------------------------------------------


class Penghitung:
    """Requests sent by the matrix in this process (printed by the tests, for the figures in CI's log)."""

    n = 0


def sesi_per_aktor(dunia: Dunia) -> dict:
    """One signed-in session per actor, made once (a sign-in costs django-axes' bookkeeping): its cookies are copied
    into a fresh client per request."""
    from django.test import Client

    cookies: dict = {"anonim": None}
    for aktor, user in dunia.users.items():
        client = Client()
        client.force_login(user)
        cookies[aktor] = client.cookies
    return cookies


def kirim(sesi: dict, aktor: str, method: str, url: str, *, json: bool, body: dict | None = None):
    """One request as ``aktor``, inside a savepoint that is rolled back: one actor's write (a sign-out too: sessions
    are rows) never changes what the next one sees, and the test leaves nothing behind."""
    from django.db import transaction
    from django.test import Client

    client = Client()
    if sesi[aktor] is not None:
        for name, morsel in sesi[aktor].items():
            client.cookies[name] = morsel.value
    Penghitung.n += 1
    with transaction.atomic():
        kwargs = {"content_type": "application/json"} if json and method not in ("GET", "DELETE") else {}
        response = getattr(client, method.lower())(url, body or {}, **kwargs)
        transaction.set_rollback(True)
    return response


def alamat_rute(rute: Rute, values: dict) -> str:
    """The address of a route with its path parameters filled (``isi_parameter``)."""
    from django.urls import reverse

    if rute.key != rute.pattern:
        return reverse(rute.key, kwargs=values)
    # An unnamed pattern (the admin's "<path:object_id>/" redirect): filled in place.
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(values[match.group(1)]), rute.pattern)
    return "/" + path.replace("^", "").replace("$", "")


def isi_parameter(params: tuple[str, ...], aturan, dunia: Dunia, bawaan: dict) -> dict:
    """Values of a route's path parameters: the rule's ``params``, the object of its ``objek`` for an id, else the
    table's defaults."""
    values = {}
    for name in params:
        if name in aturan.params:
            value = aturan.params[name]
            values[name] = value(dunia) if callable(value) else value  # a callable: read off the world
        elif name in ("pk", "id") and (aturan.objek or name not in bawaan):
            assert aturan.objek, f"the rule needs objek= to fill {{{name}}}"
            values[name] = dunia.pk(aturan.objek)
        elif name in bawaan:
            values[name] = bawaan[name]
        else:
            raise AssertionError(f"no value for the path parameter {name!r}: give it in the rule's params=")
    return values


def bandingkan(key: str, method: str, expected: dict[str, str], observed: dict[str, str]) -> list[str]:
    return [
        f"{method} {key} as {aktor}: expected {expected[aktor]}, got {observed[aktor]}"
        for aktor in expected
        if expected[aktor] != observed[aktor]
    ]
