from django.urls import path, register_converter

from . import views


class FormatConverter:
    regex = "json|xml"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "open311format")

app_name = "open311"

urlpatterns = [
    path("", views.discovery, {"fmt": "json"}, name="root"),
    path("discovery.<open311format:fmt>", views.discovery, name="discovery"),
    path("services.<open311format:fmt>", views.service_list, name="services"),
    path(
        "services/<str:code>.<open311format:fmt>",
        views.service_definition,
        name="service_definition",
    ),
    path("requests.<open311format:fmt>", views.service_requests, name="requests"),
    path(
        "requests/<str:reference>.<open311format:fmt>",
        views.service_request,
        name="request",
    ),
    # Any other .json or .xml path: the specification's error format, not an HTML 404.
    path("<path:unknown>.<open311format:fmt>", views.not_found, name="unknown"),
]
