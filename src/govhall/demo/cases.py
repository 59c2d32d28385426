"""Demo cases in every state, so the worklists and the applicant's space are not empty.

Created through the case services like real applications; the only shortcut is back-dating the
overdue example (a demo fixture: real cases only ever move forward in time).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import timezone

from govhall.accounts import facade as accounts
from govhall.cases import facade as cases
from govhall.catalog import facade as catalog
from govhall.core.contracts import Actor
from govhall.demo.catalog import implementation_code

SAMPLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
# A 1×1 white PNG.
SAMPLE_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4d40000000049454e44ae426082"
)


def sample_form(schema: dict[str, Any]) -> dict[str, Any]:
    """Plausible answers for a form schema (demo only)."""
    data: dict[str, Any] = {}
    for name, prop in schema.get("properties", {}).items():
        if "enum" in prop:
            data[name] = prop["enum"][0]
        elif prop.get("format") == "date":
            data[name] = "2026-01-15"
        elif prop.get("type") == "integer":
            data[name] = 2
        elif prop.get("type") == "number":
            data[name] = 60.5
        elif prop.get("type") == "boolean":
            data[name] = True
        else:
            data[name] = str(prop.get("title", "示例"))[: prop.get("maxLength", 50)]
    return data


class DemoCases:
    def __init__(self, departments: dict[str, Any], citizens: list[Any]) -> None:
        self.departments = departments
        self.citizens = citizens  # Person rows, in region.CITIZENS order
        self.staff = {
            name: accounts.user_by_username(username=name)
            for name in ("clerk", "reviewer", "decider", "hrss_reviewer", "housing_reviewer")
        }

    def actor(self, username: str, role: str, department_key: str) -> Actor:
        user = self.staff[username]
        return Actor(user_id=user.pk if user else None, role=role, department_id=self.departments[department_key].pk)

    def apply(
        self, citizen: int, item_key: str, department_key: str, *, organization: Any = None, submit: bool = True
    ) -> Any:
        person = self.citizens[citizen]
        code = implementation_code(self.departments[department_key], self._basic(item_key))
        version = catalog.published_version(code=code)
        if version is None:
            raise LookupError(f"demo item {item_key} is not published")
        case = cases.case_draft_save(
            user=person.user,
            item_code=code,
            form_data=sample_form(version.form_schema),
            applicant_kind="organization" if organization else "person",
            organization_id=organization.pk if organization else None,
        )
        if not submit:
            return case
        self._upload_required(person.user, case)
        return cases.case_submit(user=person.user, case_id=case.pk)

    def apply_bundle(self, citizen: int, bundle_code: str) -> Any:
        """A 一件事 submitted with one combined form and every item's required materials."""
        user = self.citizens[citizen].user
        _bundle, versions = catalog.bundle_detail(code=bundle_code) or (None, [])
        case = cases.case_bundle_draft_save(
            user=user, bundle_code=bundle_code, form_data=sample_form(cases.bundle_form_schema(versions))
        )
        for child in cases.bundle_children(case):
            self._upload_required(user, child)
        return cases.case_bundle_submit(user=user, case_id=case.pk)

    @staticmethod
    def _upload_required(user: Any, case: Any) -> None:
        for requirement in case.item_version.materials.all():
            if requirement.necessity == "required":
                as_pdf = "pdf" in requirement.file_types
                cases.case_material_upload(
                    user=user,
                    case_id=case.pk,
                    requirement_id=requirement.pk,
                    stream=io.BytesIO(SAMPLE_PDF if as_pdf else SAMPLE_PNG),
                    filename=f"{requirement.name[:20]}.{'pdf' if as_pdf else 'png'}",
                )

    @staticmethod
    def _basic(item_key: str) -> str:
        from govhall.demo import catalog_data

        return next(item["basic_code"] for item in catalog_data.ITEMS if item["key"] == item_key)

    def review_all(self, case: Any, actor: Actor) -> None:
        for item in cases.open_items(case):
            if item.role == "reviewer" and item.department_id == actor.department_id:
                cases.case_review(
                    actor=actor,
                    case_id=case.pk,
                    work_item_id=item.pk,
                    opinion="材料齐全，符合法定条件。",
                    recommendation="approve",
                )


def load_cases(departments: dict[str, Any], citizens: list[Any]) -> int:
    """Create the demo cases once (skipped when any case exists). Returns how many were made."""
    if cases.department_cases(department_ids=[d.pk for d in departments.values()]).exists():
        return 0
    demo = DemoCases(departments, citizens)
    clerk_x = demo.actor("clerk", "window_clerk", "xiangcheng_market")
    clerk_m = demo.actor("clerk", "window_clerk", "market")
    reviewer_x = demo.actor("reviewer", "reviewer", "xiangcheng_market")
    hrss_review = demo.actor("hrss_reviewer", "reviewer", "hrss")
    hrss_decide = demo.actor("hrss_reviewer", "decider", "hrss")
    hrss_clerk = Actor(user_id=hrss_review.user_id, role="window_clerk", department_id=departments["hrss"].pk)
    made = 0

    demo.apply(0, "social_security_card", "hrss", submit=False)  # a draft 张三 can resume
    demo.apply(1, "enterprise_establishment", "market")  # awaiting acceptance at the market bureau
    made += 2

    case = demo.apply(2, "small_catering_license", "xiangcheng_market")
    cases.case_request_supplement(
        actor=clerk_x,
        case_id=case.pk,
        items=[
            {"name": "营业执照", "note": "请上传加盖公章的彩色扫描件"},
            {"name": "与食品经营相适应的主要设备设施布局", "note": "请补充操作流程示意图"},
        ],
        note="一次性告知：请一并补正以下材料。",
    )
    made += 1

    case = demo.apply(0, "food_operation_license_new", "xiangcheng_market")
    cases.case_accept(actor=clerk_x, case_id=case.pk)  # in review: 林审核 has the review step
    made += 1

    case = demo.apply(3, "food_operation_license_new", "xiangcheng_market")
    cases.case_accept(actor=clerk_x, case_id=case.pk)
    demo.review_all(case, reviewer_x)  # reviewed: 黄审批 has the decision step
    made += 1

    case = demo.apply(1, "small_catering_license", "xiangcheng_market")
    cases.case_accept(actor=clerk_x, case_id=case.pk)
    cases.case_suspend(
        actor=reviewer_x,
        case_id=case.pk,
        reason="inspection",
        expected_end=timezone.localdate() + dt.timedelta(days=10),
        note="安排现场核查经营场所",
    )
    made += 1

    case = demo.apply(2, "flexible_employment_insurance", "hrss")
    cases.case_accept(actor=hrss_clerk, case_id=case.pk)
    demo.review_all(case, hrss_review)
    cases.case_decide(actor=hrss_decide, case_id=case.pk, decision="granted", reason="符合灵活就业人员参保条件。")
    cases.case_complete(actor=hrss_decide, case_id=case.pk, note="参保登记已生效")
    made += 1

    case = demo.apply(3, "unemployment_insurance_benefit", "hrss")
    cases.case_accept(actor=hrss_clerk, case_id=case.pk)
    demo.review_all(case, hrss_review)
    cases.case_decide(
        actor=hrss_decide,
        case_id=case.pk,
        decision="denied",
        reason="申请人系本人自愿离职，不符合失业保险金领取条件。",
        legal_basis="《失业保险条例》第十四条",
    )
    made += 1

    case = demo.apply(0, "enterprise_establishment", "market")
    cases.case_refuse(
        actor=clerk_m,
        case_id=case.pk,
        reason="申请登记的名称与已登记的企业名称相同。",
        legal_basis="《中华人民共和国市场主体登记管理条例》第十条",
    )
    made += 1

    case = demo.apply(2, "residence_permit", "public_security")
    cases.case_withdraw(user=citizens[2].user, case_id=case.pk, reason="已迁入本市户籍，无需办理")
    made += 1

    # Granted and completed: 张三's 闽南小吃店 gets a new version of its 食品经营许可证 (the previous
    # one is marked replaced), signed by the worker, in the shop's wallet.
    decider_x = demo.actor("decider", "decider", "xiangcheng_market")
    shop = accounts.organizations_represented(user=citizens[0].user).first()
    case = demo.apply(0, "food_operation_license_new", "xiangcheng_market", organization=shop)
    cases.case_accept(actor=clerk_x, case_id=case.pk)
    demo.review_all(case, reviewer_x)
    cases.case_decide(
        actor=decider_x,
        case_id=case.pk,
        decision="granted",
        reason="经营场所、设备设施和管理制度符合食品经营许可条件。",
        legal_basis="《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》",
    )
    cases.case_complete(actor=decider_x, case_id=case.pk, note="许可证已发放至申请人电子证照")
    made += 1

    # 开办餐饮店“一件事”: one form, three items, reviewed in parallel by 芗城区市场监管局 and the housing
    # bureau. 林审核 has reviewed; 吴审核 (housing) finds the bundle in 我的待办.
    case = demo.apply_bundle(1, "350600-YJS-003")
    cases.case_accept(actor=clerk_x, case_id=case.pk)
    demo.review_all(case, reviewer_x)
    made += 1

    # 秒批: the rules decide at acceptance (the trace is kept on the case).
    case = demo.apply(3, "individual_business_registration", "xiangcheng_market")
    cases.case_accept(actor=clerk_x, case_id=case.pk)
    made += 1

    # An overdue case: accepted 30 working days ago (back-dated demo fixture), then the sweep flags it.
    case = demo.apply(1, "food_operation_license_renewal", "xiangcheng_market")
    cases.case_accept(actor=clerk_x, case_id=case.pk)
    cases.case_demo_backdate(case_id=case.pk, working_days=30)
    cases.case_deadline_sweep()
    made += 1
    return made
