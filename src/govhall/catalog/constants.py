from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemType(models.TextChoices):
    """Kinds of government power/service in the national basic catalogue (权力清单 categories)."""

    ADMINISTRATIVE_LICENSE = "administrative_license", _("行政许可")
    ADMINISTRATIVE_PAYMENT = "administrative_payment", _("行政给付")
    ADMINISTRATIVE_CONFIRMATION = "administrative_confirmation", _("行政确认")
    ADMINISTRATIVE_RULING = "administrative_ruling", _("行政裁决")
    ADMINISTRATIVE_LEVY = "administrative_levy", _("行政征收")
    ADMINISTRATIVE_REWARD = "administrative_reward", _("行政奖励")
    OTHER_POWER = "other_power", _("其他行政权力")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class ExerciseLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡镇（街道）级")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    RETIRED = "retired", _("已停用")


class LimitUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("工作日")
    NATURAL_DAYS = "natural_days", _("自然日")


class HandlingType(models.TextChoices):
    INSTANT = "instant", _("即办件")
    PROMISED = "promised", _("承诺件")


class ServiceObject(models.TextChoices):
    PERSON = "person", _("自然人")
    ENTERPRISE = "enterprise", _("法人")
    BOTH = "both", _("自然人、法人")


class MaterialNecessity(models.TextChoices):
    REQUIRED = "required", _("必要")
    OPTIONAL = "optional", _("非必要")
    CONDITIONAL = "conditional", _("容缺/情形必要")


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", _("原件")
    COPY = "copy", _("复印件")
    ORIGINAL_AND_COPY = "original_and_copy", _("原件和复印件")
    ELECTRONIC = "electronic", _("电子材料")


class ThemeKind(models.TextChoices):
    THEME = "theme", _("主题")
    LIFE_EVENT = "life_event", _("人生事件")
    BUSINESS_EVENT = "business_event", _("企业生命周期")


class Audience(models.TextChoices):
    PERSON = "person", _("个人办事")
    ENTERPRISE = "enterprise", _("法人办事")
    BOTH = "both", _("个人和法人")


ALLOWED_FILE_TYPES = ("pdf", "jpg", "jpeg", "png", "ofd", "doc", "docx", "xls", "xlsx", "zip")
MAX_MATERIAL_SIZE_MB = 100
