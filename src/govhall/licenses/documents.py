"""The licence as a PDF: the type's HTML/CSS layout rendered by WeasyPrint (Noto CJK fonts, the
same setup as ``cases/documents.py``), with the issuing department's seal image and the QR code.

The seal (电子印章图像) is generated per department as SVG: a red ring, the department's name
along the upper arc, a five-pointed star and "电子证照专用章". It is an *image* of a seal; the
legal effect comes from the PAdES signature added by ``signing.pdf_sign``. The QR code (segno)
carries the SM2-signed payload inside a link to the public verification page.
"""

from __future__ import annotations

import base64
import functools
import math
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from govhall.licenses.constants import HolderKind

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "licenses"
SEAL_TEXT = "电子证照专用章"


def seal_svg(department_name: str, *, size: int = 200) -> str:
    """A red circular seal with ``department_name`` along the upper arc (each character placed and
    rotated individually, so no SVG textPath support is needed)."""
    c = size / 2
    ring = size * 0.46
    text_radius = size * 0.36
    name = department_name.strip()[:24] or "-"
    n = len(name)
    span = min(240.0, 18.0 * n + 20)  # degrees of arc used by the name
    font = max(10.0, min(size * 0.12, (2 * math.pi * text_radius * span / 360) / max(n, 1) * 0.92))
    chars = []
    for i, ch in enumerate(name):
        angle = -span / 2 + (span * (i + 0.5) / n)  # 0° = top
        rad = math.radians(angle - 90)
        x, y = c + text_radius * math.cos(rad), c + text_radius * math.sin(rad)
        chars.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{font:.1f}" text-anchor="middle" '
            f'dominant-baseline="central" transform="rotate({angle:.1f} {x:.1f} {y:.1f})">{escape(ch)}</text>'
        )
    star_r, star_in = size * 0.13, size * 0.05
    points = []
    for k in range(10):
        r = star_r if k % 2 == 0 else star_in
        a = math.radians(-90 + k * 36)
        points.append(f"{c + r * math.cos(a):.1f},{c + r * math.sin(a):.1f}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}">'
        f'<g fill="#d8242a" stroke="none" font-family="Noto Serif CJK SC, Noto Sans CJK SC, serif" '
        f'font-weight="bold" fill-opacity="0.85">'
        f'<circle cx="{c}" cy="{c}" r="{ring}" fill="none" stroke="#d8242a" stroke-width="{size * 0.03:.1f}" '
        f'stroke-opacity="0.85"/>'
        f'<polygon points="{" ".join(points)}"/>'
        f"{''.join(chars)}"
        f'<text x="{c}" y="{c + size * 0.27:.1f}" font-size="{size * 0.085:.1f}" text-anchor="middle">'
        f"{SEAL_TEXT}</text>"
        "</g></svg>"
    )


def verify_url(payload: str) -> str:
    """The link in the QR code: the public verification page with the signed payload."""
    with translation.override(None):
        path = reverse("portal:license_verify")
    return f"{str(settings.GOVHALL_PUBLIC_BASE_URL or '').rstrip('/')}{path}?p={quote(payload, safe='~')}"


def qr_svg(payload: str, *, scale: int = 4) -> str:
    import io

    import segno

    out = io.BytesIO()
    segno.make(verify_url(payload), error="m", micro=False).save(out, kind="svg", scale=scale, border=2)
    return out.getvalue().decode()


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@functools.cache
def _fetcher_class() -> type:
    """Only ``data:`` URIs (seal, QR) and files under our templates folder; never the network."""
    from weasyprint.urls import URLFetcher

    class LicenseFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            path = Path(unquote(parts.path)).resolve()
            if parts.scheme != "file" or parts.netloc or not path.is_relative_to(TEMPLATE_DIR):
                raise ValueError(f"licences may only load files from {TEMPLATE_DIR}: {url}")
            return super().fetch(url, headers)

    return LicenseFetcher


def _fields(schema: dict[str, Any], data: dict[str, Any]) -> list[tuple[str, str]]:
    """(title, value) in the schema's order; values not in the schema are not printed."""
    rows = []
    for key, spec in (schema.get("properties") or {}).items():
        value = data.get(key)
        if value in (None, ""):
            continue
        rows.append((str(spec.get("title") or key), str(value)))
    return rows


def _date(value: Any) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def license_context(license: Any, *, qr_payload: str) -> dict[str, Any]:
    from govhall.accounts import facade as accounts
    from govhall.licenses.services import license_data, license_holder_name

    holder_id = license.holder_id_masked
    if license.holder_kind == HolderKind.ORGANIZATION and license.holder_organization_id:
        organization = accounts.organization_get(organization_id=license.holder_organization_id)
        holder_id = organization.credit_code if organization else holder_id  # public register data
    license_type = license.license_type
    return {
        "type_name": license_type.name,
        "identifier": license.identifier,
        "holder_label": "名称" if license.holder_kind == HolderKind.ORGANIZATION else "姓名",
        "holder_id_label": "统一社会信用代码" if license.holder_kind == HolderKind.ORGANIZATION else "身份证件号码",
        "holder_name": license_holder_name(license),
        "holder_id": holder_id,
        "fields": _fields(license_type.data_schema or {}, license_data(license)),
        "valid_from": _date(license.valid_from),
        "valid_until": _date(license.valid_until) if license.valid_until else "长期",
        "issued_on": _date(license.issued_on),
        "issuer_name": license.issuer.name,
        "version": license.version,
        "replaces": license.replaces.identifier if license.replaces_id else "",
        "seal": _data_uri(seal_svg(license.issuer.name)),
        "qr": _data_uri(qr_svg(qr_payload)),
        "platform_name": str(settings.GOVHALL_PLATFORM_NAME),
    }


def render_license_pdf(license: Any, *, qr_payload: str) -> bytes:
    """The unsigned PDF of ``license`` (always in Chinese)."""
    from weasyprint import HTML

    with translation.override("zh-hans"):
        html = render_to_string(license.license_type.layout_template, license_context(license, qr_payload=qr_payload))
    pdf = HTML(string=html, base_url=str(TEMPLATE_DIR) + "/", url_fetcher=_fetcher_class()()).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
