"""Kinerja settings: everything comes from the environment, with embedded defaults.

Nothing set       -> SQLite under var/, local-memory cache, embedded (filesystem) Celery broker, DEBUG on.
DATABASE_URL etc. -> PostgreSQL, Redis cache and Redis broker.
DJANGO_DEBUG=0    -> production: a secret key and allowed hosts are required, cookies and HSTS are secure.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

VAR_DIR = Path(env.str("KINERJA_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DJANGO_DEBUG", default=True)


def _dev_secret_key() -> str:
    """A generated secret, kept under var/ so that sessions survive a restart of `make run`."""
    key_file = VAR_DIR / "dev-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
    return key_file.read_text().strip()


SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
SECRET_KEY_MIN = 50  # characters, in production (README: "minimal 50 karakter acak")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if DEBUG:
    SECRET_KEY = SECRET_KEY or _dev_secret_key()
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    if not SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY wajib diisi bila DJANGO_DEBUG=0 (mode produksi).")
    if len(SECRET_KEY) < SECRET_KEY_MIN:
        # A short key is guessable; check --deploy only warns. (Not translated: settings load before the catalogs.)
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY terlalu pendek ({len(SECRET_KEY)} karakter): mode produksi membutuhkan minimal "
            f"{SECRET_KEY_MIN} karakter acak, mis. python3 -c 'import secrets; print(secrets.token_urlsafe(64))'."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS wajib diisi bila DJANGO_DEBUG=0 (mode produksi).")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "treebeard",
    "auditlog",
    "axes",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "kinerja",
    "kepegawaian",
    "indikator",
    "penilaian",
    "pelatihan",
    "partisipasi",
    "laporan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kinerja.middleware.BahasaMiddleware",
    "csp.middleware.CSPMiddleware",
    "kinerja.middleware.KeamananMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified() (two-factor); then the steps a signed-in person must take first (2FA, own password).
    "django_otp.middleware.OTPMiddleware",
    "kepegawaian.middleware.AkunMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kinerja.klien.AuditlogMiddleware",  # auditlog's, reading the client address as kinerja.klien does
    # Last, as django-axes asks: it turns a lockout into the lockout response.
    "axes.middleware.AxesMiddleware",
    # After axes, so that its process_exception runs first: a database that does not answer gives a clean 503.
    "kinerja.gangguan.GangguanMiddleware",
]

ROOT_URLCONF = "kinerja.urls"
WSGI_APPLICATION = "kinerja.wsgi.application"
ASGI_APPLICATION = "kinerja.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kepegawaian.context_processors.peran",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'kinerja.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout so that the web process and the Celery worker can both write;
    # IMMEDIATE transactions take the write lock up front instead of failing half-way.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Fail fast (and let /healthz say so) instead of hanging on an unreachable server.
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, broker ------------------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A cache must never hang a request: short socket timeouts, and /healthz reports it down.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            # Parallel test processes (pytest-xdist sets PYTEST_XDIST_WORKER) share one Redis: keep their keys apart.
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="kinerja") + env.str("PYTEST_XDIST_WORKER", default=""),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kinerja"}}

CELERY_BROKER_DIR = VAR_DIR / "celery"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    # Embedded broker: messages are files under var/celery, so `make run` needs no server at all.
    for sub in ("queue", "processed", "control"):
        (CELERY_BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),  # exchange bindings; kombu's default is ./control
        "store_processed": False,
    }
else:
    # A publish to a broker that does not answer fails within a second (kinerja.antrian then keeps the message in
    # its outbox) instead of retrying the connection for broker_connection_timeout in the middle of a request.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
        "socket_connect_timeout": 2,
    }
# Job state (progress, errors) lives in PostgreSQL rows; the result backend only serves health checks and tests.
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or f"file://{VAR_DIR / 'celery-results'}")
if CELERY_RESULT_BACKEND.startswith("file://"):
    Path(CELERY_RESULT_BACKEND.removeprefix("file://")).mkdir(parents=True, exist_ok=True)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Jakarta"
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_TASK_TIME_LIMIT = 12 * 60
CELERY_TASK_ACKS_LATE = False  # only idempotent tasks opt in, per task: @shared_task(acks_late=True)
CELERY_TASK_REJECT_ON_WORKER_LOST = False  # a task lost with its worker is not redelivered unless it opts in
CELERY_TASK_IGNORE_RESULT = True  # job state lives in rows; a task that must answer opts in (see kinerja.tasks.ping)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 4
CELERY_WORKER_SEND_TASK_EVENTS = False
# celery beat keeps its schedule state under var/ (writable in the container, ignored by git).
CELERY_BEAT_SCHEDULE_FILENAME = env.str("CELERY_BEAT_SCHEDULE_FILENAME", default=str(VAR_DIR / "celerybeat-schedule"))
CELERY_BEAT_SCHEDULE: dict = {}  # apps add their periodic jobs here
# pelatihan: the monthly JP reminder (idempotent per month), on the 1st at 07:00 Asia/Jakarta.
CELERY_BEAT_SCHEDULE["pelatihan-pengingat-jp"] = {
    "task": "pelatihan.tasks.pengingat_bulanan",
    "schedule": crontab(minute="0", hour="7", day_of_month="1"),
}
# kinerja.antrian: messages stored while the broker was down are sent again every minute (and when a worker starts).
CELERY_BEAT_SCHEDULE["kinerja-antrian-kuras"] = {"task": "kinerja.antrian_kuras", "schedule": 60.0}
# kepegawaian: the daily e-mail of the to-do list, for those who turned it on (idempotent per day), 06:00.
CELERY_BEAT_SCHEDULE["kepegawaian-ringkasan-tugas"] = {
    "task": "kepegawaian.tasks.ringkasan_tugas_harian",
    "schedule": crontab(minute="0", hour="6"),
}

# --- Auth ---------------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "kepegawaian.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # The NIP or the username; a login whose pegawai is inactive cannot sign in (kepegawaian/masuk.py).
    "kepegawaian.masuk.NipAtauUsernameBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_RESET_ON_SUCCESS = True
# Failures are counted per login whether the NIP or the username was typed.
AXES_USERNAME_CALLABLE = "kepegawaian.masuk.axes_username"
# "Lupa kata sandi" (count, seconds): requests per client address, mails per address (kepegawaian/masuk.py).
KINERJA_BATAS_LUPA_SANDI_KLIEN = (env.int("KINERJA_BATAS_LUPA_SANDI_KLIEN_PER_JAM", default=10), 3600)
KINERJA_BATAS_LUPA_SANDI_AKUN = (env.int("KINERJA_BATAS_LUPA_SANDI_AKUN_PER_JAM", default=3), 3600)
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # reset and activation links
# Two-factor sign-in (TOTP) for admin unit and admin BKD accounts: on in production, off in the demo (DEBUG), so that
# the demo admins sign in with their password alone. Tests turn it on where they check it.
KINERJA_2FA_ADMIN = env.bool("KINERJA_2FA_ADMIN", default=not DEBUG)
OTP_TOTP_ISSUER = "Kinerja Pemprov DKI Jakarta"
# OpenID Connect single sign-on, off unless a provider is configured (README: "Akun login, SSO dan 2FA").
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
KINERJA_OIDC = bool(OIDC_RP_CLIENT_ID)
if KINERJA_OIDC:
    OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT")
    OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="")  # checked against the id_token's iss when set
    OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid profile")
    OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
    AUTHENTICATION_BACKENDS.append("kepegawaian.masuk.NipOIDCBackend")
OIDC_NIP_CLAIM = env.str("OIDC_NIP_CLAIM", default="nip")  # the claim that carries the pegawai's NIP
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/akun/login/?sso=gagal"
# Links in e-mails sent by the worker (activation of logins created in bulk).
KINERJA_URL_DASAR = env.str("KINERJA_URL_DASAR", default="http://127.0.0.1:8000")
# How the client address is read (README "Di belakang proxy"): the number of reverse proxies in front of the app
# that append to X-Forwarded-For. 0 (default): trust no proxy, the address is REMOTE_ADDR and X-Forwarded-For is
# ignored. N: the N-th address from the right of X-Forwarded-For. One function (kinerja.klien.alamat_klien) serves
# DRF's throttles (NUM_PROXIES), django-axes (AXES_CLIENT_IP_CALLABLE) and the audit log alike.
KINERJA_TRUSTED_PROXIES = env.int("KINERJA_TRUSTED_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "kinerja.klien.alamat_klien"

# --- I18n ---------------------------------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "kinerja" / "terjemahan_drf"]  # the second: DRF messages its "id" lacks
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every start when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- API ----------------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "kepegawaian.masuk.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "kinerja.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kinerja.api.exception_handler",
    "NUM_PROXIES": KINERJA_TRUSTED_PROXIES,  # the same reading as kinerja.klien.alamat_klien
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kinerja API",
    "DESCRIPTION": "API manajemen kinerja ASN Pemprov DKI Jakarta.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name ("jenis", "status") get their own stable component names.
    "ENUM_NAME_OVERRIDES": {
        "JenisUnitKerjaEnum": "kepegawaian.models.UnitKerja.Jenis",
        "JenisJabatanEnum": "kepegawaian.models.Jabatan.Jenis",
        "StatusPegawaiEnum": "kepegawaian.models.Pegawai.Status",
        "GolonganEnum": "kepegawaian.models.Pegawai.Golongan",
        "JenisIndikatorUnitEnum": "indikator.models.IndikatorUnit.Jenis",
        "JenisRhkEnum": "indikator.models.Rhk.Jenis",
        "JenisBuktiDukungEnum": "indikator.models.BuktiDukung.Jenis",
        "StatusPeriodeEnum": "indikator.models.PeriodePenilaian.Status",
        "StatusSkpEnum": "indikator.models.Skp.Status",
        "StatusPengaduanEnum": "partisipasi.models.StatusPengaduan",
        "HitunganHariEnum": "partisipasi.models.HitunganHari",
        "RatingEnum": "penilaian.aturan.Rating",
        "PredikatEnum": "penilaian.aturan.Predikat",
        "JenisEvaluasiEnum": "penilaian.models.JenisEvaluasi",
        "StatusEvaluasiEnum": "penilaian.models.StatusEvaluasi",
        "StatusKeberatanEnum": "penilaian.models.StatusKeberatan",
        "KeputusanKeberatanEnum": "penilaian.models.Keputusan",
        "PredikatOrganisasiEnum": "penilaian.aturan.PredikatOrganisasi",
        "JenisPelatihanEnum": "pelatihan.models.Jenis",
        "BidangKompetensiEnum": "pelatihan.models.BidangKompetensi",
        "StatusKegiatanEnum": "pelatihan.models.StatusKegiatan",
        "StatusPesertaEnum": "pelatihan.models.StatusPeserta",
    },
}
# The answers the framework gives around every operation (404 past the last page, 400, 401) in the schema too.
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "kinerja.skema.lengkapi_jawaban_galat",
]

# --- E-mail -------------------------------------------------------------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@smtp.jakarta.go.id:587; by default mail is printed to the console.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kinerja <kinerja@localhost>")
# Feedback notifications by e-mail (indikator.tasks.umpan_balik_kabari); the app always shows feedback itself.
KINERJA_NOTIFIKASI_EMAIL = env.bool("KINERJA_NOTIFIKASI_EMAIL", default=False)

# --- Partisipasi (citizens' complaints) ----------------------------------------------------------------------
# Days after Selesai during which the citizen may rate or reopen a complaint.
PARTISIPASI_JENDELA_ULASAN_HARI = env.int("PARTISIPASI_JENDELA_ULASAN_HARI", default=7)
# Rate limits per client (count, seconds), kept in the cache above: complaints filed, supports given.
PARTISIPASI_BATAS_PENGADUAN = (env.int("PARTISIPASI_BATAS_PENGADUAN_PER_JAM", default=5), 3600)
PARTISIPASI_BATAS_DUKUNGAN = (env.int("PARTISIPASI_BATAS_DUKUNGAN_PER_JAM", default=30), 3600)
PARTISIPASI_BATAS_HADIR = (env.int("PARTISIPASI_BATAS_HADIR_PER_JAM", default=20), 3600)
# The site's public address: the link a computed realisation carries to its complaint list (evidence URLs are absolute).
PARTISIPASI_URL_SITUS = env.str("KINERJA_URL_SITUS", default="http://localhost:8000")
# Nightly: complaint figures written as the realisation of the IKI bound to them (partisipasi.services.terhitung).
CELERY_BEAT_SCHEDULE["partisipasi-realisasi-terhitung"] = {
    "task": "partisipasi.tasks.realisasi_terhitung_semua",
    "schedule": crontab(minute="30", hour="1"),
}
# Complaints from other channels: rows per file import, complaints per request of the integration API.
PARTISIPASI_IMPOR_MAKS_BARIS = env.int("PARTISIPASI_IMPOR_MAKS_BARIS", default=5000)
PARTISIPASI_INTEGRASI_MAKS_PER_PERMINTAAN = env.int("PARTISIPASI_INTEGRASI_MAKS_PER_PERMINTAAN", default=500)
# The complainant's name, contact and kept photo location are erased this many days after the complaint closed
# (partisipasi.services.privasi; the reasons for the default are in docs/partisipasi.md), nightly at 02:15.
PARTISIPASI_RETENSI_DATA_PELAPOR_HARI = env.int("PARTISIPASI_RETENSI_DATA_PELAPOR_HARI", default=365)
CELERY_BEAT_SCHEDULE["partisipasi-anonimkan-pelapor"] = {
    "task": "partisipasi.tasks.pelapor_anonimkan",
    "schedule": crontab(minute="15", hour="2"),
}
# The daily e-mail of overdue complaints to each handling unit's officers and head (once a day per unit), 07:00.
CELERY_BEAT_SCHEDULE["partisipasi-ringkasan-terlambat"] = {
    "task": "partisipasi.tasks.ringkasan_terlambat_harian",
    "schedule": crontab(minute="0", hour="7"),
}

# --- Laporan (annual public reports) ------------------------------------------------------------------------
# Groups of fewer people than this are shown as "< N" in published tables (with the complementary cells).
LAPORAN_MIN_KELOMPOK = env.int("LAPORAN_MIN_KELOMPOK", default=5)
# Units a report task generates at once (laporan.tasks): the fixed cost of a task is paid once per chunk. A run
# of few units is cut finer, so that its progress bar still moves in steps (laporan.tasks.ukuran_kelompok).
LAPORAN_UNIT_PER_TUGAS = env.int("LAPORAN_UNIT_PER_TUGAS", default=50)
# The province run starts by itself on this day and month (Asia/Jakarta, 02:00) for the year just closed.
LAPORAN_JADWAL_TANGGAL = env.int("LAPORAN_JADWAL_TANGGAL", default=15)
LAPORAN_JADWAL_BULAN = env.int("LAPORAN_JADWAL_BULAN", default=1)
# Target of the citizen-service chapter: complaints completed within this many days (LAPOR! SP4N: 5 days).
LAPORAN_TARGET_PENYELESAIAN_HARI = env.int("LAPORAN_TARGET_PENYELESAIAN_HARI", default=5)
# The organisation predikat whose distribution curve the people chapter compares with (penilaian.aturan).
LAPORAN_PREDIKAT_ORGANISASI_ACUAN = env.str("LAPORAN_PREDIKAT_ORGANISASI_ACUAN", default="baik")
# Licence of the open data (DCAT / CKAN metadata): an SPDX-like id, its title and its address.
LAPORAN_LISENSI = {
    "id": env.str("LAPORAN_LISENSI_ID", default="cc-by-4.0"),
    "judul": env.str("LAPORAN_LISENSI_JUDUL", default="Creative Commons Attribution 4.0"),
    "url": env.str("LAPORAN_LISENSI_URL", default="https://creativecommons.org/licenses/by/4.0/"),
}
LAPORAN_PENERBIT = env.str("LAPORAN_PENERBIT", default="Pemerintah Provinsi Daerah Khusus Jakarta")
# The public API's rate limit per client (DRF throttle rate).
LAPORAN_API_BATAS = env.str("LAPORAN_API_BATAS", default="120/minute")
# Citizens' questions on a published report, per client (kinerja.klien.batas_klien): (count, seconds).
LAPORAN_BATAS_PERTANYAAN = (env.int("LAPORAN_BATAS_PERTANYAAN_PER_JAM", default=5), 3600)
# Report jobs run on their own queue, so short tasks are not stuck behind them. Every worker that names no
# --queues consumes both (task_queues below); production may run a dedicated worker with `-Q laporan`.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES: dict[str, dict] = {"celery": {}, "laporan": {}}
CELERY_TASK_ROUTES = {"laporan.tasks.*": {"queue": "laporan"}}
# With acks_late the broker redelivers a task whose worker died once the visibility timeout passes: it must be
# longer than the longest task (the report tasks' hard limit below).
LAPORAN_BATAS_WAKTU_TUGAS = (
    env.int("LAPORAN_BATAS_WAKTU_LUNAK", default=5 * 60),
    env.int("LAPORAN_BATAS_WAKTU", default=6 * 60),
)
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = 2 * 60 * 60  # beside the fast-fail options above
CELERY_BEAT_SCHEDULE["laporan-tahunan-provinsi"] = {
    "task": "laporan.tasks.run_provinsi_terjadwal",
    "schedule": crontab(
        minute="0", hour="2", day_of_month=str(LAPORAN_JADWAL_TANGGAL), month_of_year=str(LAPORAN_JADWAL_BULAN)
    ),
}

# --- Audit --------------------------------------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False

# --- Production hardening -----------------------------------------------------------------------------------
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions (docs/keamanan.md): signed out after 8 hours (a working day) counted from sign-in, and when the browser
# closes — shared office computers are common, and a civil servant signs in again each morning anyway.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
# The language switch's cookie: never read by JavaScript, same-site only, and HTTPS-only in production.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
# Cross-Origin-Opener-Policy on every page, the API docs included (Django's SecurityMiddleware sends it).
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Content-Security-Policy (django-csp) -------------------------------------------------------------------
# No inline script or style anywhere: every script and style sheet is a file under static/ (served by the app,
# no CDN). The API docs (Swagger UI) get their own, looser style policy in kinerja.urls.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# Browser features no page uses, switched off (kinerja.middleware.KeamananMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
