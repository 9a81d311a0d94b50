from tests.feeds.conftest import company, publish  # noqa: F401  (fixtures)
