"""HTML pages of kepegawaian, by sub-domain: ``unit_pegawai`` (organisation, unit, pegawai, profile, audit), ``akun``
(a pegawai's login, granted admin roles) and ``impor`` (the HR import). ``kepegawaian.urls`` routes them."""
