"""The JSON API keeps its contract: the OpenAPI document is a valid OpenAPI 3.1
description, and real answers from the running server match the schemas in it."""

import urllib.parse

import pytest
import requests
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry
from referencing.jsonschema import DRAFT202012


@pytest.fixture(scope="module")
def document(base_url):
    response = requests.get(f"{base_url}/api/openapi.json", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    return response.json()


def schema_validator(document, name):
    """A validator for one component schema, resolving its $refs inside the document."""
    registry = Registry().with_resource("urn:rapport", DRAFT202012.create_resource(document))
    schema = {"$ref": f"urn:rapport#/components/schemas/{name}"}
    return Draft202012Validator(schema, registry=registry)


def assert_matches(document, name, value):
    errors = sorted(schema_validator(document, name).iter_errors(value), key=lambda error: list(error.path))
    assert not errors, f"{name} does not match its schema: " + "; ".join(
        f"{'/'.join(map(str, error.path))}: {error.message}" for error in errors[:5])


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    validate_openapi(document)


@pytest.mark.parametrize("query", [
    "",
    "near=Birmingham&radius_miles=25&sort=nearest",
    "q=relationships&format=online&per_page=50",
    "kind=coach&accepting=any&sort=fee",
    "topic=anxiety&free_first=true&max_fee=80",
])
def test_search_answers_match_the_schema(document, base_url, query):
    response = requests.get(f"{base_url}/api/v1/practitioners?{query}", timeout=10)
    assert response.status_code == 200, response.text
    body = response.json()
    assert_matches(document, "PractitionerList", body)
    if "near=" in query and "format=online" not in query:
        assert all(result["distance_miles"] is not None for result in body["results"])


def test_one_practitioner_matches_the_schema(document, base_url):
    first = requests.get(f"{base_url}/api/v1/practitioners?per_page=1", timeout=10).json()["results"][0]
    detail = requests.get(f"{base_url}/api/v1/practitioners/{first['slug']}", timeout=10)
    assert detail.status_code == 200
    assert_matches(document, "PractitionerDetail", detail.json())


@pytest.mark.parametrize("path, schema", [("/api/v1/topics", "TaxonomyEntry"), ("/api/v1/approaches", "TaxonomyEntry"),
                                          ("/api/v1/places?prefix=new", "Place")])
def test_lists_match_their_schemas(document, base_url, path, schema):
    response = requests.get(f"{base_url}{path}", timeout=10)
    assert response.status_code == 200
    items = response.json()
    assert items, f"{path} returned nothing"
    for item in items:
        assert_matches(document, schema, item)


@pytest.mark.parametrize("query, code", [
    ("radius_miles=-1", "invalid_parameter"),
    ("near=Harrogat", "unknown_place"),
    ("near=Newport", "ambiguous_place"),
    ("q=" + urllib.parse.quote("x" * 10_000), "invalid_parameter"),
])
def test_errors_match_the_schema(document, base_url, query, code):
    response = requests.get(f"{base_url}/api/v1/practitioners?{query}", timeout=10)
    assert response.status_code == 400
    body = response.json()
    assert_matches(document, "Error", body)
    assert body["error"]["code"] == code
