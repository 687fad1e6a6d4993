"""The pages about the API, for people: mounted at /open311/ beside the API at /open311/v2/.

Apart from open311.urls so that the site's language prefix, when there is one, can take the
pages without moving the API's addresses, which apps have stored.
"""

from django.urls import path

from . import developers

app_name = "open311_docs"

urlpatterns = [
    path("", developers.developer_page, name="developers"),
]
