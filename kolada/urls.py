from django.urls import path

from . import views

app_name = "kolada"

urlpatterns = [
    path("", views.municipality, name="municipality"),
    path("omrade/<int:area_id>/", views.area, name="area"),
]
