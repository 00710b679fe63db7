"""The pelatihan API (``/api/v1/pelatihan/``). Thin: objects through ``pelatihan.access`` (not visible: 404),
writes through ``pelatihan.services`` (not allowed: 403; bad input: 400 in Indonesian), one error shape.

External training (``/api/v1/pelatihan/eksternal/``): the pegawai submits a course taken elsewhere with its
certificate (multipart; the file's content is checked) and lists his own submissions; his penilai lists the pending
ones of his direct subordinates and approves or refuses them (a refusal needs its reason).

Writes: the catalogue (create / change a programme) and the events (schedule / change an event, nominate
subordinates, attendance of a day, completion) for their managers; registration and cancellation for the pegawai;
the certificate PDF of a completed training. Who may do what is the services' (``pelatihan.access``): a pegawai
posting attendance or completion gets 403, as does an admin of another unit."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from kepegawaian.access import pegawai_of_account, pegawai_visible
from kinerja.api import Publik, ScopedViewSetMixin, api_doc
from kinerja.berkas import MIME_PDF
from pelatihan import access, selectors, services
from pelatihan import serializers as s
from pelatihan.models import Kegiatan, PelatihanEksternal, Peserta, Program
from pelatihan.sertifikat import nama_berkas, require_selesai, sertifikat_check, sertifikat_pdf

TAHUN_MIN, TAHUN_MAKS = 1950, 2100
TAHUN = OpenApiParameter("tahun", OpenApiTypes.INT, OpenApiParameter.QUERY, description="Tahun buku JP.")
KODE = OpenApiParameter("kode", OpenApiTypes.STR, OpenApiParameter.PATH, description="Kode verifikasi sertifikat.")


def _gabung(form_class, obj, data, medan: tuple[str, ...]) -> dict:
    """A PATCH: the object's current values, overlaid by the fields sent (validated as a partial input)."""
    form = form_class(data=data, partial=True)
    form.is_valid(raise_exception=True)
    return {**{f: getattr(obj, f) for f in medan}, **form.validated_data}


PROGRAM_MEDAN = (
    "judul",
    "bidang",
    "jenis",
    "penyelenggara",
    "jp",
    "kompetensi",
    "nama_penyelenggara",
    "deskripsi",
    "aktif",
)
KEGIATAN_MEDAN = (
    "nama",
    "tanggal_mulai",
    "tanggal_selesai",
    "pendaftaran_mulai",
    "pendaftaran_selesai",
    "kuota",
    "moda",
    "tempat",
    "tautan",
)


def _tetap(data, medan: str, pesan) -> None:
    """A field that cannot be changed after creation, sent anyway: refused (400) rather than silently ignored."""
    if medan in data:
        raise ValidationError({medan: [pesan]})


@extend_schema_view(
    list=api_doc(_l("Katalog program pelatihan"), ok=s.ProgramSerializer(many=True)),
    retrieve=api_doc(_l("Satu program pelatihan"), ok=s.ProgramSerializer, detail=True, errors=(401, 404)),
    create=api_doc(
        _l("Buat program pelatihan (admin unit untuk unitnya, Admin BKD)"),
        ok=s.ProgramSerializer,
        ok_status=201,
        request=s.ProgramInputSerializer,
        errors=(400, 401, 403),
    ),
    partial_update=api_doc(
        _l("Ubah program pelatihan (pengelolanya)"),
        ok=s.ProgramSerializer,
        request=s.ProgramUbahInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    ),
)
@extend_schema(tags=["Pelatihan"])
class ProgramViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Program.objects.none()
    serializer_class = s.ProgramSerializer
    lookup_value_regex = r"\d+"
    not_found_message = _l("Program pelatihan tidak ditemukan.")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def scoped_queryset(self):
        return (
            access.program_visible(self.request.user)
            .prefetch_related("target_jabatan", "target_unit")
            .order_by("judul", "pk")
        )

    def create(self, request):
        form = s.ProgramInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = services.program_create(actor=request.user, **form.validated_data)
        return Response(s.ProgramSerializer(obj).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        program = self.get_object()
        access.require_manage_program(request.user, program)  # before the input: a stranger learns nothing more
        _tetap(request.data, "unit_pemilik", _l("Unit pengelola program tidak dapat diubah."))
        data = _gabung(s.ProgramUbahInputSerializer, program, request.data, PROGRAM_MEDAN)
        data.setdefault("target_jabatan", list(program.target_jabatan.all()))
        data.setdefault("target_unit", list(program.target_unit.all()))
        obj = services.program_update(actor=request.user, program=program, **data)
        return Response(s.ProgramSerializer(obj).data)


@extend_schema_view(
    list=api_doc(_l("Katalog kegiatan pelatihan yang belum berakhir"), ok=s.KegiatanSerializer(many=True)),
    retrieve=api_doc(_l("Satu kegiatan pelatihan"), ok=s.KegiatanSerializer, detail=True, errors=(401, 404)),
    create=api_doc(
        _l("Jadwalkan kegiatan suatu program (admin unit penyelenggara, Admin BKD)"),
        ok=s.KegiatanSerializer,
        ok_status=201,
        request=s.KegiatanInputSerializer,
        errors=(400, 401, 403, 404),
    ),
    partial_update=api_doc(
        _l("Ubah jadwal kegiatan (penyelenggara)"),
        ok=s.KegiatanSerializer,
        request=s.KegiatanUbahInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    ),
)
@extend_schema(tags=["Pelatihan"])
class KegiatanViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Kegiatan.objects.none()
    serializer_class = s.KegiatanSerializer
    lookup_value_regex = r"\d+"
    not_found_message = _l("Kegiatan pelatihan tidak ditemukan.")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def scoped_queryset(self):
        if self.action == "list":
            return selectors.kegiatan_katalog()
        return access.kegiatan_visible(self.request.user).select_related("program")

    def create(self, request):
        form = s.KegiatanInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        program = access.program_get_for_user(request.user, data.pop("program"))
        obj = services.kegiatan_create(actor=request.user, program=program, **data)
        return Response(s.KegiatanSerializer(obj).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        kegiatan = self.get_object()
        access.require_manage_kegiatan(request.user, kegiatan)
        for medan in ("program", "unit_penyelenggara"):
            _tetap(request.data, medan, _l("Program dan unit penyelenggara kegiatan tidak dapat diubah."))
        data = _gabung(s.KegiatanUbahInputSerializer, kegiatan, request.data, KEGIATAN_MEDAN)
        obj = services.kegiatan_update(actor=request.user, kegiatan=kegiatan, **data)
        return Response(s.KegiatanSerializer(obj).data)

    @api_doc(
        _l("Peserta kegiatan (penyelenggara)"),
        ok=s.PesertaKegiatanSerializer(many=True),
        detail=True,
        errors=(401, 403, 404),
    )
    @action(detail=True, methods=["get"], url_path="peserta")
    def peserta(self, request, pk=None):
        kegiatan = self.get_object()
        access.require_manage_kegiatan(request.user, kegiatan)
        halaman = self.paginate_queryset(selectors.peserta_kegiatan(kegiatan))
        return self.get_paginated_response(s.PesertaKegiatanSerializer(halaman, many=True).data)

    @api_doc(
        _l("Nominasikan bawahan langsung (pejabat penilai), semua atau tidak sama sekali"),
        ok=s.PesertaSerializer(many=True),
        ok_status=201,
        request=s.NominasiInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def nominasi(self, request, pk=None):
        kegiatan = self.get_object()
        form = s.NominasiInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        ids = set(form.validated_data["pegawai"])
        orang = list(pegawai_visible(request.user).filter(pk__in=ids))
        if len(orang) != len(ids):
            raise Http404(_l("Pegawai tidak ditemukan."))
        hasil = services.peserta_create_nominasi(
            actor=request.user,
            kegiatan=kegiatan,
            pegawai=orang,
            daftar_tunggu=form.validated_data["daftar_tunggu"],
        )
        return Response(s.PesertaSerializer(hasil, many=True).data, status=status.HTTP_201_CREATED)

    @api_doc(
        _l("Catat kehadiran satu hari (penyelenggara)"),
        ok=s.KehadiranSerializer,
        request=s.KehadiranInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def kehadiran(self, request, pk=None):
        kegiatan = self.get_object()
        form = s.KehadiranInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        tanggal = form.validated_data["tanggal"]
        n = services.kehadiran_set(
            actor=request.user, kegiatan=kegiatan, tanggal=tanggal, hadir=form.validated_data["hadir"]
        )
        return Response(s.KehadiranSerializer({"tanggal": tanggal, "jumlah_hadir": n}).data)

    @api_doc(
        _l("Nyatakan peserta selesai: JP dan sertifikat (penyelenggara, setelah kegiatan berakhir)"),
        ok=s.PesertaSerializer(many=True),
        request=s.KelulusanInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def kelulusan(self, request, pk=None):
        kegiatan = self.get_object()
        form = s.KelulusanInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        hasil = services.kelulusan_grant(actor=request.user, kegiatan=kegiatan, peserta=form.validated_data["peserta"])
        return Response(s.PesertaSerializer(hasil, many=True).data)

    @api_doc(
        _l("Daftar ke kegiatan (pegawai sendiri)"),
        ok=s.PesertaSerializer,
        ok_status=201,
        request=s.DaftarInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def daftar(self, request, pk=None):
        kegiatan = self.get_object()
        form = s.DaftarInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = services.peserta_create(actor=request.user, kegiatan=kegiatan, **form.validated_data)
        return Response(s.PesertaSerializer(obj).data, status=status.HTTP_201_CREATED)

    @api_doc(
        _l("Beri atau ubah ulasan kegiatan (peserta yang hadir)"),
        ok=s.UlasanKegiatanSerializer,
        request=s.UlasanKegiatanInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def ulasan(self, request, pk=None):
        kegiatan = self.get_object()
        form = s.UlasanKegiatanInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = services.ulasan_rate(actor=request.user, kegiatan=kegiatan, **form.validated_data)
        return Response(s.UlasanKegiatanSerializer(obj).data)

    @api_doc(
        _l("Ringkasan ulasan kegiatan (penyelenggara)"),
        ok=s.RingkasanUlasanKegiatanSerializer,
        detail=True,
        errors=(401, 403, 404),
    )
    @action(detail=True, methods=["get"], url_path="ulasan/ringkasan")
    def ulasan_ringkasan(self, request, pk=None):
        kegiatan = self.get_object()
        access.require_manage_kegiatan(request.user, kegiatan)
        return Response(s.RingkasanUlasanKegiatanSerializer(selectors.ulasan_ringkasan(kegiatan)).data)


@extend_schema_view(
    list=api_doc(_l("Pendaftaran pelatihan yang boleh Anda lihat"), ok=s.PesertaSerializer(many=True)),
    retrieve=api_doc(_l("Satu pendaftaran"), ok=s.PesertaSerializer, detail=True, errors=(401, 404)),
)
@extend_schema(tags=["Pelatihan"])
class PesertaViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Peserta.objects.none()
    serializer_class = s.PesertaSerializer
    lookup_value_regex = r"\d+"
    not_found_message = _l("Pendaftaran pelatihan tidak ditemukan.")

    def scoped_queryset(self):
        return access.peserta_visible(self.request.user).select_related("pegawai").order_by("-didaftarkan", "-pk")

    @api_doc(_l("Batalkan pendaftaran"), ok=s.PesertaSerializer, request=None, detail=True, errors=(400, 401, 403, 404))
    @action(detail=True, methods=["post"])
    def batal(self, request, pk=None):
        obj = services.peserta_revoke(actor=request.user, peserta=self.get_object())
        return Response(s.PesertaSerializer(obj).data)

    @api_doc(
        _l("Unduh sertifikat (PDF) pelatihan yang sudah selesai"),
        responses={(200, MIME_PDF): OpenApiTypes.BINARY},
        detail=True,
        errors=(400, 401, 404),
    )
    @action(detail=True, methods=["get"])
    def sertifikat(self, request, pk=None):
        peserta = access.peserta_get_for_user(request.user, pk)
        require_selesai(peserta)  # a certificate of an unfinished training: 400 in the error shape
        url = request.build_absolute_uri(reverse("pelatihan:verifikasi-kode", args=[peserta.kode_verifikasi]))
        response = HttpResponse(sertifikat_pdf(peserta=peserta, url_verifikasi=url), content_type=MIME_PDF)
        response["Content-Disposition"] = f'attachment; filename="{nama_berkas(peserta)}"'
        return response


class JpSayaView(APIView):
    @api_doc(_l("Buku JP saya untuk satu tahun"), ok=s.SaldoJpSerializer, parameters=(TAHUN,), errors=(400, 401, 403))
    def get(self, request):
        pegawai = pegawai_of_account(request.user)
        try:
            tahun = int(request.query_params.get("tahun") or selectors.tahun_berjalan(pegawai))
        except ValueError:
            raise ValidationError({"tahun": _l("Tahun harus berupa angka, misalnya 2026.")}) from None
        if not TAHUN_MIN <= tahun <= TAHUN_MAKS:  # a ledger year far out cannot be a date (a 500 before)
            raise ValidationError(
                {"tahun": _l("Tahun harus antara %(min)s dan %(maks)s.") % {"min": TAHUN_MIN, "maks": TAHUN_MAKS}}
            )
        saldo = selectors.jp_buku(pegawai=pegawai, tahun=tahun).saldo
        data = {f: getattr(saldo, str(f)) for f in s.SaldoJpSerializer().fields}
        return Response(s.SaldoJpSerializer(data).data)


class VerifikasiView(Publik, APIView):
    """Public: anyone may check a certificate code (name, programme, dates, JP, nothing more)."""

    @api_doc(
        _l("Verifikasi sertifikat pelatihan (publik, tanpa login)"),
        ok=s.VerifikasiSerializer,
        parameters=(KODE,),
        errors=(404,),
        auth=[],
    )
    def get(self, request, kode: str):
        hasil = sertifikat_check(kode)
        return Response(s.VerifikasiSerializer(hasil).data)


@extend_schema_view(
    list=api_doc(_l("Pelatihan eksternal yang Anda ajukan"), ok=s.EksternalSerializer(many=True), errors=(401, 403)),
    retrieve=api_doc(
        _l("Satu pengajuan pelatihan eksternal"), ok=s.EksternalSerializer, detail=True, errors=(401, 404)
    ),
    create=api_doc(
        _l("Ajukan pelatihan eksternal dengan sertifikatnya (multipart)"),
        ok=s.EksternalSerializer,
        ok_status=201,
        request={"multipart/form-data": s.EksternalInputSerializer},
        errors=(400, 401, 403),
        description=_l(
            "Sertifikat PDF, JPEG atau PNG, paling besar 10 MB; jenisnya diperiksa dari isi berkas, bukan dari "
            "namanya. Pengajuan menunggu persetujuan pejabat penilai Anda sebelum JP-nya diakui."
        ),
    ),
)
@extend_schema(tags=["Pelatihan"])
class EksternalViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = PelatihanEksternal.objects.none()
    serializer_class = s.EksternalSerializer
    lookup_value_regex = r"\d+"
    not_found_message = _l("Pelatihan eksternal tidak ditemukan.")
    http_method_names = ["get", "post", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]  # the submission is multipart, the decisions JSON

    def scoped_queryset(self):
        eksternal = access.eksternal_visible(self.request.user).select_related("pegawai")
        if self.action == "list":
            return eksternal.filter(pegawai=pegawai_of_account(self.request.user))
        return eksternal

    def create(self, request):
        pegawai_of_account(request.user)  # an admin account without a pegawai: 403 before the input is read
        form = s.EksternalInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = services.eksternal_submit(actor=request.user, **form.validated_data)
        return Response(s.EksternalSerializer(obj).data, status=status.HTTP_201_CREATED)

    @api_doc(
        _l("Pengajuan pelatihan eksternal bawahan langsung yang menunggu keputusan Anda"),
        ok=s.EksternalSerializer(many=True),
        errors=(401, 403),
    )
    @action(detail=False, methods=["get"])
    def menunggu(self, request):
        penilai = pegawai_of_account(request.user)
        halaman = self.paginate_queryset(selectors.eksternal_menunggu(penilai).order_by("diajukan", "pk"))
        return self.get_paginated_response(s.EksternalSerializer(halaman, many=True).data)

    def _putuskan(self, request, layanan):
        obj = self.get_object()
        access.require_decide_eksternal(request.user, obj)  # before the input: a stranger learns nothing more
        form = s.KeputusanEksternalInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        obj = layanan(actor=request.user, eksternal=obj, catatan=form.validated_data["catatan"])
        return Response(s.EksternalSerializer(obj).data)

    @api_doc(
        _l("Setujui pelatihan eksternal bawahan langsung: JP-nya diakui (pejabat penilai)"),
        ok=s.EksternalSerializer,
        request=s.KeputusanEksternalInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def setujui(self, request, pk=None):
        return self._putuskan(request, services.eksternal_approve)

    @api_doc(
        _l("Tolak pelatihan eksternal bawahan langsung, dengan alasannya (pejabat penilai)"),
        ok=s.EksternalSerializer,
        request=s.KeputusanEksternalInputSerializer,
        detail=True,
        errors=(400, 401, 403, 404),
    )
    @action(detail=True, methods=["post"])
    def tolak(self, request, pk=None):
        return self._putuskan(request, services.eksternal_return)
