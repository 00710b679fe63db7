"""Pages of laporan: the public site (``publik``, no login) and the admins' pages (``kelola``)."""
