"""The API of SKP planning and realisation (``/api/v1/``), one module per sub-domain (the same names as
``services/`` and ``views/``); the routes are in ``indikator.api.urls``.

Thin views: objects come through ``indikator.access`` (not visible: 404), reads through ``indikator.selectors``,
writes through ``indikator.services`` (visible but not allowed: 403; bad input: 400 with Indonesian messages; a
stale ``versi``: 409, mapped once by ``kinerja.api.exception_handler``). One error shape (``kinerja.api``); each
endpoint's OpenAPI entry is one ``kinerja.api.api_doc`` line.
"""
