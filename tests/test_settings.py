import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _rsa_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


OIDC_KEY = _rsa_pem()


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVHALL_", "DATABASE_URL"))}
    env.update(
        GOVHALL_ENV="production",
        GOVHALL_VAR_DIR=str(tmp_path),
        GOVHALL_SECRET_KEY=secrets.token_urlsafe(50),
        GOVHALL_FIELD_KEY=secrets.token_hex(16),
        GOVHALL_INDEX_KEY=secrets.token_hex(32),
        GOVHALL_OIDC_RSA_PRIVATE_KEY=OIDC_KEY,
        GOVHALL_ALLOWED_HOSTS="zwfw.example.gov.cn",
        DATABASE_URL="postgres://govhall@db.invalid:5432/govhall",
        DJANGO_SETTINGS_MODULE="govhall.config.settings",
    )
    env.update(extra)
    return env


def _govhall(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govhall.cli", *args], env=env, capture_output=True, text=True, cwd=ROOT, check=False
    )


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    result = _govhall(["check", "--deploy", "--fail-level", "WARNING"], _production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "missing",
    ["GOVHALL_SECRET_KEY", "GOVHALL_FIELD_KEY", "GOVHALL_INDEX_KEY", "GOVHALL_OIDC_RSA_PRIVATE_KEY", "DATABASE_URL"],
)
def test_production_refuses_to_start_without_a_secret(tmp_path, missing):
    env = _production_env(tmp_path)
    del env[missing]
    result = _govhall(["check"], env)
    assert result.returncode != 0
    assert missing in result.stderr
    assert not (tmp_path / "secrets.json").exists()


def test_secrets_can_come_from_files(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(secrets.token_urlsafe(50))
    env = _production_env(tmp_path, GOVHALL_SECRET_KEY_FILE=str(key_file))
    del env["GOVHALL_SECRET_KEY"]
    result = _govhall(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stderr
