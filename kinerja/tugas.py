"""The to-do list ("Tugas saya"): what is waiting for each person, computed from the data, per role.

Each app contributes its own items in a module ``<app>/tugas.py`` whose functions are registered with
``@penyedia``; ``kinerja.apps`` discovers those modules at start-up (as Django's admin discovers ``admin.py``), so
no list of items is written here and a new app adds its items without touching the project base.

A provider is ``fn(user) -> list[Tugas]`` (it reads the user's roles with ``kepegawaian.access.akses_for``, cached
per request). It must run a constant number of queries whatever the size of the
person's team or scope (aggregate in the database), and return nothing for a role the person does not hold.
The home page, the count badge in the top bar and ``GET /api/v1/tugas/`` all read ``tugas_untuk(user)``.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.core.cache import cache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Tugas:
    """One item of the to-do list."""

    kode: str  # stable machine name, e.g. "indikator.skp_menunggu_persetujuan"
    teks: str  # one sentence in the request's language, saying what to do
    url: str = ""  # where to do it
    jumlah: int = 1  # how many things the item stands for (badge count)
    penting: bool = False  # shown first and highlighted (a deadline passed, a return with a reason)
    tenggat: dt.date | None = None  # the deadline, when there is one
    peran: str = "pegawai"  # pegawai | penilai | admin: the heading it is listed under

    def as_dict(self) -> dict:
        return asdict(self)


Penyedia = Callable[[object], list[Tugas]]
_PENYEDIA: list[Penyedia] = []


def penyedia(fn: Penyedia) -> Penyedia:
    """Register a provider of to-do items (decorator for the functions of an app's ``tugas.py``)."""
    if fn not in _PENYEDIA:
        _PENYEDIA.append(fn)
    return fn


def tugas_untuk(user) -> list[Tugas]:
    """Every item waiting for ``user``: important ones first, then by deadline (none last)."""
    if user is None or not user.is_authenticated:
        return []
    items = [item for fn in _PENYEDIA for item in fn(user)]
    return sorted(items, key=lambda t: (not t.penting, t.tenggat or dt.date.max))


def jumlah_tugas(user) -> int:
    """The number on the badge of the top bar (how many items), cached a minute per user (the home page shows the
    live list).

    The cache is an optimisation only: when it cannot be reached the count is computed, never an error."""
    key = f"kinerja:tugas:{user.pk}"
    try:
        cached = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage must not break every page
        logger.warning("cache tidak terjangkau untuk jumlah tugas", exc_info=True)
        cached = None
    if cached is not None:
        return cached
    jumlah = len(tugas_untuk(user))
    try:
        cache.set(key, jumlah, 60)
    except Exception:  # noqa: BLE001
        logger.warning("cache tidak terjangkau untuk jumlah tugas", exc_info=True)
    return jumlah
