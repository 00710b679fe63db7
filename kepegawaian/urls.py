from django.urls import path  # noqa: F401

app_name = "kepegawaian"

# HTML pages of this app; filled by the issue that builds the app.
urlpatterns: list = []
