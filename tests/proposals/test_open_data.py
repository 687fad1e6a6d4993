"""The proposals' open-data page: every field the export writes, what it means, the licence."""

import json

import pytest

from proposals import open_data

pytestmark = pytest.mark.django_db


def test_the_open_data_page_documents_every_exported_field_and_the_licence(
    client, home_page, make_proposal
):
    make_proposal(title="Fler bänkar")
    page = client.get("/e-forslag/oppna-data/").content.decode()
    exported = json.loads(client.get("/e-forslag/export.json").content)
    (row,) = exported["proposals"]
    assert list(row) == open_data.EXPORT_FIELDS
    csv_header = client.get("/e-forslag/export.csv").content.decode("utf-8-sig").splitlines()[0]
    assert csv_header.split(";") == open_data.EXPORT_FIELDS
    for name in open_data.EXPORT_FIELDS:
        assert f"<code>{name}</code>" in page
    assert exported["license"] == open_data.LICENCE_URL
    assert f'href="{open_data.LICENCE_URL}"' in page and "CC0 1.0" in page
    assert "<code>answered</code>" in page and "<code>partly_approved</code>" in page
    # The proposals' list leads to it.
    assert 'href="/e-forslag/oppna-data/"' in client.get("/e-forslag/").content.decode()
