"""``GET /api/v1/tugas/``: the signed-in user's to-do list (``kinerja.tugas``), as the home page shows it."""

from django.utils.translation import gettext_lazy as _l
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.api import api_doc
from kinerja.tugas import tugas_untuk


class TugasSerializer(serializers.Serializer):
    kode = serializers.CharField(help_text="Nama mesin jenis tugas, mis. indikator.skp_setujui.")
    teks = serializers.CharField(help_text="Apa yang harus dilakukan, satu kalimat.")
    url = serializers.CharField(help_text="Halaman tempat tugas dikerjakan (relatif), atau kosong.")
    jumlah = serializers.IntegerField(help_text="Jumlah hal yang diwakili tugas ini.")
    penting = serializers.BooleanField(help_text="Tenggat lewat atau dikembalikan dengan alasan: tampilkan lebih dulu.")
    tenggat = serializers.DateField(allow_null=True, help_text="Tenggat, bila ada.")
    peran = serializers.CharField(help_text="Peran asal tugas: pegawai, penilai atau admin.")


class TugasView(APIView):
    @api_doc(_l("Tugas saya: yang menunggu Anda, menurut peran Anda"), ok=TugasSerializer(many=True), tags=["Tugas"])
    def get(self, request):
        return Response(TugasSerializer([t.as_dict() for t in tugas_untuk(request.user)], many=True).data)
