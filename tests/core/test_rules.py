"""The rule engine: conditions all hold, the first matching rule decides."""

import pytest

from intranet.core.rules import (
    Action,
    InvalidPattern,
    Rule,
    Subject,
    compile_pattern,
    contains_any_word,
    decide,
    similarity,
)

pytestmark = pytest.mark.smoke


class Context:
    def __init__(self, today: int = 0, recent: tuple[str, ...] = (), last_minutes: int = 1,
                 earlier: int = 0) -> None:
        self.today, self.recent = today, recent
        self.last_minutes, self.earlier = last_minutes, earlier

    def count_recent(self, minutes: int) -> int:
        return self.last_minutes

    def count_earlier(self) -> int:
        return self.earlier

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


def test_phrases_with_exceptions_patterns_and_link_domains():
    watch = Rule(Action.HOLD, words=("kill", "fire them all"), exceptions=("kill switch",))
    assert watch.matches(Subject("We should FIRE them all"), Context())
    assert not watch.matches(Subject("Where is the kill switch?"), Context())
    assert not watch.matches(Subject("Fireworks tonight"), Context())
    card = Rule(Action.HIDE, pattern=r"\b(?:\d{4}[ -]?){3}\d{4}\b")
    assert card.matches(Subject("my card 4111 1111 1111 1111 thanks"), Context())
    assert not card.matches(Subject("call 4111"), Context())
    domains = Rule(Action.FLAG, domains=("example.com",))
    assert domains.matches(Subject("x", links=("https://shop.EXAMPLE.com/a",)), Context())
    assert not domains.matches(Subject("x", links=("https://example.com.evil.io/",)),
                               Context())
    assert Rule(Action.FLAG, has_links=False).matches(Subject("no link"), Context())


def test_authors_groups_rates_and_first_posts():
    newcomer = Rule(Action.HOLD, new_author_days=7)
    assert newcomer.matches(Subject("hi", author_age_days=2.5), Context())
    assert not newcomer.matches(Subject("hi", author_age_days=30), Context())
    assert not newcomer.matches(Subject("hi"), Context())
    assert Rule(Action.HOLD, author_muted=True).matches(Subject("x", author_muted=True),
                                                        Context())
    assert not Rule(Action.HOLD, groups=("atlas",)).matches(Subject("x", group="other"),
                                                            Context())
    flood = Rule(Action.HIDE, rate=(5, 10))
    assert flood.matches(Subject("x"), Context(last_minutes=5))
    assert not flood.matches(Subject("x"), Context(last_minutes=4))
    first = Rule(Action.HOLD, first_items=3)
    assert first.matches(Subject("x"), Context(earlier=2))
    assert not first.matches(Subject("x"), Context(earlier=3))
    assert decide([first], Subject("x"), Context(earlier=3), default=None).action is None


def test_patterns_run_in_linear_time_and_bad_ones_are_refused():
    assert compile_pattern("(a+)+$").search("a" * 100_000 + "b") is None
    with pytest.raises(InvalidPattern):
        compile_pattern("(unclosed")
