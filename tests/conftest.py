import pytest

# Scans everything the suite logs for ID numbers and phone numbers (fails the session on any).
pytest_plugins = ["tests.plugins.log_scan", "pytester"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is deliberately slow; tests only need a real hasher, not a costly one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Every test starts with empty rate-limit counters (all test requests share 127.0.0.1).
    from django.core.cache import caches

    caches["ratelimit"].clear()
