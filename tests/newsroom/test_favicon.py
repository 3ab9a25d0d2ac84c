"""/favicon.ico, which browsers fetch on pages that name no icon (the admin's)."""

from django.contrib.staticfiles import finders
from django.templatetags.static import static


def test_favicon_ico_leads_to_the_site_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.svg")
    assert finders.find("img/favicon.svg")
