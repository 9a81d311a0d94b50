"""The French interface is complete and stays complete.

The catalogue intranet/core/locale/fr/LC_MESSAGES/django.po holds every string of our code,
each translated; the committed .mo says the same as the .po; and the pages a French
employee sees speak French from top to bottom. When a test here fails after a change to
the code, `make messages` refreshes the catalogue (keeping the translations) and compiles
it; then translate the new entries and run `make messages` again.
"""

import datetime
import gettext
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

from intranet.people.models import Department, Location
from intranet.people.services import profile_ensure

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "intranet" / "core" / "locale" / "fr" / "LC_MESSAGES"
PO_PATH = CATALOGUE / "django.po"
MO_PATH = CATALOGUE / "django.mo"
HOW_TO_FIX = "run `make messages` and translate them"

# %(name)s, %s, %(byte)02x, %%; and {name} for str.format.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]|\{[^{}]*\}")


def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def key(entry: polib.POEntry) -> tuple[str, str, str]:
    return entry.msgctxt or "", entry.msgid, entry.msgid_plural or ""


def describe(keys) -> str:
    return "\n".join(f"  {msgid!r}" + (f" (context {ctx!r})" if ctx else "")
                     for ctx, msgid, _plural in sorted(keys))


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def makemessages_ignore_patterns() -> list[str]:
    """The folders `make messages` leaves out, read from the Makefile so both agree."""
    for line in (ROOT / "Makefile").read_text().splitlines():
        if line.startswith("MESSAGES_IGNORE"):
            return line.split("=", 1)[1].split()
    pytest.fail("The Makefile no longer defines MESSAGES_IGNORE, which `make messages` "
                "and this test share.")


# The catalogue itself


@pytest.mark.smoke
def test_the_catalogue_header_is_french_utf8_with_french_plurals():
    po = catalogue()
    assert po.metadata["Language"] == "fr"
    assert po.metadata["Project-Id-Version"] == "intranet"
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert not po.metadata_is_fuzzy


@pytest.mark.smoke
def test_every_string_is_translated_and_none_is_fuzzy():
    po = catalogue()
    assert len(po) > 100, "the French catalogue looks truncated"
    untranslated = [key(e) for e in po if not all(s.strip() for s in translations(e))]
    fuzzy = [key(e) for e in po if e.fuzzy]
    assert not untranslated, (f"{len(untranslated)} string(s) have no French translation in "
                              f"{PO_PATH.relative_to(ROOT)}:\n{describe(untranslated)}")
    assert not fuzzy, (f"{len(fuzzy)} translation(s) are marked fuzzy: check them and remove "
                       f"the flag, then run `make messages`:\n{describe(fuzzy)}")
    plurals = [e for e in po if e.msgid_plural]
    assert all(len(e.msgstr_plural) == 2 for e in plurals)


@pytest.mark.smoke
def test_translations_keep_every_placeholder():
    wrong = []
    for entry in catalogue():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in translations(entry):
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                wrong.append(f"  {entry.msgid!r} -> {text!r}")
    assert not wrong, "These translations lose or change a placeholder:\n" + "\n".join(wrong)


@pytest.mark.smoke
def test_the_catalogue_is_up_to_date_with_the_code(tmp_path, monkeypatch):
    """Collect the strings of the code as `make messages` does, into a scratch catalogue.

    makemessages runs from the repository root with the Makefile's ignore patterns, but
    writes to a temporary LOCALE_PATHS; ignoring "locale" stops it from finding (and
    updating) the committed catalogue under intranet/.
    """
    missing_tools = [tool for tool in ("xgettext", "msgmerge", "msguniq")
                     if shutil.which(tool) is None]
    assert not missing_tools, (f"{', '.join(missing_tools)} not found: install GNU gettext "
                               "(apt-get install gettext) to check the catalogue")
    scratch = tmp_path / "locale"
    monkeypatch.chdir(ROOT)
    with override_settings(LOCALE_PATHS=[scratch]):
        call_command("makemessages", locale=["fr"], verbosity=0, stdout=io.StringIO(),
                     ignore_patterns=[*makemessages_ignore_patterns(), "locale"])
    found = polib.pofile(str(scratch / "fr" / "LC_MESSAGES" / "django.po"))
    assert len(found) > 100, "makemessages found too few strings: is it run from the root?"
    committed = {key(e) for e in catalogue()}
    missing = {key(e) for e in found} - committed
    assert not missing, (f"{len(missing)} string(s) of the code are missing from "
                         f"{PO_PATH.relative_to(ROOT)}: {HOW_TO_FIX}.\n{describe(missing)}")


@pytest.mark.smoke
def test_the_committed_mo_matches_the_po():
    with MO_PATH.open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    assert mo.info().get("language") == "fr"
    stale = []
    for entry in catalogue():
        if entry.msgid_plural:
            got = [mo.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                   if entry.msgctxt else mo.ngettext(entry.msgid, entry.msgid_plural, n)
                   for n in (1, 2)]
        else:
            got = [mo.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt
                   else mo.gettext(entry.msgid)]
        if got != translations(entry):
            stale.append(f"  {entry.msgid!r}: .mo says {got!r}")
    assert not stale, ("The committed django.mo differs from django.po: run `make messages` "
                       "(or manage.py compilemessages) and commit the .mo:\n" + "\n".join(stale))


# The pages


class _VisibleText(HTMLParser):
    """Text nodes and the attributes people read or hear, each stripped."""

    READ_ATTRIBUTES = {"aria-label", "placeholder", "alt", "title"}

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.texts += [value.strip() for name, value in attrs
                       if name in self.READ_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def english_leftovers(html: str) -> list[str]:
    """Whole texts of the page that are one of our English strings, left untranslated."""
    english = {e.msgid for e in catalogue() if not e.msgid_plural and e.msgstr != e.msgid}
    parser = _VisibleText()
    parser.feed(html)
    return sorted({text for text in parser.texts if text in english})


def assert_french(response, *expected: str) -> str:
    """The page is French, shows `expected` and no English string of ours.

    The catalogue writes the French apostrophe as U+2019: write ' in `expected`.
    """
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert '<html lang="fr">' in html
    absent = [text for text in (t.replace("'", "\u2019") for t in expected)
              if text not in html]
    assert not absent, f"{response.wsgi_request.path} lacks {absent}"
    leftovers = english_leftovers(html)
    assert not leftovers, (f"{response.wsgi_request.path} still shows English {leftovers}: "
                           f"{HOW_TO_FIX}")
    return html


@pytest.fixture
def french_team(make_person):
    """Ana, who works in French, with a manager, a report, and a filled-in profile."""
    sales = Department.objects.create(name="Ventes")
    lyon = Location.objects.create(name="Lyon")
    boss = profile_ensure(user=make_person("bruno", first_name="Bruno", last_name="Petit",
                                           department=sales, location=lyon))
    ana = make_person("ana", first_name="Ana", last_name="Lima", preferred_language="fr",
                      job_title="Chargée de clientèle", department=sales, location=lyon,
                      manager=boss, phone="+33 4 00 00 00 00", bio="Bonjour à toutes et tous.",
                      skills=["Négociation"], languages=["fr", "en"],
                      start_date=datetime.date(2021, 9, 1))
    make_person("leo", first_name="Léo", last_name="Roux", department=sales,
                manager=profile_ensure(user=ana))
    return ana



@pytest.mark.smoke
def test_the_home_page_and_the_menus_speak_french(french_team, client_for):
    assert_french(client_for(french_team).get("/"),
                  "Bonjour Ana Lima", "Accueil", "Annuaire", "Paramètres", "Se déconnecter",
                  "Aller au contenu", 'aria-label="Navigation principale"',
                  'placeholder="Chercher des personnes, des publications, des groupes…"')


@pytest.mark.smoke
def test_the_directory_speaks_french(french_team, client_for):
    html = assert_french(client_for(french_team).get("/people/"),
                         "<h1>Annuaire</h1>", "Service", "Site", "Compétence", "Tous",
                         "Rechercher", "Nom…")
    assert re.search(r"\d+ personnes", html)


@pytest.mark.smoke
def test_a_profile_speaks_french(french_team, client_for):
    assert_french(client_for(french_team).get("/people/ana/"),
                  "Modifier mon profil", "Téléphone", "Date d'arrivée", "Langues parlées",
                  "À propos", "Compétences", "Dans l'organisation", "Sous la responsabilité de",
                  "1 collaborateur direct", "Voir l'organigramme")


@pytest.mark.smoke
def test_the_org_chart_speaks_french(french_team, client_for):
    assert_french(client_for(french_team).get("/people/ana/org/"),
                  "Organigramme de Ana Lima", "Autour de Ana Lima",
                  'aria-label="Collaborateurs directs"')


@pytest.mark.smoke
def test_the_profile_form_speaks_french(french_team, client_for):
    assert_french(client_for(french_team).get("/people/me/edit/"),
                  "Modifier mon profil", "Champ", "Valeur", "Visible par", "Nom affiché",
                  "Intitulé du poste", "Séparez les compétences par des virgules.",
                  "Tout le monde", "Membres de mes groupes", "Moi uniquement",
                  "Contact et langue", "Enregistrer", "Annuler")


@pytest.mark.smoke
def test_the_settings_page_speaks_french(french_team, client_for):
    assert_french(client_for(french_team).get("/people/me/settings/"),
                  "<h1>Paramètres</h1>", "Profil", "Langue", "Jetons d'API", "Créer un jeton",
                  "Vous n'avez aucun jeton.", "Changer mon mot de passe")


@pytest.mark.smoke
def test_the_password_page_speaks_french(french_team, client_for):
    assert_french(client_for(french_team).get("/accounts/password/"),
                  "Changer mon mot de passe", "Ancien mot de passe")


@pytest.mark.smoke
@pytest.mark.django_db
def test_visitors_get_the_sign_in_page_in_french(client):
    client.post("/i18n/setlang/", {"language": "fr", "next": "/accounts/login/"})
    assert_french(client.get("/accounts/login/"), "Se connecter", "Identifiant",
                  "Mot de passe")


@pytest.fixture
def french_group(french_team, make_person):
    """A private group Ana owns, with a member and a pending request."""
    from intranet.groups.services import group_create, group_join, member_invite

    group = group_create(actor=french_team, name="Club lecture", visibility="private",
                         description="Un livre par mois.")
    member = make_person("zoe", first_name="Zoé")
    member_invite(actor=french_team, group=group, invitee=member)
    group_join(actor=member, group=group)
    group_join(actor=make_person("hugo", first_name="Hugo"), group=group, message="Salut")
    return group


@pytest.mark.smoke
@pytest.mark.parametrize(("path", "expected"), [
    ("/groups/", ["Tous les groupes", "Créer un groupe", "Privé"]),
    ("/groups/new/", ["Créer un groupe"]),
    ("/groups/club-lecture/", ["Membres", "Un livre par mois."]),
    ("/groups/club-lecture/members/", ["Inviter quelqu'un", "Membres"]),
    ("/groups/club-lecture/requests/", ["Demandes d'adhésion", "Salut"]),
    ("/groups/club-lecture/settings/", ["Archiver ou supprimer"]),
])
def test_the_group_pages_speak_french(french_group, french_team, client_for, path, expected):
    assert_french(client_for(french_team).get(path), *expected)
