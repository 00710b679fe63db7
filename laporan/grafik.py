"""Charts of a report, drawn on the server with matplotlib from the snapshot (never from live data): SVG for the
page (works without JavaScript), PNG for the PDF. Each chart has a text alternative (``alt``) built from the same
numbers. Files are stored through Django's storage API under the version's folder, drawn once and then served.
"""

import io
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from kinerja import privasi
from laporan import tabel
from laporan.models import VersiLaporan

GRAFIK = ("capaian", "tren", "predikat")
WARNA = {"hijau": "#1b7f3b", "kuning": "#b8860b", "merah": "#b3261e", "abu": "#6b6b6b", "biru": "#1f4e8c"}


@dataclass(frozen=True)
class Seri:
    judul: str
    label: list[str]
    nilai: list[float | None]
    alt: str
    satuan: str = "%"
    kosong: str = "—"  # what a bar without a value says (a suppressed cell: "< 5")


def _angka(nilai) -> float | None:
    if nilai is None or isinstance(nilai, str) and not nilai.replace(".", "", 1).replace("-", "", 1).isdigit():
        return None
    return float(Decimal(str(nilai)))


def seri(data: dict, nama: str) -> Seri | None:
    """The numbers of chart ``nama`` from a snapshot; ``None`` when the snapshot has nothing to draw."""
    if nama == "capaian":
        baris = [b for b in tabel.baris_tabel(data, "iku") if b[7] is not None]
        if not baris:
            return None
        label = [str(b[2])[:40] for b in baris]
        nilai = [_angka(b[7]) for b in baris]
        alt = "; ".join(f"{lab}: {b[7]}%" for lab, b in zip(label, baris, strict=True))
        return Seri(_("Capaian per indikator"), label, nilai, _("Capaian per indikator: %(isi)s.") % {"isi": alt})
    if nama == "tren":
        baris = [b for b in tabel.baris_tabel(data, "tren") if b[1] is not None]
        if not baris:
            return None
        label = [str(b[0]) for b in baris]
        alt = "; ".join(f"{b[0]}: {b[1]}%" for b in baris)
        return Seri(
            _("Rata-rata capaian indikator per tahun"),
            label,
            [_angka(b[1]) for b in baris],
            _("Rata-rata capaian per tahun: %(isi)s.") % {"isi": alt},
        )
    if nama == "predikat":
        baris = tabel.baris_tabel(data, "predikat")
        if not baris or not any(isinstance(b[1], int) and b[1] for b in baris):
            return None
        label = [str(tabel.label_sel("predikat", 0, b[0])) for b in baris]
        nilai = [float(b[1]) if isinstance(b[1], int) else None for b in baris]
        alt = "; ".join(f"{lab}: {b[1]}" for lab, b in zip(label, baris, strict=True))
        return Seri(
            _("Sebaran predikat kinerja pegawai"),
            label,
            nilai,
            _("Jumlah pegawai per predikat (sel kecil disembunyikan): %(isi)s.") % {"isi": alt},
            satuan=_("orang"),
            kosong=privasi.tanda(int(data.get("min_kelompok", 5))),
        )
    return None


def _gambar(s: Seri, fmt: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text in the SVG (searchable, small)
    matplotlib.rcParams["svg.hashsalt"] = "kinerja"  # the same snapshot draws the same file
    tinggi = max(2.4, 0.45 * len(s.label) + 1.2)
    fig = Figure(figsize=(7, tinggi), dpi=110)
    ax = fig.add_subplot()
    posisi = list(range(len(s.label)))
    nilai = [v if v is not None else 0 for v in s.nilai]
    if s.satuan == "%":
        warna = [
            WARNA["abu"]
            if v is None
            else WARNA["hijau"]
            if v >= 100
            else WARNA["kuning"]
            if v >= 80
            else WARNA["merah"]
            for v in s.nilai
        ]
    else:
        warna = [WARNA["biru"]] * len(nilai)
    ax.barh(posisi, nilai, color=warna)
    ax.set_yticks(posisi, s.label, fontsize=8)
    ax.invert_yaxis()
    for y, v in zip(posisi, s.nilai, strict=True):
        teks = s.kosong if v is None else (f"{v:.2f}%" if s.satuan == "%" else f"{v:.0f}")
        ax.text(v or 0, y, " " + teks, va="center", fontsize=8)
    if s.satuan == "%":
        ax.axvline(100, color="#333333", linewidth=0.8, linestyle="--")
    ax.set_title(s.judul, fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return out.getvalue()


def berkas(versi: VersiLaporan, nama: str, fmt: str = "svg") -> bytes | None:
    """Chart ``nama`` of ``versi`` as SVG or PNG, drawn on first use and kept in the storage."""
    s = seri(versi.data, nama)
    if s is None:
        return None
    path = f"{versi.folder_berkas}/grafik-{nama}.{fmt}"
    if default_storage.exists(path):
        with default_storage.open(path, "rb") as f:
            return f.read()
    isi = _gambar(s, fmt)
    default_storage.save(path, ContentFile(isi))
    return isi
