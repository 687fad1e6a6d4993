"""A client that speaks only Open311, over real HTTP, from the service list to the reply."""

import json
import urllib.error
import urllib.request
from urllib.parse import urlencode
from xml.etree import ElementTree

from feedback import services
from feedback.models import Feedback


class Open311Client:
    """What an app knows: the endpoint's address, its key, and the specification."""

    def __init__(self, base_url, api_key):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key

    def _open(self, request):
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 -- loopback
                return response.status, response.headers["Content-Type"], response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read()

    def get(self, path, fmt="json"):
        status, content_type, body = self._open(f"{self.base_url}/{path}.{fmt}")
        assert status == 200, body
        if fmt == "xml":
            assert content_type == "text/xml; charset=utf-8"
            return ElementTree.fromstring(body)  # noqa: S314 -- our own server's answer
        assert content_type == "application/json; charset=utf-8"
        return json.loads(body)

    def post_request(self, fields):
        body = urlencode({"api_key": self.api_key, **fields}).encode()
        request = urllib.request.Request(  # noqa: S310 -- loopback
            f"{self.base_url}/requests.json",
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
            method="POST",
        )
        status, _type, answer = self._open(request)
        return status, json.loads(answer)


def test_an_open311_app_files_a_complaint_about_a_commitment_and_reads_the_reply(
    live_server, guarantee, api_key
):
    from django.contrib.auth import get_user_model

    discovery = Open311Client(f"{live_server.url}/open311/v2", api_key).get("discovery")
    (endpoint,) = discovery["endpoints"]
    app = Open311Client(endpoint["url"], api_key)

    listed = app.get("services")
    complaint = next(
        s
        for s in listed
        if s["group"] == "Förskola"
        and "Förskolan Solrosen" in s["service_name"]
        and s["keywords"].startswith("Klagomål")
    )
    definition = app.get(f"services/{complaint['service_code']}", fmt="xml")
    attributes = {a.findtext("code"): a for a in definition.iter("attribute")}
    dimension = attributes["dimension"].find("values/value").findtext("key")
    commitment = next(
        value
        for value in attributes["commitment"].iter("value")
        if value.findtext("name") == "Enhetsåtagande 1"
    )

    status, answer = app.post_request(
        {
            "service_code": complaint["service_code"],
            "description": "Ni lovade svar inom en vecka men inget har hänt.",
            "email": "karin@example.se",
            "first_name": "Karin",
            "attribute[dimension]": dimension,
            "attribute[commitment]": commitment.findtext("key"),
        }
    )
    assert status == 200, answer
    reference = answer[0]["service_request_id"]
    (state,) = app.get(f"requests/{reference}")
    assert (state["status"], state["status_notes"]) == ("open", None)

    case = Feedback.objects.get(reference=reference)
    assert case.commitment.title == "Enhetsåtagande 1" and case.is_open
    handler = get_user_model().objects.create_superuser("handler", "h@example.se", "pw")
    services.answer(case, "Hej Karin, vi har infört en ny rutin för återkoppling.", handler)

    (state,) = app.get(f"requests/{reference}")
    assert state["status_notes"] == "Hej […], vi har infört en ny rutin för återkoppling."
    listing = app.get("requests", fmt="xml")
    mine = [r for r in listing.iter("request") if r.findtext("service_request_id") == reference]
    assert mine[0].findtext("status_notes") == state["status_notes"]
