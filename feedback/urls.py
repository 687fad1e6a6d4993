from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.general, name="general"),
    path("formular-nyckel/", views.form_parts, name="form_parts"),
    path("enhet/<int:unit_id>/skicka/", views.unit_submit, name="unit_submit"),
    path("kvitto/<str:reference>/", views.receipt, name="receipt"),
    path("arende/<str:token>/", views.track, name="track"),
]
