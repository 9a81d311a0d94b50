from tests.feeds.conftest import company, publish  # noqa: F401  (fixtures)
from tests.plugins.conftest import brand, channels  # noqa: F401  (fixtures)
