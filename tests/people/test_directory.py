"""The directory: by name (accents folded), department, location and skill; paginated."""

import pytest
from django.urls import reverse

from intranet.people.models import Department, Location
from intranet.people.services import employee_leave, profile_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(make_person):
    sales, it = Department.objects.create(name="Sales"), Department.objects.create(name="IT")
    lyon = Location.objects.create(name="Lyon")
    make_person("helene", first_name="Hélène", last_name="Lefèvre", department=sales,
                location=lyon, skills=["Negotiation"])
    make_person("hugo", first_name="Hugo", last_name="Martin", department=it,
                skills=["Linux", "Networking"])
    make_person("zoe", first_name="Zoé", last_name="Brown", department=it, location=lyon)
    return make_person("viewer", first_name="Vera", last_name="Viewer")


def usernames(response) -> list[str]:
    return [person["username"] for person in response.json()["results"]]


@pytest.mark.smoke
@pytest.mark.parametrize(("query", "expected"), [
    ("helene", ["helene"]), ("Hélène", ["helene"]), ("LEFEVRE", ["helene"]),
    ("hel lef", ["helene"]), ("zoe", ["zoe"]), ("nobody", []),
])
def test_search_by_name_folds_accents_and_case(company, api_for, query, expected):
    assert usernames(api_for(company).get("/api/v1/people/", {"q": query})) == expected


def test_filters_by_department_location_and_skill(company, api_for):
    api = api_for(company)
    assert usernames(api.get("/api/v1/people/", {"department": "IT"})) == ["hugo", "zoe"]
    assert usernames(api.get("/api/v1/people/", {"location": "Lyon"})) == ["helene", "zoe"]
    assert usernames(api.get("/api/v1/people/", {"skill": "linux"})) == ["hugo"]
    assert usernames(api.get("/api/v1/people/",
                             {"department": "IT", "location": "Lyon"})) == ["zoe"]


def test_leavers_leave_the_directory(company, api_for, make_person):
    hugo = type(company).objects.get(username="hugo")
    employee_leave(actor=None, profile=profile_ensure(user=hugo))
    api = api_for(company)
    assert "hugo" not in usernames(api.get("/api/v1/people/"))
    person = api.get("/api/v1/people/hugo/").json()
    assert person["is_former_employee"] is True


def test_api_pages_with_a_cursor(make_person, api_for):
    viewer = make_person("aaa-viewer")
    for n in range(25):
        make_person(f"person{n:02d}", first_name=f"Person {n:02d}")
    first = api_for(viewer).get("/api/v1/people/").json()
    assert len(first["results"]) == 20
    second = api_for(viewer).get(first["next"]).json()
    names = [p["username"] for p in first["results"] + second["results"]]
    assert len(names) == len(set(names)) == 26
    assert second["next"] is None


def test_directory_page_filters_and_paginates(company, client_for):
    client = client_for(company)
    page = client.get(reverse("people:directory"), {"department": "IT"}).content.decode()
    assert "Hugo Martin" in page and "Zoé Brown" in page and "Hélène" not in page


def test_directory_query_count_is_constant(company, make_person, api_for,
                                           django_assert_max_num_queries):
    api = api_for(company)
    api.get("/api/v1/people/")
    for n in range(15):
        make_person(f"extra{n}", skills=["Python", f"Skill {n}"])
    with django_assert_max_num_queries(12):
        response = api.get("/api/v1/people/")
    assert len(response.json()["results"]) == 19
