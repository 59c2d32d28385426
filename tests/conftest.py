import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is deliberately slow; tests only need a real hasher, not a costly one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Every test starts with empty rate-limit counters (all test requests share 127.0.0.1).
    from django.core.cache import caches

    caches["ratelimit"].clear()
