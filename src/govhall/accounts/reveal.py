"""Clear personal data for an authorised reveal. Only ``cases.reveal`` (staff, purpose, audit)
and the person's own pages may call this; everything else shows the masked forms."""

from __future__ import annotations

from typing import Literal

from django.utils.translation import gettext_lazy as _

from govhall.accounts.constants import ID_NUMBER_CONTEXT, PHONE_CONTEXT
from govhall.accounts.models import Person
from govhall.core.facade import NotFound, decrypt_text

RevealField = Literal["id_number", "phone"]


def person_personal_data(*, person_id: int, field: RevealField) -> str:
    """The clear ID number or phone of a person ("" when no phone is on record).

    Raises ``NotFound`` (``person.not_found``) for an unknown person and ``ValueError`` for
    another field. Writes nothing: the caller records the audited reveal.
    """
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise NotFound(_("当事人不存在。"), code="person.not_found")
    if field == "id_number":
        return decrypt_text(person.id_number_encrypted, context=ID_NUMBER_CONTEXT)
    if field == "phone":
        return decrypt_text(person.phone_encrypted, context=PHONE_CONTEXT) if person.phone_encrypted else ""
    raise ValueError(f"not a revealable field: {field!r}")
