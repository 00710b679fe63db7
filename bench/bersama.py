"""What the benches that run gunicorn share (``bench_skala``, ``bench_laporan``): the environment of a server
with DEBUG off against one PostgreSQL database, ``manage.py`` in a subprocess, gunicorn started and stopped, one
timed GET, a percentile."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def env_server(db: str, static: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG}/{db}",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-skala-bukan-rahasia-" + "x" * 40,
        ALLOWED_HOSTS="localhost,127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=static,
        LOG_LEVEL="WARNING",
        # The admin roles would need a TOTP step with DEBUG off; the bench measures pages, not the sign-in.
        KINERJA_2FA_ADMIN="0",
    )
    env.pop("REDIS_URL", None)
    return env


def manage(env: dict, *args: str, input_: str | None = None) -> str:
    hasil = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, input=input_, capture_output=True, text=True, check=False
    )
    if hasil.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} gagal:\n{hasil.stdout}\n{hasil.stderr}")
    return hasil.stdout


def ada_db(db: str) -> bool:
    out = subprocess.run(
        ["psql", f"{PG}/postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{db}'"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return out.strip() == "1"


class Server:
    def __init__(self, env: dict, port: int) -> None:
        self.port = port
        self.proc = subprocess.Popen(
            [PY, "-m", "gunicorn", "kinerja.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
        )
        for _i in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310 - loopback
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn on {port} did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)


def get(port: int, path: str, session: str | None) -> float:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": "localhost"})  # noqa: S310
    if session:
        req.add_header("Cookie", f"sessionid={session}")
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as resp:  # noqa: S310 - loopback
        resp.read()
        if resp.status != 200:
            raise SystemExit(f"{path}: {resp.status}")
    return (time.perf_counter() - t) * 1000


def persentil(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]
