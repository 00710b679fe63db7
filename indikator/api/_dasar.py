"""Pieces the indikator API modules share: the ``?versi=`` of a delete, the file downloads, the period of a
request."""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, renderers

from indikator import selectors
from indikator.api import serializers_input as si
from indikator.models import (
    PeriodePenilaian,
)
from kinerja.api import error_responses

VERSI_QUERY = OpenApiParameter(
    "versi", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True, description="Versi SKP yang Anda baca."
)


def _versi_query(request) -> int:
    try:
        versi = int(request.query_params.get("versi", ""))
    except ValueError as exc:
        raise exceptions.ValidationError({"versi": [_("Sertakan ?versi= (versi SKP yang Anda baca).")]}) from exc
    return versi


class BerkasRenderer(renderers.BaseRenderer):
    """For the file downloads: accepts any ``Accept`` (``application/pdf``, the XLSX type …) so that a client may
    ask for the file's own type. The file itself is returned as a plain Django response and never passes through
    a renderer; an error body does, and is written as JSON (the one error shape) with a JSON content type."""

    media_type = "*/*"
    format = "json"  # what it writes itself is JSON (errors); no extra ?format= value in the schema
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return renderers.JSONRenderer().render(data, "application/json", renderer_context)


BERKAS_RENDERERS = [renderers.JSONRenderer, BerkasRenderer]


def _berkas_responses(media_type: str | tuple[str, ...], *codes: int) -> dict:
    """``responses=`` of a download: the file (one media type, or each type it may have), and the errors
    documented as JSON only (the renderer above)."""
    media_types = (media_type,) if isinstance(media_type, str) else media_type
    return {
        **{(200, media): OpenApiTypes.BINARY for media in media_types},
        **{(code, "application/json"): resp for code, resp in error_responses(*codes).items()},
    }


def _periode(pk) -> PeriodePenilaian:
    """A period named by id in a request (periods are reference data: an unknown id is bad input, a 400)."""
    periode = PeriodePenilaian.objects.filter(pk=pk).first()
    if periode is None:
        raise exceptions.ValidationError({"periode": [_("Periode tidak ditemukan.")]})
    return periode


def _periode_query(request, form_class=si.PeriodeQuerySerializer) -> tuple[PeriodePenilaian, dict]:
    """``?periode=`` when given, else the period the pages show (this year's, or the latest open one)."""
    form = form_class(data=request.query_params)
    form.is_valid(raise_exception=True)
    data = form.validated_data
    if data.get("periode") is not None:
        return _periode(data["periode"]), data
    periode = selectors.periode_aktif()
    if periode is None:
        raise Http404(_("Belum ada periode penilaian."))
    return periode, data


def _berkas(isi: bytes, *, content_type: str, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
