"""HTML pages of ``penilaian``, split by sub-domain as the services are."""
