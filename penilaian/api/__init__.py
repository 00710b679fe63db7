"""The API of ``penilaian`` (DRF, thin), split by sub-domain as the services are."""
