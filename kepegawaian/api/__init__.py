"""The API of people and units (``/api/v1/``), by sub-domain: ``unit_pegawai`` (units, jabatan, pegawai, the current
user) and ``akun`` (tokens, logins, granted admin roles). Thin views over ``access`` (who sees what), ``selectors``
(reads) and ``services`` (every write, which checks the actor's right itself). A row the user may not see is a 404;
a row he sees but may not change is a 403. ``kepegawaian.api_urls`` routes them."""

from kepegawaian.api.akun import PegawaiAkunView, PeranAdminViewSet, TokenGantiView, TokenThrottle, TokenView
from kepegawaian.api.unit_pegawai import JabatanViewSet, PegawaiViewSet, SayaView, UnitKerjaViewSet

__all__ = [
    "JabatanViewSet",
    "PegawaiAkunView",
    "PegawaiViewSet",
    "PeranAdminViewSet",
    "SayaView",
    "TokenGantiView",
    "TokenThrottle",
    "TokenView",
    "UnitKerjaViewSet",
]
