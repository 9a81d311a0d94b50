"""The rule engine: conditions all hold, the first matching rule decides."""

import pytest

from intranet.core.rules import Action, Rule, Subject, contains_any_word, decide, similarity

pytestmark = pytest.mark.smoke


class Context:
    def __init__(self, today: int = 0, recent: tuple[str, ...] = ()) -> None:
        self.today, self.recent = today, recent

    def count_today(self) -> int:
        return self.today

    def recent_texts(self):
        return self.recent


def test_words_match_whole_words_without_accents_or_case():
    assert contains_any_word("Les Réseaux sociaux", ["reseaux"])
    assert contains_any_word("Le séminaire annuel", ["SÉMINAIRE annuel"])
    assert not contains_any_word("Networking", ["network"])


def test_every_condition_of_a_rule_must_hold_and_the_first_match_decides():
    rules = [Rule(Action.REJECT, words=("casino",), label="spam"),
             Rule(Action.APPROVE, has_media=True, is_reply=False, label="pictures"),
             Rule(Action.HOLD, authors=("Acme Careers",), label="careers")]
    assert decide(rules, Subject("Win at the casino", has_media=True), Context()).reason == "spam"
    assert decide(rules, Subject("Our new site", has_media=True), Context()).action == \
        Action.APPROVE
    assert decide(rules, Subject("A reply", has_media=True, is_reply=True), Context(),
                  default=Action.REJECT).action == Action.REJECT
    assert decide(rules, Subject("Jobs", author="acme careers"), Context()).reason == "careers"


def test_a_daily_cap_matches_once_reached():
    rule = Rule(Action.HOLD, daily_cap=3)
    assert not rule.matches(Subject("x"), Context(today=2))
    assert rule.matches(Subject("x"), Context(today=3))


def test_near_duplicates_are_found_and_other_texts_are_not():
    text = "Acme opens a new training centre in Lyon for two hundred apprentices"
    assert similarity(text, text + " this year") > 0.7
    assert similarity(text, "Quarterly results are up by ten percent this year") < 0.2
    rule = Rule(Action.REJECT, near_duplicate=True)
    assert rule.matches(Subject(text + "!"), Context(recent=(text,)))
    assert not rule.matches(Subject(text), Context(recent=("Something else entirely",)))
