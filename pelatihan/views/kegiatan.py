"""Pages of pelatihan. Thin: objects through ``pelatihan.access`` (not visible: 404), reads through
``pelatihan.selectors``, writes through ``pelatihan.services`` via ``kinerja.forms.run_form`` (refused: the page
again with the Indonesian message, status 400)."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kepegawaian.access import akses_for, pegawai_of_account
from kepegawaian.models import Pegawai
from kinerja.berkas import MIME_PDF, MIME_XLSX
from kinerja.forms import run_form
from pelatihan import access, selectors, services
from pelatihan.forms import (
    DaftarForm,
    EksternalForm,
    KehadiranForm,
    KelulusanForm,
    KeputusanForm,
    NominasiForm,
    UlasanForm,
    VerifikasiForm,
)
from pelatihan.models import hari_ini
from pelatihan.padanan import aturan_padanan_teks
from pelatihan.rekomendasi import rekomendasi_untuk
from pelatihan.sertifikat import nama_berkas, require_selesai, sertifikat_check, sertifikat_pdf


@login_required
def katalog(request):
    kegiatan = list(selectors.kegiatan_katalog())
    return render(request, "pelatihan/katalog.html", {"kegiatan_list": kegiatan, "hari": hari_ini()})


@login_required
@require_http_methods(["GET", "POST"])
def kegiatan_detail(request, pk: int):
    kegiatan = access.kegiatan_get_for_user(request.user, pk)
    aksi = access.actions_for_kegiatan(request.user, kegiatan)
    peserta = list(selectors.peserta_kegiatan(kegiatan)) if aksi["kelola"] else []
    duduk = [p for p in peserta if p.status == "terdaftar"]
    akses = akses_for(request.user)
    milik = None
    if akses.pegawai_id:
        milik = kegiatan.peserta.filter(pegawai_id=akses.pegawai_id).exclude(status="batal").first()
    daftar_form = DaftarForm(request.POST if "daftar" in request.POST else None)
    kehadiran_form = KehadiranForm(request.POST if "kehadiran" in request.POST else None, peserta=duduk)
    kelulusan_form = KelulusanForm(request.POST if "kelulusan" in request.POST else None, peserta=duduk)
    ulasan_form = UlasanForm(request.POST if "ulasan" in request.POST else None)
    status = 200
    if request.method == "POST":
        if "daftar" in request.POST:
            ok, status = run_form(
                daftar_form,
                lambda d: services.peserta_create(
                    actor=request.user, kegiatan=kegiatan, daftar_tunggu=d["daftar_tunggu"]
                ),
            )
            pesan = _("Pendaftaran tersimpan.")
        elif "kehadiran" in request.POST:
            ok, status = run_form(
                kehadiran_form,
                lambda d: services.kehadiran_set(
                    actor=request.user, kegiatan=kegiatan, tanggal=d["tanggal"], hadir=d["hadir"]
                ),
            )
            pesan = _("Kehadiran tersimpan.")
        elif "kelulusan" in request.POST:
            ok, status = run_form(
                kelulusan_form,
                lambda d: services.kelulusan_grant(actor=request.user, kegiatan=kegiatan, peserta=d["peserta"]),
            )
            pesan = _("Kelulusan tersimpan; JP dan sertifikat diberikan.")
        elif "ulasan" in request.POST:
            ok, status = run_form(
                ulasan_form,
                lambda d: services.ulasan_rate(
                    actor=request.user, kegiatan=kegiatan, nilai=d["nilai"], komentar=d["komentar"]
                ),
            )
            pesan = _("Terima kasih, ulasan Anda tersimpan.")
        else:
            ok, status, pesan = False, 400, ""
        if ok:
            messages.success(request, pesan)
            return redirect("pelatihan:kegiatan-detail", pk=kegiatan.pk)
    context = {
        "kegiatan": kegiatan,
        "aksi": aksi,
        "peserta_list": peserta,
        "milik": milik,
        "daftar_form": daftar_form,
        "kehadiran_form": kehadiran_form,
        "kelulusan_form": kelulusan_form,
        "ulasan_form": ulasan_form,
        "boleh_ulas": milik is not None and access.can_rate(request.user, milik),
        "ulasan_saya": getattr(milik, "ulasan", None) if milik is not None else None,
        "ringkasan_ulasan": selectors.ulasan_ringkasan(kegiatan) if aksi["kelola"] else None,
    }
    return render(request, "pelatihan/kegiatan_detail.html", context, status=status)


@login_required
@require_POST
def peserta_batal(request, pk: int):
    peserta = access.peserta_get_for_user(request.user, pk)
    try:
        services.peserta_revoke(actor=request.user, peserta=peserta)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Pendaftaran dibatalkan."))
    return redirect("pelatihan:kegiatan-detail", pk=peserta.kegiatan_id)


@login_required
@require_http_methods(["GET", "POST"])
def saya(request):
    pegawai = pegawai_of_account(request.user)
    tahun = int(request.GET.get("tahun") or selectors.tahun_berjalan(pegawai))
    form = EksternalForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        ok, status = run_form(
            form,
            lambda d: services.eksternal_submit(actor=request.user, **d),
        )
        if ok:
            messages.success(request, _("Pelatihan eksternal diajukan kepada pejabat penilai Anda."))
            return redirect("pelatihan:saya")
    context = {
        "buku": selectors.jp_buku(pegawai=pegawai, tahun=tahun),
        "peserta_list": list(selectors.peserta_milik(pegawai)),
        "eksternal_list": list(access.eksternal_visible(request.user).filter(pegawai=pegawai)),
        "form": form,
    }
    return render(request, "pelatihan/saya.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def tim(request):
    penilai = pegawai_of_account(request.user)
    bawahan = list(Pegawai.objects.filter(atasan=penilai, aktif=True).select_related("unit").order_by("nama"))
    if not bawahan:
        raise PermissionDenied(_("Halaman ini untuk pejabat penilai: Anda tidak memiliki bawahan langsung."))
    form = NominasiForm(request.POST if "nominasi" in request.POST else None, bawahan=bawahan)
    status = 200
    if request.method == "POST" and "nominasi" in request.POST:

        def _nominasi(d):
            kegiatan = access.kegiatan_get_for_user(request.user, d["kegiatan"])
            pilih = [p for p in bawahan if p.pk in d["pegawai"]]
            return services.peserta_create_nominasi(
                actor=request.user, kegiatan=kegiatan, pegawai=pilih, daftar_tunggu=d["daftar_tunggu"]
            )

        ok, status = run_form(form, _nominasi)
        if ok:
            messages.success(request, _("Nominasi tersimpan."))
            return redirect("pelatihan:tim")
    rekomendasi = rekomendasi_untuk(bawahan)
    context = {
        "form": form,
        "bawahan": bawahan,
        "kegiatan_list": [k for k in selectors.kegiatan_katalog() if k.pendaftaran_terbuka()],
        "menunggu": list(selectors.eksternal_menunggu(penilai)),
        "rekomendasi": [(p, rekomendasi[p.pk]) for p in bawahan if p.pk in rekomendasi],
        "aturan_padanan": aturan_padanan_teks(),
    }
    return render(request, "pelatihan/tim.html", context, status=status)


@login_required
@require_POST
def eksternal_putuskan(request, pk: int):
    obj = access.eksternal_get_for_user(request.user, pk)
    form = KeputusanForm(request.POST)
    ok, _status = run_form(
        form,
        lambda d: (services.eksternal_approve if d["keputusan"] == "setujui" else services.eksternal_return)(
            actor=request.user, eksternal=obj, catatan=d["catatan"]
        ),
    )
    if ok:
        messages.success(request, _("Keputusan tersimpan."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("pelatihan:tim")


def _tahun(request) -> int:
    try:
        return int(request.GET.get("tahun") or hari_ini().year)
    except ValueError:
        return hari_ini().year


def _unit_kepatuhan(request):
    """The unit drilled into (``?unit=<id>``, one the admin manages: 404 otherwise), or ``None``: his whole scope."""
    nilai = (request.GET.get("unit") or "").strip()
    if not nilai:
        return None
    if not nilai.isdigit():
        raise Http404(_("Unit kerja tidak ditemukan."))
    return selectors.kepatuhan_unit_get(request.user, int(nilai))


@login_required
def kepatuhan(request):
    access.require_lihat_agregat(request.user)
    tahun = _tahun(request)
    unit = _unit_kepatuhan(request)
    rows = selectors.kepatuhan_per_unit(user=request.user, tahun=tahun, unit=unit)
    sesudah = request.GET.get("sesudah", "")[:300]
    halaman = selectors.tertinggal_halaman(user=request.user, tahun=tahun, unit=unit, sesudah=sesudah)
    jumlah, patuh = sum(r.jumlah for r in rows), sum(r.patuh for r in rows)
    chart = {
        "labels": [r.unit_nama for r in rows],
        "patuh": [r.patuh for r in rows],
        "belum": [r.belum for r in rows],
    }
    context = {
        "tahun": tahun,
        "unit": unit,
        "rows": rows,
        "jumlah": jumlah,
        "patuh": patuh,
        "jumlah_tertinggal": jumlah - patuh,
        "tertinggal": halaman.baris,
        "berikut": halaman.berikut,
        "sesudah": sesudah,
        "chart": chart,
    }
    return render(request, "pelatihan/kepatuhan.html", context)


#: The most rows the XLSX export's list of who is behind holds (the province is ~65,000 people; a sheet holds
#: 1,048,576 rows): past it the sheet ends with a line saying so.
XLSX_BATAS_TERTINGGAL = 200_000


@login_required
def kepatuhan_xlsx(request):
    """The compliance table and the list of who is behind, as XLSX: written row by row (openpyxl's write-only
    mode) into a temporary file that spills to disk, then streamed out: the memory does not grow with the scope."""
    from openpyxl import Workbook

    access.require_lihat_agregat(request.user)
    tahun = _tahun(request)
    unit = _unit_kepatuhan(request)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Per unit"))
    ws.append([_("Unit kerja"), _("Jumlah pegawai"), _("Mencapai target JP"), _("Persen")])
    for r in selectors.kepatuhan_per_unit(user=request.user, tahun=tahun, unit=unit):
        ws.append([r.unit_nama, r.jumlah, r.patuh, r.persen])
    ws2 = wb.create_sheet(_("Tertinggal"))
    ws2.append([_("NIP"), _("Nama"), _("Unit kerja"), _("JP diakui"), _("Target"), _("Kekurangan")])
    baris = selectors.pegawai_tertinggal(user=request.user, tahun=tahun, unit=unit).values_list(
        "nip",
        "nama",
        "unit__nama",
        "jp_diakui",
        "target",
        "kurang",  # type: ignore[misc]  # annotations
    )
    for n, row in enumerate(baris.iterator(chunk_size=2000)):
        if n >= XLSX_BATAS_TERTINGGAL:
            ws2.append([_("Daftar dipotong pada %(n)s baris.") % {"n": XLSX_BATAS_TERTINGGAL}])
            break
        ws2.append(list(row))
    berkas = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - closed by FileResponse
    wb.save(berkas)
    berkas.seek(0)
    return FileResponse(berkas, as_attachment=True, filename=f"kepatuhan-jp-{tahun}.xlsx", content_type=MIME_XLSX)


@login_required
def sertifikat_unduh(request, pk: int):
    peserta = access.peserta_get_for_user(request.user, pk)
    try:
        require_selesai(peserta)
    except ValidationError as exc:
        return render(request, "pelatihan/pesan.html", {"pesan": " ".join(exc.messages)}, status=409)
    url = request.build_absolute_uri(reverse("pelatihan:verifikasi-kode", args=[peserta.kode_verifikasi]))
    response = HttpResponse(sertifikat_pdf(peserta=peserta, url_verifikasi=url), content_type=MIME_PDF)
    response["Content-Disposition"] = f'attachment; filename="{nama_berkas(peserta)}"'
    return response


def verifikasi(request, kode: str | None = None):
    """Public (no login): the four facts of a certificate, or a plain 404."""
    form = VerifikasiForm(request.GET or None)
    if kode is None and form.is_valid():
        return redirect("pelatihan:verifikasi-kode", kode=form.cleaned_data["kode"].strip())
    hasil, status, pesan = None, 200, ""
    if kode is not None:
        try:
            hasil = sertifikat_check(kode)
        except Http404 as exc:
            status, pesan = 404, str(exc)
    return render(request, "pelatihan/verifikasi.html", {"form": form, "hasil": hasil, "pesan": pesan}, status=status)
