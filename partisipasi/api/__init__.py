"""The API of ``partisipasi`` (``/api/v1/partisipasi/``), one module per sub-domain."""

from partisipasi.api.impor import IntegrasiPengaduanViewSet
from partisipasi.api.pengaduan import (
    KategoriViewSet,
    KelurahanViewSet,
    LacakViewSet,
    PengaduanPublikViewSet,
    PeranPetugasViewSet,
    PetugasPengaduanViewSet,
)
from partisipasi.api.terhitung import AngkaUnitViewSet, IkiTerhitungViewSet, PeringkatViewSet

__all__ = [
    "AngkaUnitViewSet",
    "IkiTerhitungViewSet",
    "IntegrasiPengaduanViewSet",
    "KategoriViewSet",
    "KelurahanViewSet",
    "LacakViewSet",
    "PengaduanPublikViewSet",
    "PeranPetugasViewSet",
    "PeringkatViewSet",
    "PetugasPengaduanViewSet",
]

from partisipasi.api.forum import (  # noqa: E402 -- appended by sub-domain
    AspirasiPublikViewSet,
    ForumPublikViewSet,
    PetugasAspirasiViewSet,
    PetugasForumViewSet,
)

__all__ += ["AspirasiPublikViewSet", "ForumPublikViewSet", "PetugasAspirasiViewSet", "PetugasForumViewSet"]
