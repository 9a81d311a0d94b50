"""The feeds' small company (owner, moderator, member, outsider; open, private and
secret groups) and its `publish` helper, for reports on its posts."""

from tests.feeds.conftest import company, publish  # noqa: F401  (fixtures)
