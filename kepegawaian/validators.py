"""NIP (Nomor Induk Pegawai): 18 digits = birth date YYYYMMDD, TMT (appointment) month YYYYMM, sex 1/2, sequence.

PPPK numbers (NI PPPK) follow the same layout here; if BKN's layout for them is confirmed to differ, this is the
one place to change.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

NIP_PATTERN = r"^[0-9]{18}$"


def nip_parts(nip: str) -> dict:
    """Split a NIP into its parts; raise ValidationError (in Indonesian) naming what is wrong."""
    if not re.fullmatch(NIP_PATTERN, nip or ""):
        raise ValidationError(_("NIP harus terdiri dari 18 angka."), code="nip_format")
    try:
        tanggal_lahir = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            _("NIP tidak valid: 8 angka pertama harus tanggal lahir (TTTTBBHH)."), code="nip_tanggal_lahir"
        ) from None
    tmt_tahun, tmt_bulan = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_bulan <= 12:
        raise ValidationError(_("NIP tidak valid: angka 13–14 harus bulan TMT (01–12)."), code="nip_tmt")
    if tmt_tahun < tanggal_lahir.year + 15:
        raise ValidationError(
            _("NIP tidak valid: tahun TMT harus sekurang-kurangnya 15 tahun setelah tahun lahir."), code="nip_tmt"
        )
    if nip[14] not in "12":
        raise ValidationError(
            _("NIP tidak valid: angka ke-15 adalah jenis kelamin (1 pria, 2 wanita)."), code="nip_jenis_kelamin"
        )
    if nip[15:18] == "000":
        raise ValidationError(_("NIP tidak valid: nomor urut (3 angka terakhir) tidak boleh 000."), code="nip_urut")
    return {
        "tanggal_lahir": tanggal_lahir,
        "tmt": dt.date(tmt_tahun, tmt_bulan, 1),
        "jenis_kelamin": "L" if nip[14] == "1" else "P",
        "nomor_urut": int(nip[15:18]),
    }


def validate_nip(value: str) -> None:
    nip_parts(value)
