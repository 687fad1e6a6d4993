from django.urls import path

from . import staff, views

app_name = "identity"

urlpatterns = [
    path("e-legitimation/svar/", views.resident_return, name="resident_return"),
    path("personal/", staff.begin, name="staff_begin"),
    path("personal/svar/", staff.complete, name="staff_return"),
]
