"""The session backend's user load (raw SQL with the ORM's own converters) gives exactly the
user the ORM would, and refuses what Django's ModelBackend refuses."""

from __future__ import annotations

import pytest

from govhall.accounts.backends import GovhallBackend, user_by_pk
from govhall.accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db


def _fields(user: User) -> dict[str, object]:
    return {f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields}


def test_the_loaded_user_equals_the_orms():
    staff = factories.staff()
    citizen, _number = factories.citizen(name="王芳")
    for user in (staff, citizen):
        loaded = user_by_pk(user.pk)
        assert loaded is not None and not loaded._state.adding
        assert _fields(loaded) == _fields(User.objects.get(pk=user.pk))
        assert loaded.last_login is None or loaded.last_login.tzinfo is not None
        assert loaded.date_joined.tzinfo is not None


def test_a_missing_or_inactive_user_is_not_loaded():
    staff = factories.staff()
    assert user_by_pk(staff.pk + 1000) is None
    assert GovhallBackend().get_user(staff.pk) == staff
    User.objects.filter(pk=staff.pk).update(is_active=False)
    assert GovhallBackend().get_user(staff.pk) is None
