"""Mandates (帮办代办): requested by an agent, confirmed by the principal's SMS code (sandbox SMS
provider delivering into a table) or in person at a window; cases submitted under a mandate show
"由代办人提交"; the principal sees and revokes mandates; expired or revoked mandates are unusable."""

# ruff: noqa: F811 - pytest fixtures imported from tests.accounts.identity_fixtures
from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from govhall.accounts import identity, mandates
from govhall.accounts.models import Mandate, MandateChallenge, SandboxSmsDelivery, SmsMessage
from govhall.accounts.sms.contrib.sandbox.provider import sandbox_inbox
from govhall.accounts.sms.outbox import MAX_ATTEMPTS, sms_dispatch, sms_enqueue
from govhall.cases import services as case_services
from govhall.cases.models import Case
from govhall.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from govhall.core.models import AuditEvent
from tests import factories
from tests.accounts.identity_fixtures import login, people, person_item, upload_all  # noqa: F401
from tests.cases.conftest import _a_working_monday_in_2026, _files_in_tmp  # noqa: F401 - fixtures
from tests.catalog.conftest import basic_item, department, make_item  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def _phone(user) -> str:
    from govhall.accounts.constants import PHONE_CONTEXT
    from govhall.core.crypto import decrypt_text

    return decrypt_text(user.person.phone_encrypted, context=PHONE_CONTEXT)


def _request(people, *, all_items=True, codes=()):
    """The handler fixture user acts as agent for the stranger (the principal)."""
    return mandates.mandate_request(
        agent=people.handler,
        id_number=people.stranger_number,
        real_name="陈建国",
        all_items=all_items,
        item_codes=codes,
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    )


def _code_sent_to(user) -> str:
    sms_dispatch()
    [message, *_older] = sandbox_inbox(phone=_phone(user))
    return re.search(r"验证码(\d{6})", message.body).group(1)


def _active(people, **kwargs) -> Mandate:
    mandate = _request(people, **kwargs)
    return mandates.mandate_confirm_sms(
        agent=people.handler, mandate_id=mandate.pk, code=_code_sent_to(people.stranger)
    )


# --- SMS confirmation ---------------------------------------------------------------------------------


def test_principal_confirms_with_the_code_texted_to_their_phone(people):
    mandate = _request(people)
    assert mandate.status == "pending"
    message = SmsMessage.objects.get()
    assert message.status == "pending" and message.purpose == "mandate_code"
    assert _phone(people.stranger) not in message.phone_encrypted and message.phone_masked.startswith("139")
    code = _code_sent_to(people.stranger)
    challenge = MandateChallenge.objects.get()
    assert code not in challenge.code_hash and code not in message.body_encrypted  # hashed / encrypted at rest
    confirmed = mandates.mandate_confirm_sms(agent=people.handler, mandate_id=mandate.pk, code=code)
    assert confirmed.status == "active" and confirmed.confirmation == "sms" and confirmed.is_usable
    assert AuditEvent.objects.filter(action="mandate.confirm", actor_id=people.handler.pk).count() == 1
    with pytest.raises(Conflict):  # single use: the same code again does nothing
        mandates.mandate_confirm_sms(agent=people.handler, mandate_id=mandate.pk, code=code)


def test_a_wrong_code_counts_and_the_limit_stops_even_the_right_code(people):
    mandate = _request(people)
    code = _code_sent_to(people.stranger)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _attempt in range(5):
        with pytest.raises(ValidationFailed) as caught:
            mandates.mandate_confirm_sms(agent=people.handler, mandate_id=mandate.pk, code=wrong)
        assert caught.value.code == "mandate.code_invalid"
    assert MandateChallenge.objects.get().attempts == 5
    with pytest.raises(ValidationFailed) as caught:
        mandates.mandate_confirm_sms(agent=people.handler, mandate_id=mandate.pk, code=code)
    assert caught.value.code == "mandate.code_attempts"
    mandate.refresh_from_db()
    assert mandate.status == "pending"


def test_a_code_expires_after_five_minutes(people):
    mandate = _request(people)
    code = _code_sent_to(people.stranger)
    later = timezone.now() + dt.timedelta(minutes=5, seconds=1)
    with time_machine.travel(later), pytest.raises(ValidationFailed) as caught:
        mandates.mandate_confirm_sms(agent=people.handler, mandate_id=mandate.pk, code=code)
    assert caught.value.code == "mandate.code_expired"
    assert Mandate.objects.get().status == "pending"


def test_a_new_code_replaces_the_old_one_and_is_rate_limited(people):
    mandate = _request(people)
    old = _code_sent_to(people.stranger)
    from govhall.core.errors import RateLimited

    with pytest.raises(RateLimited):
        mandates.mandate_code_resend(agent=people.handler, mandate_id=mandate.pk)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):
        mandates.mandate_code_resend(agent=people.handler, mandate_id=mandate.pk)
        new = _code_sent_to(people.stranger)
        if old != new:
            with pytest.raises(ValidationFailed):
                mandates.mandate_confirm_sms(agent=people.handler, mandate_id=mandate.pk, code=old)
        assert mandates.mandate_confirm_sms(agent=people.handler, mandate_id=mandate.pk, code=new).status == "active"


def test_another_agent_cannot_confirm_or_see_the_mandate(people):
    mandate = _request(people)
    code = _code_sent_to(people.stranger)
    with pytest.raises(NotFound):
        mandates.mandate_confirm_sms(agent=people.rep, mandate_id=mandate.pk, code=code)
    assert Mandate.objects.get().status == "pending"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"real_name": "陈国"}, "handler.person_unknown"),
        ({"id_number": "self"}, "mandate.self"),
        ({"expires_on": "past"}, "mandate.expiry"),
        ({"expires_on": "far"}, "mandate.expiry"),
        ({"all_items": False, "item_codes": []}, "mandate.scope"),
        ({"all_items": False, "item_codes": ["bad code!"]}, "mandate.scope"),
    ],
)
def test_bad_requests_are_refused_and_write_nothing(people, kwargs, code):
    args = {
        "agent": people.handler,
        "id_number": people.stranger_number,
        "real_name": "陈建国",
        "all_items": True,
        "item_codes": [],
        "expires_on": timezone.localdate() + dt.timedelta(days=30),
    }
    args.update(kwargs)
    if args["id_number"] == "self":
        args["id_number"], args["real_name"] = people.handler_number, "王芳"
    if args["expires_on"] == "past":
        args["expires_on"] = timezone.localdate()
    if args["expires_on"] == "far":
        args["expires_on"] = timezone.localdate() + dt.timedelta(days=400)
    with pytest.raises(ValidationFailed) as caught:
        mandates.mandate_request(**args)
    assert caught.value.code == code
    assert (Mandate.objects.count(), SmsMessage.objects.count()) == (0, 0)


# --- the SMS plugin and its sandbox ---------------------------------------------------------------------


def _queue(phone: str) -> SmsMessage:
    from django.db import transaction

    with transaction.atomic():
        return sms_enqueue(phone=phone, text="【政务服务】测试", purpose="test")


def test_sandbox_terminal_failure_is_not_retried():
    message = _queue("13900000000")
    assert sms_dispatch() == {"failed": 1}
    message.refresh_from_db()
    assert (message.status, message.error_code, message.attempts) == ("failed", "sms.invalid_number", 1)
    assert SandboxSmsDelivery.objects.count() == 0


def test_sandbox_busy_gateway_is_retried_with_backoff_then_delivered():
    message = _queue("13900009998")
    assert sms_dispatch() == {"pending": 1}
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error_code) == ("pending", 1, "sms.gateway_busy")
    assert sms_dispatch() == {}  # not due yet
    assert sms_dispatch(now=message.next_attempt_at) == {"sent": 1}
    assert len(sandbox_inbox(phone="13900009998")) == 1


def test_sandbox_always_busy_gives_up_after_the_attempt_limit():
    message = _queue("13900009999")
    for _attempt in range(MAX_ATTEMPTS):
        message.refresh_from_db()
        sms_dispatch(now=message.next_attempt_at)
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", MAX_ATTEMPTS)


def test_sandbox_delay_makes_the_message_arrive_later(settings):
    settings.GOVHALL_SMS_OPTIONS = {"delay_seconds": 120}
    _queue("13900001234")
    sms_dispatch()
    assert sandbox_inbox(phone="13900001234") == []
    assert len(sandbox_inbox(phone="13900001234", now=timezone.now() + dt.timedelta(seconds=121))) == 1


def test_a_rolled_back_change_sends_nothing(people):
    with pytest.raises(ValidationFailed):
        mandates.mandate_request(
            agent=people.handler,
            id_number=people.stranger_number,
            real_name="陈建国",
            all_items=True,
            item_codes=[],
            expires_on=timezone.localdate(),
        )
    assert SmsMessage.objects.count() == 0


# --- in person at a window ------------------------------------------------------------------------------------


def test_window_clerk_records_an_in_person_mandate(people):
    mandate = mandates.mandate_record_in_person(
        actor=people.clerk_actor,
        principal_id_number=people.stranger_number,
        principal_name="陈建国",
        agent_id_number=people.handler_number,
        agent_name="王芳",
        all_items=True,
        item_codes=[],
        expires_on=timezone.localdate() + dt.timedelta(days=10),
    )
    assert (mandate.status, mandate.confirmation, mandate.confirmed_by_id, mandate.agent_id) == (
        "active",
        "in_person",
        people.clerk.pk,
        people.handler.pk,
    )
    assert SmsMessage.objects.count() == 0
    event = AuditEvent.objects.get(action="mandate.confirm")
    assert event.actor_id == people.clerk.pk and event.detail["method"] == "in_person"


def test_in_person_page_matrix_and_denial_changes_nothing(people):
    data = {
        "principal_id_number": people.stranger_number,
        "principal_name": "陈建国",
        "agent_id_number": people.handler_number,
        "agent_name": "王芳",
        "all_items": "on",
        "expires_on": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
        "originals_checked": "on",
    }
    expected = {"anonymous": 302, "citizen": 302, "reviewer": 403, "clerk": 200}
    clients = {
        "anonymous": Client(),
        "citizen": login(people.stranger),
        "reviewer": login(people.reviewer),
        "clerk": login(people.clerk),
    }
    for name, client in clients.items():
        assert client.get("/workbench/mandates/in-person/").status_code == expected[name], name
        if name != "clerk":
            client.post("/workbench/mandates/in-person/", data)
    assert Mandate.objects.count() == 0
    response = clients["clerk"].post("/workbench/mandates/in-person/", data)
    assert response.status_code == 302 and Mandate.objects.get().confirmation == "in_person"
    assert people.stranger_number not in response["Location"]


# --- applying under a mandate ------------------------------------------------------------------------------------


def test_agent_applies_for_the_principal_and_everyone_sees_submitted_by_agent(people, person_item):
    mandate = _active(people, all_items=False, codes=[person_item.service_item.code])
    agent = login(people.handler)
    assert agent.post("/me/identity/", {"identity": f"mandate-{mandate.pk}"}).status_code == 302
    assert "陈建国" in agent.get("/me/").content.decode()  # the acting identity in the header
    response = agent.post(f"/apply/{person_item.service_item.code}/", {"applicant": "person"})
    assert response.status_code == 302, response.content.decode()[:400]
    case = Case.objects.get()
    assert (case.applicant_person_id, case.applicant_name, case.mandate_id, case.submitted_by_id) == (
        people.stranger.person.pk,
        "陈建国",
        mandate.pk,
        people.handler.pk,
    )
    assert case.form_data.get("shop_name") is None
    with identity.acting_as(identity.acting_resolve(user=people.handler, value=f"mandate-{mandate.pk}")):
        case_services.case_draft_save(
            user=people.handler,
            item_code=person_item.service_item.code,
            form_data={"shop_name": "代办"},
            case_id=case.pk,
        )
        upload_all(people.handler, case, person_item)
        case = case_services.case_submit(user=people.handler, case_id=case.pk)
    assert case.status == "submitted"
    submit = AuditEvent.objects.get(action="case.submit")
    assert submit.actor_id == people.handler.pk and submit.detail["on_behalf_of"] == f"mandate:{mandate.pk}"

    assert 'data-testid="submitted-by-agent"' in agent.get(f"/me/cases/{case.pk}/").content.decode()
    staff = login(people.reviewer)
    assert 'data-testid="submitted-by-agent"' in staff.get(f"/workbench/cases/{case.pk}/").content.decode()
    principal_page = login(people.stranger).get("/me/mandates/").content.decode()
    assert case.number in principal_page and 'data-testid="submitted-by-agent"' in principal_page


def test_an_item_outside_the_scope_is_refused(people, person_item, make_item):
    mandate = _active(people, all_items=False, codes=["OTHER-ITEM-001"])
    acting = identity.acting_resolve(user=people.handler, value=f"mandate-{mandate.pk}")
    with identity.acting_as(acting), pytest.raises(PermissionDenied) as caught:
        case_services.case_draft_save(
            user=people.handler, item_code=person_item.service_item.code, form_data={"shop_name": "x"}
        )
    assert caught.value.code == "case.mandate_not_usable" and Case.objects.count() == 0


def test_revoked_or_expired_mandate_cannot_be_used(people, person_item):
    mandate = _active(people)
    with identity.acting_as(identity.acting_resolve(user=people.handler, value=f"mandate-{mandate.pk}")):
        case = case_services.case_draft_save(
            user=people.handler, item_code=person_item.service_item.code, form_data={"shop_name": "代办"}
        )
    upload_all(people.handler, case, person_item)
    mandates.mandate_revoke(user=people.stranger, mandate_id=mandate.pk)
    with pytest.raises(PermissionDenied):
        case_services.case_submit(user=people.handler, case_id=case.pk)
    assert Case.objects.get().status == "draft"
    assert identity.acting_resolve(user=people.handler, value=f"mandate-{mandate.pk}") is None

    second = _active(people)
    with time_machine.travel(second.expires_at + dt.timedelta(seconds=1)):
        assert identity.acting_resolve(user=people.handler, value=f"mandate-{second.pk}") is None
        assert not Mandate.objects.get(pk=second.pk).is_usable


def test_revoking_refuses_the_agents_next_request(people, person_item):
    mandate = _active(people)
    agent = login(people.handler)
    agent.post("/me/identity/", {"identity": f"mandate-{mandate.pk}"})
    principal = login(people.stranger)
    assert principal.post(f"/me/mandates/{mandate.pk}/revoke/").status_code == 302
    response = agent.post(f"/apply/{person_item.service_item.code}/", {"applicant": "person"})
    assert response.status_code == 403 and Case.objects.count() == 0
    assert agent.session.get(identity.SESSION_ACTING) is None
    html = principal.get("/me/mandates/").content.decode()
    assert "已撤销" in html


# --- pages: permission matrix -----------------------------------------------------------------------------------------


def test_mandate_pages_matrix(people):
    mandate = _request(people)
    outsider, _number = factories.citizen(name="赵六")
    clients = {
        "anonymous": Client(),
        "outsider": login(outsider),
        "agent": login(people.handler),
        "principal": login(people.stranger),
        "staff": login(people.reviewer),
    }
    gets = {
        "/me/mandates/": {"anonymous": 302, "outsider": 200, "agent": 200, "principal": 200, "staff": 302},
        "/me/mandates/new/": {"anonymous": 302, "outsider": 200, "agent": 200, "principal": 200, "staff": 302},
        f"/me/mandates/{mandate.pk}/confirm/": {
            "anonymous": 302,
            "outsider": 404,
            "agent": 200,
            "principal": 404,
            "staff": 302,
        },
    }
    for path, expected in gets.items():
        for name, client in clients.items():
            assert client.get(path).status_code == expected[name], (path, name)
    html = clients["agent"].get(f"/me/mandates/{mandate.pk}/confirm/").content.decode()
    assert people.stranger.person.id_number_masked in html and people.stranger_number not in html

    before = (Mandate.objects.filter(status="pending").count(), AuditEvent.objects.count())
    for name in ("anonymous", "outsider", "agent", "staff"):  # only the principal may revoke
        clients[name].post(f"/me/mandates/{mandate.pk}/revoke/")
        clients[name].post(f"/me/mandates/{mandate.pk}/confirm/", {"code": "000000"}) if name != "agent" else None
    assert (Mandate.objects.filter(status="pending").count(), AuditEvent.objects.count()) == before
    messages_before = SmsMessage.objects.count()
    for name in ("anonymous", "outsider", "principal", "staff"):  # only the agent may ask for a new code
        assert clients[name].post(f"/me/mandates/{mandate.pk}/resend/").status_code in (302, 404)
    assert SmsMessage.objects.count() == messages_before and MandateChallenge.objects.count() == 1
    assert clients["principal"].post(f"/me/mandates/{mandate.pk}/revoke/").status_code == 302
    assert Mandate.objects.get().status == "revoked"


def test_mandate_request_page_sends_the_code(people):
    client = login(people.handler)
    response = client.post(
        "/me/mandates/new/",
        {
            "id_number": people.stranger_number,
            "real_name": "陈建国",
            "all_items": "on",
            "expires_on": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
        },
    )
    mandate = Mandate.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/me/mandates/{mandate.pk}/confirm/"
    response = client.post(f"/me/mandates/{mandate.pk}/confirm/", {"code": _code_sent_to(people.stranger)})
    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.status == "active"


def test_code_pages_are_rate_limited_per_client(people, settings):
    settings.GOVHALL_RATE_LIMITS = {**settings.GOVHALL_RATE_LIMITS, "sms_code": "2/600"}
    mandate = _request(people)
    client = login(people.handler)
    for _attempt in range(2):
        assert client.post(f"/me/mandates/{mandate.pk}/confirm/", {"code": "000000"}).status_code in (200, 422)
    response = client.post(f"/me/mandates/{mandate.pk}/confirm/", {"code": _code_sent_to(people.stranger)})
    assert response.status_code == 429
    mandate.refresh_from_db()
    assert mandate.status == "pending"
