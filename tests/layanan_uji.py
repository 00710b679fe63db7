"""Real servers that fault tests start, break and stop themselves: a private redis-server and a private
PostgreSQL cluster (initdb + pg_ctl in a temporary directory), each on a free port. The machine's own services are
never touched. A test that needs a binary that is missing is skipped with the reason."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("KINERJA_PG_BIN", "/usr/lib/postgresql/15/bin"))


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tunggu_port(port: int, terbuka: bool, batas: float = 15) -> None:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        with socket.socket() as s:
            s.settimeout(0.2)
            hasil = s.connect_ex(("127.0.0.1", port))
        if (hasil == 0) == terbuka:
            return
        time.sleep(0.05)
    raise TimeoutError(f"port {port} {'tidak terbuka' if terbuka else 'tidak tertutup'} dalam {batas} detik")


class RedisSendiri:
    """``redis-server`` on a free port, without persistence; ``stop()`` and ``start()`` it at will."""

    def __init__(self, direktori: Path):
        self.biner = shutil.which("redis-server")
        if self.biner is None:
            pytest.skip("redis-server tidak terpasang: uji gangguan Redis dilewati")
        self.direktori = direktori
        self.port = port_bebas()
        self.proses: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proses = subprocess.Popen(
            [self.biner, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.direktori)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
        _tunggu_port(self.port, terbuka=True)

    def stop(self) -> None:
        if self.proses is not None and self.proses.poll() is None:
            self.proses.terminate()
            self.proses.wait(timeout=10)
        self.proses = None
        _tunggu_port(self.port, terbuka=False)

    def klien(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)


class PostgresSendiri:
    """A throwaway PostgreSQL cluster: ``initdb`` in a temporary directory, ``pg_ctl`` on a free port, trust auth
    on 127.0.0.1 only. ``stop()`` (fast mode: connections are cut) and ``start()`` it at will. PostgreSQL refuses
    to run as root: under root (a CI container) the cluster runs as the ``postgres`` system user (``runuser``)."""

    def __init__(self, direktori: Path | None = None):
        for nama in ("initdb", "pg_ctl", "postgres"):
            if not (PG_BIN / nama).exists():
                pytest.skip(f"{PG_BIN / nama} tidak ada: uji gangguan PostgreSQL dilewati")
        self.sebagai: list[str] = []
        if os.geteuid() == 0:
            import pwd

            try:
                akun = pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("berjalan sebagai root tanpa pengguna sistem postgres: uji gangguan PostgreSQL dilewati")
            if shutil.which("runuser") is None:
                pytest.skip("runuser tidak ada: uji gangguan PostgreSQL dilewati")
            self.sebagai = ["runuser", "-u", "postgres", "--"]
        # Its own directory under /tmp (pytest's tmp_path is private to root): removed by hancurkan().
        self.akar = Path(tempfile.mkdtemp(prefix="kinerja-pg-"))
        if self.sebagai:
            os.chown(self.akar, akun.pw_uid, akun.pw_gid)
        self.data = self.akar / "data"
        self.log = self.akar / "postgres.log"
        self.port = port_bebas()
        subprocess.run(
            [*self.sebagai, str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
             "-E", "UTF8", "--no-sync", "--locale=C"],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def url(self, nama: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{nama}"

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.sebagai, str(PG_BIN / "pg_ctl"), "-D", str(self.data), *args], check=True, stdout=subprocess.DEVNULL
        )

    def start(self) -> None:
        opsi = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
        self._pg_ctl("-l", str(self.log), "-o", opsi, "-w", "-t", "30", "start")

    def stop(self) -> None:
        self._pg_ctl("-m", "fast", "-w", "-t", "30", "stop")

    def hancurkan(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._pg_ctl("-m", "immediate", "-w", "-t", "30", "stop")
        shutil.rmtree(self.akar, ignore_errors=True)
