from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待受理")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("待补正")
    REFUSED = "refused", _("不予受理")
    IN_REVIEW = "in_review", _("审查中")
    SUSPENDED = "suspended", _("特别程序（暂停计时）")
    DECIDED = "decided", _("已决定")
    COMPLETED = "completed", _("已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


TERMINAL_STATUSES = frozenset({CaseStatus.REFUSED, CaseStatus.COMPLETED, CaseStatus.WITHDRAWN})
# Before a decision the applicant may withdraw (行政许可法: 申请人撤回申请).
WITHDRAWABLE_STATUSES = frozenset(
    {CaseStatus.SUBMITTED, CaseStatus.SUPPLEMENT_REQUESTED, CaseStatus.IN_REVIEW, CaseStatus.SUSPENDED}
)


class Decision(models.TextChoices):
    GRANTED = "granted", _("准予许可")
    DENIED = "denied", _("不予许可")


class CaseKind(models.TextChoices):
    SINGLE = "single", _("单项办件")
    BUNDLE = "bundle", _("一件事办件")
    CHILD = "child", _("并联子办件")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANIZATION = "organization", _("法人")


class Channel(models.TextChoices):
    ONLINE = "online", _("网上申请")
    WINDOW = "window", _("窗口受理")


class MaterialSource(models.TextChoices):
    UPLOAD = "upload", _("上传")
    LICENSE = "license", _("电子证照")
    SHARED_DATA = "shared_data", _("共享数据")
    PAPER = "paper", _("窗口核验纸质原件")


class SuspensionReason(models.TextChoices):
    HEARING = "hearing", _("听证")
    INSPECTION = "inspection", _("现场核查")
    TESTING = "testing", _("检验、检测、检疫")
    EXPERT_REVIEW = "expert_review", _("专家评审")
    SURVEY = "survey", _("现场勘查")
    PUBLIC_NOTICE = "public_notice", _("公示")
    OTHER = "other", _("其他法定情形")


ACCEPTANCE_LIMIT_WORKING_DAYS = 5  # 行政许可法 第三十二条
EXTENSION_WORKING_DAYS = 10  # 行政许可法 第四十二条
JOINT_EXTENSION_WORKING_DAYS = 15  # 行政许可法 第四十二条第二款 (联合办理/统一办理)
RIGHTS_NOTICE = _(
    "如对本决定不服，可以自收到本决定之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。"
)
