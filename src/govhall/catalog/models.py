"""The service catalogue (事项目录): basic items, each department's implementation entries in
immutable published versions, their materials and fees, themes and bundles (一件事).

"同一事项、同一标准、同一编码": a ``BasicItem`` is the national/provincial entry; a ``ServiceItem``
is one department's implementation of it with a stable implementation code; what a citizen sees
and applies under is a ``ServiceItemVersion``. A published version never changes (services refuse,
the model refuses, and cases keep a foreign key to the version they were filed under); editing
makes a new draft version.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from govhall.catalog.constants import (
    Audience,
    ExerciseLevel,
    HandlingType,
    ItemType,
    LimitUnit,
    MaterialForm,
    MaterialNecessity,
    ServiceObject,
    ThemeKind,
    VersionStatus,
)


class PublishedVersionImmutable(Exception):
    """Raised when code tries to save or delete a published or retired version's content."""


class Theme(models.Model):
    """A browsing theme, life event (人生事件) or enterprise life-cycle stage."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("名称"), max_length=64)
    kind = models.CharField(_("类型"), max_length=16, choices=ThemeKind.choices, default=ThemeKind.THEME)
    audience = models.CharField(_("服务对象"), max_length=16, choices=Audience.choices, default=Audience.BOTH)
    description = models.TextField(_("说明"), blank=True)
    sort_order = models.PositiveIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("主题")
        verbose_name_plural = _("主题")

    def __str__(self) -> str:
        return self.name


class BasicItem(models.Model):
    """An entry of the basic catalogue (基本目录), coded once for the whole country/province."""

    code = models.CharField(_("基本编码"), max_length=12, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    item_type = models.CharField(_("事项类型"), max_length=32, choices=ItemType.choices)
    legal_basis = models.TextField(_("设定依据"), blank=True)
    exercise_level = models.CharField(_("行使层级"), max_length=16, choices=ExerciseLevel.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("基本目录事项")
        verbose_name_plural = _("基本目录事项")

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class ServiceItem(models.Model):
    """A department's implementation of a basic item (实施清单事项), stable across versions."""

    code = models.CharField(_("实施编码"), max_length=40, unique=True)
    basic_item = models.ForeignKey(BasicItem, on_delete=models.PROTECT, related_name="service_items")
    department = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, related_name="service_items")
    region = models.ForeignKey("accounts.Region", on_delete=models.PROTECT, related_name="service_items")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("实施清单事项")
        verbose_name_plural = _("实施清单事项")

    def __str__(self) -> str:
        return self.code


class ServiceItemVersion(models.Model):
    """One version of a service item's guide, form and rules. Immutable once published."""

    service_item = models.ForeignKey(ServiceItem, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(_("状态"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    effective_from = models.DateField(_("生效日期"), null=True, blank=True)
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)

    name = models.CharField(_("事项名称"), max_length=200)
    keywords = models.CharField(_("关键词"), max_length=500, blank=True)
    summary = models.TextField(_("事项简介"), blank=True)
    conditions = models.TextField(_("受理条件"), blank=True)
    legal_basis = models.TextField(_("法律依据"), blank=True)
    statutory_limit = models.PositiveIntegerField(_("法定办结时限"))
    promised_limit = models.PositiveIntegerField(_("承诺办结时限"))
    limit_unit = models.CharField(
        _("时限单位"), max_length=16, choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS
    )
    handling_type = models.CharField(_("办件类型"), max_length=16, choices=HandlingType.choices)
    service_object = models.CharField(_("服务对象"), max_length=16, choices=ServiceObject.choices)
    is_free = models.BooleanField(_("是否收费"), default=True, help_text=_("勾选表示不收费"))
    visits_required = models.PositiveSmallIntegerField(_("到办事现场次数"), default=0)
    online_application = models.BooleanField(_("支持网上申请"), default=True)
    # The applicant account's real-name level (accounts.RealNameLevel) needed to submit online:
    # 1 registered, 2 verified by the real-name provider, 3 verified in person. Checked at submit.
    min_realname_level = models.PositiveSmallIntegerField(
        _("最低实名认证等级"),
        default=1,
        choices=[(1, _("L1 注册实名")), (2, _("L2 实名核验")), (3, _("L3 当面核验"))],
    )
    uses_pre_review = models.BooleanField(_("是否网上预审"), default=False)
    result_delivery = models.CharField(_("结果送达方式"), max_length=200, blank=True)
    issues_license = models.BooleanField(_("是否颁发证照"), default=False)
    license_type_code = models.CharField(_("证照类型代码"), max_length=40, blank=True)
    handling_place = models.CharField(_("办理地点"), max_length=300, blank=True)
    handling_hours = models.CharField(_("办理时间"), max_length=300, blank=True)
    consultation_channel = models.CharField(_("咨询方式"), max_length=300, blank=True)
    complaint_channel = models.CharField(_("监督投诉方式"), max_length=300, blank=True)
    process_description = models.TextField(_("办理流程"), blank=True)
    faq = models.JSONField(_("常见问题"), default=list, blank=True)
    form_schema = models.JSONField(_("申请表单（JSON Schema）"), default=dict, blank=True)
    form_ui = models.JSONField(_("表单界面提示"), default=dict, blank=True)
    process_key = models.CharField(_("审批流程"), max_length=100, blank=True, default="single_department")
    themes = models.ManyToManyField(Theme, blank=True, related_name="item_versions")

    change_note = models.CharField(_("修订说明"), max_length=300, blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["service_item_id", "-version"]
        verbose_name = _("事项版本")
        verbose_name_plural = _("事项版本")
        constraints = [
            models.UniqueConstraint(fields=["service_item", "version"], name="item_version_unique"),
            models.UniqueConstraint(
                fields=["service_item"], condition=Q(status="published"), name="one_published_version_per_item"
            ),
            models.UniqueConstraint(
                fields=["service_item"], condition=Q(status="draft"), name="one_draft_version_per_item"
            ),
            models.CheckConstraint(
                condition=Q(promised_limit__lte=models.F("statutory_limit")), name="promised_within_statutory"
            ),
            models.CheckConstraint(condition=Q(status__in=list(VersionStatus.values)), name="version_status_valid"),
            models.CheckConstraint(
                condition=Q(min_realname_level__gte=1, min_realname_level__lte=3),
                name="version_min_realname_level_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "service_item"])]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Safety net under the services: a published/retired version's content is frozen. The
        # only later change allowed is the status/effective_to transition done by services with
        # update_fields limited to those columns.
        update_fields = kwargs.get("update_fields")
        lifecycle_only = update_fields is not None and set(update_fields) <= {
            "status",
            "effective_to",
            "updated_at",
            "published_at",
            "published_by",
        }
        if self.pk and not lifecycle_only:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored is not None and stored != VersionStatus.DRAFT:
                raise PublishedVersionImmutable(f"version {self.pk} is {stored} and cannot be changed")
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT


class DraftOnlyChild(models.Model):
    """Materials and fees belong to a version; they change only while it is a draft."""

    version: Any

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._check_draft()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self._check_draft()
        return super().delete(*args, **kwargs)

    def _check_draft(self) -> None:
        status = ServiceItemVersion.objects.filter(pk=self.version_id).values_list("status", flat=True).first()  # type: ignore[attr-defined]
        if status is not None and status != VersionStatus.DRAFT:
            raise PublishedVersionImmutable(f"version {self.version_id} is {status}")  # type: ignore[attr-defined]


class FeeItem(DraftOnlyChild):
    version = models.ForeignKey(ServiceItemVersion, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField(_("收费项目"), max_length=200)
    amount = models.DecimalField(_("收费标准（元）"), max_digits=12, decimal_places=2)
    legal_basis = models.CharField(_("收费依据"), max_length=500)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version_id", "sort_order", "id"]
        verbose_name = _("收费项目")
        verbose_name_plural = _("收费项目")

    def __str__(self) -> str:
        return self.name


class MaterialRequirement(DraftOnlyChild):
    """A material the applicant supplies — or that a licence or shared data can stand in for."""

    version = models.ForeignKey(ServiceItemVersion, on_delete=models.CASCADE, related_name="materials")
    sort_order = models.PositiveIntegerField(default=0)
    name = models.CharField(_("材料名称"), max_length=200)
    necessity = models.CharField(_("必要性"), max_length=16, choices=MaterialNecessity.choices)
    condition_note = models.CharField(_("适用情形"), max_length=300, blank=True)
    form = models.CharField(_("材料形式"), max_length=24, choices=MaterialForm.choices, default=MaterialForm.ELECTRONIC)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1)
    file_types = models.JSONField(_("可接受文件类型"), default=list)
    max_size_mb = models.PositiveIntegerField(_("大小上限（MB）"), default=10)
    sample_file = models.CharField(_("示例样表"), max_length=200, blank=True)
    blank_form_file = models.CharField(_("空白表格"), max_length=200, blank=True)
    source = models.CharField(_("来源渠道"), max_length=200, blank=True, help_text=_("例如：申请人自备、政府部门核发"))
    legal_source = models.CharField(_("材料依据"), max_length=300, blank=True)
    satisfied_by_license_type = models.CharField(_("可由证照替代（证照类型代码）"), max_length=40, blank=True)
    satisfied_by_data_resource = models.CharField(_("可由共享数据替代（资源代码）"), max_length=64, blank=True)
    note = models.CharField(_("填报须知"), max_length=500, blank=True)

    class Meta:
        ordering = ["version_id", "sort_order", "id"]
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        constraints = [
            models.CheckConstraint(condition=Q(copies__gte=1), name="material_copies_positive"),
            models.CheckConstraint(
                condition=Q(max_size_mb__gte=1) & Q(max_size_mb__lte=100), name="material_size_limit_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Bundle(models.Model):
    """一件事: several items applied for with one combined form."""

    code = models.CharField(_("编码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    summary = models.TextField(_("简介"), blank=True)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="bundles")
    lead_department = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, related_name="bundles")
    items = models.ManyToManyField(ServiceItem, through="BundleItem", related_name="bundles")  # type: ignore[var-annotated]
    form_schema = models.JSONField(_("合并申请表（JSON Schema）"), default=dict, blank=True)
    statutory_limit = models.PositiveIntegerField(_("法定办结时限"), default=45)
    promised_limit = models.PositiveIntegerField(_("承诺办结时限"), default=15)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("一件事")
        verbose_name_plural = _("一件事")

    def __str__(self) -> str:
        return self.name


class BundleItem(models.Model):
    bundle = models.ForeignKey(Bundle, on_delete=models.CASCADE, related_name="bundle_items")
    service_item = models.ForeignKey(ServiceItem, on_delete=models.PROTECT, related_name="+")
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["bundle_id", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["bundle", "service_item"], name="bundle_item_unique")]

    def __str__(self) -> str:
        return f"{self.bundle_id}:{self.service_item_id}"


from govhall.catalog.search_models import SearchEntry as SearchEntry  # noqa: E402  (registers the search index model)
