from django.urls import path

from . import views

urlpatterns = [
    path("", views.find_unit, name="find_unit"),
]
