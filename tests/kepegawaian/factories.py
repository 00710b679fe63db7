import datetime as dt

import factory

from kepegawaian.models import Jabatan, Pegawai, UnitKerja, User
from kepegawaian.nip import nip_build


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("rahasia-uji-123")


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    """Pass ``parent=`` to create below a unit; without it a root is created."""

    class Meta:
        model = UnitKerja

    kode = factory.Sequence(lambda n: f"U{n:05d}")
    nama = factory.Sequence(lambda n: f"Unit {n}")
    jenis = UnitKerja.Jenis.PERANGKAT_DAERAH

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            return model_class.objects.add_root(kwargs)
        return UnitKerja.objects.add_child(UnitKerja.objects.get(pk=parent.pk), kwargs)


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan
        django_get_or_create = ("nama", "jenis")

    nama = factory.Sequence(lambda n: f"Jabatan {n}")
    jenis = Jabatan.Jenis.PELAKSANA


def _nip(n: int) -> str:
    return nip_build(
        tanggal_lahir=dt.date(1960 + n % 25, 1 + n % 12, 1 + n % 28),
        tmt=dt.date(2000 + n % 20, 1 + (n * 7) % 12, 1),
        jenis_kelamin="L" if n % 2 else "P",
        nomor_urut=1 + n % 999,
    )


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    nip = factory.Sequence(_nip)
    nama = factory.Faker("name", locale="id_ID")
    status = Pegawai.Status.PNS
    golongan = Pegawai.Golongan.III_A
    jabatan = factory.SubFactory(JabatanFactory)
    unit = factory.SubFactory(UnitKerjaFactory)
    atasan = None
