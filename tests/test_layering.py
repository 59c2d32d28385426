"""Apps talk to each other only through ``facade`` and ``contracts`` (STYLE.md rule 1).

import-linter (``make lint``) checks the layer order; this test checks the entry points.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "govhall"
PUBLIC_MODULES = {"facade", "contracts"}
# config is wiring: it mounts each app's urls and API routers.
WIRING = {"config": {"facade", "contracts", "urls", "api", "admin_site"}}


def _app_of(path: Path) -> str:
    return path.relative_to(SRC).parts[0]


def _violations(source: str, own_app: str, *, admin_module: bool = False) -> list[str]:
    allowed = WIRING.get(own_app, PUBLIC_MODULES)
    if admin_module:  # admin.py files share core's read-only admin base class
        allowed = allowed | {"admin"}
    found = []
    for node in ast.walk(ast.parse(source)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            # "from govhall.accounts import facade" names the module in the alias
            targets = [f"{node.module}.{alias.name}" for alias in node.names] if len(parts) == 2 else [node.module]
        for target in targets:
            parts = target.split(".")
            if parts[0] != "govhall" or len(parts) < 3 or parts[1] == own_app:
                continue
            if parts[2] not in allowed:
                found.append(target)
    return found


def test_cross_app_imports_use_facades_and_contracts_only():
    problems = []
    for path in SRC.rglob("*.py"):
        if path.parent == SRC or "migrations" in path.parts:
            continue
        for target in _violations(
            path.read_text(encoding="utf-8"), _app_of(path), admin_module=path.name == "admin.py"
        ):
            problems.append(f"{path.relative_to(SRC)} imports {target}")
    assert problems == []


def test_the_check_catches_a_direct_import():
    assert _violations("from govhall.accounts.models import User", "portal") == ["govhall.accounts.models"]
    assert _violations("import govhall.core.audit", "accounts") == ["govhall.core.audit"]
    assert _violations("from govhall.accounts import services", "portal") == ["govhall.accounts.services"]
    assert _violations("from govhall.accounts import facade", "portal") == []
    assert _violations("from govhall.portal.models import X", "portal") == []
