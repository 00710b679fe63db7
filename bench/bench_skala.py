#!/usr/bin/env python
"""Bench of issue 9: every main page and list endpoint per role, at Jakarta size against demo size.

For each page: the query count at both sizes (Django test client, in a subprocess per database), then the median
and p95 of a bounded sequential run and of a bounded 8-client run under gunicorn (2 workers, DEBUG off), the
requests to the big database interleaved with the same page on the small one and with a trivial view (/healthz),
so that machine noise hits all three alike. Prints the ratios against the targets:

- the same query count at both sizes;
- median at scale <= 1.5 x the same page at demo size (or within 10 ms: below that the ratio measures noise);
- median <= 150 ms and p95 at 8 clients <= 400 ms.

Both databases are synthetic Jakartas built by ``manage.py bangun_jakarta`` (same roles at both sizes: admin BKD,
admin unit of the Dinas Pendidikan, the Sekda at the root, a school head (penilai), a teacher with nobody under
him). Usage::

    .venv/bin/python bench/bench_skala.py                       # kinerja_jakarta (65,000) vs kinerja_jakarta_demo (200)
    .venv/bin/python bench/bench_skala.py --kecil               # about a minute: builds 1,000 vs 200, 5 requests
    .venv/bin/python bench/bench_skala.py --impor               # worker memory of a 5,000-row import (issue 9)

A missing database is built first (``--bangun``). Exit status 1 when a target is missed (0 with ``--kecil``, whose
sizes are too close to say anything: it keeps the script working in CI).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bersama import PG, Server  # noqa: E402
from bench.bersama import ada_db as _ada_db  # noqa: E402
from bench.bersama import env_server as _env  # noqa: E402
from bench.bersama import get as _get  # noqa: E402
from bench.bersama import manage as _manage  # noqa: E402
from bench.bersama import persentil as _p  # noqa: E402

# (label, role, path template); {iki_guru} is the IKI of the teacher, filled per database.
PAGES = [
    ("audit", "bkd", "/kepegawaian/audit/"),
    ("audit ?q=Budi", "bkd", "/kepegawaian/audit/?q=Budi"),
    ("audit kind realisasi", "bkd", "/kepegawaian/audit/?jenis=realisasi"),
    ("audit", "unit", "/kepegawaian/audit/"),
    ("audit ?q=Budi", "unit", "/kepegawaian/audit/?q=Budi"),
    ("audit kind realisasi", "unit", "/kepegawaian/audit/?jenis=realisasi"),
    ("audit 10,000 deep", "bkd", "/kepegawaian/audit/?sebelum={audit_dalam_bkd}"),
    ("audit 10,000 deep", "unit", "/kepegawaian/audit/?sebelum={audit_dalam_unit}"),
    ("api realisasi", "guru", "/api/v1/realisasi/"),
    ("api realisasi", "sekda", "/api/v1/realisasi/"),
    ("api realisasi", "bkd", "/api/v1/realisasi/"),
    ("api pegawai", "sekda", "/api/v1/pegawai/"),
    ("api pegawai p.10", "bkd", "/api/v1/pegawai/?page=10"),
    ("api pegawai last page", "bkd", "/api/v1/pegawai/?page={halaman_akhir}"),
    ("api skp", "sekda", "/api/v1/skp/"),
    ("api umpan-balik", "kepsek", "/api/v1/umpan-balik/"),
    ("realisation page of a teacher", "sekda", "/indikator/iki/{iki_guru}/realisasi/"),
    ("realisation page (own)", "guru", "/indikator/iki/{iki_guru}/realisasi/"),
    ("team page", "kepsek", "/indikator/tim/"),
    ("home", "guru", "/"),
    ("pegawai page", "unit", "/kepegawaian/pegawai/{guru}/"),
    # partisipasi (issue 12): the officer queue and the head's dashboard of a lurah (the admins' sessions stop at
    # the two-factor step with DEBUG off), the public ranking of the 267 kelurahan and the public forums.
    # bangun_jakarta builds a year of complaints (40 per kelurahan a month at 65,000 pegawai), forums and
    # aspirations, and makes each lurah the complaint officer of his kelurahan.
    ("partisipasi officer queue", "lurah", "/partisipasi/petugas/"),
    ("partisipasi dashboard", "lurah", "/partisipasi/petugas/dasbor/"),
    ("partisipasi ranking", "guru", "/partisipasi/peringkat/"),
    ("partisipasi forums", "guru", "/partisipasi/forum/"),
    ("api partisipasi forums", "guru", "/api/v1/partisipasi/forum/"),
    ("pelatihan kelola", "unit", "/pelatihan/kelola/"),
    ("pelatihan kelola", "bkd", "/pelatihan/kelola/"),
    ("pelatihan team page (recommendations)", "penilai_kebutuhan", "/pelatihan/tim/"),
    ("pelatihan kepatuhan", "unit", "/pelatihan/kepatuhan/"),
    ("pelatihan kepatuhan", "bkd", "/pelatihan/kepatuhan/"),
    ("pelatihan dampak", "unit", "/pelatihan/dampak/"),
    ("pelatihan dampak", "bkd", "/pelatihan/dampak/"),
]

# Run inside ``manage.py shell`` of one database: sessions for the roles, the ids the paths need, query counts.
PERSIAPAN = r"""
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from indikator.models import Iki
from kepegawaian.models import Pegawai, User

guru = Pegawai.objects.filter(jabatan__nama="Guru", user__isnull=False).order_by("pk").first()
users = {
    "bkd": User.objects.get(username="jakarta.bkd"),
    "unit": User.objects.get(username="jakarta.disdik"),
    "sekda": Pegawai.objects.get(atasan__isnull=True).user,
    "kepsek": guru.atasan.atasan.user,
    "guru": guru.user,
    # a kelurahan head (structural, his atasan the camat elsewhere): sees his kelurahan's complaints without the
    # admins' two-factor step
    "lurah": Pegawai.objects.filter(jabatan__nama="Lurah", user__isnull=False).order_by("pk").first().user,
}


def _penilai_dengan_kebutuhan():
    # The training team page recommends events for open development needs only: a vice head of school (his team is
    # teachers at both sizes) with an open need in his team. The demo's three school heads have none in their teams
    # of two vice heads, and a page without needs skips three queries: other data, not another size.
    from penilaian.selectors import kebutuhan_terbuka

    for wakil in Pegawai.objects.filter(jabatan__nama="Wakil Kepala Sekolah", user__isnull=False).order_by("pk")[:200]:
        tim = list(Pegawai.objects.filter(atasan=wakil, aktif=True).values_list("pk", flat=True))
        if tim and kebutuhan_terbuka(pegawai_ids=tim).exists():
            return wakil.user
    raise SystemExit("tidak ada wakil kepala sekolah yang timnya memiliki kebutuhan pengembangan terbuka")


users["penilai_kebutuhan"] = _penilai_dengan_kebutuhan()
ids = {
    "guru": guru.pk,
    "iki_guru": Iki.objects.filter(rhk__skp__pegawai=guru).order_by("pk").first().pk,
    "halaman_akhir": -(-Pegawai.objects.count() // 50),
}


def _audit_dalam(user, dalam=10_000):
    # The "older" position 10,000 entries deep in this admin's audit list (keyset: as cheap as page 1), or half-way
    # down a shorter list: the demo holds 6,000 entries, and a position past its end made its "deep" page the
    # first one (other kinds of rows, other queries for the names its changes cite) against a deep page at scale.
    from urllib.parse import quote

    from auditlog.models import LogEntry

    from kepegawaian import selectors
    from kepegawaian.access import akses_for

    qs = selectors.audit_entries(akses=akses_for(user), batas=dalam + 1)
    posisi = list(qs.values_list("timestamp", "pk")[:dalam])
    if not posisi:
        return ""
    waktu, pk = posisi[-1] if len(posisi) == dalam else posisi[len(posisi) // 2]
    return quote(selectors.audit_kursor(LogEntry(timestamp=waktu, pk=pk)))


ids["audit_dalam_bkd"] = _audit_dalam(users["bkd"])
ids["audit_dalam_unit"] = _audit_dalam(users["unit"])
# The backend must be one of AUTHENTICATION_BACKENDS, or the session is anonymous (every page a 401 or a redirect).
BACKEND = "kepegawaian.masuk.NipAtauUsernameBackend"
sessions = {}
for role, user in users.items():
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = BACKEND
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    sessions[role] = s.session_key
counts = {}
for label, role, path in PAGES:
    client = Client()
    client.force_login(users[role], backend=BACKEND)
    url = path.format(**ids)
    with CaptureQueriesContext(connection) as c:
        status = client.get(url, HTTP_HOST="localhost").status_code
    counts[label + "|" + role] = (status, len(c.captured_queries))
print("BENCH-JSON" + json.dumps({"sessions": sessions, "ids": ids, "counts": counts}))
"""


def _bangun(db: str, pegawai: int, env: dict) -> None:
    if not _ada_db(db):
        subprocess.run(["psql", f"{PG}/postgres", "-qc", f"CREATE DATABASE {db}"], check=True)
    _manage(env, "migrate", "-v0")
    ada = subprocess.run(
        ["psql", f"{PG}/{db}", "-tAc", "SELECT count(*) FROM kepegawaian_pegawai"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if ada != "0":
        return
    print(f"# membangun {db} ({pegawai} pegawai) …", flush=True)
    _manage(env, "bangun_jakarta", "--pegawai", str(pegawai))


def _siapkan(env: dict) -> dict:
    kode = f"PAGES = {PAGES!r}\n" + PERSIAPAN
    out = _manage(env, "shell", input_=kode)
    baris = next(b for b in out.splitlines() if b.startswith("BENCH-JSON"))
    info = json.loads(baris[len("BENCH-JSON") :])
    bukan_200 = {k: v[0] for k, v in info["counts"].items() if v[0] != 200}
    if bukan_200:
        raise SystemExit(f"halaman yang tidak menjawab 200 (sesi tidak masuk?): {bukan_200}")
    return info


def bench(args) -> int:
    static = tempfile.mkdtemp(prefix="bench-static-")
    env_besar, env_kecil = _env(args.besar, static), _env(args.demo, static)
    if args.bangun or args.kecil:
        _bangun(args.besar, args.pegawai_besar, env_besar)
        _bangun(args.demo, args.pegawai_demo, env_kecil)
    _manage(env_besar, "collectstatic", "--noinput", "-v0")
    info = {"besar": _siapkan(env_besar), "kecil": _siapkan(env_kecil)}
    servers = {"besar": Server(env_besar, args.port), "kecil": Server(env_kecil, args.port + 1)}
    hasil = []
    try:
        for label, role, path in PAGES:
            urls = {k: path.format(**info[k]["ids"]) for k in info}
            for k in info:  # warm-up
                _get(servers[k].port, urls[k], info[k]["sessions"][role])
            seq = {"besar": [], "kecil": [], "trivial": []}
            for _i in range(args.n):
                seq["besar"].append(_get(servers["besar"].port, urls["besar"], info["besar"]["sessions"][role]))
                seq["kecil"].append(_get(servers["kecil"].port, urls["kecil"], info["kecil"]["sessions"][role]))
                seq["trivial"].append(_get(servers["besar"].port, "/healthz", None))
            # 8 clients on the big database, a trivial request beside them (does it wait behind the page?)
            konkuren: list[float] = []
            trivial_konkuren: list[float] = []
            berhenti = threading.Event()

            def trivial_loop(port=servers["besar"].port, out=trivial_konkuren, stop=berhenti):
                while not stop.is_set():
                    out.append(_get(port, "/healthz", None))
                    time.sleep(0.05)

            pengamat = threading.Thread(target=trivial_loop)
            pengamat.start()
            with ThreadPoolExecutor(args.klien) as pool:
                konkuren = list(
                    pool.map(
                        lambda _i, u=urls["besar"], s=info["besar"]["sessions"][role]: _get(
                            servers["besar"].port, u, s
                        ),
                        range(args.n * args.klien // 2),
                    )
                )
            berhenti.set()
            pengamat.join()
            kb = info["besar"]["counts"][f"{label}|{role}"]
            kk = info["kecil"]["counts"][f"{label}|{role}"]
            hasil.append(
                {
                    "page": f"{label} [{role}]",
                    "q": (kk[1], kb[1]),
                    "demo": statistics.median(seq["kecil"]),
                    "besar": statistics.median(seq["besar"]),
                    "p95seq": _p(seq["besar"], 0.95),
                    "p95_8": _p(konkuren, 0.95),
                    "med8": statistics.median(konkuren),
                    "trivial": statistics.median(seq["trivial"]),
                    "trivial8": _p(trivial_konkuren, 0.95) if trivial_konkuren else 0.0,
                }
            )
            print(_baris(hasil[-1]), flush=True)
    finally:
        for s in servers.values():
            s.stop()
    gagal = [h for h in hasil if not _target(h)[0]]
    print(f"\n{len(hasil) - len(gagal)}/{len(hasil)} pages meet every target.")
    for h in gagal:
        print(f"  MISSED {h['page']}: {', '.join(_target(h)[1])}")
    return 0 if (args.kecil or not gagal) else 1


def _target(h) -> tuple[bool, list[str]]:
    miss = []
    if h["q"][0] != h["q"][1]:
        miss.append(f"queries {h['q'][0]} -> {h['q'][1]}")
    if h["besar"] > 1.5 * h["demo"] and h["besar"] - h["demo"] > 10:
        miss.append(f"median {h['besar'] / h['demo']:.1f}x demo")
    if h["besar"] > 150:
        miss.append(f"median {h['besar']:.0f} ms > 150")
    if h["p95_8"] > 400:
        miss.append(f"p95@8 {h['p95_8']:.0f} ms > 400")
    return not miss, miss


KEPALA = (
    f"{'page [role]':46} {'queries':>9} {'demo':>7} {'scale':>7} {'ratio':>6} {'p95':>6} {'med@8':>6} {'p95@8':>6} "
    f"{'triv':>5} {'triv@8':>6}  ok"
)


def _baris(h) -> str:
    ok = "yes" if _target(h)[0] else "NO"
    return (
        f"{h['page'][:46]:46} {h['q'][0]:>4}/{h['q'][1]:<4} {h['demo']:>7.1f} {h['besar']:>7.1f} "
        f"{h['besar'] / max(h['demo'], 0.1):>6.2f} {h['p95seq']:>6.0f} {h['med8']:>6.0f} {h['p95_8']:>6.0f} "
        f"{h['trivial']:>5.1f} {h['trivial8']:>6.1f}  {ok}"
    )


def impor(args) -> int:
    """Peak memory of the worker's validate + apply of a 5,000-row import into the big database."""
    env = _env(args.besar, tempfile.mkdtemp())
    kode = (ROOT / "bench" / "impor_memori.py").read_text()
    out = _manage(env, "shell", input_=kode)
    print(out.strip().splitlines()[-1])
    return 0


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--besar", default="kinerja_jakarta")
    p.add_argument("--demo", default="kinerja_jakarta_demo")
    p.add_argument("--pegawai-besar", type=int, default=65_000)
    p.add_argument("--pegawai-demo", type=int, default=200)
    p.add_argument("--n", type=int, default=30, help="sequential requests per page and database (bawaan 30)")
    p.add_argument("--klien", type=int, default=8)
    p.add_argument("--port", type=int, default=18_731)
    p.add_argument("--bangun", action="store_true", help="build a missing database first")
    p.add_argument("--kecil", action="store_true", help="CI mode: 1,000 vs 200 pegawai, 5 requests")
    p.add_argument("--impor", action="store_true", help="measure the worker memory of a 5,000-row import")
    p.add_argument("--halaman", default="", help="only the pages whose label contains this text")
    p.add_argument("--kecuali", default="", help="leave out the pages whose 'label [role]' contains this text")
    args = p.parse_args()
    if args.kecil:
        args.besar, args.demo = "kinerja_bench_kecil_besar", "kinerja_bench_kecil_demo"
        args.pegawai_besar, args.pegawai_demo, args.n = 1_000, 200, 5
    if args.impor:
        return impor(args)
    if args.halaman:
        PAGES[:] = [p for p in PAGES if args.halaman in p[0]]
    if args.kecuali:
        PAGES[:] = [p for p in PAGES if args.kecuali not in f"{p[0]} [{p[1]}]"]
    print(KEPALA)
    return bench(args)


if __name__ == "__main__":
    sys.exit(main())
