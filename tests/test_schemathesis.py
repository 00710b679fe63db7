"""schemathesis against a live server with the demo data: every operation of ``/api/schema/``, as anonymous, a pegawai
and an admin BKD (token auth), a bounded number of generated cases per operation, deterministic.

Fails on any 5xx, any status code, content type or body the schema does not declare, and any error answer outside the
one JSON error shape or not in Indonesian (``tests/schemathesis_kinerja.py``).

The server is gunicorn (2 workers) in production mode (``DJANGO_DEBUG=0``) on a free loopback port, over its own SQLite
database seeded by ``seed_demo``: the test never touches the suite's database and leaves nothing behind. Sized for
the 2-core CI machine: ``MAX_EXAMPLES`` cases per operation and phase (``SCHEMATHESIS_MAX_EXAMPLES`` overrides it).

Excluded, each for its reason (nothing else):
- gunicorn's request-line limit (its HTML 414 page comes from the HTTP server, before Django): switched off here.
- ``DELETE /api/v1/token/`` and ``POST /api/v1/token/ganti/``: they revoke or replace the very token the run
  authenticates with, so every later case would get 401 and test nothing (both have their own tests in
  tests/kepegawaian). Excluded by their exact name (``--exclude-name "METHOD /path"``); the test checks that the run
  selected all operations but these two, and that the run's token still works when it ends.

(An exclusion written as ``--exclude-by 'method == "POST" && path == "/..."'`` matched nothing: that option takes one
JSON-pointer comparison and only its last use counts. The runs then replaced their own token half-way, the rest of
each run answered 401, and the rerun after a crash of the generator loaded the schema with the dead token: the 401
"on a fresh token" seen in CI.)
"""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "2"))
PASSWORD = "kinerja-demo"  # seed_demo's documented demo password
ROLES = {"anonim": None, "pegawai": "demo.pegawai", "admin_bkd": "demo.admin"}
EXCLUDED = [
    "DELETE /api/v1/token/",  # revokes the run's own token
    "POST /api/v1/token/ganti/",  # replaces the run's own token
]
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "bentuk_galat_kinerja",
]

pytestmark = pytest.mark.skipif(shutil.which("gunicorn", path=str(BIN)) is None, reason="gunicorn is not installed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(var_dir: Path, *, debug: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "CELERY_", "PYTEST_"))}
    env.update(
        KINERJA_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'schemathesis.sqlite3'}",
        CELERY_TASK_ALWAYS_EAGER="1",
        DJANGO_SETTINGS_MODULE="kinerja.settings",
        DJANGO_DEBUG="1" if debug else "0",
        LOG_LEVEL="WARNING",
    )
    if not debug:
        env.update(
            DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="0",
            STATIC_ROOT=str(var_dir / "static"),
        )
    return env


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("schemathesis")
    manage = [str(BIN / "python"), str(ROOT / "manage.py")]
    seed_env = _env(var_dir, debug=True)
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=seed_env, check=True, timeout=300)
    subprocess.run([*manage, "seed_demo"], cwd=ROOT, env=seed_env, check=True, timeout=300, capture_output=True)
    # Admin accounts sign in with a second factor in production (KINERJA_2FA_ADMIN): give demo.admin an authenticator
    # whose key the run knows, so that it asks for its token as a real admin would, with a current TOTP code.
    kunci = (
        subprocess.run(
            [
                *manage,
                "shell",
                "-c",
                "from django_otp.plugins.otp_totp.models import TOTPDevice; from kepegawaian.models import User; "
                "print(TOTPDevice.objects.create(user=User.objects.get(username='demo.admin'), name='uji', "
                "confirmed=True).key)",
            ],
            cwd=ROOT,
            env=seed_env,
            check=True,
            timeout=120,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    (var_dir / "totp-admin").write_text(kunci)
    port = _free_port()
    log = open(var_dir / "gunicorn.log", "wb")  # noqa: SIM115 — closed after the server stops
    process = subprocess.Popen(
        # --limit-request-line 0: gunicorn's own 414 page for a request line over 4 KB is the HTTP server's answer
        # before Django runs (in production the proxy's); without the limit such a request reaches the app.
        [
            str(BIN / "gunicorn"),
            "kinerja.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--timeout",
            "60",
            "--limit-request-line",
            "0",
            # Which worker answered what: read when a run's token stopped working (_token_terpakai).
            "--access-logfile",
            str(var_dir / "akses.log"),
            "--access-logformat",
            "%(p)s %(m)s %(U)s %(s)s",
        ],
        cwd=ROOT,
        env=_env(var_dir, debug=False),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/api/schema/?format=json", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"gunicorn stopped: {(var_dir / 'gunicorn.log').read_text()[-2000:]}")
                time.sleep(0.5)
        else:
            pytest.fail("gunicorn did not answer within 60 s")
        yield base, var_dir
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _token(base: str, username: str, totp_key: str | None = None) -> str:
    import json

    otp = {}
    if totp_key:
        from django_otp.oath import totp

        otp = {"kode_otp": f"{totp(bytes.fromhex(totp_key)):06d}"}

    request = urllib.request.Request(
        f"{base}/api/v1/token/",
        data=json.dumps({"username": username, "password": PASSWORD, **otp}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)["token"]


def _ditolak(base: str, kunci: str) -> str | None:
    """None when the server accepts the token on the schema address, else its answer (status and body)."""
    cek = urllib.request.Request(f"{base}/api/schema/?format=json", headers={"Authorization": f"Token {kunci}"})
    try:
        with urllib.request.urlopen(cek, timeout=30):
            return None
    except urllib.error.HTTPError as exc:
        return f"{exc.code} {exc.read()[:300]!r}"


def _token_terpakai(akses_log: str) -> list[str]:
    """The requests of a run that answered 2xx on a token address with another method than GET (from gunicorn's
    access log: pid, method, path, status): the ones that can have revoked or replaced the run's token."""
    return [
        line
        for line in akses_log.splitlines()
        if (bagian := line.split())
        and len(bagian) == 4
        and bagian[2].startswith("/api/v1/token/")
        and bagian[1] != "GET"
        and bagian[3].startswith("2")
    ]


def _galat_alat_saja(output: str) -> bool:
    """The run failed only by an error inside the tool (a "Runtime Error" of schemathesis/hypothesis), with no check
    failed against an operation."""
    return "Runtime Error" in output and ("SystemError" in output or "KeyError" in output)  # the rerun must pass


@pytest.mark.parametrize("role", list(ROLES))
def test_schemathesis_finds_nothing(server, role, tmp_path):
    base, var_dir = server
    command = [
        str(BIN / "schemathesis"),
        "run",
        f"{base}/api/schema/?format=json",
        "--phases",
        "examples,fuzzing",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--generation-deterministic",
        "--no-shrink",
        # One thread: with two, hypothesis builds ASTs in both at once, and CPython 3.11 trips over its own AST
        # recursion counter ("AST constructor recursion depth mismatch", then a KeyError in the same place on the
        # rerun: seen in CI), failing the run inside the tool.
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--checks",
        ",".join(CHECKS),
        "--suppress-health-check",
        "all",
        "--no-color",
        "--report",
        "junit",
        "--report-junit-path",
        str(tmp_path / "junit.xml"),
    ]
    for name in EXCLUDED:
        command += ["--exclude-name", name]
    username = ROLES[role]
    token = None
    if username is not None:
        kunci = (var_dir / "totp-admin").read_text() if username == "demo.admin" else None
        token = _token(base, username, kunci)
        galat = _ditolak(base, token)
        assert galat is None, f"the server refused the fresh token of {username}: {galat}"
        command += ["--header", f"Authorization: Token {token}"]
    akses = var_dir / "akses.log"
    awal_log = akses.stat().st_size if akses.exists() else 0
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.schemathesis_kinerja", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    if result.returncode != 0 and _galat_alat_saja(output):
        # An internal error of the generator itself (seen: CPython's "AST constructor recursion depth mismatch"
        # inside hypothesis), with no check failing against the API: run the same deterministic cases once more.
        result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
        output = result.stdout + result.stderr
    if token is not None:
        # A run that lost its token half-way tested the rest of the API as nobody (every case a documented 401).
        galat = _ditolak(base, token)
        with akses.open(encoding="utf-8", errors="replace") as log:
            log.seek(awal_log)
            terpakai = _token_terpakai(log.read())
        assert galat is None, f"the run's token of {username} stopped working ({galat}); token requests: {terpakai}"
    selected = re.search(r"Selected: (\d+)/(\d+)", output)
    assert selected and int(selected[2]) - int(selected[1]) == len(EXCLUDED), (
        f"the run should select every operation but {EXCLUDED}: {selected and selected[0]}\n{output[-3000:]}"
    )
    summary = [line for line in output.splitlines() if "generated" in line or "Tested:" in line]
    print(f"schemathesis as {role}: {' | '.join(s.strip() for s in summary)}")
    assert result.returncode == 0, output[-15000:]
    assert any("generated" in line for line in summary), output[-3000:]
