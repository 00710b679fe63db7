"""Pages of SKP planning and realisation, one module per sub-domain (the same names as ``services/`` and ``api/``;
the routes are in ``indikator.urls``). Thin: every object is fetched through ``indikator.access`` (what the
user may not see is a 404), every read of a page through ``indikator.selectors``, every write through
``indikator.services`` (which checks who may act: a visible object the user may not change is a 403).

A refused write re-renders the page with the user's input kept and the service's Indonesian message next to the
field it concerns (status 400). A version conflict (the SKP changed in another tab since the form was loaded)
re-renders with status 409, the user's input kept, and the form carrying the new version, so that saving again
is a deliberate choice and nothing is lost silently.
"""
