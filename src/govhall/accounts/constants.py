from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UserKind(models.TextChoices):
    CITIZEN = "citizen", _("公众用户")
    STAFF = "staff", _("工作人员")


class Role(models.TextChoices):
    WINDOW_CLERK = "window_clerk", _("窗口人员")
    REVIEWER = "reviewer", _("审核人员")
    DECIDER = "decider", _("审批人员")
    DEPARTMENT_ADMIN = "department_admin", _("部门管理员")
    CATALOG_ADMIN = "catalog_admin", _("事项管理员")
    SUPERVISOR = "supervisor", _("电子监察人员")
    DATA_SHARING_ADMIN = "data_sharing_admin", _("数据共享管理员")
    HOTLINE_OPERATOR = "hotline_operator", _("12345话务员")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全保密管理员")
    AUDIT_ADMIN = "audit_admin", _("安全审计员")


# 等保三级 "三员分立": no account may hold two of these.
SEPARATED_ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    PREFECTURE = "prefecture", _("地级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡级")
    VILLAGE = "village", _("村级")


class OrganizationType(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    INDIVIDUAL_BUSINESS = "individual_business", _("个体工商户")
    FARMER_COOPERATIVE = "farmer_cooperative", _("农民专业合作社")
    PUBLIC_INSTITUTION = "public_institution", _("事业单位")
    SOCIAL_ORGANIZATION = "social_organization", _("社会组织")
    GOVERNMENT = "government", _("机关")
    OTHER = "other", _("其他")


ID_NUMBER_CONTEXT = "person.id_number"
PHONE_CONTEXT = "person.phone"
TOTP_CONTEXT = "user.totp_secret"
LOGIN_THROTTLE_CONTEXT = "login.identifier"


# --- real-name levels (issue 6: identity; see govhall.accounts.realname) --------------------


class RealNameLevel(models.IntegerChoices):
    """How sure the platform is that the account holder is the person named (实名认证等级).

    A service item may demand a minimum level (``ServiceItemVersion.min_realname_level``)."""

    NONE = 0, _("未实名")
    REGISTERED = 1, _("L1 注册实名（本人填报）")
    VERIFIED = 2, _("L2 实名核验（权威数据比对）")
    IN_PERSON = 3, _("L3 当面核验（窗口或人脸识别）")


class RealNameMethod(models.TextChoices):
    REGISTRATION = "registration", _("注册时填报")
    PROVIDER = "provider", _("实名核验服务比对")
    IN_PERSON = "in_person", _("窗口当面核验")
    FACE = "face", _("人脸识别核验")


class VerificationOutcome(models.TextChoices):
    VERIFIED = "verified", _("核验通过")
    MISMATCH = "mismatch", _("信息不一致")
    FAILED = "failed", _("核验服务出错")


# --- organisations, mandates, sessions (issue 6: handlers, 帮办代办, staff security) ---------------


class MandateStatus(models.TextChoices):
    PENDING = "pending", _("待委托人确认")
    ACTIVE = "active", _("有效")
    REVOKED = "revoked", _("已撤销")


class MandateConfirmation(models.TextChoices):
    SMS = "sms", _("短信验证码确认")
    IN_PERSON = "in_person", _("窗口当面确认")


class SessionEndReason(models.TextChoices):
    LOGOUT = "logout", _("退出登录")
    IDLE = "idle", _("长时间未操作")
    BY_USER = "by_user", _("本人结束")
    BY_SECURITY_ADMIN = "by_security_admin", _("安全保密管理员结束")
    DISABLED = "disabled", _("账户已停用")


SESSION_KEY_CONTEXT = "session.key"
SMS_CODE_CONTEXT = "mandate.sms_code"
# A session's "last seen" is written at most this often (seconds): one UPDATE per minute, not per request.
SESSION_TOUCH_SECONDS = 60
MANDATE_CODE_MINUTES = 5
MANDATE_CODE_MAX_ATTEMPTS = 5
MANDATE_MAX_DAYS = 366


class OidcAudience(models.TextChoices):
    """Who may sign in to a departmental system through govhall (统一身份认证)."""

    CITIZENS = "citizens", _("公众用户")
    STAFF = "staff", _("工作人员")
    ALL = "all", _("公众用户和工作人员")
