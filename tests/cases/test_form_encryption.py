"""Application forms are encrypted at rest: the database column holds SM4-GCM ciphertext only."""

from __future__ import annotations

import pytest
from django.db import connection

from govhall.cases import services
from govhall.cases.models import Case
from govhall.core.crypto import DecryptionError, encrypt_text

pytestmark = pytest.mark.django_db

FORM = {"shop_name": "闽南小吃 13912345678", "area": 30}


def _raw(case_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT form_data FROM cases_case WHERE id = %s", [case_id])
        return str(cursor.fetchone()[0])


def test_the_form_is_ciphertext_in_the_database_and_plain_in_python(applicant, item):
    case = services.case_draft_save(user=applicant, item_code=item.service_item.code, form_data=FORM)
    raw = _raw(case.pk)
    assert raw.startswith("v1.") and "13912345678" not in raw and "闽南" not in raw
    assert Case.objects.get(pk=case.pk).form_data == FORM
    # updates go through the field too
    Case.objects.filter(pk=case.pk).update(form_data={"shop_name": "改名"})
    assert "改名" not in _raw(case.pk) and Case.objects.get(pk=case.pk).form_data == {"shop_name": "改名"}


def test_a_ciphertext_moved_from_another_column_does_not_decrypt(applicant, item):
    case = services.case_draft_save(user=applicant, item_code=item.service_item.code, form_data=FORM)
    foreign = encrypt_text('{"shop_name": "x"}', context="person.id_number")  # bound to another context
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET form_data = %s WHERE id = %s", [foreign, case.pk])
    with pytest.raises(DecryptionError):
        Case.objects.get(pk=case.pk)


def test_a_form_written_before_encryption_still_reads(applicant, item):
    case = services.case_draft_save(user=applicant, item_code=item.service_item.code, form_data=FORM)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET form_data = %s WHERE id = %s", ['{"shop_name": "旧数据"}', case.pk])
    assert Case.objects.get(pk=case.pk).form_data == {"shop_name": "旧数据"}
