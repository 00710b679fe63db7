"""The integration API of an external complaint system (a CRM): ``POST /api/v1/partisipasi/integrasi/pengaduan/``.

Token authentication as the rest of the API (``POST /api/v1/token/``); the account holds the *integrasi* role on a
unit (granted by admin BKD), and sends complaints of the kelurahan under it. Idempotent by ``(kanal,
id_eksternal)``: a complaint already here is answered as it is (``baru: false``), never duplicated. 201 when at
least one complaint is new, 200 when all were already here; a bad item rejects the whole request (400, the errors
under ``pengaduan.<index>.<field>``)."""

from django.utils.translation import gettext_lazy as _l
from rest_framework import exceptions, status, viewsets
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from kepegawaian.impor import ImporDitolak
from kinerja.api import api_doc
from partisipasi import serializers as s
from partisipasi import services


class IntegrasiPengaduanViewSet(viewsets.ViewSet):
    parser_classes = [JSONParser]

    @api_doc(
        _l("Kirim pengaduan dari sistem pengaduan lain (integrasi CRM)"),
        ok=s.PengaduanIntegrasiHasilSerializer,
        ok_status=201,
        request=s.PengaduanIntegrasiInputSerializer,
        errors=(400, 401, 403),
        description=_l(
            "Satu atau banyak pengaduan dengan ID-nya di kanal asal. Idempoten: kanal dan ID yang sudah ada "
            "dijawab dengan pengaduan yang sama (baru: false, status 200 bila semuanya sudah ada), tidak "
            "digandakan. Satu butir salah menolak seluruh permintaan. Hanya akun berperan integrasi."
        ),
    )
    def create(self, request):
        data = s.PengaduanIntegrasiInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            hasil = services.pengaduan_import_api(actor=request.user, baris=data.validated_data["pengaduan"])
        except ImporDitolak as exc:
            raise exceptions.ValidationError(
                {f"pengaduan.{k.baris}.{k.kolom}" if k.kolom else "pengaduan": [k.pesan] for k in exc.kesalahan}
            ) from exc
        body = {
            "baru": hasil.baru,
            "sudah_ada": hasil.sudah_ada,
            "pengaduan": [
                {
                    "id": p.pk,
                    "kanal": p.kanal,
                    "id_eksternal": p.id_eksternal,
                    "kode_lacak": p.kode_lacak,
                    "status": p.status,
                    "baru": baru,
                }
                for p, baru in hasil.pengaduan
            ],
        }
        kode = status.HTTP_201_CREATED if hasil.baru else status.HTTP_200_OK
        return Response(s.PengaduanIntegrasiHasilSerializer(body).data, status=kode)
