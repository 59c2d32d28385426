import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_health():
    response = Client().get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_region_detail_with_path_and_children():
    from tests import factories

    factories.regions()
    body = Client().get("/api/v1/regions/350600").json()
    assert body["name"] == "漳州市"
    assert [r["code"] for r in body["path"]] == ["350000", "350600"]
    assert {r["code"] for r in body["children"]} == {"350602", "350603"}


@pytest.mark.parametrize(
    ("code", "error_code"),
    [
        ("350699", "region.unknown"),
        ("35069", "identifier.region_code.length"),
        ("3506AB", "identifier.region_code.characters"),
    ],
)
def test_bad_region_codes_are_problem_json(code, error_code):
    response = Client().get(f"/api/v1/regions/{code}")
    assert response.status_code in (404, 422)
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == error_code
    assert body["status"] == response.status_code
    assert body["title"]
    assert body["instance"] == response["X-Request-ID"]


def test_unknown_route_is_problem_json():
    response = Client().get("/api/v1/no-such-thing")
    assert response.status_code == 404


def test_openapi_document_is_served():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/health" in response.json()["paths"]
