"""API shapes of people and units. Output and input serializers are separate: output ones only read prepared
rows (no queries of their own), input ones only check types and scope — the rules live in ``services.py``."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kepegawaian import access, selectors
from kepegawaian.models import Jabatan, Pegawai, PeranAdmin, UnitKerja, User
from kinerja.skema import EmailAtauKosongField

# --- Output ---------------------------------------------------------------------------------------------------


class UnitRingkasSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnitKerja
        fields = ["id", "kode", "nama"]


class UnitKerjaSerializer(serializers.ModelSerializer):
    jenis_label = serializers.CharField(source="get_jenis_display", read_only=True)
    induk = serializers.IntegerField(
        source="induk_id", read_only=True, allow_null=True, help_text="Id unit induk; null untuk unit akar."
    )
    induk_kode = serializers.CharField(read_only=True, allow_null=True, help_text="Kode unit induk.")
    kedalaman = serializers.IntegerField(source="depth", read_only=True, help_text="1 untuk unit akar (Pemprov).")
    jumlah_sub_unit = serializers.IntegerField(source="numchild", read_only=True, help_text="Unit langsung di bawah.")

    class Meta:
        model = UnitKerja
        fields = ["id", "kode", "nama", "jenis", "jenis_label", "aktif", "induk", "induk_kode", "kedalaman"]
        fields += ["jumlah_sub_unit"]
        read_only_fields = fields


class JabatanSerializer(serializers.ModelSerializer):
    jenis_label = serializers.CharField(source="get_jenis_display", read_only=True)

    class Meta:
        model = Jabatan
        fields = ["id", "nama", "jenis", "jenis_label"]
        read_only_fields = fields


class PegawaiRingkasSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pegawai
        fields = ["id", "nip", "nama"]
        read_only_fields = fields


class PegawaiSerializer(serializers.ModelSerializer):
    """A row of the list: who, where, which position, and the direct superior."""

    status_label = serializers.CharField(source="get_status_display", read_only=True)
    jabatan = JabatanSerializer(read_only=True)
    unit = UnitRingkasSerializer(read_only=True)
    atasan = PegawaiRingkasSerializer(read_only=True, allow_null=True, help_text="Atasan langsung (pejabat penilai).")

    class Meta:
        model = Pegawai
        fields = ["id", "nip", "nama", "status", "status_label", "golongan", "jabatan", "unit", "atasan", "aktif"]
        read_only_fields = fields


class PegawaiDetailSerializer(PegawaiSerializer):
    """One pegawai: the list row plus the atasan of the atasan (derived) and contact data."""

    atasan_penilai = PegawaiRingkasSerializer(
        read_only=True, allow_null=True, help_text="Atasan pejabat penilai: atasan dari atasan langsung (turunan)."
    )
    email = EmailAtauKosongField(read_only=True, help_text="Kosong bila belum dicatat.")

    class Meta(PegawaiSerializer.Meta):
        fields = [*PegawaiSerializer.Meta.fields, "atasan_penilai", "email"]
        read_only_fields = fields


class PeranSerializer(serializers.Serializer):
    kode = serializers.ChoiceField(
        choices=["admin_bkd", "admin_unit", "pegawai", "pejabat_penilai", "atasan_penilai"], read_only=True
    )
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]  # shadows Field.label in the stubs


class AkunSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    nama = serializers.CharField(source="get_full_name", read_only=True)
    email = EmailAtauKosongField(read_only=True, help_text="Kosong bila belum dicatat.")


class SayaSerializer(serializers.Serializer):
    akun = AkunSerializer(read_only=True)
    pegawai = PegawaiDetailSerializer(read_only=True, allow_null=True, help_text="Null bila akun tidak terhubung.")
    peran = PeranSerializer(many=True, read_only=True)
    admin_unit = UnitRingkasSerializer(many=True, read_only=True, help_text="Unit yang dikelola (admin unit).")


class TokenLoginSerializer(serializers.Serializer):
    username = serializers.CharField(write_only=True, max_length=150)
    password = serializers.CharField(write_only=True, trim_whitespace=False, style={"input_type": "password"})
    kode_otp = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=20,
        help_text=(
            "Hanya akun admin bila autentikasi dua faktor diwajibkan: kode aplikasi autentikator atau kode cadangan."
        ),
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True, help_text="Kirim sebagai header 'Authorization: Token <token>'.")
    username = serializers.CharField(read_only=True)
    dibuat = serializers.DateTimeField(read_only=True)


# --- Input ----------------------------------------------------------------------------------------------------


class _ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A foreign key limited to what the requesting user may use; anything else reads as 'not found', so that an
    input field cannot be used to probe which rows exist."""

    scope: Callable[[Any], QuerySet[Any]] | None = None  # set by each subclass: callable(user) -> QuerySet

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:  # schema generation
            return self.queryset
        scope = type(self).scope
        assert scope is not None, "a _ScopedPrimaryKeyField subclass must set scope"
        return scope(request.user)


class UnitDikelolaField(_ScopedPrimaryKeyField):
    scope = staticmethod(access.unit_manageable)
    default_error_messages = {
        "does_not_exist": _("Unit kerja dengan id {pk_value} tidak ditemukan atau di luar wewenang Anda."),
        "incorrect_type": _("Id unit kerja harus berupa bilangan bulat."),
    }

    def __init__(self, **kwargs):
        super().__init__(queryset=UnitKerja.objects.none(), **kwargs)


class AtasanField(_ScopedPrimaryKeyField):
    scope = staticmethod(access.pegawai_visible)
    default_error_messages = {
        "does_not_exist": _("Pegawai dengan id {pk_value} tidak ditemukan atau di luar wewenang Anda."),
        "incorrect_type": _("Id atasan harus berupa bilangan bulat."),
    }

    def __init__(self, **kwargs):
        super().__init__(queryset=Pegawai.objects.none(), **kwargs)


class PegawaiInputSerializer(serializers.Serializer):
    """Create (all required fields) or PATCH (any subset). NIP layout, uniqueness and the atasan loop are checked by
    ``services.pegawai_create`` / ``pegawai_update``; their errors come back as 400 with ``fields``."""

    nip = serializers.CharField(max_length=18, help_text="18 angka: tanggal lahir, bulan TMT, jenis kelamin, urut.")
    nama = serializers.CharField(max_length=200)
    status = serializers.ChoiceField(choices=Pegawai.Status.choices, required=False)
    golongan = serializers.ChoiceField(choices=Pegawai.Golongan.choices)
    jabatan = serializers.PrimaryKeyRelatedField(
        queryset=Jabatan.objects.all(),
        error_messages={"does_not_exist": _("Jabatan dengan id {pk_value} tidak ditemukan.")},
    )
    unit = UnitDikelolaField(help_text="Harus unit yang Anda kelola.")
    atasan = AtasanField(
        required=False, allow_null=True, help_text="Atasan langsung; harus pegawai yang dapat Anda lihat."
    )
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    aktif = serializers.BooleanField(required=False)


class UnitKerjaCreateSerializer(serializers.Serializer):
    kode = serializers.CharField(max_length=30, help_text="Kode unik; kunci untuk impor, tidak dapat diubah.")
    nama = serializers.CharField(max_length=200)
    jenis = serializers.ChoiceField(choices=UnitKerja.Jenis.choices)
    induk = UnitDikelolaField(
        required=False, allow_null=True, help_text="Unit induk; kosong hanya untuk Admin BKD (unit akar)."
    )

    def validate(self, attrs):
        if attrs.get("induk") is None and not access.akses_for(self.context["request"].user).is_bkd:
            raise serializers.ValidationError({"induk": [_("Unit induk wajib diisi.")]})
        return attrs


class UnitKerjaUpdateSerializer(serializers.Serializer):
    nama = serializers.CharField(max_length=200, required=False)
    jenis = serializers.ChoiceField(choices=UnitKerja.Jenis.choices, required=False)
    aktif = serializers.BooleanField(required=False)
    induk = UnitDikelolaField(required=False, help_text="Pindahkan unit (beserta seluruh isinya) ke induk ini.")


# --- Logins and granted admin roles ---------------------------------------------------------------------------


class AkunRingkasSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    aktif = serializers.BooleanField(source="is_active", read_only=True)


class PeranAdminSerializer(serializers.ModelSerializer):
    akun = AkunRingkasSerializer(source="user", read_only=True)
    pegawai = PegawaiRingkasSerializer(
        source="user.pegawai", read_only=True, allow_null=True, help_text="Pegawai pemilik akun; null bila tidak ada."
    )
    peran_label = serializers.CharField(source="get_peran_display", read_only=True)
    unit = UnitRingkasSerializer(read_only=True, allow_null=True, help_text="Null untuk Admin BKD (seluruh Pemprov).")

    class Meta:
        model = PeranAdmin
        fields = ["id", "akun", "pegawai", "peran", "peran_label", "unit", "diberikan_pada"]
        read_only_fields = fields


class PeranAdminInputSerializer(serializers.Serializer):
    """The login by its username and the unit by its code, as on the "Peran admin" page."""

    username = serializers.CharField(max_length=150, help_text="Nama pengguna akun (untuk pegawai biasanya NIP).")
    peran = serializers.ChoiceField(choices=PeranAdmin.Peran.choices)
    unit_kode = serializers.CharField(
        max_length=30,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Wajib untuk admin_unit; kosong untuk admin_bkd.",
    )

    def validate_username(self, value: str) -> User:
        user = User.objects.filter(username=value.strip()).first()
        if user is None:
            raise serializers.ValidationError(_("Tidak ada akun dengan nama pengguna %(u)s.") % {"u": value})
        return user

    def validate(self, attrs):
        attrs["user"] = attrs.pop("username")
        kode = (attrs.pop("unit_kode", None) or "").strip()
        attrs["unit"] = None
        if attrs["peran"] == PeranAdmin.Peran.ADMIN_UNIT:
            if not kode:
                raise serializers.ValidationError({"unit_kode": [_("Admin unit harus diberi unit kerja.")]})
            attrs["unit"] = selectors.unit_by_kode(kode)
            if attrs["unit"] is None:
                raise serializers.ValidationError(
                    {"unit_kode": [_("Tidak ada unit kerja dengan kode %(kode)s.") % {"kode": kode}]}
                )
        elif kode:
            raise serializers.ValidationError(
                {"unit_kode": [_("Admin BKD tidak terikat unit kerja; kosongkan kode unit.")]}
            )
        return attrs


class AkunBuatInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, required=False, allow_blank=True, help_text="Bawaan: NIP pegawai.")
    password = serializers.CharField(
        write_only=True,
        trim_whitespace=False,
        max_length=128,
        style={"input_type": "password"},
        help_text=(
            "Kata sandi awal; diperiksa dengan aturan kata sandi (minimal 8 karakter, tidak hanya angka, tidak umum)."
        ),
    )


class AkunPegawaiSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    aktif = serializers.BooleanField(source="is_active", read_only=True)
    pegawai = PegawaiRingkasSerializer(read_only=True)
