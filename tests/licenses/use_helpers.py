"""Helpers for the licences-in-use tests (wallet, 用证授权, 免提交, sharing API)."""

from __future__ import annotations

import io

from django.test import Client

from govhall.cases import facade as cases

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
FORM_SCHEMA = {
    "type": "object",
    "properties": {"shop_name": {"type": "string", "title": "店铺名称", "maxLength": 50}},
    "required": ["shop_name"],
}
BACKEND = "govhall.accounts.backends.GovhallBackend"


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def draft(user, version, *, organization=None):
    return cases.case_draft_save(
        user=user,
        item_code=version.service_item.code,
        form_data={"shop_name": "闽南小吃"},
        applicant_kind="organization" if organization is not None else "person",
        organization_id=organization.pk if organization is not None else None,
    )


def requirement(version, name: str):
    return next(m for m in version.materials.all() if m.name == name)


def upload(user, case, req) -> None:
    cases.case_material_upload(
        user=user, case_id=case.pk, requirement_id=req.pk, stream=io.BytesIO(PDF), filename="申请书.pdf"
    )
