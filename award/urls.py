from django.urls import path

from . import views

app_name = "award"

urlpatterns = [
    path("", views.index, name="index"),
    path("nominera/", views.nominate, name="nominate"),
    path("nominera/skickat/", views.sent, name="sent"),
    path("nominera/signerad/", views.signed, name="signed"),
    path("bekrafta/", views.confirm, name="confirm"),
    path("<int:year>/", views.year, name="year"),
]
