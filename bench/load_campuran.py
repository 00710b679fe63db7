"""Mixed load on loopback (issue 8): pegawai logging realisation, penilai on the team pages, admins on the monitoring
pages, beside the trivial ``/sehat/`` in the same run, against gunicorn with 2 workers that this script starts and
stops itself. Bounded: N simulated users for T seconds, then it stops.

    make seed                                   # the demo data (or any database seeded with seed_demo)
    .venv/bin/python bench/load_campuran.py     # 100 users, 120 s (the issue's target run)
    .venv/bin/python bench/load_campuran.py --kecil   # 6 users, 5 s: a check that everything answers

Uses the database of the environment (DATABASE_URL, else var/kinerja.sqlite3) and the demo logins. Prints per page:
requests, errors, p50/p95/p99 in ms; the total throughput; and checks the targets: zero errors, and each page's p95
within 10x the trivial view's (exit status 1 otherwise). A 409 on a realisation save (two simulated users of the
same demo account saving the same month at once) is the API's optimistic locking at work and is counted apart.
"""

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "kinerja-demo"


class Catatan:
    def __init__(self):
        self.waktu: dict[str, list[float]] = defaultdict(list)
        self.galat: dict[str, int] = defaultdict(int)
        self.konflik = 0
        self.contoh_galat: list[str] = []

    def catat(self, nama: str, mulai: float, response: httpx.Response | None, ok=(200,)):
        self.waktu[nama].append((time.perf_counter() - mulai) * 1000)
        if response is None or response.status_code not in ok:
            self.galat[nama] += 1
            if len(self.contoh_galat) < 10:
                status = response.status_code if response is not None else "tanpa jawaban"
                self.contoh_galat.append(f"{nama}: {status}")


async def _get(client, catatan, nama, url, ok=(200,)):
    mulai = time.perf_counter()
    try:
        response = await client.get(url)
    except httpx.HTTPError:
        response = None
    catatan.catat(nama, mulai, response, ok)
    return response


async def masuk(client: httpx.AsyncClient, username: str) -> None:
    page = await client.get("/akun/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, "no CSRF token on the login page"
    response = await client.post(
        "/akun/login/",
        data={"csrfmiddlewaretoken": token.group(1), "username": username, "password": PASSWORD, "next": "/"},
        headers={"Referer": f"{client.base_url}/akun/login/"},
    )
    assert response.status_code == 302, f"login {username}: {response.status_code}"


_TERBUKA: list[dict] = []
_DIPERIKSA: list[bool] = []


async def _bisa_diubah(client) -> list[dict]:
    """The pegawai's realisation rows whose month is still open (closed months answer 400): found once, shared."""
    if not _DIPERIKSA:
        _DIPERIKSA.append(True)
        rows = (await client.get("/api/v1/realisasi/?page_size=200")).json().get("results", [])
        for row in rows:
            response = await client.patch(
                f"/api/v1/realisasi/{row['id']}/",
                json={"versi": row["versi"], "nilai": row["nilai"], "narasi": row.get("narasi", "")},
                headers={"X-CSRFToken": client.cookies.get("csrftoken", "")},
            )
            if response.status_code == 200:
                _TERBUKA.append(response.json())
        if not _TERBUKA:  # no open month holds a value yet: log one for each IKI (December, November, Q4)
            ikis = (await client.get("/api/v1/iki/?page_size=100")).json().get("results", [])
            for iki in ikis[:20]:
                for ke in (12, 11, 4):
                    response = await client.post(
                        "/api/v1/realisasi/",
                        json={"iki": iki["id"], "periode_ke": ke, "nilai": "1", "narasi": "Uji beban"},
                        headers={"X-CSRFToken": client.cookies.get("csrftoken", "")},
                    )
                    if response.status_code == 201:
                        _TERBUKA.append(response.json())
                        break
    return _TERBUKA


async def pegawai(client, catatan, batas):
    """The pegawai's round: home, own SKP, one IKI's realisation page, then saves one month's value by the API."""
    realisasi = await _bisa_diubah(client)
    while time.monotonic() < batas:
        await _get(client, catatan, "pegawai: beranda", "/")
        await _get(client, catatan, "pegawai: SKP saya", "/indikator/skp/", ok=(200, 302))
        if not realisasi:
            continue
        baris = random.choice(realisasi)
        await _get(client, catatan, "pegawai: halaman realisasi", f"/indikator/iki/{baris['iki']}/realisasi/")
        terkini = await client.get(f"/api/v1/realisasi/{baris['id']}/")
        if terkini.status_code != 200:
            catatan.galat["pegawai: simpan realisasi"] += 1
            continue
        data = terkini.json()
        mulai = time.perf_counter()
        try:
            response = await client.patch(
                f"/api/v1/realisasi/{baris['id']}/",
                json={"versi": data["versi"], "nilai": data["nilai"], "narasi": "Uji beban"},
                headers={"X-CSRFToken": client.cookies.get("csrftoken", "")},
            )
        except httpx.HTTPError:
            response = None
        if response is not None and response.status_code == 409:
            catatan.konflik += 1
            continue
        catatan.catat("pegawai: simpan realisasi", mulai, response)


async def penilai(client, catatan, batas):
    while time.monotonic() < batas:
        await _get(client, catatan, "penilai: tim", "/indikator/tim/")
        await _get(client, catatan, "penilai: dasbor", "/indikator/dasbor/")
        await _get(client, catatan, "penilai: API tim", "/api/v1/tim/")


async def admin(client, catatan, batas):
    while time.monotonic() < batas:
        await _get(client, catatan, "admin: pemantauan SKP", "/indikator/pemantauan/")
        await _get(client, catatan, "admin: organisasi", "/kepegawaian/organisasi/")


async def sepele(client, catatan, batas):
    while time.monotonic() < batas:
        await _get(client, catatan, "sepele: /sehat/", "/sehat/")


PERAN = [  # (journey, demo login, share of the users)
    (pegawai, "demo.pegawai", 0.5),
    (penilai, "demo.penilai", 0.2),
    (admin, "demo.admin", 0.2),
    (sepele, None, 0.1),
]


def _pakai_login(args) -> None:
    global PASSWORD
    PASSWORD = args.sandi
    masuk_per_jalan = {pegawai: args.masuk_pegawai, penilai: args.masuk_penilai, admin: args.masuk_admin}
    PERAN[:] = [(jalan, masuk_per_jalan.get(jalan, username), share) for jalan, username, share in PERAN]


async def jalankan(base: str, pengguna: int, detik: float) -> Catatan:
    catatan = Catatan()
    limits = httpx.Limits(max_connections=pengguna * 2)
    klien = []
    tugas = []
    for journey, username, share in PERAN:
        if journey is pegawai:
            probe = httpx.AsyncClient(base_url=base, timeout=60)
            await masuk(probe, str(username))
            await _bisa_diubah(probe)
            await probe.aclose()
            print(f"realisasi {username} yang masih dapat diubah (bulan terbuka): {len(_TERBUKA)}")
            if not _TERBUKA:
                print("  tidak ada: perjalanan pegawai hanya membuka halaman (tanpa menyimpan)")
        for _ in range(max(1, round(pengguna * share))):
            client = httpx.AsyncClient(base_url=base, timeout=60, limits=limits, follow_redirects=False)
            if username:
                await masuk(client, username)
            klien.append((journey, client))
    batas = time.monotonic() + detik
    tugas = [asyncio.create_task(journey(client, catatan, batas)) for journey, client in klien]
    await asyncio.gather(*tugas)
    for _, client in klien:
        await client.aclose()
    return catatan


def _persentil(nilai: list[float], p: float) -> float:
    if len(nilai) < 2:
        return nilai[0] if nilai else 0.0
    return statistics.quantiles(nilai, n=100, method="inclusive")[int(p) - 1]


def laporan(catatan: Catatan, detik: float) -> bool:
    total = sum(len(v) for v in catatan.waktu.values())
    print(f"\n{'halaman':32} {'permintaan':>10} {'galat':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    p95 = {}
    for nama in sorted(catatan.waktu):
        nilai = catatan.waktu[nama]
        p95[nama] = _persentil(nilai, 95)
        print(
            f"{nama:32} {len(nilai):>10} {catatan.galat[nama]:>6} {_persentil(nilai, 50):>8.1f} "
            f"{p95[nama]:>8.1f} {_persentil(nilai, 99):>8.1f}"
        )
    galat = sum(catatan.galat.values())
    print(f"\nthroughput: {total / detik:.1f} permintaan/detik; galat: {galat}; konflik versi (409): {catatan.konflik}")
    if catatan.contoh_galat:
        print("contoh galat:", ", ".join(catatan.contoh_galat))
    dasar = p95.get("sepele: /sehat/", 0.0)
    lambat = [n for n, v in p95.items() if not n.startswith("sepele") and dasar and v > 10 * dasar]
    print(f"p95 /sehat/: {dasar:.1f} ms; halaman di atas 10x: {', '.join(lambat) or 'tidak ada'}")
    return galat == 0 and not lambat


def _port_bebas() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pengguna", type=int, default=100, help="simulated users (default 100)")
    parser.add_argument("--detik", type=float, default=120, help="duration in seconds (default 120)")
    parser.add_argument("--kecil", action="store_true", help="6 users for 5 s")
    parser.add_argument("--url", help="an already running server instead of starting gunicorn (loopback only)")
    # Another dataset than the demo's, e.g. kinerja_jakarta (docs/skala.md): its logins and their password.
    parser.add_argument("--masuk-pegawai", default="demo.pegawai", help="the pegawai's login (default demo.pegawai)")
    parser.add_argument("--masuk-penilai", default="demo.penilai", help="the penilai's login (default demo.penilai)")
    parser.add_argument("--masuk-admin", default="demo.admin", help="the admin's login (default demo.admin)")
    parser.add_argument("--sandi", default=PASSWORD, help="the password of these logins (default the demo's)")
    args = parser.parse_args()
    _pakai_login(args)
    if args.kecil:
        args.pengguna, args.detik = 6, 5
    server = None
    base = args.url
    if base is None:
        port = _port_bebas()
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "kinerja.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--timeout", "60"],
            cwd=ROOT,
            env={**os.environ, "LOG_LEVEL": "WARNING"},
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                if httpx.get(f"{base}/sehat/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            server.terminate()
            print("gunicorn did not start", file=sys.stderr)
            return 2
    elif not re.match(r"^http://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?/?$", base):
        print("--url must be a loopback address", file=sys.stderr)
        return 2
    try:
        print(f"{args.pengguna} pengguna selama {args.detik:.0f} detik terhadap {base} (gunicorn, 2 worker)")
        catatan = asyncio.run(jalankan(base.rstrip("/"), args.pengguna, args.detik))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    return 0 if laporan(catatan, args.detik) else 1


if __name__ == "__main__":
    sys.exit(main())
