from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("nytt/", views.proposal_new, name="new"),
    path("nytt/skickat/", views.proposal_sent, name="sent"),
    path("nytt/signerat/", views.proposal_signed, name="new_signed"),
    path("bekrafta/", views.proposal_confirm, name="confirm"),
    path("export.json", views.export_json, name="export_json"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("oppna-data/", views.open_data_page, name="open_data"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/rosta/skickat/", views.vote_sent, name="vote_sent"),
    path("<int:pk>/rosta/<slug:verifier>/start/", views.vote_begin, name="vote_begin"),
    path("<int:pk>/rosta/<slug:verifier>/", views.vote_callback, name="vote_callback"),
]
