import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kepegawaian.nip import nip_build
from kepegawaian.validators import nip_parts, validate_nip


def test_valid_nip_is_split_into_its_parts():
    parts = nip_parts("198503142010012003")
    assert parts == {
        "tanggal_lahir": dt.date(1985, 3, 14),
        "tmt": dt.date(2010, 1, 1),
        "jenis_kelamin": "P",
        "nomor_urut": 3,
    }


def test_nip_build_round_trips():
    nip = nip_build(tanggal_lahir=dt.date(1990, 12, 31), tmt=dt.date(2015, 3, 1), jenis_kelamin="L", nomor_urut=42)
    assert nip == "199012312015031042"
    validate_nip(nip)


@pytest.mark.parametrize(
    ("nip", "code", "fragment"),
    [
        ("19850314201001200", "nip_format", "18 angka"),  # 17 digits
        ("1985031420100120031", "nip_format", "18 angka"),  # 19 digits
        ("19850314201001200A", "nip_format", "18 angka"),  # a letter
        ("", "nip_format", "18 angka"),
        ("198502302010012003", "nip_tanggal_lahir", "tanggal lahir"),  # 30 February
        ("198513142010012003", "nip_tanggal_lahir", "tanggal lahir"),  # month 13
        ("198503142010132003", "nip_tmt", "bulan TMT"),  # TMT month 13
        ("198503142010002003", "nip_tmt", "bulan TMT"),  # TMT month 00
        ("198503141990012003", "nip_tmt", "15 tahun"),  # appointed at five
        ("198503142010013003", "nip_jenis_kelamin", "jenis kelamin"),  # sex digit 3
        ("198503142010010003", "nip_jenis_kelamin", "jenis kelamin"),  # sex digit 0
        ("198503142010012000", "nip_urut", "nomor urut"),  # sequence 000
    ],
)
def test_each_kind_of_invalid_nip_gets_its_own_indonesian_message(nip, code, fragment):
    with pytest.raises(ValidationError) as err:
        validate_nip(nip)
    assert err.value.code == code
    assert fragment in err.value.messages[0]


def test_model_refuses_an_invalid_nip(pegawai):
    pegawai.nip = "198503142010013003"
    with pytest.raises(ValidationError) as err:
        pegawai.full_clean()
    assert "jenis kelamin" in err.value.message_dict["nip"][0]
