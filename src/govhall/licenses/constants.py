from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HolderKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANIZATION = "organization", _("法人和其他组织")


class LicenseStatus(models.TextChoices):
    """Stored status. "expired" is never stored: it is computed from ``valid_until`` (see
    ``License.effective_status``) so a licence is shown expired the moment its date passes."""

    PENDING = "pending", _("签发中")
    VALID = "valid", _("有效")
    REVOKED = "revoked", _("已吊销")
    CANCELLED = "cancelled", _("已注销")
    REPLACED = "replaced", _("已换发")


class EffectiveStatus(models.TextChoices):
    """What verification shows."""

    PENDING = "pending", _("签发中")
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("已过期")
    REVOKED = "revoked", _("已吊销")
    CANCELLED = "cancelled", _("已注销")
    REPLACED = "replaced", _("已换发")


class RevocationStatus(models.TextChoices):
    REQUESTED = "requested", _("待复核")
    CONFIRMED = "confirmed", _("已确认")
    WITHDRAWN = "withdrawn", _("已撤销申请")


class ValidityUnit(models.TextChoices):
    YEARS = "years", _("年")
    MONTHS = "months", _("月")
    DAYS = "days", _("日")
    UNLIMITED = "unlimited", _("长期")


# Roles that may ask for and confirm a revocation, cancel or replace a licence of their department.
LICENSE_MANAGER_ROLES = ("decider", "department_admin")

RENEWAL_REMINDER_DAYS = 30
REMINDER_RENEWAL = "renewal_30d"

# Contexts for core.crypto (encrypted at rest / blind index).
HOLDER_NAME_CONTEXT = "license.holder_name"
HOLDER_ID_CONTEXT = "license.holder_id"
DATA_CONTEXT = "license.data"
