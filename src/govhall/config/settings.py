"""govhall settings: one env-driven module.

Every variable read here is documented in docs/operations.md. The embedded default (SQLite under
``var/``, no other service) needs none of them; ``GOVHALL_ENV=production`` requires the secrets
and refuses insecure defaults.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent


def env(name: str, default: str | None = None) -> str | None:
    """Read ``name`` from the environment, or the file named by ``name_FILE`` (Docker secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return default if value in (None, "") else int(value)  # type: ignore[arg-type]


def env_list(name: str, default: list[str]) -> list[str]:
    value = env(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


GOVHALL_ENV = env("GOVHALL_ENV", "embedded")
if GOVHALL_ENV not in {"embedded", "production"}:
    raise ImproperlyConfigured("GOVHALL_ENV must be 'embedded' or 'production'")
PRODUCTION = GOVHALL_ENV == "production"

VAR_DIR = Path(env("GOVHALL_VAR_DIR") or BASE_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _embedded_secrets() -> dict[str, str]:
    """Secrets generated once per embedded installation and kept in ``var/secrets.json``.

    Production never uses this: there every secret must come from the environment.
    """
    path = VAR_DIR / "secrets.json"
    if not path.exists():
        generated = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_KEY": secrets.token_hex(16),
            "INDEX_KEY": secrets.token_hex(32),
        }
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(generated), encoding="utf-8")
        os.chmod(tmp, 0o600)
        try:
            # link() fails if another process created the file first: both then read the winner.
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


def secret(name: str) -> str:
    value = env(f"GOVHALL_{name}")
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(f"GOVHALL_{name} (or GOVHALL_{name}_FILE) is required in production")
    return _embedded_secrets()[name]


SECRET_KEY = secret("SECRET_KEY")
# SM4 key (32 hex characters) encrypting personal data at rest, and the HMAC-SM3 key of the
# blind indexes used to look that data up. Rotating either needs a re-encryption run.
GOVHALL_FIELD_KEY = secret("FIELD_KEY")
GOVHALL_INDEX_KEY = secret("INDEX_KEY")

DEBUG = env_bool("GOVHALL_DEBUG", default=False)
ALLOWED_HOSTS = env_list(
    "GOVHALL_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("GOVHALL_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "govhall.config.apps.GovhallAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "govhall.core",
    "govhall.accounts",
    "govhall.workflow",
    "govhall.catalog",
    "govhall.licenses",
    "govhall.cases",
    "govhall.portal",
    "govhall.workbench",
    "govhall.demo",
    # after the govhall apps so that accounts' oauth2_provider/*.html templates win
    "oauth2_provider",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "govhall.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "govhall.accounts.session_store.AuthenticationMiddleware",  # Django's, user read with the session
    "django.contrib.messages.middleware.MessageMiddleware",
    "govhall.accounts.sessions.SessionTrackingMiddleware",
    "govhall.accounts.middleware.IdleTimeoutMiddleware",
    "govhall.accounts.identity.ActingIdentityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "govhall.config.urls"
WSGI_APPLICATION = "govhall.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "govhall.core.context_processors.platform",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600)}
    # PostgreSQL: parameters bound by the server and a statement run 5 times on a connection kept
    # as a prepared statement, so it is no longer parsed and planned on every request (the
    # session load of every signed-in request: 0.75 -> 0.31 ms). 0 turns it off, e.g. behind a
    # PgBouncer older than 1.21 in transaction mode. docs/adr/0012-prepared-statements.md
    _prepare_threshold = env_int("GOVHALL_DB_PREPARE_THRESHOLD", 5)
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and _prepare_threshold > 0:
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": _prepare_threshold}
        )
else:
    if PRODUCTION:
        raise ImproperlyConfigured("DATABASE_URL is required in production (PostgreSQL)")
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("GOVHALL_SQLITE_PATH") or str(VAR_DIR / "govhall.sqlite3"),
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                # IMMEDIATE takes the write lock when a transaction starts, so read-modify-write
                # services (the audit chain head) are serialised instead of failing late.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"),
            },
        }
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache ----------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
CACHES: dict[str, Any]
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- background work ------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["govhall.accounts.backends.GovhallBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "portal:login"
GOVHALL_STAFF_IDLE_MINUTES = env_int("GOVHALL_STAFF_IDLE_MINUTES", 15)
GOVHALL_CITIZEN_IDLE_MINUTES = env_int("GOVHALL_CITIZEN_IDLE_MINUTES", 30)
GOVHALL_LOGIN_MAX_FAILURES = env_int("GOVHALL_LOGIN_MAX_FAILURES", 5)
GOVHALL_LOGIN_LOCKOUT_MINUTES = env_int("GOVHALL_LOGIN_LOCKOUT_MINUTES", 30)
GOVHALL_TOTP_ISSUER = env("GOVHALL_TOTP_ISSUER", "govhall")
# Staff accounts without sign-in or session activity for this many days are disabled by the
# periodic sweep (citizen accounts never are).
GOVHALL_DORMANT_DAYS = env_int("GOVHALL_DORMANT_DAYS", 90)
# Text messages (govhall.accounts.sms): "sandbox" delivers into a table (embedded default);
# production must name a real provider. Provider options as a JSON object.
GOVHALL_SMS_PROVIDER = env("GOVHALL_SMS_PROVIDER", "" if PRODUCTION else "sandbox")
GOVHALL_SMS_OPTIONS = json.loads(env("GOVHALL_SMS_OPTIONS", "{}") or "{}")

# --- unified identity: real-name levels and the OIDC provider under /o/ (docs/adr/0004) ----
# Real-name verification provider (govhall.accounts.realname): "sandbox" (a documented test set)
# in the embedded default; production must name a real one, or verification is unavailable.
GOVHALL_REALNAME_PROVIDER = env("GOVHALL_REALNAME_PROVIDER", "" if PRODUCTION else "sandbox")
GOVHALL_REALNAME_ENDPOINT = env("GOVHALL_REALNAME_ENDPOINT", "")
GOVHALL_REALNAME_TIMEOUT_SECONDS = env_int("GOVHALL_REALNAME_TIMEOUT_SECONDS", 10)


def _embedded_oidc_key() -> str:
    """An RSA key for signing ID tokens, generated once into ``var/oidc-rsa.pem`` (mode 0600)."""
    path = VAR_DIR / "oidc-rsa.pem"
    if not path.exists():
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        pem = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pem)
        os.chmod(tmp, 0o600)
        try:
            os.link(tmp, path)  # the first process wins; the others read its key
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text(encoding="utf-8")


GOVHALL_OIDC_RSA_PRIVATE_KEY = env("GOVHALL_OIDC_RSA_PRIVATE_KEY") or ""
if not GOVHALL_OIDC_RSA_PRIVATE_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "GOVHALL_OIDC_RSA_PRIVATE_KEY (or GOVHALL_OIDC_RSA_PRIVATE_KEY_FILE) is required in production"
        )
    GOVHALL_OIDC_RSA_PRIVATE_KEY = _embedded_oidc_key()
OAUTH2_PROVIDER: dict[str, Any] = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": GOVHALL_OIDC_RSA_PRIVATE_KEY,
    # The issuer is derived from the request (scheme://host/o) unless set; set it behind a proxy.
    "OIDC_ISS_ENDPOINT": env("GOVHALL_OIDC_ISSUER", "") or "",
    "OAUTH2_VALIDATOR_CLASS": "govhall.accounts.oidc.validators.GovhallOAuth2Validator",
    "SCOPES": {
        "openid": _("登录身份（账户标识、实名认证等级）"),
        "profile": _("基本信息（脱敏姓名、用户类型）"),
        "realname": _("实名信息（完整姓名、脱敏身份证号码、实名认证方式和时间）"),
    },
    "DEFAULT_SCOPES": ["openid"],
    "PKCE_REQUIRED": True,
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("GOVHALL_OIDC_ACCESS_TOKEN_SECONDS", 3600),
    "ID_TOKEN_EXPIRE_SECONDS": env_int("GOVHALL_OIDC_ID_TOKEN_SECONDS", 600),
    "REFRESH_TOKEN_EXPIRE_SECONDS": 8 * 3600,
    "ROTATE_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "REQUEST_APPROVAL_PROMPT": "auto",
    "OIDC_RESPONSE_TYPES_SUPPORTED": ["code"],
    "OAUTH2_RESPONSE_TYPES_SUPPORTED": ["code"],
    "OAUTH2_GRANT_TYPES_SUPPORTED": ["authorization_code", "refresh_token"],
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    "OIDC_RP_INITIATED_LOGOUT_STRICT_REDIRECT_URIS": True,
    # Plain http redirect URIs only in the embedded default (a department system on localhost).
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"] if PRODUCTION else ["http", "https"],
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": PRODUCTION,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
}

# Database sessions, loaded together with their tracking row in one query (accounts.session_store).
SESSION_ENGINE = "govhall.accounts.session_store"
SESSION_COOKIE_AGE = 12 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- HTTPS and headers ----------------------------------------------------------------------
GOVHALL_HTTPS = env_bool("GOVHALL_HTTPS", default=PRODUCTION)
SESSION_COOKIE_SECURE = GOVHALL_HTTPS
CSRF_COOKIE_SECURE = GOVHALL_HTTPS
SECURE_SSL_REDIRECT = GOVHALL_HTTPS and env_bool("GOVHALL_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env_int("GOVHALL_HSTS_SECONDS", 31536000 if GOVHALL_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = GOVHALL_HTTPS
SECURE_HSTS_PRELOAD = GOVHALL_HTTPS
if env_bool("GOVHALL_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- hardening: CSP, more headers, rate limits, upload scanning (docs/adr/0009) -------------
GOVHALL_BEHIND_PROXY = env_bool("GOVHALL_BEHIND_PROXY", default=False)
INSTALLED_APPS.append("csp")
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1, "govhall.core.security_headers.SecurityHeadersMiddleware"
)
# Strict: scripts and styles only from our own static files (no inline code, no CDN);
# img-src data: because bpmn-js draws with data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
GOVHALL_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), interest-cohort=()"
)
# "<count>/<seconds>" per client address; "0/1" switches a purpose off (govhall.core.ratelimit).
GOVHALL_RATE_LIMITS = {
    # Per address, lenient: many people share one address behind carrier NAT; the per-account
    # lockout stops password guessing against one account.
    "login": env("GOVHALL_RATE_LIMIT_LOGIN", "60/300"),
    "register": env("GOVHALL_RATE_LIMIT_REGISTER", "10/3600"),
    "sms_code": env("GOVHALL_RATE_LIMIT_SMS_CODE", "5/600"),
    "search": env("GOVHALL_RATE_LIMIT_SEARCH", "120/60"),
    "license_verify": env("GOVHALL_RATE_LIMIT_LICENSE_VERIFY", "120/60"),
    "license_sharing": env("GOVHALL_RATE_LIMIT_LICENSE_SHARING", "600/60"),
}
CACHES["ratelimit"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "rl"}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "govhall-ratelimit"}
)
# Upload scanning with ClamAV (govhall.core.scanning): "" (off), "clamd" or "clamscan". When on,
# anything but a clean answer quarantines the file (fail closed).
GOVHALL_UPLOAD_SCANNER = env("GOVHALL_UPLOAD_SCANNER", "")
GOVHALL_CLAMD_ADDRESS = env("GOVHALL_CLAMD_ADDRESS", "/run/clamav/clamd.ctl")  # unix socket path or host:port
GOVHALL_CLAMSCAN_PATH = env("GOVHALL_CLAMSCAN_PATH", "clamscan")
GOVHALL_CLAMSCAN_DATABASE = env("GOVHALL_CLAMSCAN_DATABASE", "")  # signature directory; "" = ClamAV default
GOVHALL_SCAN_TIMEOUT_SECONDS = env_int("GOVHALL_SCAN_TIMEOUT_SECONDS", 60)
GOVHALL_SCAN_MAX_BYTES = env_int("GOVHALL_SCAN_MAX_BYTES", 100 * 1024 * 1024)

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "govhall" / "locale"]
TIME_ZONE = env("GOVHALL_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = Path(env("GOVHALL_FILES_DIR") or VAR_DIR / "files")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": MEDIA_ROOT}},
    "staticfiles": {
        # Hashed, compressed files after collectstatic in production; plain files (served by
        # WhiteNoise from the apps' folders) in the embedded default and tests.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- logging: never personal data (see govhall.core.logging) --------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "govhall.core.logging.MaskPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["mask_personal_data"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env("GOVHALL_LOG_LEVEL", "INFO")},
    # WeasyPrint logs every font and stylesheet it loads at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# --- catalogue ----------------------------------------------------------------------------
# Search result pages cached per process (0: off); keyed by the index generation, never stale.
GOVHALL_SEARCH_CACHE_PAGES = env_int("GOVHALL_SEARCH_CACHE_PAGES", 2000)
# Staff worklist pages cached per process, keyed by the departments' worklist generations
# (workbench.page_cache; never stale); 0 turns the cache off.
GOVHALL_PAGE_CACHE_PAGES = env_int("GOVHALL_PAGE_CACHE_PAGES", 500)
# Online depth (办理深度) labels, level 1 (guide only) … 5 (fully online, zero visits).
GOVHALL_ONLINE_DEPTH_LABELS = {
    1: env("GOVHALL_DEPTH_LABEL_1", "一星：办事指南"),
    2: env("GOVHALL_DEPTH_LABEL_2", "二星：表格下载"),
    3: env("GOVHALL_DEPTH_LABEL_3", "三星：网上预审"),
    4: env("GOVHALL_DEPTH_LABEL_4", "四星：最多跑一次"),
    5: env("GOVHALL_DEPTH_LABEL_5", "五星：全程网办"),
}

# Expose /api/v1/bench/ceiling (benchmarks only; never in production).
GOVHALL_BENCH_ENDPOINTS = env_bool("GOVHALL_BENCH_ENDPOINTS", default=False) and not PRODUCTION

# --- cases ---------------------------------------------------------------------------------
# Case number: the item's implementation code + date + serial (GB/T 39554 practice). Fields:
# {code} implementation code, {date} yyyymmdd, {serial} per-code-and-day counter.
GOVHALL_CASE_NUMBER_FORMAT = env("GOVHALL_CASE_NUMBER_FORMAT", "{code}{date}{serial:05d}")

# --- licences (docs/adr/0010-licence-signing-keys.md) --------------------------------------
# "pkcs12" (a key file) or "pkcs11" (an HSM). Without a PKCS#12 path a non-production
# installation generates a local demo CA chain and SM2 key once into the key directory.
GOVHALL_LICENSE_SIGNER = env("GOVHALL_LICENSE_SIGNER", "pkcs12")
GOVHALL_LICENSE_KEY_DIR = Path(env("GOVHALL_LICENSE_KEY_DIR") or VAR_DIR / "licenses")
GOVHALL_LICENSE_PKCS12_PATH = env("GOVHALL_LICENSE_PKCS12_PATH", "")
GOVHALL_LICENSE_PKCS12_PASSWORD = env("GOVHALL_LICENSE_PKCS12_PASSWORD", "")
GOVHALL_LICENSE_PKCS11_LIB = env("GOVHALL_LICENSE_PKCS11_LIB", "/usr/lib/softhsm/libsofthsm2.so")
GOVHALL_LICENSE_PKCS11_TOKEN = env("GOVHALL_LICENSE_PKCS11_TOKEN", "govhall")
GOVHALL_LICENSE_PKCS11_PIN = env("GOVHALL_LICENSE_PKCS11_PIN", "")
GOVHALL_LICENSE_PKCS11_KEY_LABEL = env("GOVHALL_LICENSE_PKCS11_KEY_LABEL", "licence-signer")
GOVHALL_LICENSE_PKCS11_CERT_LABEL = env("GOVHALL_LICENSE_PKCS11_CERT_LABEL", "")
GOVHALL_LICENSE_PKCS11_CHAIN_PATH = env("GOVHALL_LICENSE_PKCS11_CHAIN_PATH", "")
GOVHALL_LICENSE_SM2_KEY_PATH = env("GOVHALL_LICENSE_SM2_KEY_PATH", "")
# Public address the QR code points to (scheme + host, no trailing slash).
GOVHALL_PUBLIC_BASE_URL = env("GOVHALL_PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# --- the demo region ------------------------------------------------------------------------
GOVHALL_REGION_CODE = env("GOVHALL_REGION_CODE", "350600")
GOVHALL_PLATFORM_NAME = env("GOVHALL_PLATFORM_NAME", "漳州市一体化在线政务服务平台")
