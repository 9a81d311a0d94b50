"""How an erasure finds a person in stored text: their @mentions exactly as posts parse
them, their username and names in stored JSON, nothing that only looks like them."""

import pytest

from intranet.core.personal_data import Erasure
from intranet.feeds.markup import render


@pytest.fixture
def erasure() -> Erasure:
    return Erasure(user=None, username="helene", names=("Hélène Lefèvre",),
                   pseudonym="former-1a2b", label="Former employee", delete_content=False)


@pytest.mark.parametrize("text, expected", [
    ("Thanks @helene!", "Thanks Former employee!"),
    ("@helene, @helene.", "Former employee, Former employee."),
    ("(@helene)\n@helene", "(Former employee)\nFormer employee"),
    ("Ask @helene.b or @helene_b or @helene-b", "Ask @helene.b or @helene_b or @helene-b"),
    ("mail me at team@helene or x@helene.com", "mail me at team@helene or x@helene.com"),
    ("#@helene and word@helene", "#@helene and word@helene"),
])
def test_only_mentions_of_the_person_are_rewritten(erasure, text, expected):
    assert erasure.without_mentions(text) == expected
    # The same mentions as the posts' own parser finds.
    assert ("helene" in render(text).mentions) == (text != expected)


def test_stored_json_names_them_no_more(erasure):
    stored = {"actors": [{"username": "helene", "name": "Hélène Lefèvre"},
                         {"username": "helenea", "name": "Helena"}],
              "html": '<a href="/people/helene/" class="mention">Hélène Lefèvre</a> said',
              "count": 2, "by": "helene"}
    assert erasure.scrub(stored) == {
        "actors": [{"username": "former-1a2b", "name": "Former employee"},
                   {"username": "helenea", "name": "Helena"}],
        "html": '<a href="/people/former-1a2b/" class="mention">Former employee</a> said',
        "count": 2, "by": "former-1a2b"}
