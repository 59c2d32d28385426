"""Public licence verification in a browser: the QR link of a demo licence shows it valid, the
demo's revoked licence shows 已吊销, a tampered QR link is refused, and a typed identifier with a
wrong check character is not found. Screenshots in ``var/e2e/``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Page, expect

from e2e.conftest import Server

_QUERY = (
    "import json; from govhall.licenses.models import License; "
    "rows = License.objects.exclude(qr_payload='').order_by('pk'); "
    "valid = rows.filter(status='valid', valid_until__isnull=True).first() or rows.filter(status='valid').first(); "
    "revoked = rows.filter(status='revoked').first(); "
    "print(json.dumps({'valid': [valid.identifier, valid.qr_payload], 'revoked': revoked.identifier}))"
)


def _demo_licences(server: Server) -> dict[str, object]:
    out = server.govhall("shell", "-c", _QUERY)
    return json.loads(out.strip().splitlines()[-1])


def test_verification_page_by_qr_link_and_identifier(
    page: Page, server: Server, snapshot: Callable[[str], Path]
) -> None:
    demo = _demo_licences(server)
    identifier, payload = demo["valid"]

    page.goto(f"/licenses/verify/?p={quote(payload, safe='~')}")
    result = page.locator("[data-license-status]")
    expect(result).to_have_attribute("data-license-status", "valid")
    expect(page.get_by_text("二维码签名（SM2）核验通过。")).to_be_visible()
    expect(page.get_by_text(identifier)).to_be_visible()
    snapshot("valid-by-qr")

    body, signature = payload.rsplit("~", 1)
    flipped = ("B" if signature[0] == "A" else "A") + signature[1:]
    page.goto(f"/licenses/verify/?p={quote(body + '~' + flipped, safe='~')}")
    expect(page.locator("[data-license-status]")).to_have_attribute("data-license-status", "not-found")
    expect(page.get_by_text("二维码无效或已被篡改")).to_be_visible()

    page.goto("/licenses/verify/")
    page.get_by_label("证照标识").fill(str(demo["revoked"]))
    page.get_by_role("button", name="核验").click()
    expect(page.locator("[data-license-status]")).to_have_attribute("data-license-status", "revoked")
    expect(page.get_by_text("该证照已被发证机关吊销")).to_be_visible()
    snapshot("revoked")

    wrong = identifier[:-1] + ("0" if identifier[-1] != "0" else "1")
    page.get_by_label("证照标识").fill(wrong)
    page.get_by_role("button", name="核验").click()
    expect(page.locator("[data-license-status]")).to_have_attribute("data-license-status", "not-found")
