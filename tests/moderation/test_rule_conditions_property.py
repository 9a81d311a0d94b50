"""Whatever JSON a client sends as a rule's conditions, it is refused with field errors
or stored as a rule the engine runs on any text without failing."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intranet.core.errors import Invalid
from intranet.moderation.models import ModerationRule
from intranet.moderation.screening import engine_rule
from intranet.moderation.services.rules import CONDITIONS, clean_conditions

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4), max_leaves=12)
CONDITION_OBJECTS = st.dictionaries(st.sampled_from([*CONDITIONS, "other"]), JSON, max_size=5)


class Quiet:
    def count_recent(self, minutes):
        return 1

    def count_earlier(self):
        return 0

    def count_today(self):
        return 0

    def recent_texts(self):
        return ()


@pytest.mark.smoke
@settings(max_examples=300, deadline=None)
@given(conditions=CONDITION_OBJECTS | JSON, text=st.text(max_size=200))
def test_conditions_are_refused_cleanly_or_run_on_any_text(conditions, text):
    from intranet.core.rules import Subject

    try:
        clean = clean_conditions(conditions)
    except Invalid as refused:
        assert refused.fields
        return
    rule = engine_rule(ModerationRule(name="x", action="hold", conditions=clean))
    assert rule.matches(Subject(text, links=("https://example.com",)), Quiet()) in (True,
                                                                                   False)
