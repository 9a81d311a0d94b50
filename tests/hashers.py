"""A quick password hasher for tests, whose hashes any default server still verifies."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """The standard algorithm with few iterations: the hash records its own count."""

    iterations = 1000
