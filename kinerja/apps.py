from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = "Kinerja"

    def ready(self) -> None:
        # Every app's to-do items (``<app>/tugas.py``) register themselves with kinerja.tugas.penyedia.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tugas")
