"""Which management commands the deployment files run, and which exist."""

from django.core.management import get_commands


def manage_py_command(command: list[str]) -> str | None:
    """The management command a container runs through manage.py, if it does."""
    words = " ".join(command).split()
    if "manage.py" in words and words.index("manage.py") + 1 < len(words):
        return words[words.index("manage.py") + 1]
    return None


def known_management_commands() -> set[str]:
    return set(get_commands())
