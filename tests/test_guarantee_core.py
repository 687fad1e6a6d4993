import pytest

pytestmark = pytest.mark.django_db


def test_a_published_guarantee_is_served_under_its_area(client, guarantee):
    response = client.get(guarantee.url)
    assert response.status_code == 200
    assert "Förskolan Solrosen" in response.content.decode()
    assert guarantee.url == "/forskola/forskolan-solrosen/"
