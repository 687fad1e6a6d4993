from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("", views.report_index, name="report_index"),
    path("<int:committee_id>/<int:year>/", views.public_report, name="public_report"),
    path("<int:committee_id>/<int:year>/csv/", views.public_report_csv, name="public_report_csv"),
]
