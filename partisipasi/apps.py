from django.apps import AppConfig


class PartisipasiConfig(AppConfig):
    name = "partisipasi"
