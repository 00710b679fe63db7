"""File types every app names the same way (downloads, uploads, content checks)."""

MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIME_PDF = "application/pdf"
MIME_CSV = "text/csv"
