"""Demo identities: one enterprise handler (经办人) and one mandate (帮办代办).

- 漳州市水仙花食品有限公司 (legal representative 李四) has authorised 王芳 as its handler: sign in as
  王芳, "切换身份" to the company, and apply for enterprise items in its name.
- 陈建国 (born 1962) confirmed at the window that 张三 may apply for him for a year (recorded by
  the demo window clerk): sign in as 张三 and switch to "代办：陈建国".

Idempotent: running the demo again adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from govhall.accounts import facade as accounts
from govhall.core.contracts import Actor
from govhall.demo import region as demo

HANDLER_ENTERPRISE = 1  # index into demo.ENTERPRISES: 漳州市水仙花食品有限公司 (representative 李四)
HANDLER_CITIZEN = 2  # 王芳
MANDATE_PRINCIPAL = 3  # 陈建国
MANDATE_AGENT = 0  # 张三


def load_identity(persons: list[Any], *, id_number: Callable[[Any], str], credit_code: Callable[[Any], str]) -> None:
    enterprise = demo.ENTERPRISES[HANDLER_ENTERPRISE]
    org = accounts.organization_by_credit_code(credit_code=credit_code(enterprise))
    handler = persons[HANDLER_CITIZEN]
    if org is not None and not accounts.organizations_handled(user=handler.user).filter(pk=org.pk).exists():
        accounts.handler_grant(
            user=persons[enterprise.representative].user,
            organization_id=org.pk,
            id_number=id_number(demo.CITIZENS[HANDLER_CITIZEN]),
            real_name=handler.real_name,
        )
    agent = persons[MANDATE_AGENT]
    clerk = accounts.user_by_username(username="clerk")
    if clerk is None or accounts.mandates_for_agent(user=agent.user).exists():
        return
    departments = [a.department_id for a in accounts.user_roles(user=clerk) if a.role == accounts.Role.WINDOW_CLERK]
    accounts.mandate_record_in_person(
        actor=Actor(user_id=clerk.pk, role="window_clerk", department_id=departments[0] if departments else None),
        principal_id_number=id_number(demo.CITIZENS[MANDATE_PRINCIPAL]),
        principal_name=persons[MANDATE_PRINCIPAL].real_name,
        agent_id_number=id_number(demo.CITIZENS[MANDATE_AGENT]),
        agent_name=agent.real_name,
        all_items=True,
        item_codes=[],
        expires_on=timezone.localdate() + dt.timedelta(days=365),
    )
