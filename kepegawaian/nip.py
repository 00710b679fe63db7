"""Building valid NIPs (for demo data and tests)."""

import datetime as dt


def nip_build(*, tanggal_lahir: dt.date, tmt: dt.date, jenis_kelamin: str, nomor_urut: int) -> str:
    sex = "1" if jenis_kelamin == "L" else "2"
    return f"{tanggal_lahir:%Y%m%d}{tmt:%Y%m}{sex}{nomor_urut:03d}"
