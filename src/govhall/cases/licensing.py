"""Licence issuance as a step of a granted case (DESIGN.md §5: within 10 working days; here at
once, in the background).

Registered as a ``cases.hooks.on_decision`` reaction from ``CasesConfig.ready()``. Inside the
decision's transaction it asks licenses to create the licence (status ``pending``, identifier
assigned, signing task enqueued); ``source="case:<id>"`` plus a unique constraint make it happen
once per case. The item → licence type link is the catalogue's ``license_type_code``. When the
applicant already holds a licence of that type from this department, the grant (a change or a
renewal) replaces it with a new version instead (``license_issue_or_replace``).

A configuration problem on the licence side (type missing, department not an issuing authority,
data incomplete) must not undo a lawful grant: it is logged and audited as a failed issuance for
the department to fix, and the grant stands.
"""

from __future__ import annotations

import logging

from django.db import transaction

from govhall.cases.constants import Decision
from govhall.cases.contracts import CaseInfo
from govhall.cases.models import Case
from govhall.core.contracts import Actor, SubjectRef
from govhall.core.facade import RESULT_FAILED, GovhallError, audit_record
from govhall.licenses import facade as licenses

logger = logging.getLogger(__name__)


def issue_license_on_grant(info: CaseInfo) -> None:
    if info.decision != Decision.GRANTED or info.item_version_id is None:
        return
    case = Case.objects.select_related("item_version").get(pk=info.case_id)
    version = case.item_version
    if version is None or not version.issues_license or not version.license_type_code:
        return
    actor = Actor(user_id=case.decided_by_id, role="decider", department_id=case.department_id)
    try:
        with transaction.atomic():  # a savepoint: a failure leaves the grant intact
            licenses.license_issue_or_replace(
                actor=actor,
                license_type_code=version.license_type_code,
                issuer_department_id=case.department_id,
                holder_person_id=case.applicant_person_id if case.applicant_organization_id is None else None,
                holder_organization_id=case.applicant_organization_id,
                data=dict(case.form_data),
                source=f"case:{case.pk}",
            )
    except GovhallError as exc:
        logger.warning("licence not issued for case %s: %s", case.pk, exc.code)
        audit_record(
            actor=actor,
            action="license.issue",
            subject=SubjectRef("case", str(case.pk)),
            result=RESULT_FAILED,
            detail={"code": exc.code, "license_type": version.license_type_code},
        )


def register() -> None:
    from govhall.cases.hooks import register_on_decision

    register_on_decision(issue_license_on_grant)
