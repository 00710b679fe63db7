"""One client of the PostgreSQL-restart test (run as a script): saves the realisation of one IKI again and again
through the API for ``detik`` seconds, each save a new value, and writes every answer to a JSON file.

python tests/gangguan_klien.py <base url> <token> <iki> <periode_ke> <detik> <out.json>
"""

import json
import sys
import time
import urllib.error
import urllib.request


def _minta(base, token, method, path, data=None):
    body = json.dumps(data).encode() if data is not None else None
    req = urllib.request.Request(
        base + path,
        data=body,
        method=method,
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json", "Accept": "application/json"},
    )
    mulai = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=15) as res:
            status, teks, jenis = res.status, res.read().decode(), res.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        status, teks, jenis = exc.code, exc.read().decode(errors="replace"), exc.headers.get("Content-Type", "")
    except OSError as exc:  # connection refused/reset: not an answer of the app
        return {"status": None, "detik": time.monotonic() - mulai, "galat": repr(exc)}
    try:
        isi = json.loads(teks)
    except ValueError:
        isi = teks[:300]
    return {"status": status, "detik": time.monotonic() - mulai, "jenis": jenis, "isi": isi}


def main(base, token, iki, periode_ke, detik, keluar):
    iki, periode_ke, detik = int(iki), int(periode_ke), float(detik)
    catatan = []
    akhir = time.monotonic() + detik
    pk = versi = None
    n = 0
    while time.monotonic() < akhir:
        n += 1
        nilai = str(n)
        if pk is None:
            jawab = _minta(
                base, token, "POST", "/api/v1/realisasi/", {"iki": iki, "periode_ke": periode_ke, "nilai": nilai}
            )
        else:
            jawab = _minta(base, token, "PATCH", f"/api/v1/realisasi/{pk}/", {"versi": versi, "nilai": nilai})
        jawab["nilai"] = nilai
        catatan.append(jawab)
        if jawab["status"] in (200, 201):
            pk, versi = jawab["isi"]["id"], jawab["isi"]["versi"]
        elif jawab["status"] in (400, 409) or (jawab["status"] is None or jawab["status"] >= 500) and pk is not None:
            # Unknown outcome or a stale version: read the row again (an unanswered save may have committed).
            baca = _minta(base, token, "GET", f"/api/v1/realisasi/?iki={iki}")
            if baca["status"] == 200 and baca["isi"]["results"]:
                pk, versi = baca["isi"]["results"][0]["id"], baca["isi"]["results"][0]["versi"]
            if jawab["status"] is None or jawab["status"] >= 500:
                time.sleep(0.1)
        else:
            time.sleep(0.1)
    with open(keluar, "w") as f:
        json.dump(catatan, f)


if __name__ == "__main__":
    main(*sys.argv[1:7])
