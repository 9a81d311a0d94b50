"""The HR import: `manage.py import_employees FILE.csv` and the importer behind it."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import ModelLogEntry

from intranet.core.errors import Forbidden
from intranet.people.importer import MalformedFile, Report, import_employees
from intranet.people.models import Department, Location, Profile
from intranet.people.selectors import directory

pytestmark = pytest.mark.django_db

User = get_user_model()
SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "employees.csv"
HEADER = "employee_id,username,first_name,last_name,manager_employee_id"


def csv_file(tmp_path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    path = tmp_path / "employees.csv"
    path.write_bytes(text.encode(encoding))
    return path


def run(path: Path, *args: str) -> tuple[str, CommandError | None]:
    """The command's output, and the CommandError it ended with, if any."""
    out = io.StringIO()
    try:
        call_command("import_employees", str(path), *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def load(text: str, **options) -> Report:
    return import_employees(actor=None, data=text.encode(), **options)


def profile(employee_id: str) -> Profile:
    return Profile.objects.select_related("user", "manager").get(employee_id=employee_id)


def footprint() -> tuple[int, ...]:
    return (User.objects.count(), Profile.objects.exclude(employee_id=None).count(),
            User.objects.filter(is_active=False).count(), Department.objects.count(),
            Location.objects.count(), ModelLogEntry.objects.count(),
            sum(len(p.job_title) for p in Profile.objects.all()))


@pytest.mark.smoke
def test_the_sample_file_imports_and_a_second_run_changes_nothing(tmp_path):
    output, error = run(SAMPLE, "--no-progress")
    assert error is None
    assert "Created 10, updated 0, unchanged 0, rejected 0." in output
    assert profile("E1003").manager == profile("E1002")
    assert profile("E1002").manager == profile("E1001")  # whose row comes last
    leaver = profile("E1006")
    assert not leaver.user.is_active and leaver.left_at is not None
    assert Department.objects.filter(name="Human Resources").exists()
    assert sorted(profile("E1007").skills.names()) == ["Coaching", "Employment law"]
    assert profile("E1007").languages == ["fr", "en", "es"]

    output, error = run(SAMPLE)
    assert error is None
    assert "Created 0, updated 0, unchanged 10, rejected 0." in output


@pytest.mark.smoke
def test_accented_names_round_trip(tmp_path):
    run(csv_file(tmp_path, f"{HEADER},job_title\n"
                           "E1,hlefevre,Hélène,Lefèvre,,Responsable Ressources Humaines\n"))
    helene = profile("E1")
    assert (helene.user.first_name, helene.user.last_name) == ("Hélène", "Lefèvre")
    assert helene.user.get_display_name() == "Hélène Lefèvre"
    viewer = User.objects.create_user("viewer")
    assert list(directory(viewer=viewer, q="helene lefevre")) == [helene]


@pytest.mark.smoke
def test_french_excel_export_with_bom_and_semicolons(tmp_path):
    text = ("employee_id;username;first_name;last_name;job_title;skills;start_date\r\n"
            'E1;amelie;Amélie;Faure;"Chargée de paie; RH";Paie|Excel;2024-09-02\r\n'
            "E2;noel;Noël;Guérin;Comptable;;\r\n")
    output, error = run(csv_file(tmp_path, text, encoding="utf-8-sig"))
    assert error is None, output
    assert "Created 2," in output
    amelie = profile("E1")
    assert amelie.user.first_name == "Amélie"
    assert amelie.job_title == "Chargée de paie; RH"
    assert sorted(amelie.skills.names()) == ["Excel", "Paie"]
    assert str(amelie.start_date) == "2024-09-02"


def thousand_rows() -> str:
    lines = ["employee_id,username,first_name,last_name,email,job_title,department,team,"
             "location,manager_employee_id,phone,start_date,status,skills,languages"]
    for n in range(995, 0, -1):  # reports before their managers
        manager = f"E{max(n // 5, 1):04d}" if n > 1 else ""
        lines.append(f"E{n:04d},user{n},Hélène{n},Lefèvre,user{n}@example.com,Engineer,"
                     f"Department {n % 12},Team {n % 7},Site {n % 5},{manager},"
                     f"+33 1 00 00 {n:04d},2020-01-{n % 28 + 1:02d},active,Python|Django,fr|en")
    bad = ["E2001,bad1,Bad,Date,,,,,,E0001,,2024-13-01,,,",
           "E2003,bad3,Bad,Manager,,,,,,M999,,,,,",
           "E2004,taken,Bad,Username,,,,,,E0001,,,,,",
           "E2005,bad5,Bad,Status,,,,,,E0001,,,retired,,"]
    for position, row in zip((10, 200, 450, 700), bad, strict=True):
        lines.insert(position, row)
    lines.append("E0004,bad2,Bad,Duplicate,,,,,,E0001,,,,,")
    return "\n".join(lines) + "\n"


def test_a_thousand_rows_with_five_bad_ones(tmp_path, make_person,
                                            django_assert_max_num_queries):
    make_person("taken", employee_id="X1")
    path = csv_file(tmp_path, thousand_rows())
    output, error = run(path)
    assert error is not None and error.returncode == 2
    assert "Created 995, updated 0, unchanged 0, rejected 5." in output
    assert [line.strip() for line in output.splitlines()[1:]] == [
        "line 11: start_date 2024-13-01 is not a date (YYYY-MM-DD)",
        "line 201: manager M999 not found",
        "line 451: username taken is taken by another employee (X1)",
        "line 701: status retired is not active, left or leaver",
        "line 1001: duplicate employee_id E0004 (also on line 997)"]
    assert Profile.objects.exclude(employee_id=None).count() == 996
    assert profile("E0995").manager.manager.manager.manager == profile("E0001")
    assert Department.objects.count() == 12

    with django_assert_max_num_queries(20):  # nothing per row when nothing changed
        again = import_employees(actor=None, data=path.read_bytes())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 995)
    assert [str(rejection) for rejection in again.rejected] == [
        line.strip() for line in output.splitlines()[1:]]


@pytest.mark.parametrize(("content", "reason"), [
    (b"username,first_name\nana,Ana\n", "the column employee_id is missing"),
    (b"employee_id,username,email,email\nE1,ana,a@example.com,b@example.com\n",
     "duplicate columns email"),
    (b"employee_id,username,salary\nE1,ana,100\n", "Broken header: unknown columns “salary”"),
    ("employee_id,username,first_name\nE1,ana,Hélène\n".encode("latin-1"),
     "not UTF-8 text (line 2, byte 0xe9)"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "not a CSV text file"),
    (b"", "empty"),
    (b'employee_id,username,job_title\nE8,zoe,Engineer\nE1,ana,"Engineer\n',
     "Line 3 is not valid CSV (unexpected end of data)"),
])
def test_a_malformed_file_changes_nothing_and_says_why(tmp_path, content, reason):
    path = tmp_path / "employees.csv"
    path.write_bytes(content)
    before = footprint()
    _output, error = run(path)
    assert error is not None and error.returncode == 1
    assert reason in str(error)
    assert footprint() == before
    with pytest.raises(MalformedFile):
        import_employees(actor=None, data=path.read_bytes())


def test_bad_rows_are_rejected_one_by_one_with_their_reason():
    report = load(f"{HEADER},email,languages\n"
                  "E1,ana,Ana,Lima,,ana@example.com,pt|en\n"
                  "E2,,Nobody,Named,,,\n"
                  "E3,bo b,Bob,Stone,,,\n"
                  "E4,carl,Carl,Grey,,not-an-address,\n"
                  "E5,dora,Dora,Black,,,xx\n"
                  "E6,ana,Ana,Again,,,\n"
                  "E7,eve,Eve\n"
                  ",fay,Fay,Brown,,,\n")
    assert report.created == 1
    assert [str(r) for r in report.rejected] == [
        "line 3: username is required for a new employee",
        "line 4: username bo b: Enter a valid username. This value may contain only letters, "
        "numbers, and @/./+/-/_ characters.",
        "line 5: email not-an-address: Enter a valid email address.",
        "line 6: languages: xx is not an ISO language code (en, fr, de...)",
        "line 7: username ana is also on line 2",
        "line 8: 3 fields, but the header has 7",
        "line 9: employee_id is empty"]
    assert profile("E1").languages == ["pt", "en"]


def test_managers_resolve_in_any_order_and_from_the_database(make_person):
    make_person("boss", employee_id="B0")
    report = load(f"{HEADER}\nE3,three,Three,,E2\nE2,two,Two,,E1\nE1,one,One,,B0\n")
    assert (report.created, report.rejected) == (3, [])
    assert profile("E3").manager == profile("E2")
    assert profile("E2").manager == profile("E1")
    assert profile("E1").manager == profile("B0")


def test_unknown_managers_and_reporting_loops_are_rejected():
    report = load(f"{HEADER}\n"
                  "A,a,Ann,,B\n"
                  "B,b,Ben,,A\n"
                  "C,c,Cat,,A\n"
                  "D,d,Dan,,M999\n"
                  "S,s,Sam,,S\n"
                  "F,f,Fay,,\n")
    assert report.created == 1
    assert [str(r) for r in report.rejected] == [
        "line 2: reporting loop A → B → A",
        "line 3: reporting loop B → A → B",
        "line 4: manager A is rejected (line 2)",
        "line 5: manager M999 not found",
        "line 6: reporting loop S → S"]
    assert list(Profile.objects.exclude(employee_id=None).values_list("employee_id",
                                                                        flat=True)) == ["F"]


def test_a_loop_through_people_already_in_the_database_is_rejected(make_person):
    load(f"{HEADER}\nX2,x2,Top,,\nX1,x1,Below,,X2\nX3,x3,Side,,\n")
    report = load("employee_id,manager_employee_id\nX2,X1\nX3,X1\n")
    assert [str(r) for r in report.rejected] == ["line 2: reporting loop X2 → X1 → X2"]
    assert report.updated == 1
    assert profile("X2").manager is None
    assert profile("X3").manager == profile("X1")


@pytest.mark.smoke
def test_a_leaver_cannot_sign_in_leaves_the_directory_but_stays_on_record(make_person):
    ana = make_person("ana", employee_id="E1", password="pw-for-tests-1")
    viewer = make_person("viewer")
    assert Client().login(username="ana", password="pw-for-tests-1")

    report = load("employee_id,status\nE1,left\n")
    assert report.updated == 1
    assert authenticate(username="ana", password="pw-for-tests-1") is None
    assert not Client().login(username="ana", password="pw-for-tests-1")
    assert ana not in [p.user for p in directory(viewer=viewer)]
    assert User.objects.filter(pk=ana.pk, is_active=False).exists()
    assert ModelLogEntry.objects.filter(action="intranet.profile.leave",
                                        object_id=str(ana.profile.pk)).count() == 1
    assert load("employee_id,status\nE1,leaver\n").unchanged == 1

    assert load("employee_id,status\nE1,active\n").updated == 1
    assert Client().login(username="ana", password="pw-for-tests-1")
    assert ana in [p.user for p in directory(viewer=viewer)]


def test_new_accounts_have_no_usable_password():
    load(f"{HEADER}\nE1,ana,Ana,Lima,\n")
    assert not profile("E1").user.has_usable_password()


def test_a_dry_run_changes_nothing_and_reports_what_the_real_run_does(tmp_path, make_person):
    make_person("ana", employee_id="E1", job_title="Intern")
    make_person("bob", employee_id="E2")
    text = ("employee_id,username,first_name,job_title,department,manager_employee_id,status\n"
            "E1,,Ana,Engineer,Research,E3,active\n"
            "E2,,Bob,,,,left\n"
            "E3,cleo,Cléo,Director,Research,,\n"
            "E4,dan,Dan,,,M999,\n"
            "E5,eve,Eve,,,,retired\n")
    before = footprint()
    dry = load(text, dry_run=True)
    assert footprint() == before
    assert (dry.created, dry.updated, dry.unchanged, len(dry.rejected)) == (1, 2, 0, 2)

    output, error = run(csv_file(tmp_path, text), "--dry-run")
    assert output.startswith("Dry run: nothing was changed.")
    assert error.returncode == 2
    assert footprint() == before

    assert load(text) == dry
    assert footprint() != before


def test_one_audit_entry_per_created_or_updated_profile():
    text = f"{HEADER},job_title\nE1,ana,Ana,Lima,,Engineer\nE2,bob,Bob,Stone,E1,Designer\n"
    load(text)
    entries = ModelLogEntry.objects.filter(action="intranet.profile.import")
    assert entries.count() == 2
    assert not ModelLogEntry.objects.filter(action="intranet.profile.edit").exists()
    bob = entries.get(object_id=str(profile("E2").pk))
    assert bob.user is None
    assert bob.data["changes"]["manager"] == {"from": "", "to": "E1"}
    assert bob.data["changes"]["first_name"] == {"from": "", "to": "Bob"}

    load(text)
    assert entries.count() == 2

    report = load(text.replace("Designer", "Lead Designer"))
    assert (report.updated, report.unchanged) == (1, 1)
    assert entries.count() == 3
    assert entries.latest("pk").data == {
        "changes": {"job_title": {"from": "Designer", "to": "Lead Designer"}}}


def test_absent_columns_are_kept_and_an_empty_username_keeps_the_account(make_person):
    ana = make_person("ana", first_name="Ana", last_name="Lima", employee_id="E1",
                      phone="+33 1 23", job_title="Intern")
    report = load("employee_id,username,job_title\nE1,,Engineer\n")
    assert report.updated == 1
    ana = profile("E1")
    assert (ana.user.username, ana.user.first_name, ana.phone, ana.job_title) == (
        "ana", "Ana", "+33 1 23", "Engineer")


def test_an_account_made_before_the_import_is_taken_over_by_username(make_person):
    ana = make_person("ana", first_name="Ana", last_name="Lima")
    report = load(f"{HEADER}\nE1,ana,Ana,Lima,\n")
    assert (report.created, report.updated) == (0, 1)
    assert profile("E1").user == ana


def test_a_name_change_updates_the_display_name_unless_the_person_chose_one(make_person):
    make_person("ana", first_name="Ana", last_name="Lima", employee_id="E1")
    make_person("bob", first_name="Robert", last_name="Stone", employee_id="E2",
                display_name="Bobby")
    load(f"{HEADER}\nE1,ana,Ana,Lefèvre,\nE2,bob.stone,Rob,Stone,\n")
    assert profile("E1").user.get_display_name() == "Ana Lefèvre"
    bob = profile("E2").user
    assert (bob.username, bob.first_name, bob.get_display_name()) == ("bob.stone", "Rob", "Bobby")


def test_departments_and_locations_match_whatever_the_case(make_person):
    make_person("ana", employee_id="E1", department=Department.objects.create(name="Sales"))
    report = load("employee_id,department,location\nE1,sales,Paris\n")
    assert report.unchanged == 0 and report.updated == 1  # the new location
    assert list(Department.objects.values_list("name", flat=True)) == ["Sales"]
    assert load("employee_id,department,location\nE1,SALES,paris\n").unchanged == 1


def test_the_progress_bar_stays_off_without_a_terminal(tmp_path, capsys):
    _output, error = run(csv_file(tmp_path, f"{HEADER}\nE1,ana,Ana,Lima,\n"))
    assert error is None
    assert "Importing" not in capsys.readouterr().err


def test_skills_of_someone_known_are_replaced_by_the_file(make_person):
    make_person("ana", employee_id="E1", skills=["Python", "SQL"])
    report = load("employee_id,skills\nE1,Python|Rust\n")
    assert report.updated == 1
    assert sorted(profile("E1").skills.names()) == ["Python", "Rust"]
    assert load("employee_id,skills\nE1,Rust|Python\n").unchanged == 1


def test_a_row_the_profile_service_refuses_is_rejected_and_rolled_back(make_person):
    # An account made before validation existed: any change to it fails full_clean.
    legacy = User.objects.create_user("legacy", email="not-an-address")
    Profile.objects.filter(user=legacy).update(employee_id="E1")
    report = load(f"{HEADER},department\nE1,,,,,Research\nE2,bo,Bo,,E1,Research\n")
    assert [str(r) for r in report.rejected] == [
        "line 2: email: Enter a valid email address."]
    assert report.created == 1
    assert profile("E1").department is None
    assert profile("E2").department.name == "Research"
    assert profile("E2").manager == profile("E1")


def test_an_unexpected_failure_changes_nothing(monkeypatch):
    calls = []

    def failing_audit(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")

    monkeypatch.setattr("intranet.people.importer.audit", failing_audit)
    before = footprint()
    with pytest.raises(RuntimeError):
        load(f"{HEADER}\nE1,ana,Ana,,\nE2,bob,Bob,,\n")
    assert footprint() == before


def test_only_hr_may_import(make_person):
    with pytest.raises(Forbidden):
        import_employees(actor=make_person("ana"), data=f"{HEADER}\nE1,bob,Bob,,\n".encode())


def test_the_progress_bar_shows_on_a_terminal(tmp_path, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    run(csv_file(tmp_path, f"{HEADER}\nE1,ana,Ana,Lima,\n"))
    assert "Importing" in terminal.getvalue()
    terminal.truncate(0)
    run(csv_file(tmp_path, f"{HEADER}\nE2,bob,Bob,Lima,\n"), "--no-progress")
    assert "Importing" not in terminal.getvalue()
