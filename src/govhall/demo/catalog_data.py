"""The demo service catalogue of 漳州市 (350600): themes, service items and 一件事 bundles.

Pure data (no Django imports) that ``govhall demo`` loads through the catalogue services. Everything
here describes real kinds of government services as a prefecture-level city in Fujian runs them —
names, acceptance conditions, legal bases, time limits, materials and fees follow the usual wording
of 办事指南 — but the catalogue itself is illustrative: it is not the official Fujian implementation
list, and windows, addresses and phone numbers are generic.

Basic codes (``basic_code``) are **illustrative**, NOT the official national basic-catalogue codes.
They are 12 upper-case letters/digits built as::

    SSS TT MMMM NNN
    │   │  │    └── sub-item (业务办理项) sequence, 000 when the item has no sub-items
    │   │  └─────── main item sequence within the sector and type
    │   └────────── item type (see ``ITEM_TYPE_CODES``: XK 行政许可, JF 行政给付, QR 行政确认 …)
    └────────────── competent sector (see ``SECTOR_CODES``: SCJ 市场监管, RSJ 人社, GAJ 公安 …)

e.g. ``SCJXK0005001`` = 市场监管 / 行政许可 / main item 0005 (食品经营许可) / sub-item 001 (新办).
The sector is that of the competent authority, so a district bureau implements items with its city
sector's prefix (芗城区市场监管局 → ``SCJ``, 龙文区行政服务中心 → ``ZWF``).

Shapes (see the TypedDicts below):

- ``THEMES``: browsing themes, life events (人生事件) and enterprise life-cycle stages.
- ``ITEMS``: one entry per service item (实施清单事项). ``version`` holds the content of version 1;
  every key of it except ``materials``, ``fees``, ``themes`` and ``form_fields`` is a field of
  ``ServiceItemVersion`` (``services.VERSION_FIELDS``). ``form_fields`` is a short list the loader
  turns into the version's JSON Schema. Materials carry every ``MATERIAL_FIELDS`` key except the
  sample/blank-form files.
- ``BUNDLES``: 一件事 — several items applied for with one combined form.
- ``LICENSE_TYPES`` / ``DATA_RESOURCES``: every licence-type code and data-sharing resource code the
  items use (what they issue, and what may stand in for an uploaded material: 免提交).

Demo simplifications: the municipal departments also stand in for the offices of the central
districts, so a few items that a county/district normally exercises (低保, 义务教育入学 …) are
implemented by a 漳州市 department with ``exercise_level`` "county". Time limits are in working days
except where an item sets ``limit_unit`` to natural days because its legal basis counts calendar
days (居民身份证). Fee amounts are the national standards in force when this file was written.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

# --- shapes ---------------------------------------------------------------------------------


class ThemeData(TypedDict):
    slug: str
    name: str
    kind: str  # ThemeKind: theme | life_event | business_event
    audience: str  # Audience: person | enterprise | both
    description: str


class FaqEntry(TypedDict):
    q: str
    a: str


class MaterialData(TypedDict):
    name: str
    necessity: str  # MaterialNecessity: required | optional | conditional
    condition_note: str
    form: str  # MaterialForm: original | copy | original_and_copy | electronic
    copies: int
    file_types: list[str]
    max_size_mb: int
    source: str
    legal_source: str
    satisfied_by_license_type: str
    satisfied_by_data_resource: str
    note: str


class FeeData(TypedDict):
    name: str
    amount: str  # yuan, two decimals, as a string for Decimal()
    legal_basis: str
    note: str


class FormField(TypedDict):
    name: str
    title: str
    type: str  # string | integer | number | boolean | date
    required: bool
    enum: NotRequired[list[str]]
    max_length: NotRequired[int]


class VersionData(TypedDict):
    name: str
    keywords: str
    summary: str
    conditions: str
    legal_basis: str
    statutory_limit: int
    promised_limit: int
    limit_unit: str
    handling_type: str
    service_object: str
    is_free: bool
    visits_required: int
    online_application: bool
    uses_pre_review: bool
    result_delivery: str
    issues_license: bool
    license_type_code: str
    handling_place: str
    handling_hours: str
    consultation_channel: str
    complaint_channel: str
    process_description: str
    faq: list[FaqEntry]
    process_key: str
    themes: list[str]
    materials: list[MaterialData]
    fees: list[FeeData]
    form_fields: list[FormField]


class ItemData(TypedDict):
    key: str
    department: str
    basic_code: str
    basic_name: str
    item_type: str
    exercise_level: str
    region: str
    version: VersionData


class BundleData(TypedDict):
    code: str
    name: str
    summary: str
    theme: str
    lead_department: str
    items: list[str]
    statutory_limit: int
    promised_limit: int


# --- code tables ----------------------------------------------------------------------------

SECTOR_CODES = {
    "SCJ": "市场监督管理",
    "RSJ": "人力资源和社会保障",
    "ZJJ": "住房和城乡建设",
    "GAJ": "公安",
    "MZJ": "民政",
    "JYJ": "教育",
    "JTJ": "交通运输",
    "WJW": "卫生健康",
    "ZRJ": "自然资源",
    "STJ": "生态环境",
    "YBJ": "医疗保障",
    "GJJ": "住房公积金",
    "WLJ": "文化和旅游",
    "NYJ": "农业农村",
    "ZWF": "政务服务",
    "SJJ": "数据管理",
}

ITEM_TYPE_CODES = {
    "administrative_license": "XK",
    "administrative_payment": "JF",
    "administrative_confirmation": "QR",
    "administrative_ruling": "CJ",
    "administrative_levy": "ZS",
    "administrative_reward": "JL",
    "other_power": "QT",
    "public_service": "GG",
}

LICENSE_TYPES = {
    "business_license": "营业执照",
    "resident_id_card": "居民身份证",
    "household_register": "居民户口簿",
    "birth_certificate": "出生医学证明",
    "marriage_certificate": "结婚证",
    "divorce_certificate": "离婚证",
    "residence_permit": "居住证",
    "driving_license": "机动车驾驶证",
    "vehicle_license": "机动车行驶证",
    "passport": "普通护照",
    "no_criminal_record_certificate": "无犯罪记录证明",
    "social_security_card": "社会保障卡",
    "employment_entrepreneurship_certificate": "就业创业证",
    "hr_service_license": "人力资源服务许可证",
    "food_operation_license": "食品经营许可证",
    "drug_business_license": "药品经营许可证",
    "medical_device_filing_certificate": "第二类医疗器械经营备案凭证",
    "construction_permit": "建筑工程施工许可证",
    "presale_permit": "商品房预售许可证",
    "gas_business_license": "燃气经营许可证",
    "drainage_permit": "城镇污水排入排水管网许可证",
    "real_estate_certificate": "不动产权证书",
    "real_estate_registration_certificate": "不动产登记证明",
    "land_use_planning_permit": "建设用地规划许可证",
    "construction_planning_permit": "建设工程规划许可证",
    "pollutant_discharge_permit": "排污许可证",
    "pollutant_discharge_registration_receipt": "固定污染源排污登记回执",
    "teacher_qualification": "教师资格证书",
    "mandarin_certificate": "普通话水平测试等级证书",
    "road_transport_permit": "道路运输经营许可证",
    "road_transport_qualification": "道路运输从业人员从业资格证",
    "ride_hailing_driver_permit": "网络预约出租汽车驾驶员证",
    "physician_qualification": "医师资格证书",
    "practicing_physician": "医师执业证书",
    "nurse_practice": "护士执业证书",
    "public_place_hygiene_license": "公共场所卫生许可证",
    "clinic_filing_certificate": "诊所备案凭证",
    "travel_agency_license": "旅行社业务经营许可证",
    "entertainment_license": "娱乐经营许可证",
    "pesticide_business_license": "农药经营许可证",
    "seed_license": "农作物种子生产经营许可证",
    "animal_epidemic_prevention_certificate": "动物防疫条件合格证",
    "disability_certificate": "中华人民共和国残疾人证",
    "social_organization_certificate": "社会团体法人登记证书",
}

DATA_RESOURCES = {
    "population_basic_info": "人口基础信息（公安）",
    "household_registration": "户籍登记信息（公安）",
    "birth_medical_certificate": "出生医学证明信息（卫生健康）",
    "marriage_record": "婚姻登记信息（民政）",
    "death_record": "死亡信息（居民死亡医学证明、火化信息）",
    "social_security_record": "社会保险参保缴费信息（人社）",
    "employment_record": "就业失业登记信息（人社）",
    "retirement_record": "退休审批及养老金领取信息（人社）",
    "medical_insurance_record": "基本医疗保险参保信息（医保）",
    "housing_fund_account": "住房公积金缴存信息（公积金中心）",
    "real_estate_registration": "不动产登记信息（自然资源）",
    "online_contract_filing": "房屋买卖和租赁合同网签备案信息（住建）",
    "land_supply_record": "国有建设用地供应信息（自然资源）",
    "market_entity_registration": "市场主体登记信息（市场监管）",
    "eia_approval_record": "建设项目环评审批信息（生态环境）",
    "disability_record": "残疾人证信息（残联）",
    "social_assistance_record": "社会救助对象信息（民政）",
    "academic_degree_record": "学历学位信息（教育）",
    "driver_record": "机动车驾驶人信息（公安交管）",
    "vehicle_record": "机动车登记信息（公安交管）",
    "medical_staff_qualification": "医师、护士资格考试及执业信息（卫生健康）",
}

# --- shared wording -------------------------------------------------------------------------

CITY_HALL = "漳州市行政服务中心（漳州市芗城区水仙大街与江滨路交叉口）"
XIANGCHENG_HALL = "漳州市芗城区行政服务中心"
LONGWEN_HALL = "漳州市龙文区行政服务中心"
STANDARD_HOURS = "工作日上午8:00-12:00，下午14:30-17:30（夏令时15:00-18:00）；法定节假日除外"
COMPLAINT = "12345政务服务便民热线；福建省网上办事大厅“投诉建议”栏目；漳州市行政服务中心效能投诉窗口"
ONLINE_CHANNEL = "福建省网上办事大厅（漳州市）或闽政通APP"

_DEPARTMENT_PLACE = {
    "data": f"{CITY_HALL}综合受理窗口",
    "service_center": f"{CITY_HALL}帮办代办服务专区",
    "market": f"{CITY_HALL}市场监管窗口",
    "hrss": f"{CITY_HALL}人社（社保）综合窗口",
    "housing": f"{CITY_HALL}住建窗口",
    "public_security": f"{CITY_HALL}公安综合窗口",
    "civil_affairs": f"{CITY_HALL}民政窗口",
    "education": f"{CITY_HALL}教育窗口",
    "transport": f"{CITY_HALL}交通运输窗口",
    "health": f"{CITY_HALL}卫生健康窗口",
    "natural_resources": "漳州市不动产登记中心服务大厅（漳州市行政服务中心内）",
    "ecology": f"{CITY_HALL}生态环境窗口",
    "medical_insurance": f"{CITY_HALL}医保窗口",
    "housing_fund": "漳州市住房公积金中心服务大厅（漳州市行政服务中心内）及各县（区）管理部",
    "culture_tourism": f"{CITY_HALL}文旅窗口",
    "agriculture": f"{CITY_HALL}农业农村窗口",
    "xiangcheng_market": f"{XIANGCHENG_HALL}市场监管窗口",
    "longwen_service": f"{LONGWEN_HALL}综合受理窗口",
}

_DEPARTMENT_PHONE = {
    "market": "12315市场监管服务热线；0596-12345",
    "xiangcheng_market": "12315市场监管服务热线；0596-12345",
    "hrss": "12333人力资源和社会保障服务热线；0596-12345",
    "housing": "12319城建服务热线；0596-12345",
    "transport": "12328交通运输服务监督热线；0596-12345",
    "health": "12320卫生健康热线；0596-12345",
    "medical_insurance": "12393医疗保障服务热线；0596-12345",
    "housing_fund": "12329住房公积金服务热线；0596-12345",
    "agriculture": "12316三农服务热线；0596-12345",
}

_COUNTY_REGION = {"xiangcheng_market": "350602", "longwen_service": "350603"}

# File-type sets (all within catalog.constants.ALLOWED_FILE_TYPES).
_SCAN = ("pdf", "jpg", "jpeg", "png", "ofd")
_PHOTO = ("jpg", "jpeg", "png")
_DOC = ("pdf", "doc", "docx", "ofd")
_SHEET = ("pdf", "xls", "xlsx")
_DRAWING = ("pdf", "zip")


# --- builders -------------------------------------------------------------------------------


def _m(
    name: str,
    necessity: str = "required",
    *,
    form: str = "electronic",
    copies: int = 1,
    types: tuple[str, ...] = _SCAN,
    size: int = 10,
    source: str = "申请人自备",
    basis: str = "",
    license: str = "",
    data: str = "",
    condition: str = "",
    note: str = "",
) -> MaterialData:
    return {
        "name": name,
        "necessity": necessity,
        "condition_note": condition,
        "form": form,
        "copies": copies,
        "file_types": list(types),
        "max_size_mb": size,
        "source": source,
        "legal_source": basis,
        "satisfied_by_license_type": license,
        "satisfied_by_data_resource": data,
        "note": note,
    }


def _id_card(who: str = "申请人", *, necessity: str = "required", condition: str = "", basis: str = "") -> MaterialData:
    return _m(
        f"{who}居民身份证",
        necessity,
        form="original",
        types=_SCAN,
        size=5,
        source="公安机关核发",
        basis=basis,
        license="resident_id_card",
        data="population_basic_info",
        condition=condition,
        note="网上办理经实名认证后调用电子证照，免于提交；现场办理出示原件",
    )


def _business_license(*, basis: str = "") -> MaterialData:
    return _m(
        "营业执照",
        form="original",
        size=5,
        source="市场监督管理部门核发",
        basis=basis,
        license="business_license",
        data="market_entity_registration",
        note="已领取电子营业执照的通过电子证照调用，免于提交",
    )


def _application(title: str, *, basis: str = "", note: str = "") -> MaterialData:
    return _m(
        title,
        form="original",
        types=_DOC,
        size=10,
        source="申请人自备（网上申请时在线填写自动生成）",
        basis=basis,
        note=note or "网上申请的，按页面提示在线填写，系统自动生成申请表，签字（盖章）后上传",
    )


def _agent() -> MaterialData:
    return _m(
        "授权委托书及受托人居民身份证",
        "conditional",
        form="original",
        size=5,
        condition="委托他人代为办理的",
        note="委托书须写明委托事项、权限和期限，并由委托人签字（盖章）",
    )


def _household_register(
    who: str = "申请人", *, necessity: str = "required", condition: str = "", basis: str = ""
) -> MaterialData:
    return _m(
        f"{who}居民户口簿",
        necessity,
        form="original",
        size=10,
        source="公安机关核发",
        basis=basis,
        license="household_register",
        data="household_registration",
        condition=condition,
        note="本市户籍的通过户籍信息共享核验，免于提交",
    )


def _f(
    name: str,
    title: str,
    type: str = "string",
    required: bool = True,
    *,
    enum: list[str] | None = None,
    max_length: int | None = None,
) -> FormField:
    field: FormField = {"name": name, "title": title, "type": type, "required": required}
    if enum is not None:
        field["enum"] = enum
    if max_length is not None:
        field["max_length"] = max_length
    return field


def _fee(name: str, amount: str, basis: str, note: str = "") -> FeeData:
    return {"name": name, "amount": amount, "legal_basis": basis, "note": note}


def _flow(
    *,
    online: bool,
    pre_review: bool,
    handling_type: str,
    process_key: str,
    review: str,
    delivery: str,
) -> str:
    """The 办理流程 text, written from the item's own facts so it never contradicts them."""
    steps: list[str] = []
    if online:
        steps.append(f"申请：通过{ONLINE_CHANNEL}在线提交申请，也可到办理窗口现场申请")
    else:
        steps.append("申请：申请人持申请材料到办理窗口提交申请（本事项可网上查询办事指南、预约取号）")
    if pre_review:
        steps.append("预审：工作人员对网上提交的材料进行预审，需补正的通过短信和网上办事大厅一次性告知")
    if process_key == "instant_approval":
        steps.append("智能核验：系统通过数据共享比对身份、资格和相关登记信息，符合规则的自动生成办理结果")
        steps.append("办结：即时办结；比对不通过的转人工审核，并告知原因")
    else:
        if handling_type == "instant":
            steps.append("受理：材料齐全、符合法定形式的当场受理；不齐全的当场一次性告知需要补正的全部内容")
        else:
            steps.append(
                "受理：材料齐全、符合法定形式的予以受理；材料不齐全或不符合法定形式的，当场或者在5个工作日内"
                "一次性告知需要补正的全部内容"
            )
        if handling_type == "instant":
            steps.append(f"审核办结：{review or '窗口工作人员当场审核，符合条件的即时办结'}")
        elif process_key == "two_level_review":
            steps.append(f"审查：{review or '承办人对申请材料进行审查，必要时组织现场核查'}")
            steps.append("复核：科室负责人对审查意见进行复核")
            steps.append(
                "决定：分管负责人审批，作出准予或者不予办理的书面决定；不予办理的说明理由，"
                "并告知依法申请行政复议或者提起行政诉讼的权利"
            )
        else:
            steps.append(f"审查：{review or '承办科室对申请材料进行审查，必要时进行现场核查'}")
            steps.append(
                "决定：作出准予或者不予办理的书面决定；不予办理的说明理由，并告知依法申请行政复议或者提起行政诉讼的权利"
            )
    steps.append(f"送达：{delivery}")
    return "\n".join(f"{number}. {step}" for number, step in enumerate(steps, start=1))


def _item(
    key: str,
    department: str,
    basic_code: str,
    item_type: str,
    *,
    name: str,
    basic_name: str = "",
    keywords: str,
    summary: str,
    conditions: str,
    legal_basis: str,
    statutory: int,
    promised: int,
    service_object: str,
    materials: list[MaterialData],
    faq: list[FaqEntry],
    themes: list[str],
    form_fields: list[FormField],
    handling_type: str = "promised",
    process_key: str = "single_department",
    visits: int = 0,
    online: bool = True,
    pre_review: bool = False,
    fees: list[FeeData] | None = None,
    issues_license: str = "",
    delivery: str = "",
    place: str = "",
    hours: str = STANDARD_HOURS,
    phone: str = "",
    review: str = "",
    process: str = "",
    limit_unit: str = "working_days",
    exercise_level: str = "",
) -> ItemData:
    region = _COUNTY_REGION.get(department, "350600")
    if not delivery:
        delivery = (
            "电子证照（同步推送至闽政通“卡包”）、窗口领取、EMS邮寄"
            if issues_license
            else "网上办事大厅下载电子文书、窗口领取、EMS邮寄"
        )
    version: VersionData = {
        "name": name,
        "keywords": keywords,
        "summary": summary,
        "conditions": conditions,
        "legal_basis": legal_basis,
        "statutory_limit": statutory,
        "promised_limit": promised,
        "limit_unit": limit_unit,
        "handling_type": handling_type,
        "service_object": service_object,
        "is_free": not fees,
        "visits_required": visits,
        "online_application": online,
        "uses_pre_review": pre_review,
        "result_delivery": delivery,
        "issues_license": bool(issues_license),
        "license_type_code": issues_license,
        "handling_place": place or _DEPARTMENT_PLACE[department],
        "handling_hours": hours,
        "consultation_channel": phone or _DEPARTMENT_PHONE.get(department, "0596-12345"),
        "complaint_channel": COMPLAINT,
        "process_description": process
        or _flow(
            online=online,
            pre_review=pre_review,
            handling_type=handling_type,
            process_key=process_key,
            review=review,
            delivery=delivery,
        ),
        "faq": faq,
        "process_key": process_key,
        "themes": themes,
        "materials": materials,
        "fees": fees or [],
        "form_fields": form_fields,
    }
    return {
        "key": key,
        "department": department,
        "basic_code": basic_code,
        "basic_name": basic_name or name,
        "item_type": item_type,
        "exercise_level": exercise_level or ("county" if department in _COUNTY_REGION else "municipal"),
        "region": region,
        "version": version,
    }


def _qa(q: str, a: str) -> FaqEntry:
    return {"q": q, "a": a}


# --- themes ---------------------------------------------------------------------------------

THEMES: list[ThemeData] = [
    {
        "slug": "birth",
        "name": "出生",
        "kind": "life_event",
        "audience": "person",
        "description": "孩子出生前后要办的事：生育登记、出生医学证明、户口登记、医保参保、社保卡申领和生育津贴。",
    },
    {
        "slug": "schooling",
        "name": "上学",
        "kind": "life_event",
        "audience": "person",
        "description": "义务教育入学登记、学籍和教师资格等与上学、从教相关的事项。",
    },
    {
        "slug": "employment",
        "name": "就业创业",
        "kind": "life_event",
        "audience": "both",
        "description": "求职登记、就业创业证、失业保险待遇、灵活就业参保和个体创业。",
    },
    {
        "slug": "marriage",
        "name": "婚姻",
        "kind": "life_event",
        "audience": "person",
        "description": "结婚登记、离婚登记以及婚后户口、公积金等相关事项。",
    },
    {
        "slug": "housing",
        "name": "住房",
        "kind": "life_event",
        "audience": "person",
        "description": "购房、租房、不动产登记、住房公积金提取和贷款、公共租赁住房。",
    },
    {
        "slug": "retirement",
        "name": "退休养老",
        "kind": "life_event",
        "audience": "person",
        "description": "职工退休、养老保险待遇、退休后医保待遇、公积金提取和高龄津贴。",
    },
    {
        "slug": "funeral",
        "name": "身后事",
        "kind": "life_event",
        "audience": "person",
        "description": "亲人去世后要办的事：户口注销、殡葬费用减免、丧葬补助金和抚恤金、公积金提取。",
    },
    {
        "slug": "start-business",
        "name": "开办企业",
        "kind": "business_event",
        "audience": "enterprise",
        "description": "企业和个体工商户设立登记、印章刻制、社保和公积金单位登记等开办环节。",
    },
    {
        "slug": "business-change",
        "name": "变更注销",
        "kind": "business_event",
        "audience": "enterprise",
        "description": "市场主体变更登记、许可证变更延续和注销。",
    },
    {
        "slug": "construction",
        "name": "工程建设",
        "kind": "business_event",
        "audience": "enterprise",
        "description": "工程建设项目从用地规划、工程规划、环评到施工许可和商品房预售的审批。",
    },
    {
        "slug": "catering",
        "name": "餐饮经营",
        "kind": "business_event",
        "audience": "both",
        "description": "开餐馆、小吃店要办的营业执照、食品经营许可和排水许可。",
    },
    {
        "slug": "transport",
        "name": "交通出行",
        "kind": "theme",
        "audience": "both",
        "description": "驾驶证、道路运输经营、网约车和机动车维修等交通出行事项。",
    },
    {
        "slug": "social-security",
        "name": "社会保障",
        "kind": "theme",
        "audience": "both",
        "description": "社会保险参保、社保卡、医保转移和异地就医、社会救助和残疾人补贴。",
    },
    {
        "slug": "healthcare",
        "name": "医疗卫生",
        "kind": "theme",
        "audience": "both",
        "description": "医师护士执业注册、诊所备案、公共场所卫生许可、药品和医疗器械经营。",
    },
    {
        "slug": "household-id",
        "name": "户籍证件",
        "kind": "theme",
        "audience": "person",
        "description": "户口登记和迁移、居民身份证、居住证、出入境证件和各类证明。",
    },
    {
        "slug": "culture-tourism",
        "name": "文化旅游",
        "kind": "theme",
        "audience": "enterprise",
        "description": "旅行社设立、娱乐场所经营和营业性演出审批。",
    },
    {
        "slug": "agriculture",
        "name": "农业农村",
        "kind": "theme",
        "audience": "both",
        "description": "农药、种子经营许可和动物防疫条件审查等涉农事项。",
    },
    {
        "slug": "environment",
        "name": "生态环境",
        "kind": "theme",
        "audience": "enterprise",
        "description": "建设项目环评审批、排污许可和排污登记。",
    },
]


# --- items: 市场监督管理 ------------------------------------------------------------------------

_MARKET_ITEMS: list[ItemData] = [
    _item(
        "enterprise_establishment",
        "market",
        "SCJXK0001001",
        "administrative_license",
        name="企业设立登记（营业执照）",
        basic_name="企业设立登记",
        keywords="营业执照,执照,办执照,开公司,注册公司,公司注册,企业开办,设立登记,有限公司,电子营业执照",
        summary=(
            "在漳州市设立有限责任公司、股份有限公司、非公司企业法人、合伙企业、个人独资企业等企业，"
            "申请办理设立登记、领取营业执照。全程网上办理，同步发放电子营业执照，可与印章刻制、"
            "社保和公积金单位登记一并申请（企业开办“一件事”）。"
        ),
        conditions=(
            "1. 企业名称经自主申报，符合《企业名称登记管理规定》；\n"
            "2. 有符合规定的住所（经营场所），申请人对住所真实性作出承诺；\n"
            "3. 法定代表人、董事、监事和高级管理人员不存在法律、行政法规规定不得担任的情形；\n"
            "4. 有依法制定的公司章程或者合伙协议；\n"
            "5. 经营范围按照经营范围规范表述目录选择，涉及登记前置许可的已取得批准文件。"
        ),
        legal_basis=(
            "《中华人民共和国公司法》第二十九条；\n"
            "《中华人民共和国市场主体登记管理条例》第三条、第十六条、第十九条；\n"
            "《中华人民共和国市场主体登记管理条例实施细则》"
        ),
        statutory=3,
        promised=1,
        service_object="both",
        issues_license="business_license",
        themes=["start-business"],
        materials=[
            _application("《公司登记（备案）申请书》", basis="《中华人民共和国市场主体登记管理条例》第十六条"),
            _m(
                "公司章程（合伙企业为合伙协议）",
                types=_DOC,
                note="由全体股东（发起人、合伙人）签署，可选用网上章程参考文本",
            ),
            _m(
                "股东（发起人、投资人）主体资格文件或自然人身份证明",
                data="market_entity_registration",
                note="自然人股东经实名认证、企业股东经登记信息共享核验的，免于提交",
            ),
            _m("法定代表人、董事、监事和经理的任职文件", types=_DOC, note="股东会决议、董事会决议或者任命书"),
            _m(
                "住所（经营场所）使用证明",
                license="real_estate_certificate",
                data="real_estate_registration",
                note="自有房产通过不动产登记信息核验免于提交；租赁的提交租赁合同；也可提交住所申报承诺书",
            ),
            _m(
                "登记前置审批文件",
                "conditional",
                condition="经营范围涉及法律、行政法规规定须在登记前报经批准的项目的",
                source="有关审批部门核发",
            ),
            _agent(),
        ],
        form_fields=[
            _f("enterprise_name", "企业名称", max_length=100),
            _f("enterprise_type", "企业类型", enum=["有限责任公司", "股份有限公司", "合伙企业", "个人独资企业"]),
            _f("registered_capital", "注册资本（万元）", "number"),
            _f("business_scope", "经营范围", max_length=2000),
            _f("domicile", "住所", max_length=200),
            _f("legal_representative", "法定代表人姓名", max_length=50),
        ],
        faq=[
            _qa(
                "办营业执照要跑几次、多长时间？",
                "全程网上办理，不用跑腿。材料齐全、符合法定形式的，1个工作日内办结，电子营业执照即时发放，"
                "纸质执照可选择免费邮寄。",
            ),
            _qa(
                "领了营业执照还要办什么？",
                "可以在企业开办“一件事”中一次填报，同步办理公章刻制备案、单位社会保险参保登记和住房公积金单位缴存登记。",
            ),
        ],
    ),
    _item(
        "enterprise_change",
        "market",
        "SCJXK0001002",
        "administrative_license",
        name="企业变更登记（营业执照变更）",
        basic_name="企业变更登记",
        keywords="营业执照变更,执照变更,变更登记,改名,更名,换法人,变更经营范围,变更地址,股权转让",
        summary=(
            "企业的名称、住所、法定代表人、注册资本、经营范围、股东等登记事项发生变化的，"
            "应当自作出变更决议、决定或者法定变更事项发生之日起30日内申请变更登记，换发营业执照。"
        ),
        conditions=(
            "1. 企业已依法登记并处于存续状态；\n"
            "2. 变更事项已依照章程规定作出决议或者决定；\n"
            "3. 变更后的登记事项符合法律、行政法规的规定；变更经营范围涉及许可的，已取得批准文件。"
        ),
        legal_basis=(
            "《中华人民共和国公司法》第三十四条；\n《中华人民共和国市场主体登记管理条例》第二十四条、第二十五条"
        ),
        statutory=3,
        promised=1,
        service_object="enterprise",
        issues_license="business_license",
        themes=["business-change"],
        materials=[
            _application("《公司登记（备案）申请书》（变更）"),
            _m("关于变更登记事项的决议或者决定", types=_DOC, note="股东会决议、股东决定或者董事会决议"),
            _m("修改后的公司章程或者章程修正案", "conditional", condition="变更事项涉及章程修改的", types=_DOC),
            _m(
                "新住所（经营场所）使用证明",
                "conditional",
                condition="变更住所的",
                license="real_estate_certificate",
                data="real_estate_registration",
            ),
            _m("股权转让协议或者股权交割证明", "conditional", condition="变更股东、股权的", types=_DOC),
            _business_license(),
            _agent(),
        ],
        form_fields=[
            _f("credit_code", "统一社会信用代码", max_length=18),
            _f(
                "change_items",
                "变更事项",
                enum=["名称", "住所", "法定代表人", "注册资本", "经营范围", "股东（投资人）", "其他"],
            ),
            _f("change_before", "变更前内容", max_length=500),
            _f("change_after", "变更后内容", max_length=500),
        ],
        faq=[
            _qa(
                "变更登记的期限是多久？",
                "应当自作出变更决议、决定或者法定变更事项发生之日起30日内申请变更登记，逾期未办理的可能被责令改正。",
            ),
            _qa("变更后原来的许可证还有效吗？", "名称、地址等变化涉及许可证记载事项的，还需向发证部门申请许可证变更。"),
        ],
    ),
    _item(
        "enterprise_deregistration",
        "market",
        "SCJXK0001003",
        "administrative_license",
        name="企业注销登记（含简易注销）",
        basic_name="企业注销登记",
        keywords="注销,公司注销,企业注销,简易注销,关闭公司,歇业,执照注销,营业执照注销",
        summary=(
            "企业因解散、被宣告破产或者其他法定事由需要终止的，依法完成清算后申请注销登记。"
            "未发生债权债务或者已将债权债务清偿完结的企业，可以选择简易注销程序，公示期为20日。"
        ),
        conditions=(
            "1. 企业已依法成立清算组完成清算，或者符合简易注销条件（未发生债权债务或者债权债务已清偿完结、"
            "未开业或者无债权债务）；\n"
            "2. 已结清应缴纳的税款、社会保险费等，不存在被立案调查、列入严重违法失信名单等不适用注销的情形；\n"
            "3. 选择简易注销的，已通过国家企业信用信息公示系统公示20日且公示期内无异议。"
        ),
        legal_basis=(
            "《中华人民共和国公司法》第二百三十九条、第二百四十条；\n"
            "《中华人民共和国市场主体登记管理条例》第三十一条至第三十四条"
        ),
        statutory=3,
        promised=1,
        service_object="enterprise",
        pre_review=True,
        themes=["business-change"],
        materials=[
            _application("《公司注销登记申请书》"),
            _m("依法作出解散的决议或者决定，或者人民法院、行政机关作出的相关文书", types=_DOC),
            _m("经确认的清算报告", "conditional", condition="适用一般注销程序的", types=_DOC),
            _m("全体投资人承诺书", "conditional", condition="适用简易注销程序的", types=_DOC),
            _m(
                "清税证明",
                "conditional",
                condition="未办理过涉税事宜以外的情形",
                source="税务机关出具",
                note="已实现信息共享的，登记机关直接核验清税信息",
            ),
            _business_license(),
        ],
        form_fields=[
            _f("credit_code", "统一社会信用代码", max_length=18),
            _f("procedure", "注销方式", enum=["一般注销", "简易注销"]),
            _f("reason", "注销原因", max_length=200),
        ],
        faq=[
            _qa(
                "什么情况下可以简易注销？",
                "未发生债权债务或者已将债权债务清偿完结的企业，经全体投资人书面承诺，可以申请简易注销，"
                "公示20日无异议后即可办理。",
            ),
            _qa(
                "注销后还需要到其他部门跑吗？",
                "通过“一网通办”注销平台可同步办理税务、社保、海关等注销，信息实时共享，不需要逐个部门跑。",
            ),
        ],
    ),
    _item(
        "drug_retail_license",
        "market",
        "SCJXK0003001",
        "administrative_license",
        name="药品零售企业许可（药品经营许可证核发）",
        basic_name="药品零售企业经营许可",
        keywords="药店,开药店,药品经营许可证,药品零售,大药房,连锁药店,药品经营",
        summary=(
            "在漳州市开办药品零售企业（含连锁门店），申请核发《药品经营许可证》。"
            "监管部门在受理后组织现场检查，经检查符合药品经营质量管理规范要求的予以许可。"
        ),
        conditions=(
            "1. 有依法经过资格认定的执业药师或者其他药学技术人员，质量负责人具备执业药师资格；\n"
            "2. 有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；\n"
            "3. 有与所经营药品相适应的质量管理机构或者人员，有保证药品质量的规章制度；\n"
            "4. 符合药品经营质量管理规范（GSP）要求，能够实现药品追溯。"
        ),
        legal_basis=(
            "《中华人民共和国药品管理法》第五十一条、第五十二条；\n"
            "《中华人民共和国药品管理法实施条例》；\n《药品经营和使用质量监督管理办法》"
        ),
        statutory=20,
        promised=10,
        service_object="enterprise",
        pre_review=True,
        visits=1,
        issues_license="drug_business_license",
        themes=["healthcare", "start-business"],
        review="对申请材料进行审查，组织药品经营质量管理规范现场检查",
        process_key="two_level_review",
        materials=[
            _application("《药品经营许可证申请表》"),
            _business_license(),
            _m("质量负责人、质量管理人员的执业药师注册证或者药学专业技术职称证书", note="执业药师注册信息可在线核验"),
            _m("营业场所、仓库平面布置图及房屋产权或者使用权证明", types=_DRAWING, size=50),
            _m("药品质量管理制度文件及设施设备目录", types=_DOC, size=20),
            _m("药品追溯系统说明材料", "optional", types=_DOC),
            _agent(),
        ],
        form_fields=[
            _f("enterprise_name", "企业名称", max_length=100),
            _f("store_address", "经营地址", max_length=200),
            _f("business_mode", "经营方式", enum=["单体药店", "连锁门店"]),
            _f("business_scope", "经营范围", max_length=500),
            _f("quality_manager", "质量负责人姓名", max_length=50),
        ],
        faq=[
            _qa(
                "需要现场检查吗？", "需要。受理后监管部门按照药品经营质量管理规范组织现场检查，检查合格的作出许可决定。"
            ),
            _qa(
                "许可证有效期多久？",
                "《药品经营许可证》有效期为5年，有效期届满需要继续经营的，应当在届满前6个月至2个月期间申请重新审查发证。",
            ),
        ],
    ),
    _item(
        "medical_device_class2_filing",
        "market",
        "SCJQT0001000",
        "other_power",
        name="第二类医疗器械经营备案",
        keywords="医疗器械备案,二类医疗器械,医疗器械经营,二类备案,器械备案凭证",
        summary="从事第二类医疗器械经营的企业，向所在地设区的市级负责药品监督管理的部门备案，当场取得备案凭证。",
        conditions=(
            "1. 有与经营范围和经营规模相适应的质量管理机构或者质量管理人员；\n"
            "2. 有与经营范围和经营规模相适应的经营、贮存场所和贮存条件；\n"
            "3. 有与经营的医疗器械相适应的质量管理制度。"
        ),
        legal_basis="《医疗器械监督管理条例》第四十一条；\n《医疗器械经营监督管理办法》",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="enterprise",
        issues_license="medical_device_filing_certificate",
        themes=["healthcare"],
        materials=[
            _application("《第二类医疗器械经营备案表》"),
            _business_license(),
            _m("法定代表人（企业负责人）、质量负责人身份证明、学历或者职称证明", note="身份信息经实名认证免于提交"),
            _m("经营场所、库房地址的地理位置图、平面图及房屋产权或者使用权证明", types=_DRAWING, size=30),
            _m("经营质量管理制度、工作程序等文件目录", types=_DOC),
        ],
        form_fields=[
            _f("enterprise_name", "企业名称", max_length=100),
            _f("business_address", "经营场所", max_length=200),
            _f("warehouse_address", "库房地址", required=False, max_length=200),
            _f("business_mode", "经营方式", enum=["批发", "零售", "批零兼营"]),
        ],
        faq=[
            _qa(
                "备案后多久能拿到凭证？",
                "材料齐全的当场备案，发放电子备案凭证；监管部门在备案后按规定对备案资料和经营条件进行核查。",
            ),
        ],
    ),
]

_XIANGCHENG_MARKET_ITEMS: list[ItemData] = [
    _item(
        "individual_business_registration",
        "xiangcheng_market",
        "SCJXK0002001",
        "administrative_license",
        name="个体工商户设立登记（营业执照办理）",
        basic_name="个体工商户设立登记",
        keywords="个体户,个体工商户,营业执照,个体执照,办执照,开店,小店,摆摊,秒批,智能审批",
        summary=(
            "有经营能力的公民在芗城区从事工商业经营，申请个体工商户设立登记、领取营业执照。"
            "通过闽政通APP“个体户智能审批”申请的，系统自动比对信息，符合条件的秒批出照。"
        ),
        conditions=(
            "1. 经营者为有经营能力的自然人（家庭经营的，参加经营的家庭成员均应有经营能力）；\n"
            "2. 有符合规定的名称（也可以不使用名称）和经营场所；\n"
            "3. 经营范围不属于法律、行政法规禁止或者需要登记前置许可的项目；\n"
            "4. 申请人未被列入严重违法失信名单。"
        ),
        legal_basis=(
            "《促进个体工商户发展条例》第二条；\n"
            "《中华人民共和国市场主体登记管理条例》第三条、第十九条；\n"
            "《中华人民共和国市场主体登记管理条例实施细则》"
        ),
        statutory=3,
        promised=0,
        handling_type="instant",
        process_key="instant_approval",
        service_object="person",
        issues_license="business_license",
        themes=["start-business", "catering", "employment"],
        materials=[
            _application("《个体工商户登记（备案）申请书》"),
            _id_card("经营者"),
            _m(
                "经营场所使用证明",
                license="real_estate_certificate",
                data="real_estate_registration",
                note="自有房产通过不动产登记信息核验免于提交；租赁的上传租赁合同，或者提交经营场所申报承诺书",
            ),
            _agent(),
        ],
        form_fields=[
            _f("trade_name", "个体工商户名称（可不填）", required=False, max_length=100),
            _f("operator_name", "经营者姓名", max_length=50),
            _f("organization_form", "组成形式", enum=["个人经营", "家庭经营"]),
            _f("business_scope", "经营范围", max_length=1000),
            _f("business_address", "经营场所", max_length=200),
            _f("employee_count", "从业人数", "integer"),
        ],
        faq=[
            _qa(
                "什么是“秒批”？",
                "通过实名认证在线申请、经营范围选自规范目录且场所信息可核验的，系统自动比对后即时核准，"
                "电子营业执照实时发放，无需人工审核。",
            ),
            _qa("个体户可以不起名字吗？", "可以。个体工商户可以使用名称，也可以不使用名称，不影响领取营业执照。"),
        ],
    ),
    _item(
        "food_operation_license_new",
        "xiangcheng_market",
        "SCJXK0005001",
        "administrative_license",
        name="食品经营许可证核发（新办）",
        basic_name="食品经营许可（新办）",
        keywords="食品经营许可证,食品许可证,食品经营,餐饮许可证,开餐馆,饭店,奶茶店,食品销售,卫生许可证",
        summary=(
            "在芗城区从事食品销售、餐饮服务、单位食堂等食品经营活动的，申请核发《食品经营许可证》。"
            "仅销售预包装食品的实行备案，不需要申请许可。"
        ),
        conditions=(
            "1. 已取得营业执照或者其他合法主体资格；\n"
            "2. 具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所，"
            "保持场所环境整洁，并与有毒、有害场所以及其他污染源保持规定的距离；\n"
            "3. 具有与经营的食品品种、数量相适应的经营设备或者设施；\n"
            "4. 有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；\n"
            "5. 具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品、原料与成品交叉污染。"
        ),
        legal_basis=(
            "《中华人民共和国食品安全法》第三十三条、第三十五条；\n"
            "《中华人民共和国食品安全法实施条例》；\n《食品经营许可和备案管理办法》"
        ),
        statutory=10,
        promised=5,
        service_object="both",
        pre_review=True,
        issues_license="food_operation_license",
        themes=["catering", "start-business"],
        review="对申请材料进行审查，需要现场核查的组织现场核查（可采用视频远程核查）",
        materials=[
            _application("《食品经营许可申请书》"),
            _business_license(),
            _m("与食品经营相适应的主要设备设施、经营布局、操作流程等文件", types=_DRAWING, size=30),
            _m("食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度", types=_DOC),
            _m("食品安全管理人员培训考核合格证明", note="在线参加培训考核的，系统自动关联考核结果"),
            _agent(),
        ],
        form_fields=[
            _f("operator_name", "经营者名称", max_length=100),
            _f("business_address", "经营场所", max_length=200),
            _f("main_business", "主体业态", enum=["食品销售经营者", "餐饮服务经营者", "单位食堂"]),
            _f("business_items", "经营项目", max_length=500),
            _f("floor_area", "经营场所面积（平方米）", "number"),
        ],
        faq=[
            _qa(
                "只卖预包装食品要办许可证吗？",
                "不需要。仅销售预包装食品的，办理“仅销售预包装食品备案”即可，当场办结。",
            ),
            _qa("一定要现场核查吗？", "新办许可一般需要现场核查，可以预约视频远程核查，核查通过后即可发证。"),
            _qa("许可证有效期多久？", "《食品经营许可证》有效期为5年。"),
        ],
    ),
    _item(
        "food_operation_license_renewal",
        "xiangcheng_market",
        "SCJXK0005002",
        "administrative_license",
        name="食品经营许可证延续",
        basic_name="食品经营许可（延续）",
        keywords="食品经营许可证延续,食品许可证到期,续证,食品经营许可证换证,食品经营",
        summary="《食品经营许可证》有效期届满需要继续经营的，在有效期届满前向原发证部门申请延续。",
        conditions=(
            "1. 持有有效期内的《食品经营许可证》，并在有效期届满前按规定期限提出申请；\n"
            "2. 经营条件和经营项目未发生变化，或者已一并申报变化情况；\n"
            "3. 许可有效期内未发生食品安全违法行为被吊销许可证的情形。"
        ),
        legal_basis="《中华人民共和国食品安全法》第三十五条；\n《食品经营许可和备案管理办法》",
        statutory=10,
        promised=1,
        service_object="both",
        issues_license="food_operation_license",
        themes=["catering", "business-change"],
        materials=[
            _application("《食品经营许可延续申请书》"),
            _m(
                "原《食品经营许可证》",
                form="original",
                license="food_operation_license",
                note="已核发电子许可证的通过电子证照调用，免于提交",
            ),
            _m("经营条件变化情况说明", "conditional", condition="经营条件发生变化的", types=_DOC),
        ],
        form_fields=[
            _f("license_number", "许可证编号", max_length=20),
            _f("conditions_changed", "经营条件是否发生变化", "boolean"),
        ],
        faq=[
            _qa(
                "经营条件没有变化，还要现场核查吗？",
                "申请人声明经营条件未发生变化、经营项目不变的，可以不再进行现场核查，1个工作日内办结。",
            ),
        ],
    ),
    _item(
        "food_operation_license_change",
        "xiangcheng_market",
        "SCJXK0005003",
        "administrative_license",
        name="食品经营许可证变更",
        basic_name="食品经营许可（变更）",
        keywords="食品经营许可证变更,食品许可证变更,改名,增加经营项目,食品经营",
        summary="《食品经营许可证》载明的经营者名称、法定代表人、经营项目等许可事项发生变化的，申请变更许可。",
        conditions=(
            "1. 持有有效期内的《食品经营许可证》；\n"
            "2. 许可事项发生变化后，在规定期限内向原发证部门提出变更申请；\n"
            "3. 经营场所发生变化的，应当重新申请食品经营许可，不适用本事项。"
        ),
        legal_basis="《中华人民共和国食品安全法》第三十五条；\n《食品经营许可和备案管理办法》",
        statutory=10,
        promised=3,
        service_object="both",
        issues_license="food_operation_license",
        themes=["catering", "business-change"],
        materials=[
            _application("《食品经营许可变更申请书》"),
            _m("原《食品经营许可证》", form="original", license="food_operation_license"),
            _m("与变更事项有关的材料", types=_DOC, note="如增加经营项目的，提交相应设备设施和布局流程说明"),
        ],
        form_fields=[
            _f("license_number", "许可证编号", max_length=20),
            _f("change_items", "变更事项", enum=["经营者名称", "法定代表人（负责人）", "经营项目", "其他"]),
            _f("change_after", "变更后内容", max_length=500),
        ],
        faq=[
            _qa("搬了新店址怎么办？", "经营场所发生变化的，应当重新申请《食品经营许可证》，不能办理变更。"),
        ],
    ),
    _item(
        "small_catering_license",
        "xiangcheng_market",
        "SCJXK0005004",
        "administrative_license",
        name="小餐饮经营许可（告知承诺）",
        basic_name="小餐饮经营许可",
        keywords="小餐饮,小吃店,早餐店,快餐店,食品经营,告知承诺,当场发证,沙县小吃,卤面",
        summary=(
            "经营场所面积较小、从业人员较少的小吃店、早餐店、快餐店等小餐饮经营者，"
            "以书面承诺符合食品安全条件的，当场取得许可，监管部门在发证后开展核查。"
        ),
        conditions=(
            "1. 已取得营业执照，经营场所符合小餐饮的规模标准；\n"
            "2. 申请人书面承诺具备与经营项目相适应的场所、设施设备和食品安全管理制度；\n"
            "3. 不经营生食类、裱花蛋糕等高风险食品。"
        ),
        legal_basis=(
            "《中华人民共和国食品安全法》第三十五条、第三十六条；\n"
            "《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》（国发〔2021〕7号）；\n"
            "《食品经营许可和备案管理办法》"
        ),
        statutory=10,
        promised=0,
        handling_type="instant",
        service_object="both",
        issues_license="food_operation_license",
        themes=["catering"],
        review="对承诺书和材料进行形式审查，符合要求的当场作出许可决定，发证后3个月内进行现场核查",
        materials=[
            _application("《小餐饮经营许可申请书》"),
            _m("《食品安全告知承诺书》", form="original", types=_DOC, note="由经营者本人签字"),
            _business_license(),
            _m("经营场所布局平面图", types=_DRAWING, size=20),
        ],
        form_fields=[
            _f("operator_name", "经营者名称", max_length=100),
            _f("business_address", "经营场所", max_length=200),
            _f("floor_area", "经营场所面积（平方米）", "number"),
            _f("employee_count", "从业人数", "integer"),
            _f("business_items", "经营项目", max_length=300),
        ],
        faq=[
            _qa(
                "承诺后发现不符合条件怎么办？",
                "发证后核查发现实际情况与承诺不符的，责令限期整改；逾期不整改或者整改后仍不符合条件的，依法撤销许可。",
            ),
        ],
    ),
]


# --- items: 人力资源和社会保障 ------------------------------------------------------------------

_HRSS_ITEMS: list[ItemData] = [
    _item(
        "social_security_card",
        "hrss",
        "RSJGG0001001",
        "public_service",
        name="社会保障卡申领",
        basic_name="社会保障卡申领",
        keywords="社保卡,社会保障卡,办社保卡,第三代社保卡,新生儿社保卡,医保卡,电子社保卡,即时制卡",
        summary=(
            "参加社会保险的人员和本市户籍居民申领社会保障卡（含金融功能），同步签发电子社保卡。"
            "网上申请的制卡后免费邮寄；到即时制卡网点申请的可以当场领卡。"
        ),
        conditions=(
            "1. 在本市参加社会保险，或者具有本市户籍、持有本市居住证；\n"
            "2. 未持有有效的全国社会保障卡，或者原卡已办理注销；\n"
            "3. 未满16周岁的，由监护人代为申请。"
        ),
        legal_basis="《中华人民共和国社会保险法》第五十八条",
        statutory=20,
        promised=10,
        service_object="person",
        issues_license="social_security_card",
        delivery="EMS免费邮寄、合作银行网点或即时制卡网点领取；电子社保卡同步签发",
        themes=["social-security", "birth"],
        materials=[
            _id_card(necessity="conditional", condition="年满16周岁或者已办理居民身份证的"),
            _household_register("未成年人", necessity="conditional", condition="未满16周岁且未办理居民身份证的"),
            _m(
                "近期免冠证件照片（白底）",
                types=_PHOTO,
                size=2,
                data="population_basic_info",
                note="可授权调用居民身份证制证照片，免于上传",
            ),
            _id_card("监护人", necessity="conditional", condition="由监护人代为申请的"),
        ],
        form_fields=[
            _f("applicant_name", "持卡人姓名", max_length=50),
            _f("bank", "合作银行", enum=["中国工商银行", "中国农业银行", "中国银行", "中国建设银行", "农村商业银行"]),
            _f("mailing_address", "邮寄地址", required=False, max_length=200),
            _f("mobile", "联系电话", max_length=11),
        ],
        faq=[
            _qa(
                "社保卡丢了怎么办？",
                "先通过电子社保卡、12333或合作银行办理挂失，再申请补卡，补卡可选择即时制卡网点当场领取。",
            ),
            _qa(
                "新生儿可以办社保卡吗？",
                "可以。新生儿办理户口登记后，由监护人在线申请，也可以在新生儿出生“一件事”中一并办理。",
            ),
        ],
    ),
    _item(
        "unemployment_insurance_benefit",
        "hrss",
        "RSJJF0001000",
        "administrative_payment",
        name="失业保险金申领",
        keywords="失业金,失业保险金,领失业金,失业补助,失业待遇,下岗,离职,被辞退",
        summary=(
            "参加失业保险的人员非因本人意愿中断就业，符合条件的可以申领失业保险金，"
            "领取期间同时享受职工基本医疗保险待遇（医保费由失业保险基金缴纳）。"
        ),
        conditions=(
            "1. 失业前用人单位和本人已经缴纳失业保险费满一年；\n"
            "2. 非因本人意愿中断就业（如劳动合同期满终止、用人单位解除劳动合同等）；\n"
            "3. 已经进行失业登记，并有求职要求；\n"
            "4. 未达到法定退休年龄，未领取基本养老金。"
        ),
        legal_basis=(
            "《中华人民共和国社会保险法》第四十五条、第四十六条、第五十条；\n"
            "《失业保险条例》第十四条；\n《失业保险金申领发放办法》"
        ),
        statutory=10,
        promised=3,
        service_object="person",
        themes=["employment", "social-security"],
        delivery="审核通过后按月发放至本人社会保障卡金融账户，结果通过短信和网上办事大厅告知",
        materials=[
            _id_card(),
            _m(
                "解除或者终止劳动关系的证明",
                "conditional",
                condition="用人单位未通过系统上传解除（终止）劳动关系信息的",
                source="原用人单位出具",
                data="employment_record",
            ),
            _m(
                "本人社会保障卡（金融账户已激活）",
                form="original",
                license="social_security_card",
                note="用于发放失业保险金，已持卡的通过系统核验，免于提交",
            ),
        ],
        form_fields=[
            _f("last_employer", "原工作单位", max_length=100),
            _f("separation_date", "离职日期", "date"),
            _f("separation_reason", "离职原因", enum=["劳动合同期满终止", "用人单位解除", "协商一致解除", "其他"]),
            _f("job_seeking", "是否有求职意愿", "boolean"),
        ],
        faq=[
            _qa(
                "失业保险金能领多久？",
                "累计缴费满1年不足5年的最长领取12个月；满5年不足10年的最长18个月；10年以上的最长24个月。",
            ),
            _qa("主动辞职能领吗？", "因本人意愿中断就业的不能领取失业保险金，但可以办理失业登记，享受就业服务。"),
        ],
    ),
    _item(
        "employee_retirement",
        "hrss",
        "RSJQR0001000",
        "administrative_confirmation",
        name="职工正常退休（职）申请",
        basic_name="职工退休（职）审批",
        keywords="退休,办退休,退休审批,退休手续,养老金,领养老金,退休年龄,延迟退休,弹性退休",
        summary=(
            "参加企业职工基本养老保险的人员达到法定退休年龄的，由用人单位或者本人申请办理退休，"
            "核定基本养老金后按月发放。法定退休年龄按照渐进式延迟法定退休年龄的规定确定。"
        ),
        conditions=(
            "1. 达到按照渐进式延迟法定退休年龄规定确定的法定退休年龄，或者符合弹性提前退休条件且本人自愿；\n"
            "2. 基本养老保险累计缴费满15年（自2030年1月1日起按规定逐步提高）；\n"
            "3. 已办理停保手续，本人人事档案已由用人单位或者档案保管机构移交审核。"
        ),
        legal_basis=(
            "《中华人民共和国社会保险法》第十六条；\n"
            "《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》；\n"
            "《国务院关于工人退休、退职的暂行办法》（国发〔1978〕104号）"
        ),
        statutory=20,
        promised=10,
        service_object="both",
        pre_review=True,
        process_key="two_level_review",
        review="审核出生时间、参加工作时间、缴费年限等档案信息，认定退休时间",
        themes=["retirement", "social-security"],
        materials=[
            _application("《职工退休（职）审批表》"),
            _id_card(),
            _m(
                "本人人事档案",
                form="original",
                types=("pdf", "zip"),
                size=100,
                source="用人单位或者档案保管机构提交",
                note="已实现电子档案的，由档案保管机构在线移交扫描件",
            ),
            _m(
                "特殊工种工作经历证明材料",
                "conditional",
                condition="按特殊工种提前退休的",
                source="用人单位出具",
            ),
            _m("弹性提前退休申请书", "conditional", condition="申请弹性提前退休的", types=_DOC),
        ],
        form_fields=[
            _f("retirement_type", "退休类型", enum=["正常退休", "弹性提前退休", "特殊工种提前退休"]),
            _f("birth_date", "出生日期", "date"),
            _f("work_start_date", "参加工作时间", "date"),
            _f("employer", "所在单位", required=False, max_length=100),
        ],
        faq=[
            _qa(
                "我的退休年龄怎么算？",
                "自2025年1月1日起，法定退休年龄按照渐进式延迟法定退休年龄的规定确定，"
                "可登录网上办事大厅或者电子社保卡使用“退休年龄计算器”查询。",
            ),
            _qa(
                "退休后医保和公积金要单独办吗？",
                "可以在退休“一件事”中一次申请，同时办理退休人员医疗保险待遇核定和住房公积金退休提取。",
            ),
        ],
    ),
    _item(
        "flexible_employment_insurance",
        "hrss",
        "RSJGG0003001",
        "public_service",
        name="灵活就业人员参保登记",
        keywords="灵活就业,个人交社保,自由职业社保,个体户社保,职工养老保险个人参保,网约车司机社保,外卖骑手",
        summary=(
            "无雇工的个体工商户、未在用人单位参加基本养老保险的非全日制从业人员以及其他灵活就业人员，"
            "以个人身份参加企业职工基本养老保险，当场办结。"
        ),
        conditions=(
            "1. 年满16周岁、未达到法定退休年龄；\n"
            "2. 属于无雇工的个体工商户、非全日制从业人员或者其他灵活就业人员；\n"
            "3. 未在用人单位参加企业职工基本养老保险，未领取基本养老金。"
        ),
        legal_basis="《中华人民共和国社会保险法》第十条、第二十三条",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="person",
        themes=["employment", "social-security"],
        delivery="即时办结，参保登记结果在网上办事大厅和电子社保卡中查询",
        materials=[_id_card()],
        form_fields=[
            _f("employment_form", "就业形式", enum=["个体工商户", "非全日制从业人员", "新就业形态从业人员", "其他"]),
            _f("contribution_base_level", "缴费档次", enum=["60%", "80%", "100%", "150%", "200%", "300%"]),
            _f("mobile", "联系电话", max_length=11),
        ],
        faq=[
            _qa("非本市户籍可以在漳州参保吗？", "可以。在本市就业的灵活就业人员不受户籍限制，可以在就业地参保。"),
        ],
    ),
    _item(
        "rural_urban_pension_enrollment",
        "hrss",
        "RSJGG0003002",
        "public_service",
        name="城乡居民基本养老保险参保登记",
        keywords="城乡居民养老保险,居民养老,农村养老保险,新农保,城居保,养老保险参保",
        summary=(
            "年满16周岁（不含在校学生）、不属于职工基本养老保险覆盖范围的城乡居民，"
            "在户籍所在地参加城乡居民基本养老保险，当场办结。"
        ),
        conditions=(
            "1. 具有本市户籍，年满16周岁（不含在校学生）；\n"
            "2. 非国家机关和事业单位工作人员，且未参加企业职工基本养老保险。"
        ),
        legal_basis="《中华人民共和国社会保险法》第二十二条；\n《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="person",
        place="户籍所在地乡镇人民政府（街道办事处）社会保障服务窗口；" + _DEPARTMENT_PLACE["hrss"],
        themes=["social-security", "retirement", "agriculture"],
        delivery="即时办结，参保信息在网上办事大厅和电子社保卡中查询",
        materials=[_id_card(), _household_register()],
        form_fields=[
            _f(
                "contribution_grade",
                "年缴费档次（元）",
                enum=["200", "300", "500", "800", "1000", "2000", "3000", "5000"],
            ),
            _f("mobile", "联系电话", max_length=11),
        ],
        faq=[_qa("每年什么时候缴费？", "全年均可缴费，建议在每年年底前通过闽政通APP、银行或者税务渠道完成当年缴费。")],
    ),
    _item(
        "employer_social_insurance_registration",
        "hrss",
        "RSJQR0002000",
        "administrative_confirmation",
        name="单位社会保险参保登记",
        keywords="单位社保开户,社保登记,企业社保,公司交社保,社会保险登记,企业开办",
        summary="用人单位自成立之日起30日内办理社会保险登记。与企业设立登记信息共享，新开办企业网上即时办结。",
        conditions="1. 已依法取得营业执照、登记证书或者其他设立文件；\n2. 在本市行政区域内登记注册。",
        legal_basis="《中华人民共和国社会保险法》第五十七条；\n《社会保险登记管理暂行办法》",
        statutory=15,
        promised=0,
        handling_type="instant",
        service_object="enterprise",
        themes=["start-business", "social-security"],
        delivery="即时办结，登记结果在网上办事大厅查询，不再发放纸质登记证",
        materials=[
            _business_license(basis="《中华人民共和国社会保险法》第五十七条"),
            _m(
                "单位社会保险参保登记表",
                form="electronic",
                types=_DOC,
                source="网上在线填写",
                note="企业开办时已采集的信息自动带入",
            ),
        ],
        form_fields=[
            _f("credit_code", "统一社会信用代码", max_length=18),
            _f("contact_name", "社保经办人", max_length=50),
            _f("contact_mobile", "经办人电话", max_length=11),
            _f("bank_account", "缴费银行账号", max_length=32),
        ],
        faq=[
            _qa(
                "新办企业还要单独去社保窗口吗？",
                "不用。企业设立登记后，登记信息实时推送，网上确认即可完成单位参保登记。",
            )
        ],
    ),
    _item(
        "employment_certificate",
        "hrss",
        "RSJGG0004000",
        "public_service",
        name="《就业创业证》申领",
        keywords="就业创业证,就业失业登记证,失业证,失业登记,求职登记,就业登记,创业补贴",
        summary=(
            "劳动者办理就业登记或者失业登记后，可以申领《就业创业证》，作为享受就业创业扶持政策的凭证。"
            "全程网办，签发电子证。"
        ),
        conditions="1. 法定劳动年龄内，有劳动能力；\n2. 已在本市办理就业登记或者失业登记。",
        legal_basis="《中华人民共和国就业促进法》；\n《就业服务与就业管理规定》",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="person",
        issues_license="employment_entrepreneurship_certificate",
        themes=["employment"],
        materials=[_id_card()],
        form_fields=[
            _f("registration_type", "登记类型", enum=["就业登记", "失业登记"]),
            _f("education", "文化程度", enum=["初中及以下", "高中（中专）", "大专", "本科", "研究生"]),
            _f("mobile", "联系电话", max_length=11),
        ],
        faq=[_qa("纸质证还需要吗？", "电子《就业创业证》与纸质证具有同等效力，需要纸质证的可以到窗口打印。")],
    ),
    _item(
        "funeral_grant_pension",
        "hrss",
        "RSJJF0002000",
        "administrative_payment",
        name="参保人员死亡丧葬补助金、抚恤金申领",
        keywords="丧葬费,丧葬补助金,抚恤金,去世,死亡待遇,遗属待遇,身后事,养老保险死亡",
        summary="参加基本养老保险的个人因病或者非因工死亡的，其遗属可以申领丧葬补助金和抚恤金。",
        conditions=(
            "1. 死者生前参加基本养老保险（含退休人员），因病或者非因工死亡；\n"
            "2. 申请人为死者的直系亲属或者其他法定继承人；\n"
            "3. 死亡人员已办理户口注销或者死亡信息已经共享核验。"
        ),
        legal_basis="《中华人民共和国社会保险法》第十七条",
        statutory=20,
        promised=5,
        service_object="person",
        themes=["funeral", "social-security"],
        delivery="待遇核定后发放至申请人银行账户，结果通过短信告知",
        materials=[
            _id_card(),
            _m(
                "死亡证明",
                form="original",
                source="医疗机构、公安机关出具",
                data="death_record",
                note="本市死亡信息已共享的免于提交",
            ),
            _m(
                "申请人与死者的亲属关系证明",
                data="household_registration",
                note="户籍信息能证明亲属关系的免于提交；不能证明的提交结婚证、出生医学证明等",
            ),
            _m("申请人银行账户信息", types=_SCAN, size=5, note="可使用本人社会保障卡金融账户"),
            _m("其他遗属同意由申请人代领的书面声明", "conditional", condition="有多名遗属的", types=_DOC),
        ],
        form_fields=[
            _f("deceased_name", "死者姓名", max_length=50),
            _f("death_date", "死亡日期", "date"),
            _f("relationship", "与死者关系", enum=["配偶", "子女", "父母", "其他"]),
            _f("bank_account", "收款账号", max_length=32),
        ],
        faq=[
            _qa(
                "是否还要单独注销社保？",
                "不需要。户口注销或死亡信息共享后系统自动停发养老金，待遇核定时一并处理个人账户余额继承。",
            ),
        ],
    ),
    _item(
        "hr_service_license",
        "hrss",
        "RSJXK0001000",
        "administrative_license",
        name="人力资源服务许可（职业中介活动）",
        basic_name="经营性人力资源服务机构从事职业中介活动许可",
        keywords="人力资源服务许可证,职业中介,中介许可,猎头,人力资源公司,劳务中介",
        summary="经营性人力资源服务机构从事职业中介活动的，申请人力资源服务许可，取得《人力资源服务许可证》。",
        conditions=(
            "1. 已依法办理市场主体登记；\n"
            "2. 有明确的章程和管理制度；\n"
            "3. 有开展业务必备的固定场所、办公设施和一定数额的开办资金；\n"
            "4. 有一定数量具备相应职业资格或者专业知识的专职工作人员。"
        ),
        legal_basis="《中华人民共和国就业促进法》第四十条；\n《人力资源市场暂行条例》第十八条",
        statutory=20,
        promised=5,
        service_object="enterprise",
        issues_license="hr_service_license",
        themes=["employment", "start-business"],
        materials=[
            _application("《人力资源服务许可申请表》"),
            _business_license(),
            _m("经营场所使用证明", license="real_estate_certificate", data="real_estate_registration"),
            _m("专职工作人员名单及其职业资格或者学历证明", types=_SHEET),
            _m("服务规范、业务规程和管理制度", types=_DOC),
        ],
        form_fields=[
            _f("enterprise_name", "机构名称", max_length=100),
            _f("service_scope", "服务范围", max_length=500),
            _f("staff_count", "专职工作人员数", "integer"),
        ],
        faq=[
            _qa(
                "只做人力资源外包要办许可吗？",
                "开展人力资源供求信息收集发布、就业和创业指导、人力资源管理咨询等业务的，实行备案管理，不需要许可。",
            )
        ],
    ),
]


# --- items: 住房和城乡建设 ----------------------------------------------------------------------

_HOUSING_ITEMS: list[ItemData] = [
    _item(
        "construction_permit",
        "housing",
        "ZJJXK0001000",
        "administrative_license",
        name="建筑工程施工许可证核发",
        basic_name="建筑工程施工许可",
        keywords="施工许可证,施工许可,开工许可,建筑工程,报建,工程建设项目审批",
        summary=(
            "在漳州市市区从事各类房屋建筑及其附属设施的建造、装修装饰和与其配套的线路、管道、设备的安装，"
            "以及城镇市政基础设施工程的施工，建设单位在开工前申请领取施工许可证。"
            "按规定限额以下的小型工程可以不申请办理施工许可证。"
        ),
        conditions=(
            "1. 依法应当办理用地批准手续的，已经办理该建筑工程用地批准手续；\n"
            "2. 依法应当办理建设工程规划许可证的，已经取得建设工程规划许可证；\n"
            "3. 施工场地已经基本具备施工条件，需要征收房屋的，其进度符合施工要求；\n"
            "4. 已经确定施工企业，按照规定应当招标的工程已完成招标；\n"
            "5. 有满足施工需要的技术资料，施工图设计文件已按规定审查合格；\n"
            "6. 有保证工程质量和安全的具体措施；建设资金已经落实。"
        ),
        legal_basis=(
            "《中华人民共和国建筑法》第七条、第八条；\n"
            "《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）第四条、第五条"
        ),
        statutory=7,
        promised=3,
        service_object="enterprise",
        pre_review=True,
        issues_license="construction_permit",
        themes=["construction"],
        materials=[
            _application("《建筑工程施工许可证申请表》"),
            _m(
                "建设工程规划许可证",
                form="original",
                source="自然资源主管部门核发",
                license="construction_planning_permit",
                note="通过工程建设项目审批管理系统共享，免于提交",
            ),
            _m("用地批准手续", "conditional", condition="依法应当办理用地批准手续的", data="land_supply_record"),
            _m("中标通知书及施工、监理合同", types=_DOC, size=30),
            _m("施工图设计文件审查合格书", source="施工图审查机构出具", note="已在审批系统中完成联合审图的免于提交"),
            _m("保证工程质量和安全的具体措施（质量安全监督手续）", types=_DOC, size=20),
            _m("建设资金已经落实承诺书", types=_DOC),
        ],
        form_fields=[
            _f("project_name", "工程名称", max_length=200),
            _f("project_code", "项目代码", max_length=24),
            _f("construction_address", "建设地址", max_length=200),
            _f("contract_price", "合同价格（万元）", "number"),
            _f("floor_area", "建筑面积（平方米）", "number"),
            _f("contractor", "施工单位", max_length=100),
        ],
        faq=[
            _qa(
                "多大的工程可以不办施工许可？",
                "工程投资额和建筑面积在国家及本省规定限额以下的小型工程，可以不申请办理施工许可证，具体以本省公布的限额为准。",
            ),
            _qa("可以分段办理吗？", "符合条件的，可以按照基础、主体等阶段分段办理施工许可。"),
        ],
    ),
    _item(
        "presale_permit",
        "housing",
        "ZJJXK0002000",
        "administrative_license",
        name="商品房预售许可",
        keywords="预售许可证,预售证,商品房预售,楼盘预售,期房,房地产开发",
        summary="房地产开发企业预售商品房的，向房产管理部门申请预售许可，取得《商品房预售许可证》。",
        conditions=(
            "1. 已交付全部土地使用权出让金，取得土地使用权证书；\n"
            "2. 持有建设工程规划许可证和施工许可证；\n"
            "3. 按提供预售的商品房计算，投入开发建设的资金达到工程建设总投资的25%以上，"
            "并已经确定施工进度和竣工交付日期；\n"
            "4. 已在商业银行开设商品房预售资金监管账户。"
        ),
        legal_basis=("《中华人民共和国城市房地产管理法》第四十五条；\n《城市商品房预售管理办法》第五条、第七条"),
        statutory=10,
        promised=5,
        service_object="enterprise",
        pre_review=True,
        visits=1,
        issues_license="presale_permit",
        themes=["construction", "housing"],
        review="对申请材料进行审查，对项目形象进度进行现场查勘",
        materials=[
            _application("《商品房预售许可申请表》"),
            _business_license(),
            _m("房地产开发企业资质证书", note="资质信息通过住建部门数据库核验"),
            _m("不动产权证书（土地）", license="real_estate_certificate", data="real_estate_registration"),
            _m("建设工程规划许可证和施工许可证", license="construction_permit"),
            _m("工程施工合同及关于施工进度的说明", types=_DOC, size=20),
            _m("商品房预售方案", types=_DOC, size=30, note="含预售房屋位置、面积、竣工交付日期等，附分层平面图"),
            _m("预售资金监管协议", types=_DOC),
        ],
        form_fields=[
            _f("project_name", "项目名称", max_length=200),
            _f("buildings", "预售楼栋", max_length=200),
            _f("presale_area", "预售面积（平方米）", "number"),
            _f("presale_units", "预售套数", "integer"),
            _f("escrow_account", "预售资金监管账户", max_length=32),
        ],
        faq=[
            _qa(
                "预售款可以随便使用吗？",
                "不可以。预售资金全部存入监管账户，按工程进度节点申请拨付，专项用于本项目建设。",
            )
        ],
    ),
    _item(
        "gas_business_license",
        "housing",
        "ZJJXK0003000",
        "administrative_license",
        name="燃气经营许可证核发",
        keywords="燃气经营许可证,燃气许可,液化气,天然气,瓶装燃气,燃气公司",
        summary="从事管道燃气、瓶装燃气等燃气经营活动的企业，申请核发《燃气经营许可证》。",
        conditions=(
            "1. 符合燃气发展规划要求；\n"
            "2. 有符合国家标准的燃气气源和燃气设施；\n"
            "3. 有固定的经营场所、完善的安全管理制度和健全的经营方案；\n"
            "4. 企业的主要负责人、安全生产管理人员以及运行、维护和抢修人员经专业培训并考核合格；\n"
            "5. 法律、法规规定的其他条件。"
        ),
        legal_basis="《城镇燃气管理条例》第十五条；\n《燃气经营许可管理办法》",
        statutory=20,
        promised=10,
        service_object="enterprise",
        pre_review=True,
        visits=1,
        process_key="two_level_review",
        issues_license="gas_business_license",
        themes=["start-business"],
        review="审查申请材料，组织专家对燃气设施和安全条件进行现场评审",
        materials=[
            _application("《燃气经营许可申请表》"),
            _business_license(),
            _m("燃气气源证明及供气合同", types=_DOC),
            _m("燃气设施建设工程竣工验收文件", types=_DOC, size=50),
            _m("经营场所、储配站的产权或者使用权证明", license="real_estate_certificate"),
            _m("主要负责人、安全管理人员和运行维护抢修人员的培训考核合格证明", types=_SHEET),
            _m("安全管理制度和经营方案", types=_DOC, size=20),
        ],
        form_fields=[
            _f("enterprise_name", "企业名称", max_length=100),
            _f("gas_type", "经营燃气类别", enum=["天然气", "液化石油气", "人工煤气"]),
            _f("business_mode", "经营方式", enum=["管道燃气", "瓶装燃气", "汽车加气"]),
            _f("service_area", "经营区域", max_length=200),
        ],
        faq=[
            _qa(
                "许可证有效期是多久？",
                "燃气经营许可证有效期由发证部门根据国家和本省规定确定，期满需继续经营的应当在届满前申请延续。",
            )
        ],
    ),
    _item(
        "drainage_permit",
        "housing",
        "ZJJXK0004000",
        "administrative_license",
        name="城镇污水排入排水管网许可",
        keywords="排水许可证,排水许可,污水排放,餐饮排水,接管,隔油池,排水户",
        summary=(
            "从事工业、建筑、餐饮、医疗等活动的企业事业单位、个体工商户向城镇排水设施排放污水的，"
            "申请领取《城镇污水排入排水管网许可证》。"
        ),
        conditions=(
            "1. 排放口的设置符合城镇排水与污水处理规划的要求；\n"
            "2. 按照国家有关规定建设相应的预处理设施（如餐饮业隔油池）和水质、水量检测设施；\n"
            "3. 排放的污水符合国家或者地方规定的有关排放标准；\n"
            "4. 法律、法规规定的其他条件。"
        ),
        legal_basis="《城镇排水与污水处理条例》第二十一条；\n《城镇污水排入排水管网许可管理办法》",
        statutory=15,
        promised=5,
        service_object="both",
        issues_license="drainage_permit",
        themes=["catering", "construction"],
        materials=[
            _application("《城镇污水排入排水管网许可申请表》"),
            _business_license(),
            _m("排水户内部排水管网、专用检测井、污水排放口位置和口径的图纸及说明", types=_DRAWING, size=30),
            _m("预处理设施（隔油池、沉淀池等）建设和运行情况说明", types=_DOC),
            _m("排水水质、水量检测报告", "conditional", condition="列入重点排污单位名录或者排放工业废水的"),
        ],
        form_fields=[
            _f("discharger_name", "排水户名称", max_length=100),
            _f("discharge_address", "排水地址", max_length=200),
            _f("discharger_type", "排水户类型", enum=["餐饮", "工业", "建筑施工", "医疗", "洗车", "其他"]),
            _f("daily_volume", "日排水量（立方米）", "number"),
        ],
        faq=[
            _qa(
                "小餐馆也要办排水许可吗？",
                "餐饮业属于排水户，向城镇排水设施排放污水的应当办理，可在开办餐饮店“一件事”中一并申请。",
            )
        ],
    ),
    _item(
        "resale_contract_filing",
        "housing",
        "ZJJQT0001000",
        "other_power",
        name="存量房买卖合同网签备案",
        keywords="二手房网签,网签备案,存量房,二手房买卖合同,房屋买卖备案,过户",
        summary=(
            "买卖双方达成存量房（二手房）交易意向后，通过房屋网签备案系统签订买卖合同并即时备案，"
            "网签信息与不动产登记、住房公积金等部门共享。"
        ),
        conditions=(
            "1. 房屋已取得不动产权证书，不存在查封、限制交易等情形；\n"
            "2. 买卖双方身份信息经实名核验；\n"
            "3. 已设立抵押的，抵押权人同意转让或者按规定办理“带押过户”。"
        ),
        legal_basis="《中华人民共和国城市房地产管理法》第四十一条；\n《房地产经纪管理办法》",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="both",
        themes=["housing"],
        delivery="即时备案，备案合同可在网上下载，信息同步推送不动产登记机构",
        materials=[
            _id_card("买卖双方"),
            _m("不动产权证书", form="original", license="real_estate_certificate", data="real_estate_registration"),
            _m("存量房买卖合同", form="electronic", types=_DOC, source="网签系统在线生成"),
        ],
        form_fields=[
            _f("certificate_number", "不动产权证书号", max_length=40),
            _f("price", "成交价格（万元）", "number"),
            _f("payment_method", "付款方式", enum=["一次性付款", "商业贷款", "住房公积金贷款", "组合贷款"]),
        ],
        faq=[_qa("网签后还需要去交易窗口吗？", "不需要。网签即时备案，可接着在线申请不动产转移登记。")],
    ),
    _item(
        "public_rental_housing",
        "housing",
        "ZJJJF0001000",
        "administrative_payment",
        name="公共租赁住房保障资格申请",
        keywords="公租房,公共租赁住房,廉租房,保障房,住房保障,租房补贴,新市民住房",
        summary=(
            "本市城镇中等偏下收入住房困难家庭、新就业无房职工和在本市稳定就业的外来务工人员，"
            "申请公共租赁住房保障资格，经审核、公示后轮候配租。"
        ),
        conditions=(
            "1. 申请人在本市城区无自有住房或者住房面积低于规定标准；\n"
            "2. 家庭收入、财产符合本市规定标准；\n"
            "3. 在本市稳定就业的外来务工人员，按规定连续缴纳社会保险；\n"
            "4. 申请人及家庭成员未享受其他住房保障。"
        ),
        legal_basis="《公共租赁住房管理办法》（住房和城乡建设部令第11号）第七条",
        statutory=30,
        promised=20,
        service_object="person",
        visits=1,
        pre_review=True,
        process_key="two_level_review",
        review="街道（乡镇）初审，核查家庭住房、收入和财产状况，审核结果公示",
        themes=["housing", "social-security"],
        materials=[
            _application("《公共租赁住房申请表》"),
            _id_card("申请人及共同申请的家庭成员"),
            _household_register("申请人及共同申请的家庭成员"),
            _m("婚姻状况证明", data="marriage_record", note="本市婚姻登记信息共享，免于提交"),
            _m("家庭收入情况说明及承诺书", types=_DOC),
            _m(
                "劳动合同及社会保险缴纳证明",
                "conditional",
                condition="外来务工人员或新就业职工申请的",
                data="social_security_record",
            ),
        ],
        form_fields=[
            _f("household_size", "共同申请家庭人数", "integer"),
            _f("monthly_income", "家庭月人均收入（元）", "number"),
            _f("current_housing", "现住房情况", enum=["无房", "租房", "住房面积低于标准"]),
            _f("work_unit", "工作单位", required=False, max_length=100),
        ],
        faq=[_qa("审核通过后多久能住进去？", "审核通过并公示无异议后进入轮候，按轮候顺序和房源情况摇号配租。")],
    ),
]


# --- items: 公安 ----------------------------------------------------------------------------

_POLICE_STATION = "户籍所在地公安派出所户籍窗口"
_EXIT_ENTRY_HALL = "漳州市公安局出入境管理支队受理大厅（漳州市行政服务中心内）及各县（区）公安出入境受理点"
_VEHICLE_OFFICE = "漳州市公安局交通警察支队车辆管理所驾驶证业务窗口及各县（区）车管分所"

_PUBLIC_SECURITY_ITEMS: list[ItemData] = [
    _item(
        "id_card_first",
        "public_security",
        "GAJQR0001001",
        "administrative_confirmation",
        name="居民身份证首次申领",
        basic_name="居民身份证申领",
        keywords="身份证,办身份证,第一次办身份证,首次申领,小孩办身份证,二代证",
        summary=(
            "年满16周岁的本市户籍公民应当申领居民身份证；未满16周岁的可以申领。"
            "首次申领须本人到户籍所在地公安派出所现场采集人像和指纹，证件可邮寄送达。"
        ),
        conditions=(
            "1. 具有本市常住户口；\n2. 年满16周岁，或者未满16周岁由监护人陪同申领；\n3. 本人到场采集人像和指纹信息。"
        ),
        legal_basis="《中华人民共和国居民身份证法》第二条、第八条、第十条",
        statutory=60,
        promised=20,
        limit_unit="natural_days",
        service_object="person",
        online=False,
        visits=1,
        place=_POLICE_STATION,
        fees=[
            _fee(
                "居民身份证工本费",
                "20.00",
                "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）",
                "城市中领取最低生活保障金人员和农村中有特殊生活困难的人员首次申领的，免收工本费",
            )
        ],
        issues_license="resident_id_card",
        delivery="到受理派出所领取，或者选择EMS邮寄送达",
        process=(
            "1. 预约：可通过闽政通APP预约办理时间，并上传符合制证要求的照片回执\n"
            "2. 申请：本人到户籍所在地公安派出所，交验居民户口簿，填写《居民身份证申领登记表》\n"
            "3. 采集：现场采集人像和指纹信息，缴纳工本费\n"
            "4. 审核制证：公安机关审核户籍信息后签发，统一制证\n"
            "5. 送达：到受理派出所领取，或者选择EMS邮寄送达"
        ),
        themes=["household-id"],
        materials=[
            _household_register(basis="《中华人民共和国居民身份证法》第十条"),
            _id_card("监护人", necessity="conditional", condition="未满16周岁由监护人陪同申领的"),
        ],
        form_fields=[
            _f("applicant_name", "申领人姓名", max_length=50),
            _f("delivery_method", "领取方式", enum=["派出所领取", "EMS邮寄"]),
            _f("mailing_address", "邮寄地址", required=False, max_length=200),
        ],
        faq=[
            _qa(
                "可以网上申领吗？",
                "首次申领需要本人到场采集人像和指纹，不能全程网办；可以在闽政通APP预约并上传合格照片回执，减少等候时间。",
            ),
            _qa("多久能拿到身份证？", "自受理之日起60日内发放，本市一般在20日内制证完成。"),
        ],
    ),
    _item(
        "id_card_renewal",
        "public_security",
        "GAJQR0001002",
        "administrative_confirmation",
        name="居民身份证换领、补领",
        basic_name="居民身份证换领、补领",
        keywords="身份证到期,身份证换证,身份证丢了,补办身份证,身份证补领,异地办身份证,跨省通办",
        summary=(
            "居民身份证有效期满、姓名等登记项目变更、证件严重损坏不能辨认的，申请换领；丢失的申请补领。"
            "可以在全国任一公安机关异地受理（跨省通办）。"
        ),
        conditions=(
            "1. 已领取过居民身份证；\n"
            "2. 证件有效期满（可在有效期满前3个月内申请）、登记项目变更、严重损坏或者丢失；\n"
            "3. 本人到场，已在人口信息系统中留存指纹的可以使用原指纹信息。"
        ),
        legal_basis="《中华人民共和国居民身份证法》第十一条",
        statutory=60,
        promised=15,
        limit_unit="natural_days",
        service_object="person",
        visits=1,
        online=False,
        place=f"{_POLICE_STATION}；全国各地居民身份证异地受理点",
        fees=[
            _fee(
                "居民身份证工本费（有效期满或者登记项目变更换领）",
                "20.00",
                "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）",
            ),
            _fee(
                "居民身份证工本费（丢失补领或者损坏换领）",
                "40.00",
                "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）",
            ),
        ],
        issues_license="resident_id_card",
        delivery="到受理点领取，或者选择EMS邮寄送达",
        process=(
            "1. 申请：本人到户籍所在地公安派出所或者居住地异地受理点提出申请\n"
            "2. 采集：现场采集人像，核验指纹，缴纳工本费；换领的交回原证\n"
            "3. 审核制证：户籍地公安机关审核后签发，统一制证\n"
            "4. 送达：到受理点领取，或者选择EMS邮寄送达"
        ),
        themes=["household-id"],
        materials=[
            _m("原居民身份证", "conditional", condition="换领的", form="original", license="resident_id_card"),
            _household_register(necessity="conditional", condition="在户籍所在地办理且登记项目变更的"),
        ],
        form_fields=[
            _f("reason", "申请原因", enum=["有效期满换领", "登记项目变更换领", "损坏换领", "丢失补领"]),
            _f("delivery_method", "领取方式", enum=["受理点领取", "EMS邮寄"]),
        ],
        faq=[
            _qa("在外地能换身份证吗？", "可以。居民身份证换领、补领已实现跨省通办，可在居住地公安机关就近办理。"),
            _qa("补办期间怎么坐火车？", "可以在车站公安制证窗口办理临时乘车身份证明，也可以申领临时居民身份证。"),
        ],
    ),
    _item(
        "residence_permit",
        "public_security",
        "GAJQR0002000",
        "administrative_confirmation",
        name="居住证办理",
        basic_name="居住证核发",
        keywords="居住证,暂住证,外地人,新市民,积分入学,流动人口,居住登记",
        summary=(
            "离开常住户口所在地到漳州居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，"
            "可以申领居住证，凭证享受本市基本公共服务和便利。"
        ),
        conditions=(
            "1. 已在居住地办理居住登记满半年；\n"
            "2. 符合有合法稳定就业、合法稳定住所、连续就读条件之一；\n"
            "3. 未满16周岁或者行动不便的老年人等，可以由监护人、近亲属代为申领。"
        ),
        legal_basis="《居住证暂行条例》第二条、第九条",
        statutory=15,
        promised=10,
        service_object="person",
        visits=1,
        pre_review=True,
        place="居住地公安派出所或者受委托的社区服务机构；" + _DEPARTMENT_PLACE["public_security"],
        issues_license="residence_permit",
        themes=["household-id", "employment"],
        materials=[
            _id_card(),
            _m(
                "合法稳定住所证明",
                "conditional",
                condition="以居住条件申领的",
                license="real_estate_certificate",
                data="online_contract_filing",
                note="购房的通过不动产登记信息核验，租房的提供网签备案租赁合同",
            ),
            _m(
                "合法稳定就业证明",
                "conditional",
                condition="以就业条件申领的",
                license="business_license",
                data="social_security_record",
                note="在本市参加社会保险的通过数据共享核验，免于提交",
            ),
            _m("连续就读证明", "conditional", condition="以就读条件申领的", source="所在学校出具"),
            _m("近期免冠证件照片", types=_PHOTO, size=2, data="population_basic_info", note="可调用身份证制证照片"),
        ],
        form_fields=[
            _f("residence_address", "居住地址", max_length=200),
            _f("basis", "申领条件", enum=["合法稳定就业", "合法稳定住所", "连续就读"]),
            _f("residence_since", "居住登记日期", "date"),
        ],
        faq=[_qa("居住证要每年签注吗？", "居住证每年签注1次，可以在闽政通APP上在线签注，不用跑窗口。")],
    ),
    _item(
        "newborn_household_registration",
        "public_security",
        "GAJQR0003001",
        "administrative_confirmation",
        name="新生儿出生登记（入户）",
        basic_name="出生登记",
        keywords="新生儿入户,新生儿上户口,宝宝上户口,出生登记,报户口,落户,新生儿",
        summary=(
            "婴儿出生后一个月以内，由户主、亲属或者抚养人申报出生登记。"
            "依托出生医学证明信息共享，可在新生儿出生“一件事”中网上办理，户口簿邮寄到家。"
        ),
        conditions=(
            "1. 新生儿出生在中华人民共和国境内，已取得出生医学证明；\n"
            "2. 随父或者随母在本市登记常住户口；\n"
            "3. 父母一方为本市户籍，或者符合本市落户规定。"
        ),
        legal_basis="《中华人民共和国户口登记条例》第七条",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="person",
        pre_review=True,
        place=f"{_POLICE_STATION}；新生儿出生助产机构“出生一件事”服务窗口",
        issues_license="household_register",
        delivery="即时办结，户口簿户口页免费邮寄；电子户口信息同步更新",
        themes=["birth", "household-id"],
        materials=[
            _m(
                "出生医学证明",
                form="original",
                source="助产机构签发",
                license="birth_certificate",
                data="birth_medical_certificate",
                note="本市助产机构签发的通过出生医学证明信息共享，免于提交",
            ),
            _id_card("父母双方"),
            _household_register("随迁入户一方"),
            _m("父母结婚证", "optional", license="marriage_certificate", data="marriage_record"),
        ],
        form_fields=[
            _f("newborn_name", "新生儿姓名", max_length=50),
            _f("newborn_gender", "性别", enum=["男", "女"]),
            _f("birth_date", "出生日期", "date"),
            _f("register_with", "随父或者随母入户", enum=["随父", "随母"]),
            _f("mailing_address", "户口页邮寄地址", max_length=200),
        ],
        faq=[
            _qa("超过一个月还能报户口吗？", "可以。超过一个月申报的仍可办理出生登记，但应当说明原因。"),
            _qa(
                "父母在外地，能在漳州给孩子上户口吗？",
                "父母一方具有本市户籍的，可以在本市申报；双方均非本市户籍的，按落户政策办理。",
            ),
        ],
    ),
    _item(
        "household_migration",
        "public_security",
        "GAJXK0001000",
        "administrative_license",
        name="户口迁移（迁入）",
        basic_name="户口迁移审批",
        keywords="户口迁移,迁户口,落户,户口迁入,人才落户,买房落户,投靠落户,跨省迁移",
        summary=(
            "符合漳州市落户条件的人员申请将户口迁入本市。已实现户口迁移“跨省通办”，"
            "迁入地一站式办理，不需要再回迁出地开具准迁证和迁移证。"
        ),
        conditions=(
            "符合下列条件之一：\n"
            "1. 在本市有合法稳定住所（含租赁）的人员，本人及其共同居住生活的配偶、子女、父母；\n"
            "2. 在本市有合法稳定就业的人员；\n"
            "3. 普通高校、职业院校毕业生、留学回国人员和技术工人等人才；\n"
            "4. 夫妻投靠、子女投靠父母、父母投靠子女。"
        ),
        legal_basis="《中华人民共和国户口登记条例》第十条、第十三条",
        statutory=20,
        promised=5,
        service_object="person",
        pre_review=True,
        visits=1,
        place=f"迁入地公安派出所户籍窗口；{_DEPARTMENT_PLACE['public_security']}",
        issues_license="household_register",
        delivery="审批通过后到迁入地派出所办理落户，户口簿当场签发或者邮寄",
        themes=["household-id", "housing", "employment"],
        materials=[
            _application("《户口迁移申请表》"),
            _id_card(),
            _household_register("迁出地"),
            _m(
                "合法稳定住所证明",
                "conditional",
                condition="以住所条件申请的",
                license="real_estate_certificate",
                data="real_estate_registration",
            ),
            _m("劳动合同或者营业执照", "conditional", condition="以就业条件申请的", data="social_security_record"),
            _m("学历证书或者职业资格证书", "conditional", condition="以人才条件申请的", data="academic_degree_record"),
            _m(
                "亲属关系证明",
                "conditional",
                condition="以投靠条件申请的",
                license="marriage_certificate",
                data="marriage_record",
            ),
        ],
        form_fields=[
            _f("migration_type", "迁入类型", enum=["住所落户", "就业落户", "人才落户", "投靠落户"]),
            _f("origin_address", "迁出地户籍地址", max_length=200),
            _f("destination_address", "迁入地址", max_length=200),
            _f("accompanying_count", "随迁人数", "integer", required=False),
        ],
        faq=[_qa("跨省迁户口要回老家吗？", "不需要。户口迁移已实现跨省通办，在迁入地公安机关一站式办理。")],
    ),
    _item(
        "death_household_cancellation",
        "public_security",
        "GAJQR0003002",
        "administrative_confirmation",
        name="死亡人员户口注销",
        basic_name="死亡登记",
        keywords="户口注销,死亡注销,销户,去世,身后事,死亡登记",
        summary="公民死亡的，城市在葬前、农村在一个月以内，由户主、亲属、抚养人或者邻居申报死亡登记，注销户口。",
        conditions="1. 死者为本市常住户口；\n2. 已取得居民死亡医学证明（推断）书或者其他死亡证明。",
        legal_basis="《中华人民共和国户口登记条例》第八条",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="person",
        place=_POLICE_STATION,
        delivery="即时办结，可出具户口注销证明",
        themes=["funeral", "household-id"],
        materials=[
            _m(
                "居民死亡医学证明（推断）书或者其他死亡证明",
                form="original",
                source="医疗卫生机构、公安机关出具",
                data="death_record",
                note="本市死亡医学证明信息已共享的免于提交",
            ),
            _household_register("死者"),
            _m("死者居民身份证", "optional", form="original", license="resident_id_card", note="无法交回的说明原因"),
            _id_card("申报人"),
        ],
        form_fields=[
            _f("deceased_name", "死者姓名", max_length=50),
            _f("death_date", "死亡日期", "date"),
            _f("relationship", "申报人与死者关系", enum=["配偶", "子女", "父母", "其他亲属", "其他"]),
        ],
        faq=[
            _qa(
                "注销户口后还要去别的部门吗？",
                "可以通过身后事“一件事”一次申请，同步办理殡葬费用减免、丧葬补助金和公积金提取。",
            )
        ],
    ),
    _item(
        "driving_license_renewal",
        "public_security",
        "GAJXK0002000",
        "administrative_license",
        name="机动车驾驶证期满换证",
        basic_name="机动车驾驶证核发、审验",
        keywords="驾驶证换证,驾照到期,驾照换证,换驾照,驾驶证有效期满,交管12123",
        summary=(
            "机动车驾驶人在驾驶证有效期满前九十日内申请换证。"
            "通过交管12123 APP或者网上办事大厅申请并提交电子体检信息的，全程网办，新证邮寄到家。"
        ),
        conditions=(
            "1. 驾驶证有效期满前九十日内申请；\n"
            "2. 身体条件符合申请机动车驾驶证的要求；\n"
            "3. 驾驶证未被扣押、注销，无未处理完毕的交通违法和交通事故。"
        ),
        legal_basis="《中华人民共和国道路交通安全法》第十九条；\n《机动车驾驶证申领和使用规定》（公安部令第162号）",
        statutory=1,
        promised=0,
        handling_type="instant",
        service_object="person",
        fees=[
            _fee(
                "机动车驾驶证工本费",
                "10.00",
                "《国家发展改革委 财政部关于公安交通管理收费标准及有关问题的通知》（发改价格〔2004〕2831号）",
                "网上缴费，邮寄费用由政府承担",
            )
        ],
        place=_VEHICLE_OFFICE,
        phone="交管12123 APP在线客服；0596-12345",
        issues_license="driving_license",
        delivery="当日制证，EMS邮寄或者车管所窗口领取；电子驾驶证同步更新",
        themes=["transport"],
        materials=[
            _id_card(),
            _m(
                "机动车驾驶人身体条件证明", source="具备资质的医疗机构出具", note="医疗机构已上传电子体检信息的免于提交"
            ),
            _m("近期免冠照片", types=_PHOTO, size=2, note="可使用体检时采集的照片"),
        ],
        form_fields=[
            _f("license_number", "驾驶证号", max_length=18),
            _f("license_class", "准驾车型", enum=["A1", "A2", "B1", "B2", "C1", "C2", "D", "E"]),
            _f("mailing_address", "邮寄地址", max_length=200),
        ],
        faq=[
            _qa(
                "驾驶证过期了怎么办？",
                "超过有效期不满一年的可以直接换证；超过一年以上未换证的驾驶证将被注销，注销未超过二年的，参加道路交通安全法律、法规和相关知识考试合格后可以恢复驾驶资格。",
            )
        ],
    ),
    _item(
        "no_criminal_record",
        "public_security",
        "GAJGG0001000",
        "public_service",
        name="无犯罪记录证明开具",
        keywords="无犯罪记录证明,无犯罪证明,良民证,犯罪记录查询,政审,出国证明",
        summary="个人因就业、出国（境）等需要，申请查询本人有无犯罪记录并开具证明，可申请电子证明。",
        conditions="1. 申请人为中国公民，在本市有户籍或者居住证；\n2. 申请查询本人的犯罪记录。",
        legal_basis="《公安机关办理犯罪记录查询工作规定》",
        statutory=3,
        promised=1,
        service_object="person",
        issues_license="no_criminal_record_certificate",
        delivery="电子证明（可扫码核验）、户籍地或者居住地派出所领取纸质证明",
        themes=["household-id", "employment"],
        materials=[
            _id_card(),
            _m("犯罪记录查询申请表", form="electronic", types=_DOC, source="网上在线填写"),
            _m("授权委托书及委托人、受托人身份证明", "conditional", condition="委托他人代为申请的", form="original"),
        ],
        form_fields=[
            _f("purpose", "查询用途", enum=["就业", "出国（境）", "资格审查", "其他"]),
            _f("purpose_detail", "用途说明", required=False, max_length=200),
        ],
        faq=[_qa("电子证明和纸质证明一样吗？", "电子证明与纸质证明具有同等效力，接收单位可以扫描二维码核验真伪。")],
    ),
    _item(
        "passport",
        "public_security",
        "GAJXK0003000",
        "administrative_license",
        name="普通护照签发",
        basic_name="普通护照签发",
        keywords="护照,办护照,出国,护照换发,护照补发,出入境证件",
        summary="中国公民因前往外国定居、探亲、学习、就业、旅行、从事商务活动等非公务原因出国的，申请普通护照。",
        conditions=(
            "1. 中国公民，无法律规定不准出境的情形；\n"
            "2. 本人到出入境受理点现场申请，采集人像和指纹（16周岁以下可不采集指纹）；\n"
            "3. 未满16周岁的由监护人陪同。"
        ),
        legal_basis="《中华人民共和国护照法》第五条、第六条；\n《中华人民共和国出境入境管理法》",
        statutory=15,
        promised=7,
        service_object="person",
        online=True,
        visits=1,
        place=_EXIT_ENTRY_HALL,
        phone="12367移民管理服务热线；0596-12345",
        fees=[
            _fee(
                "普通护照收费",
                "120.00",
                "国家发展改革委、财政部核定的出入境证件收费标准",
                "首次申请、换发、补发均按本标准收取",
            )
        ],
        issues_license="passport",
        delivery="EMS邮寄或者出入境受理点领取",
        themes=["household-id"],
        materials=[
            _id_card(),
            _m("出入境证件数字相片", types=_PHOTO, size=2, note="受理点免费现场拍照，无需自备"),
            _m("原护照", "conditional", condition="换发护照的", form="original", license="passport"),
            _id_card("监护人", necessity="conditional", condition="未满16周岁的"),
        ],
        form_fields=[
            _f("application_type", "申请类别", enum=["首次申请", "换发", "补发"]),
            _f("purpose", "出境事由", enum=["旅游", "探亲访友", "商务", "学习", "就业", "定居", "其他"]),
            _f("delivery_method", "领取方式", enum=["受理点领取", "EMS邮寄"]),
        ],
        faq=[_qa("可以在漳州为外地户口办护照吗？", "可以。普通护照已实现全国通办，可以在居住地任一出入境受理点申请。")],
    ),
    _item(
        "seal_engraving_filing",
        "public_security",
        "GAJQT0001000",
        "other_power",
        name="公章刻制备案",
        keywords="刻章,公章,刻公章,印章备案,企业印章,财务章,发票章,企业开办",
        summary=(
            "企业、个体工商户等单位刻制公章的，由刻章企业将印章信息报公安机关备案。"
            "新开办企业在企业开办“一件事”中选择刻章企业，免费刻制首套印章。"
        ),
        conditions="1. 已依法取得营业执照等设立文件；\n2. 委托经公安机关备案的印章刻制企业刻制。",
        legal_basis="《印铸刻字业暂行管理规则》",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="enterprise",
        delivery="即时备案，印章由刻章企业免费邮寄或者在企业开办专区领取",
        themes=["start-business"],
        materials=[
            _business_license(),
            _id_card("法定代表人（负责人）"),
            _m("印章刻制委托书", "conditional", condition="委托他人办理的", types=_DOC),
        ],
        form_fields=[
            _f("seal_types", "印章种类", enum=["单位公章", "财务专用章", "发票专用章", "合同专用章", "法定代表人名章"]),
            _f("engraver", "刻章企业", max_length=100),
        ],
        faq=[_qa("新开办企业刻章要钱吗？", "新开办企业首套印章（公章、财务章、发票章等）由政府购买服务，免费刻制。")],
    ),
]


# --- items: 民政 ----------------------------------------------------------------------------

_MARRIAGE_OFFICE = "漳州市婚姻登记处及各县（区）婚姻登记处（内地居民婚姻登记全国通办）"
_SOCIAL_ASSISTANCE_WINDOW = "户籍所在地乡镇人民政府（街道办事处）社会救助“一门受理”窗口"

_CIVIL_AFFAIRS_ITEMS: list[ItemData] = [
    _item(
        "marriage_registration",
        "civil_affairs",
        "MZJQR0001001",
        "administrative_confirmation",
        name="结婚登记（内地居民）",
        basic_name="内地居民结婚登记",
        keywords="结婚,结婚登记,领证,领结婚证,婚姻登记,民政局登记,预约结婚",
        summary=(
            "要求结婚的男女双方，共同到婚姻登记机关申请结婚登记，当场领取结婚证。"
            "内地居民结婚登记实行全国通办，可在网上预约并预填信息。"
        ),
        conditions=(
            "1. 男女双方完全自愿；\n"
            "2. 男方年满22周岁，女方年满20周岁；\n"
            "3. 双方均无配偶，且不是直系血亲或者三代以内旁系血亲；\n"
            "4. 双方亲自到婚姻登记机关共同申请。"
        ),
        legal_basis="《中华人民共和国民法典》第一千零四十六条至第一千零四十九条；\n《婚姻登记条例》",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="person",
        visits=1,
        place=_MARRIAGE_OFFICE,
        hours=STANDARD_HOURS + "；“5·20”“七夕”等特殊日期按公告延时服务",
        issues_license="marriage_certificate",
        delivery="当场颁发结婚证，同步签发电子婚姻登记证照",
        review="婚姻登记员当场审查双方证件、声明，询问相关情况，符合条件的当场登记并颁发结婚证",
        process=(
            "1. 预约：通过闽政通APP或者福建省网上办事大厅预约登记时间，在线预填双方信息\n"
            "2. 到场申请：男女双方持居民身份证共同到婚姻登记机关，现场签署声明\n"
            "3. 审查登记：婚姻登记员当场审查证件和声明，询问相关情况，符合条件的予以登记\n"
            "4. 颁证：当场颁发结婚证，同步签发电子婚姻登记证照"
        ),
        themes=["marriage"],
        materials=[
            _id_card("男女双方"),
            _m(
                "本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明",
                form="original",
                types=_DOC,
                source="婚姻登记机关现场提供",
                note="在婚姻登记员面前签字，不能代签",
            ),
            _m("双方近期半身免冠合影照片（2寸）", form="original", copies=3, types=_PHOTO, size=2),
        ],
        form_fields=[
            _f("appointment_date", "预约登记日期", "date"),
            _f("registry_office", "登记机关", enum=["漳州市婚姻登记处", "芗城区婚姻登记处", "龙文区婚姻登记处"]),
            _f("partner_name", "对方姓名", max_length=50),
        ],
        faq=[
            _qa("还需要带户口簿吗？", "不需要。内地居民办理结婚登记只需双方有效居民身份证，全国通办，不受户籍地限制。"),
            _qa("可以一方代办吗？", "不可以。结婚登记必须男女双方亲自到场。"),
        ],
    ),
    _item(
        "divorce_registration",
        "civil_affairs",
        "MZJQR0001002",
        "administrative_confirmation",
        name="离婚登记（内地居民）",
        basic_name="内地居民离婚登记",
        keywords="离婚,协议离婚,离婚登记,离婚冷静期,离婚证",
        summary=(
            "夫妻双方自愿离婚，对子女抚养、财产以及债务处理等事项协商一致的，共同到婚姻登记机关申请离婚登记。"
            "提交申请之日起30日为离婚冷静期。"
        ),
        conditions=(
            "1. 双方自愿离婚，并已对子女抚养、财产以及债务处理等事项协商一致，签订书面离婚协议；\n"
            "2. 双方均具有完全民事行为能力；\n"
            "3. 在内地登记结婚的，双方亲自到场申请；\n"
            "4. 离婚冷静期届满后30日内，双方亲自到场申请发给离婚证。"
        ),
        legal_basis="《中华人民共和国民法典》第一千零七十六条、第一千零七十七条、第一千零七十八条；\n《婚姻登记条例》",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="person",
        online=False,
        visits=2,
        place=_MARRIAGE_OFFICE,
        issues_license="divorce_certificate",
        delivery="当场颁发离婚证",
        process=(
            "1. 申请：双方持材料亲自到婚姻登记机关提交离婚登记申请，婚姻登记机关出具《离婚登记申请受理回执单》\n"
            "2. 冷静期：自婚姻登记机关收到申请之日起30日内，任何一方不愿意离婚的，可以撤回申请\n"
            "3. 申请发证：冷静期届满后30日内，双方亲自到场申请发给离婚证；未申请的视为撤回离婚登记申请\n"
            "4. 审查登记：婚姻登记员当场审查，询问双方意愿，符合条件的予以登记\n"
            "5. 送达：当场颁发离婚证"
        ),
        themes=["marriage"],
        materials=[
            _id_card("夫妻双方"),
            _m("结婚证", form="original", copies=2, license="marriage_certificate", data="marriage_record"),
            _m(
                "双方共同签署的离婚协议书",
                form="original",
                copies=3,
                types=_DOC,
                note="应当载明双方自愿离婚的意思表示以及对子女抚养、财产以及债务处理等事项协商一致的意见",
            ),
            _m("双方近期半身免冠单人照片（2寸）", form="original", copies=4, types=_PHOTO, size=2, note="每人2张"),
        ],
        form_fields=[
            _f("marriage_certificate_number", "结婚证字号", max_length=30),
            _f("has_children", "是否有未成年子女", "boolean"),
        ],
        faq=[
            _qa("离婚可以网上办吗？", "不可以。离婚登记需要双方两次亲自到场：提交申请一次，冷静期届满后申请发证一次。"),
            _qa("冷静期内可以反悔吗？", "可以。冷静期内任何一方不愿意离婚的，可以持回执单向婚姻登记机关撤回申请。"),
        ],
    ),
    _item(
        "minimum_living_allowance",
        "civil_affairs",
        "MZJJF0001000",
        "administrative_payment",
        name="最低生活保障审核确认",
        basic_name="最低生活保障对象审核确认",
        keywords="低保,最低生活保障,低保户,申请低保,生活困难,社会救助,救助",
        summary=(
            "共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定的，"
            "可以申请最低生活保障，审核确认后按月发放低保金。"
        ),
        conditions=(
            "1. 申请人具有本市户籍，与共同生活的家庭成员一并申请；\n"
            "2. 家庭月人均收入低于本市城乡最低生活保障标准；\n"
            "3. 家庭财产状况符合本市规定（如无商业用房、机动车辆、大额存款等）；\n"
            "4. 申请人如实申报家庭收入、财产，并授权民政部门开展家庭经济状况核对。"
        ),
        legal_basis="《社会救助暂行办法》第九条、第十一条；\n《最低生活保障审核确认办法》",
        statutory=30,
        promised=20,
        service_object="person",
        pre_review=True,
        process_key="two_level_review",
        review="乡镇（街道）入户调查、组织民主评议，开展家庭经济状况信息核对，结果在村（社区）公示7天",
        place=_SOCIAL_ASSISTANCE_WINDOW,
        phone="0596-12345；户籍所在地乡镇（街道）社会救助窗口",
        exercise_level="county",
        themes=["social-security"],
        delivery="审核确认结果书面告知，低保金按月发放至本人社会保障卡或者银行账户",
        materials=[
            _application("《最低生活保障申请书》"),
            _id_card("申请人及共同生活的家庭成员"),
            _household_register("申请人及共同生活的家庭成员"),
            _m(
                "家庭经济状况核对授权书",
                form="original",
                types=_DOC,
                note="由申请人及共同生活的家庭成员签字，授权核查存款、房产、车辆、社保等信息",
            ),
            _m(
                "残疾人证",
                "conditional",
                condition="家庭成员中有残疾人的",
                license="disability_certificate",
                data="disability_record",
            ),
            _m("重大疾病诊断证明及医疗费用票据", "conditional", condition="家庭成员患重大疾病的"),
        ],
        form_fields=[
            _f("household_size", "共同生活家庭人数", "integer"),
            _f("monthly_income", "家庭月总收入（元）", "number"),
            _f("hardship_reason", "申请原因", max_length=500),
            _f("bank_account", "收款账号", max_length=32),
        ],
        faq=[
            _qa(
                "在外地工作可以申请吗？",
                "低保向户籍所在地乡镇（街道）申请；符合条件的也可以在经常居住地申请，按规定办理。",
            ),
            _qa(
                "申请了会不会被公开？",
                "审核结果在村（社区）公示，只公示姓名、保障人数和保障金额等必要信息，不公开身份证号等个人信息。",
            ),
        ],
    ),
    _item(
        "disability_subsidies",
        "civil_affairs",
        "MZJJF0002000",
        "administrative_payment",
        name="困难残疾人生活补贴和重度残疾人护理补贴申请",
        basic_name="残疾人两项补贴给付",
        keywords="残疾人两项补贴,残疾人补贴,护理补贴,生活补贴,重度残疾,残疾人证",
        summary=(
            "低保家庭中的残疾人可以申请困难残疾人生活补贴；残疾等级为一级、二级且需要长期照护的重度残疾人，"
            "可以申请重度残疾人护理补贴。两项补贴可以同时申请。"
        ),
        conditions=(
            "1. 具有本市户籍，持有第三代《中华人民共和国残疾人证》；\n"
            "2. 生活补贴：属于最低生活保障家庭中的残疾人；\n"
            "3. 护理补贴：残疾等级被评定为一级、二级且需要长期照护的重度残疾人，以及按本省规定扩大范围的残疾人；\n"
            "4. 未享受与两项补贴性质相同的其他补贴（如工伤保险生活护理费）。"
        ),
        legal_basis="《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）",
        statutory=20,
        promised=15,
        service_object="person",
        process_key="two_level_review",
        review="乡镇（街道）初审，县级残联审核残疾等级和类别",
        place=_SOCIAL_ASSISTANCE_WINDOW,
        exercise_level="county",
        themes=["social-security"],
        delivery="审核结果短信告知，补贴按月发放至本人社会保障卡或者银行账户",
        materials=[
            _application("《残疾人两项补贴申请审批表》"),
            _m("残疾人证", form="original", license="disability_certificate", data="disability_record"),
            _id_card(),
            _m(
                "最低生活保障证明", "conditional", condition="申请困难残疾人生活补贴的", data="social_assistance_record"
            ),
            _agent(),
        ],
        form_fields=[
            _f("subsidy_types", "申请补贴", enum=["生活补贴", "护理补贴", "生活补贴和护理补贴"]),
            _f("disability_level", "残疾等级", enum=["一级", "二级", "三级", "四级"]),
            _f("bank_account", "收款账号", max_length=32),
        ],
        faq=[_qa("残疾人证到期了还能领吗？", "残疾人证有效期满未换证的暂停发放，换领新证后恢复。")],
    ),
    _item(
        "senior_allowance",
        "civil_affairs",
        "MZJJF0003000",
        "administrative_payment",
        name="高龄老年人高龄津贴申领",
        basic_name="高龄津贴给付",
        keywords="高龄津贴,高龄补贴,老人补贴,80岁补贴,百岁老人,养老补贴,免申即享",
        summary=(
            "具有本市户籍、年满80周岁的老年人，可以申领高龄津贴。"
            "民政部门根据户籍信息主动推送，确认后即可按月领取（免申即享）。"
        ),
        conditions="1. 具有本市户籍；\n2. 年满80周岁；\n3. 未因服刑等原因被暂停享受。",
        legal_basis="《中华人民共和国老年人权益保障法》第三十三条",
        statutory=20,
        promised=10,
        service_object="person",
        place=_SOCIAL_ASSISTANCE_WINDOW,
        exercise_level="county",
        themes=["retirement", "social-security"],
        delivery="审核通过后按月发放至本人社会保障卡或者银行账户",
        materials=[
            _id_card("老年人"),
            _m("银行账户信息", types=_SCAN, size=5, note="可使用本人社会保障卡金融账户"),
            _agent(),
        ],
        form_fields=[
            _f("elder_name", "老年人姓名", max_length=50),
            _f("bank_account", "收款账号", max_length=32),
            _f("agent_relationship", "代办人与老年人关系", required=False, max_length=20),
        ],
        faq=[
            _qa(
                "满80周岁一定要自己申请吗？",
                "不一定。民政部门通过户籍数据主动发现符合条件的老年人并短信提醒，确认收款账户后即可领取。",
            )
        ],
    ),
    _item(
        "funeral_fee_reduction",
        "civil_affairs",
        "MZJJF0004000",
        "administrative_payment",
        name="基本殡葬服务费用减免",
        keywords="殡葬补贴,火化费减免,殡葬费,惠民殡葬,丧葬,身后事,遗体火化",
        summary=(
            "本市户籍居民去世后在本市殡仪馆火化的，免除遗体接运、暂存、火化、骨灰寄存等基本殡葬服务费用，"
            "在殡仪馆结算时直接减免。"
        ),
        conditions="1. 逝者具有本市户籍，或者按规定纳入减免范围的其他人员；\n2. 遗体在本市殡仪馆火化。",
        legal_basis="《殡葬管理条例》；\n《民政部 国家发展改革委等部门关于全面推行惠民殡葬政策的指导意见》",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="person",
        visits=1,
        place="漳州市殡仪馆业务大厅及各县（区）殡仪馆",
        hours="全年无休，业务大厅8:00-17:30；遗体接运24小时服务",
        exercise_level="county",
        themes=["funeral"],
        delivery="在殡仪馆结算时直接减免，出具减免结算单",
        materials=[
            _m("居民死亡医学证明（推断）书", form="original", source="医疗卫生机构出具", data="death_record"),
            _m(
                "逝者居民身份证或者居民户口簿",
                form="original",
                license="resident_id_card",
                data="household_registration",
            ),
            _id_card("经办人"),
        ],
        form_fields=[
            _f("deceased_name", "逝者姓名", max_length=50),
            _f("death_date", "死亡日期", "date"),
        ],
        faq=[_qa("要先垫付再报销吗？", "不用。在本市殡仪馆办理时直接减免，无需垫付后再申请报销。")],
    ),
    _item(
        "social_organization_registration",
        "civil_affairs",
        "MZJXK0001000",
        "administrative_license",
        name="社会团体成立登记",
        basic_name="社会团体成立、变更、注销登记",
        keywords="社团登记,协会,商会,学会,社会团体,社会组织,成立协会",
        summary="在本市范围内活动的社会团体（协会、学会、商会等），经业务主管单位审查同意后申请成立登记。",
        conditions=(
            "1. 有50个以上的个人会员或者30个以上的单位会员，个人会员、单位会员混合组成的会员总数不少于50个；\n"
            "2. 有规范的名称和相应的组织机构；\n"
            "3. 有固定的住所和与其业务活动相适应的专职工作人员；\n"
            "4. 有合法的资产和经费来源，地方性社会团体有3万元以上活动资金；\n"
            "5. 有独立承担民事责任的能力，已经业务主管单位审查同意（直接登记的行业协会商会等除外）。"
        ),
        legal_basis="《社会团体登记管理条例》第三条、第十条",
        statutory=60,
        promised=20,
        service_object="both",
        online=False,
        visits=2,
        process_key="two_level_review",
        issues_license="social_organization_certificate",
        delivery="窗口领取《社会团体法人登记证书》，同步发放电子证书",
        themes=["start-business"],
        materials=[
            _application("《社会团体法人登记申请表》"),
            _m(
                "业务主管单位的批准文件",
                "conditional",
                condition="需要业务主管单位审查同意的",
                source="业务主管单位出具",
            ),
            _m("章程草案", types=_DOC),
            _m("验资报告或者资金证明", source="会计师事务所或者银行出具"),
            _m("住所使用权证明", license="real_estate_certificate", data="real_estate_registration"),
            _m("发起人和拟任负责人的基本情况、身份证明", types=_SHEET),
            _m("会员名单", types=_SHEET),
        ],
        form_fields=[
            _f("organization_name", "社会团体名称", max_length=100),
            _f("business_scope", "业务范围", max_length=500),
            _f("member_count", "会员数量", "integer"),
            _f("activity_funds", "活动资金（万元）", "number"),
        ],
        faq=[
            _qa(
                "哪些社团不需要业务主管单位？",
                "行业协会商会类、科技类、公益慈善类、城乡社区服务类社会组织可以直接向民政部门申请登记。",
            )
        ],
    ),
]


# --- items: 教育 ----------------------------------------------------------------------------

_EDUCATION_ITEMS: list[ItemData] = [
    _item(
        "compulsory_education_enrollment",
        "education",
        "JYJGG0001000",
        "public_service",
        name="义务教育阶段新生入学登记",
        basic_name="义务教育招生入学",
        keywords="入学,小学入学,初中入学,新生报名,一年级报名,学区,划片,随迁子女入学,上学",
        summary=(
            "适龄儿童少年在漳州市城区接受义务教育，由监护人在网上进行小学一年级、初中一年级新生入学登记，"
            "按照免试就近入学原则安排学位。进城务工人员随迁子女按规定在居住地入学。"
        ),
        conditions=(
            "1. 小学：当年8月31日前年满6周岁；初中：已完成小学阶段学习；\n"
            "2. 户籍或者实际居住地在招生学区范围内；\n"
            "3. 进城务工人员随迁子女：父母一方持有本市居住证，并在本市合法稳定就业或者有合法稳定住所。"
        ),
        legal_basis="《中华人民共和国义务教育法》第十一条、第十二条",
        statutory=20,
        promised=15,
        service_object="person",
        visits=1,
        pre_review=True,
        place="学区对应公办学校招生点；所在县（区）教育局招生窗口",
        exercise_level="county",
        themes=["schooling"],
        delivery="录取结果在招生平台公布并短信通知，凭通知到学校报到",
        materials=[
            _household_register("儿童及其监护人"),
            _m("出生医学证明", "optional", license="birth_certificate", data="birth_medical_certificate"),
            _m(
                "房屋产权证明或者租赁合同",
                license="real_estate_certificate",
                data="real_estate_registration",
                note="自有住房通过不动产登记信息核验；租赁住房提供网签备案租赁合同",
            ),
            _m(
                "监护人居住证及就业证明",
                "conditional",
                condition="进城务工人员随迁子女入学的",
                license="residence_permit",
                data="social_security_record",
            ),
            _m("儿童预防接种证查验证明", "optional", source="接种单位出具", note="入学报到时由学校查验"),
        ],
        form_fields=[
            _f("child_name", "儿童姓名", max_length=50),
            _f("child_birth_date", "出生日期", "date"),
            _f("grade", "报名年级", enum=["小学一年级", "初中一年级"]),
            _f("residence_address", "实际居住地址", max_length=200),
            _f("is_migrant_child", "是否随迁子女", "boolean"),
        ],
        faq=[
            _qa(
                "租房能上学吗？", "可以。租赁住房并按规定办理网签备案、持有居住证的，按照随迁子女入学政策统筹安排学位。"
            ),
            _qa("报名什么时候开始？", "每年招生时间以市、区教育局当年发布的招生工作通知为准，一般在6月至7月。"),
        ],
    ),
    _item(
        "student_transfer",
        "education",
        "JYJGG0002000",
        "public_service",
        name="义务教育阶段学生转学",
        keywords="转学,转校,插班,学籍转接,随迁转学",
        summary="义务教育阶段学生因户籍迁移、家庭住址变更等原因需要转学的，申请转入学区学校并办理学籍转接。",
        conditions=(
            "1. 具有正式学籍的义务教育阶段在校学生；\n"
            "2. 因户籍迁移、随父母工作调动或者居住地变更等原因需要转学；\n"
            "3. 转入学校有学位。"
        ),
        legal_basis="《中华人民共和国义务教育法》第十二条；\n《中小学生学籍管理办法》",
        statutory=20,
        promised=10,
        service_object="person",
        visits=1,
        place="转入学校教务处；所在县（区）教育局基础教育窗口",
        exercise_level="county",
        themes=["schooling"],
        delivery="审核结果短信通知，学籍通过全国中小学生学籍信息管理系统转接",
        materials=[
            _application("《义务教育阶段学生转学申请表》"),
            _household_register("学生及其监护人"),
            _m("转学事由证明", types=_SCAN, note="如户口迁移证明、工作调动证明、购房或者租房合同"),
        ],
        form_fields=[
            _f("student_name", "学生姓名", max_length=50),
            _f("current_school", "原就读学校", max_length=100),
            _f(
                "current_grade",
                "现就读年级",
                enum=["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"],
            ),
            _f("target_school", "申请转入学校", max_length=100),
            _f("reason", "转学原因", max_length=300),
        ],
        faq=[_qa("学籍要自己去转吗？", "不用。转入学校审核同意后，在学籍系统中发起转接，转出学校和教育部门网上确认。")],
    ),
    _item(
        "teacher_qualification",
        "education",
        "JYJXK0001000",
        "administrative_license",
        name="教师资格认定",
        basic_name="教师资格认定",
        keywords="教师资格证,教资,教师资格认定,教资认定,高中教师资格,中职教师资格,当老师",
        summary=(
            "通过中小学教师资格考试（或者符合免试认定条件）的人员，申请认定高级中学、中等职业学校教师资格"
            "（幼儿园、小学、初级中学教师资格由县区教育局认定）。每年春、秋两批集中受理。"
        ),
        conditions=(
            "1. 遵守宪法和法律，热爱教育事业，具有良好的思想品德；\n"
            "2. 具备《中华人民共和国教师法》规定的相应学历；\n"
            "3. 中小学教师资格考试合格，或者符合免试认定条件；\n"
            "4. 普通话水平达到二级乙等以上标准（语文教师二级甲等以上）；\n"
            "5. 体检合格，具有承担教育教学工作所必需的身体条件。"
        ),
        legal_basis=(
            "《中华人民共和国教师法》第十条、第十一条、第十三条；\n《教师资格条例》；\n《〈教师资格条例〉实施办法》"
        ),
        statutory=30,
        promised=20,
        service_object="person",
        pre_review=True,
        process_key="two_level_review",
        review="核验学历、考试合格证明、普通话和体检结论，组织专家审查",
        issues_license="teacher_qualification",
        themes=["schooling", "employment"],
        materials=[
            _id_card(),
            _m(
                "学历证书", license="", data="academic_degree_record", note="学信网可查的学历通过数据共享核验，免于提交"
            ),
            _m("中小学教师资格考试合格证明", source="全国中小学教师资格考试管理系统", note="系统自动核验，免于提交"),
            _m(
                "普通话水平测试等级证书",
                license="mandarin_certificate",
                note="电子证书可通过国家政务服务平台核验，免于提交",
            ),
            _m("教师资格认定体检表", source="指定医院出具", note="在本市指定体检医院体检的，由医院上传体检结论"),
            _m("近期免冠证件照片（白底）", types=_PHOTO, size=2),
            _m("个人承诺书", form="original", types=_DOC, note="承诺思想品德良好、无违法犯罪记录"),
        ],
        form_fields=[
            _f(
                "qualification_type",
                "申请资格种类",
                enum=["高级中学教师资格", "中等职业学校教师资格", "中等职业学校实习指导教师资格"],
            ),
            _f("subject", "任教学科", max_length=50),
            _f("highest_education", "最高学历", enum=["大学专科", "大学本科", "硕士研究生", "博士研究生"]),
            _f("mandarin_level", "普通话等级", enum=["一级甲等", "一级乙等", "二级甲等", "二级乙等"]),
        ],
        faq=[
            _qa(
                "在校生可以申请认定吗？",
                "全日制普通高校在校生在毕业当年的春季或者秋季认定批次，可以凭学籍信息申请认定。",
            ),
            _qa("证书怎么领取？", "认定通过后可以选择免费邮寄或者到窗口领取，电子教师资格证书同步签发。"),
        ],
    ),
]


# --- items: 交通运输 --------------------------------------------------------------------------

_TRANSPORT_ITEMS: list[ItemData] = [
    _item(
        "road_freight_permit",
        "transport",
        "JTJXK0001000",
        "administrative_license",
        name="道路货物运输经营许可",
        basic_name="道路货物运输经营许可（危险货物运输除外）",
        keywords="道路运输经营许可证,道路运输许可证,货运许可,物流公司,货车营运,运输证",
        summary=(
            "从事道路普通货物运输经营的企业和个体工商户，申请道路货物运输经营许可，取得《道路运输经营许可证》。"
            "使用总质量4.5吨及以下普通货运车辆从事普通货运经营的，无需申请。"
        ),
        conditions=(
            "1. 有与其经营业务相适应并经检测合格的车辆；\n"
            "2. 有符合规定条件的驾驶人员，取得相应的从业资格证；\n"
            "3. 有健全的安全生产管理制度。"
        ),
        legal_basis="《中华人民共和国道路运输条例》第二十一条、第二十二条、第二十四条；\n《道路货物运输及站场管理规定》",
        statutory=20,
        promised=5,
        service_object="both",
        issues_license="road_transport_permit",
        themes=["transport", "start-business"],
        materials=[
            _application("《道路货物运输经营申请表》"),
            _id_card("负责人"),
            _m("拟投入车辆承诺书或者机动车行驶证", license="vehicle_license", data="vehicle_record"),
            _m(
                "聘用或者拟聘用驾驶员的机动车驾驶证、从业资格证",
                license="road_transport_qualification",
                data="driver_record",
            ),
            _m("安全生产管理制度文本", types=_DOC),
        ],
        form_fields=[
            _f("operator_name", "经营者名称", max_length=100),
            _f(
                "business_scope",
                "经营范围",
                enum=["道路普通货物运输", "货物专用运输（集装箱）", "大型物件运输", "冷藏保鲜运输"],
            ),
            _f("vehicle_count", "拟投入车辆数", "integer"),
        ],
        faq=[
            _qa(
                "轻型货车需要办吗？",
                "使用总质量4.5吨及以下普通货运车辆从事普通货运经营的，不需要办理道路运输经营许可证和车辆道路运输证。",
            )
        ],
    ),
    _item(
        "ride_hailing_driver_permit",
        "transport",
        "JTJXK0002001",
        "administrative_license",
        name="网络预约出租汽车驾驶员证核发",
        basic_name="网络预约出租汽车驾驶员证核发",
        keywords="网约车驾驶员证,网约车资格证,网约车司机,网约车接单,人证,网约车从业资格",
        summary=(
            "在漳州市从事网络预约出租汽车经营服务的驾驶员，经背景核查和从业资格考试合格后，"
            "申请核发《网络预约出租汽车驾驶员证》。"
        ),
        conditions=(
            "1. 取得相应准驾车型机动车驾驶证并具有3年以上驾驶经历；\n"
            "2. 无交通肇事犯罪、危险驾驶犯罪记录，无吸毒记录，"
            "无饮酒后驾驶记录，最近连续3个记分周期内没有记满12分记录；\n"
            "3. 无暴力犯罪记录；\n"
            "4. 网约车驾驶员从业资格考试（全国公共科目和区域科目）合格；\n"
            "5. 漳州市人民政府规定的其他条件。"
        ),
        legal_basis=(
            "《网络预约出租汽车经营服务管理暂行办法》第十四条、第十五条；\n《出租汽车驾驶员从业资格管理规定》"
        ),
        statutory=20,
        promised=10,
        service_object="person",
        visits=1,
        place=f"{_DEPARTMENT_PLACE['transport']}；考试地点以准考通知为准",
        issues_license="ride_hailing_driver_permit",
        review="会同公安机关核查驾驶经历和犯罪、吸毒、交通违法记录，核验考试成绩",
        themes=["transport", "employment"],
        materials=[
            _id_card(),
            _m("机动车驾驶证", form="original", license="driving_license", data="driver_record"),
            _m(
                "无犯罪记录证明",
                license="no_criminal_record_certificate",
                note="由交通运输部门会同公安机关在线核查的，免于提交",
            ),
            _m("网约车驾驶员从业资格考试合格证明", source="考试系统自动关联"),
            _m("近期免冠证件照片（白底）", types=_PHOTO, size=2),
        ],
        form_fields=[
            _f("driving_license_date", "初次领取驾驶证日期", "date"),
            _f("platform", "拟服务的网约车平台", required=False, max_length=100),
            _f("exam_date", "考试日期", "date", required=False),
        ],
        faq=[_qa("考试要去现场吗？", "全国公共科目和区域科目考试需要到指定考点参加，其余环节全程网办，证件可邮寄。")],
    ),
    _item(
        "vehicle_repair_filing",
        "transport",
        "JTJQT0001000",
        "other_power",
        name="机动车维修经营备案",
        keywords="汽修厂备案,机动车维修,汽车维修,修理厂,维修备案,汽车快修",
        summary="从事机动车维修经营的，在依法办理市场主体登记后，向所在地交通运输主管部门备案，当场办结。",
        conditions=(
            "1. 已取得营业执照；\n"
            "2. 有与其经营业务相适应的维修车辆停车场和生产厂房；\n"
            "3. 有与其经营业务相适应的设备、设施和技术人员；\n"
            "4. 有健全的维修管理制度和环境保护措施。"
        ),
        legal_basis="《中华人民共和国道路运输条例》；\n《机动车维修管理规定》",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="both",
        themes=["transport", "start-business"],
        delivery="即时备案，备案信息在网上公示",
        materials=[
            _application("《机动车维修经营备案表》"),
            _business_license(),
            _m("维修设备设施汇总表", types=_SHEET),
            _m("技术人员汇总表", types=_SHEET),
            _m("经营场地、停车场面积材料及土地使用权证明", license="real_estate_certificate"),
        ],
        form_fields=[
            _f("operator_name", "经营者名称", max_length=100),
            _f("repair_category", "维修类别", enum=["一类维修", "二类维修", "三类维修（专项维修）"]),
            _f("vehicle_type", "维修车型", enum=["汽车", "摩托车", "危险货物运输车辆", "其他机动车"]),
        ],
        faq=[
            _qa(
                "备案后还需要许可吗？",
                "机动车维修经营已由许可改为备案，备案后即可开展经营，交通运输部门实施事中事后监管。",
            )
        ],
    ),
]


# --- items: 卫生健康 --------------------------------------------------------------------------

_HOSPITAL_WINDOW = "新生儿出生所在助产机构出生医学证明签发窗口"

_HEALTH_ITEMS: list[ItemData] = [
    _item(
        "birth_medical_certificate",
        "health",
        "WJWGG0001000",
        "public_service",
        name="新生儿出生医学证明签发",
        basic_name="出生医学证明签发",
        keywords="出生医学证明,出生证,出生证明,宝宝出生,新生儿,电子出生证",
        summary=(
            "在本市助产机构出生的新生儿，由父母在线确认出生信息，助产机构签发《出生医学证明》，"
            "同步生成电子出生医学证明，供户口登记、医保参保等免提交使用。"
        ),
        conditions="1. 新生儿在本市依法设置的助产机构内出生；\n2. 父母双方身份信息经核验；\n3. 新生儿姓名已确定。",
        legal_basis="《中华人民共和国母婴保健法》第二十三条",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="person",
        place=_HOSPITAL_WINDOW,
        hours="助产机构工作日办理，具体时间以各机构公告为准",
        issues_license="birth_certificate",
        delivery="当场签发纸质证明，同步签发电子出生医学证明",
        themes=["birth"],
        materials=[
            _id_card("父母双方"),
            _m(
                "新生儿出生信息确认单",
                form="electronic",
                types=_DOC,
                source="助产机构在线推送",
                note="核对新生儿姓名、出生时间、体重等信息后在线签字确认",
            ),
        ],
        form_fields=[
            _f("newborn_name", "新生儿姓名", max_length=50),
            _f("newborn_gender", "性别", enum=["男", "女"]),
            _f("birth_time", "出生日期", "date"),
            _f("birth_weight", "出生体重（克）", "integer"),
        ],
        faq=[
            _qa("名字写错了怎么办？", "签发前请仔细核对。已签发的，由父母持证明到原签发机构申请变更，按规定办理。"),
            _qa("领了出生证后还要办哪些事？", "可以通过新生儿出生“一件事”一次申请户口登记、医保参保和社会保障卡。"),
        ],
    ),
    _item(
        "physician_registration",
        "health",
        "WJWXK0001000",
        "administrative_license",
        name="医师执业注册",
        basic_name="医师执业注册",
        keywords="医师执业证,医师注册,执业医师,执业助理医师,医生注册,电子化注册,变更执业地点",
        summary="取得医师资格的人员，经注册取得《医师执业证书》后，方可按照注册的执业地点、类别、范围执业。全程电子化注册。",
        conditions=(
            "1. 取得医师资格证书；\n"
            "2. 拟执业的医疗卫生机构同意聘用；\n"
            "3. 身体健康，能够胜任医师执业；\n"
            "4. 不存在无民事行为能力或者限制民事行为能力、受刑事处罚不满二年等不予注册的情形。"
        ),
        legal_basis="《中华人民共和国医师法》第十三条；\n《医师执业注册管理办法》",
        statutory=20,
        promised=5,
        service_object="person",
        issues_license="practicing_physician",
        themes=["healthcare", "employment"],
        materials=[
            _application("《医师执业注册申请审核表》", note="在国家医师护士电子化注册系统中填写"),
            _id_card(),
            _m("医师资格证书", license="physician_qualification", data="medical_staff_qualification"),
            _m("近6个月内的健康体检证明", source="县级以上医疗机构出具"),
            _m("拟执业机构同意聘用的证明", source="医疗卫生机构出具", note="由执业机构在电子化注册系统中确认"),
        ],
        form_fields=[
            _f("practice_category", "执业类别", enum=["临床", "中医", "口腔", "公共卫生"]),
            _f("practice_scope", "执业范围", max_length=100),
            _f("practice_institution", "主要执业机构", max_length=100),
        ],
        faq=[
            _qa(
                "多点执业需要重新注册吗？",
                "在主要执业机构以外的机构执业的，在电子化注册系统中增加执业机构备案即可，无需重新注册。",
            )
        ],
    ),
    _item(
        "nurse_registration",
        "health",
        "WJWXK0002000",
        "administrative_license",
        name="护士执业注册",
        basic_name="护士执业注册",
        keywords="护士执业证,护士注册,护士执业注册,护士证,延续注册,电子化注册",
        summary="通过护士执业资格考试的人员，经执业注册取得《护士执业证书》后，方可从事护理工作。全程电子化注册。",
        conditions=(
            "1. 具有完全民事行为能力；\n"
            "2. 在中等职业学校、高等学校完成规定的普通全日制3年以上护理、助产专业课程学习，"
            "包括在教学、综合医院完成8个月以上护理临床实习，并取得相应学历证书；\n"
            "3. 通过国务院卫生主管部门组织的护士执业资格考试；\n"
            "4. 符合国务院卫生主管部门规定的健康标准。"
        ),
        legal_basis="《护士条例》第七条、第八条；\n《护士执业注册管理办法》",
        statutory=20,
        promised=5,
        service_object="person",
        issues_license="nurse_practice",
        themes=["healthcare", "employment"],
        materials=[
            _application("《护士执业注册申请审核表》", note="在国家医师护士电子化注册系统中填写"),
            _id_card(),
            _m("学历证书", data="academic_degree_record"),
            _m("护士执业资格考试成绩合格证明", data="medical_staff_qualification"),
            _m("近6个月内的健康体检证明", source="县级以上医疗机构出具"),
            _m("医疗卫生机构拟聘用的证明", source="医疗卫生机构出具"),
        ],
        form_fields=[
            _f("practice_institution", "拟执业机构", max_length=100),
            _f("exam_year", "资格考试年度", "integer"),
        ],
        faq=[
            _qa(
                "考试通过多久内要注册？",
                "应当自通过护士执业资格考试之日起3年内提出执业注册申请；逾期的，还须在符合规定条件的医疗卫生机构接受3个月临床护理培训并考核合格。",
            )
        ],
    ),
    _item(
        "public_place_hygiene_license",
        "health",
        "WJWXK0003000",
        "administrative_license",
        name="公共场所卫生许可证核发",
        basic_name="公共场所卫生许可",
        keywords="卫生许可证,公共场所卫生许可,宾馆卫生许可,酒店,游泳馆,洗浴,美容美发",
        summary=(
            "经营住宿场所、沐浴场所、游泳场所、美容店等依法需要卫生许可的公共场所，申请核发《公共场所卫生许可证》。"
            "实行告知承诺制，申请人承诺符合条件的可以当场或者在短时间内取得许可。"
        ),
        conditions=(
            "1. 已取得营业执照；\n"
            "2. 场所选址、布局、设施设备符合公共场所卫生标准和卫生规范；\n"
            "3. 建立卫生管理制度，配备专（兼）职卫生管理人员；\n"
            "4. 从业人员取得有效健康合格证明。"
        ),
        legal_basis="《公共场所卫生管理条例》第八条；\n《公共场所卫生管理条例实施细则》",
        statutory=20,
        promised=3,
        service_object="both",
        pre_review=True,
        issues_license="public_place_hygiene_license",
        themes=["healthcare", "culture-tourism"],
        materials=[
            _application("《公共场所卫生许可申请书》"),
            _business_license(),
            _m("公共场所卫生许可告知承诺书", form="original", types=_DOC),
            _m("场所地址方位示意图、平面图和卫生设施平面布局图", types=_DRAWING, size=30),
            _m("公共场所卫生检测或者评价报告", "conditional", condition="未选择告知承诺方式办理的"),
            _m("卫生管理制度", types=_DOC),
        ],
        form_fields=[
            _f("place_name", "场所名称", max_length=100),
            _f("place_type", "场所类别", enum=["住宿场所", "沐浴场所", "游泳场所", "美容美发场所", "其他"]),
            _f("business_area", "营业面积（平方米）", "number"),
            _f("commitment", "是否选择告知承诺方式", "boolean"),
        ],
        faq=[
            _qa(
                "饭店、咖啡馆需要办吗？",
                "饭馆、咖啡馆、酒吧、茶座等已不再需要公共场所卫生许可，按食品经营相关规定办理。",
            )
        ],
    ),
    _item(
        "clinic_filing",
        "health",
        "WJWQT0001000",
        "other_power",
        name="诊所备案",
        keywords="开诊所,诊所备案,个体诊所,中医诊所,口腔诊所,门诊部",
        summary="举办诊所的，向所在地卫生健康主管部门备案后即可执业，当场发放诊所备案凭证。",
        conditions=(
            "1. 诊所主要负责人具有相应执业类别的医师执业证书，并取得中级以上职称或者执业满规定年限；\n"
            "2. 场所、设施、设备和人员符合诊所基本标准；\n"
            "3. 有必要的规章制度和医疗废物处置措施。"
        ),
        legal_basis="《医疗机构管理条例》；\n《诊所备案管理暂行办法》",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="both",
        issues_license="clinic_filing_certificate",
        themes=["healthcare", "start-business"],
        materials=[
            _application("《诊所备案信息表》"),
            _m("诊所房屋平面布局图", types=_DRAWING, size=20),
            _m("诊所用房产权证明或者使用证明", license="real_estate_certificate"),
            _m(
                "卫生技术人员名录、执业证书和身份证明",
                license="practicing_physician",
                data="medical_staff_qualification",
            ),
            _m("诊所规章制度", types=_DOC),
        ],
        form_fields=[
            _f("clinic_name", "诊所名称", max_length=100),
            _f("clinic_type", "诊所类别", enum=["普通诊所", "中医诊所", "口腔诊所", "医疗美容诊所"]),
            _f("clinic_address", "诊所地址", max_length=200),
            _f("principal", "主要负责人", max_length=50),
        ],
        faq=[_qa("备案后多久会检查？", "卫生健康主管部门在备案后按规定开展现场核查，发现不符合要求的责令限期整改。")],
    ),
    _item(
        "birth_registration_service",
        "health",
        "WJWGG0002000",
        "public_service",
        name="生育登记服务",
        keywords="生育登记,准生证,生育服务证,三孩,怀孕登记,生育服务",
        summary="夫妻生育子女的，在孩子出生前后均可在线办理生育登记，即时办结，享受相关孕产期保健服务。",
        conditions="1. 夫妻一方户籍或者现居住地在本市；\n2. 依法生育子女。",
        legal_basis="《中华人民共和国人口与计划生育法》第十八条",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="person",
        themes=["birth", "healthcare"],
        delivery="即时办结，电子登记凭证可在闽政通APP查看",
        materials=[_id_card("夫妻双方")],
        form_fields=[
            _f("child_order", "本次生育孩次", enum=["一孩", "二孩", "三孩"]),
            _f("expected_date", "预产期或者出生日期", "date"),
        ],
        faq=[_qa("还需要办准生证吗？", "不需要。现在实行生育登记服务，全程网办、即时办结，不再审批。")],
    ),
]


# --- items: 自然资源（不动产登记） ---------------------------------------------------------------

_REGISTRATION_FEE_BASIS = "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）"


def _real_estate_fees(*, mortgage: bool = False) -> list[FeeData]:
    fees = [
        _fee("不动产登记费（住宅类）", "80.00", _REGISTRATION_FEE_BASIS, "每件；含第一本不动产权属证书（证明）工本费"),
        _fee("不动产登记费（非住宅类）", "550.00", _REGISTRATION_FEE_BASIS, "每件；小微企业（含个体工商户）按规定免收"),
    ]
    if not mortgage:
        fees.append(
            _fee("不动产权属证书工本费", "10.00", _REGISTRATION_FEE_BASIS, "每增加一本证书加收；核发第一本证书不收取")
        )
    return fees


_NATURAL_RESOURCES_ITEMS: list[ItemData] = [
    _item(
        "real_estate_first_registration",
        "natural_resources",
        "ZRJQR0001001",
        "administrative_confirmation",
        name="不动产首次登记（国有建设用地使用权及房屋所有权）",
        basic_name="国有建设用地使用权及房屋所有权首次登记",
        keywords="不动产首次登记,房屋首次登记,大证,初始登记,新房办证,不动产权证,房产证",
        summary="依法利用国有建设用地建造房屋竣工后，申请国有建设用地使用权及房屋所有权首次登记，领取不动产权证书。",
        conditions=(
            "1. 已依法取得国有建设用地使用权并完成登记；\n"
            "2. 房屋已竣工，并经规划核实和竣工验收备案；\n"
            "3. 已完成房屋测绘，申请登记的不动产权属清楚、界址清晰、面积准确。"
        ),
        legal_basis=(
            "《中华人民共和国民法典》第二百零九条、第二百一十条；\n"
            "《不动产登记暂行条例》第十四条、第二十条；\n《不动产登记暂行条例实施细则》"
        ),
        statutory=30,
        promised=5,
        service_object="both",
        pre_review=True,
        fees=_real_estate_fees(),
        issues_license="real_estate_certificate",
        review="查验不动产界址、空间界限、面积等权籍调查成果，必要时实地查看",
        themes=["construction", "housing"],
        materials=[
            _application("《不动产登记申请书》"),
            _business_license(),
            _m(
                "不动产权证书（国有建设用地使用权）", license="real_estate_certificate", data="real_estate_registration"
            ),
            _m(
                "建设工程规划核实意见", source="自然资源主管部门出具", note="通过工程建设项目审批管理系统共享，免于提交"
            ),
            _m("房屋建筑工程竣工验收备案材料", source="住房和城乡建设主管部门出具"),
            _m("房屋测绘报告（房产分户图）", types=_DRAWING, size=50, source="测绘机构出具"),
            _m(
                "相关税费缴纳凭证", "conditional", condition="依法需要缴纳税费的", note="税务部门共享完税信息的免于提交"
            ),
        ],
        form_fields=[
            _f("location", "不动产坐落", max_length=200),
            _f("land_parcel_code", "不动产单元号", max_length=28),
            _f("building_area", "建筑面积（平方米）", "number"),
            _f("usage", "用途", enum=["住宅", "商业", "办公", "工业", "其他"]),
        ],
        faq=[
            _qa(
                "开发商办了首次登记，业主什么时候能办证？",
                "首次登记完成后，购房人即可申请转移登记，交房即交证项目可同步办理。",
            )
        ],
    ),
    _item(
        "real_estate_transfer",
        "natural_resources",
        "ZRJQR0001002",
        "administrative_confirmation",
        name="不动产转移登记（存量房买卖）",
        basic_name="国有建设用地使用权及房屋所有权转移登记",
        keywords="二手房过户,过户,房产过户,转移登记,不动产权证,房产证,买房办证,带押过户",
        summary=(
            "存量房（二手房）买卖双方签订网签合同、缴清税费后，申请不动产转移登记，买受人领取不动产权证书。"
            "登记、交易、缴税“一窗受理”，可选择水电气网联动过户。"
        ),
        conditions=(
            "1. 转让的不动产已依法登记，不存在查封、异议登记等限制转移的情形；\n"
            "2. 买卖双方已签订存量房买卖合同并完成网签备案；\n"
            "3. 已依法缴纳相关税费；\n"
            "4. 设有抵押的，已注销抵押或者经抵押权人同意办理“带押过户”。"
        ),
        legal_basis=(
            "《中华人民共和国民法典》第二百零九条、第二百一十四条；\n"
            "《不动产登记暂行条例》第十四条、第二十条；\n《不动产登记暂行条例实施细则》"
        ),
        statutory=30,
        promised=3,
        service_object="both",
        visits=1,
        pre_review=True,
        fees=_real_estate_fees(),
        issues_license="real_estate_certificate",
        themes=["housing"],
        materials=[
            _application("《不动产登记申请书》"),
            _id_card("买卖双方"),
            _m("不动产权证书", form="original", license="real_estate_certificate", data="real_estate_registration"),
            _m("存量房买卖合同", data="online_contract_filing", note="已网签备案的通过数据共享获取，免于提交"),
            _m("完税凭证", note="税务部门共享完税信息的免于提交"),
            _m(
                "婚姻状况证明",
                "conditional",
                condition="出卖人或者买受人已婚，需要确定共有情况的",
                license="marriage_certificate",
                data="marriage_record",
            ),
            _agent(),
        ],
        form_fields=[
            _f("certificate_number", "原不动产权证书号", max_length=40),
            _f("location", "不动产坐落", max_length=200),
            _f("price", "成交价格（万元）", "number"),
            _f("ownership_mode", "共有方式", enum=["单独所有", "共同共有", "按份共有"]),
            _f("utility_transfer", "是否同步办理水电气过户", "boolean"),
        ],
        faq=[
            _qa(
                "房子还有贷款能过户吗？",
                "可以选择“带押过户”，经抵押权人同意后，转移登记与抵押登记一并办理，无需先还清贷款。",
            ),
            _qa("水电气要单独去过户吗？", "不用。勾选联动过户后，登记完成即推送至供水、供电、燃气企业同步过户。"),
        ],
    ),
    _item(
        "real_estate_mortgage",
        "natural_resources",
        "ZRJQR0001003",
        "administrative_confirmation",
        name="不动产抵押权登记",
        basic_name="抵押权首次登记",
        keywords="抵押登记,房屋抵押,贷款抵押,抵押权,不动产登记证明,银行抵押",
        summary="以不动产设定抵押的，抵押权人和抵押人共同申请抵押权登记，抵押权自登记时设立。银行网点可直接受理。",
        conditions="1. 抵押的不动产已依法登记，不存在查封等限制情形；\n2. 抵押人与抵押权人已签订主债权合同和抵押合同。",
        legal_basis=(
            "《中华人民共和国民法典》第三百九十五条、第四百零二条；\n"
            "《不动产登记暂行条例》第十四条；\n《不动产登记暂行条例实施细则》"
        ),
        statutory=30,
        promised=1,
        service_object="both",
        fees=_real_estate_fees(mortgage=True),
        issues_license="real_estate_registration_certificate",
        place=f"{_DEPARTMENT_PLACE['natural_resources']}；各商业银行“不动产抵押登记便民服务点”",
        themes=["housing"],
        materials=[
            _application("《不动产登记申请书》"),
            _id_card("抵押人"),
            _m("抵押权人营业执照或者金融许可证", license="business_license", data="market_entity_registration"),
            _m("不动产权证书", form="original", license="real_estate_certificate", data="real_estate_registration"),
            _m("主债权合同", types=_DOC, size=20),
            _m("抵押合同", types=_DOC, size=20),
        ],
        form_fields=[
            _f("certificate_number", "不动产权证书号", max_length=40),
            _f("creditor", "抵押权人", max_length=100),
            _f("secured_amount", "被担保主债权数额（万元）", "number"),
            _f("debt_start", "债务履行期限起", "date"),
            _f("debt_end", "债务履行期限止", "date"),
        ],
        faq=[
            _qa(
                "抵押登记要本人去登记中心吗？",
                "不用。可以在贷款银行的便民服务点一并办理，登记证明电子化，直接推送给银行。",
            )
        ],
    ),
    _item(
        "land_use_planning_permit",
        "natural_resources",
        "ZRJXK0001001",
        "administrative_license",
        name="建设用地规划许可证核发",
        basic_name="建设用地（含临时用地）规划许可证核发",
        keywords="建设用地规划许可证,用地规划许可,规划许可,工程建设项目审批,拿地",
        summary=(
            "以出让方式取得国有土地使用权的建设项目，在签订国有建设用地使用权出让合同后申请领取建设用地规划许可证；"
            "以划拨方式提供国有土地使用权的建设项目，在核发用地批准文件前申请。"
        ),
        conditions=(
            "1. 建设项目已经批准、核准或者备案；\n"
            "2. 以出让方式取得土地的，已签订国有建设用地使用权出让合同；\n"
            "3. 用地位置、面积、允许建设的范围符合国土空间规划和规划条件。"
        ),
        legal_basis="《中华人民共和国城乡规划法》第三十七条、第三十八条",
        statutory=20,
        promised=5,
        service_object="enterprise",
        issues_license="land_use_planning_permit",
        place=f"{CITY_HALL}自然资源（规划）窗口；工程建设项目审批专区",
        themes=["construction"],
        materials=[
            _application("《建设用地规划许可申请表》"),
            _m("建设项目批准、核准或者备案文件", source="发展改革等部门出具", note="通过投资项目在线审批监管平台共享"),
            _m("国有建设用地使用权出让合同或者划拨决定书", data="land_supply_record"),
            _m("宗地图及勘测定界报告", types=_DRAWING, size=50),
        ],
        form_fields=[
            _f("project_name", "项目名称", max_length=200),
            _f("project_code", "项目代码", max_length=24),
            _f("land_area", "用地面积（平方米）", "number"),
            _f("land_use", "用地性质", max_length=50),
        ],
        faq=[
            _qa(
                "出让土地是不是签了合同就能拿证？",
                "签订出让合同后，规划许可与用地手续并联办理，材料齐全的5个工作日内核发。",
            )
        ],
    ),
    _item(
        "construction_planning_permit",
        "natural_resources",
        "ZRJXK0001002",
        "administrative_license",
        name="建设工程规划许可证核发",
        basic_name="建设工程规划许可证核发",
        keywords="建设工程规划许可证,工程规划许可,规划许可证,报建,设计方案审查,工程建设项目审批",
        summary="在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，申请办理建设工程规划许可证。",
        conditions=(
            "1. 已取得建设用地规划许可证和土地使用权；\n"
            "2. 建设工程设计方案符合控制性详细规划和规划条件；\n"
            "3. 按规定需要审查的设计方案已通过审查。"
        ),
        legal_basis="《中华人民共和国城乡规划法》第四十条",
        statutory=20,
        promised=7,
        service_object="enterprise",
        pre_review=True,
        issues_license="construction_planning_permit",
        place=f"{CITY_HALL}自然资源（规划）窗口；工程建设项目审批专区",
        themes=["construction"],
        materials=[
            _application("《建设工程规划许可申请表》"),
            _m(
                "不动产权证书（国有建设用地使用权）或者土地使用权证明",
                license="real_estate_certificate",
                data="real_estate_registration",
            ),
            _m("建设工程设计方案（总平面图、建筑单体图及技术经济指标）", types=_DRAWING, size=100),
            _m("建设用地规划许可证", license="land_use_planning_permit"),
        ],
        form_fields=[
            _f("project_name", "项目名称", max_length=200),
            _f("project_code", "项目代码", max_length=24),
            _f("total_floor_area", "总建筑面积（平方米）", "number"),
            _f("building_height", "建筑高度（米）", "number"),
        ],
        faq=[
            _qa(
                "设计方案需要公示吗？",
                "按规定需要公示的建设工程设计方案，审查期间在网上和现场公示，公示期不计入办理时限。",
            )
        ],
    ),
    _item(
        "real_estate_record_query",
        "natural_resources",
        "ZRJGG0001000",
        "public_service",
        name="不动产登记信息查询（权利人查询）",
        basic_name="不动产登记资料查询",
        keywords="房产查询,不动产查询,查房产,有房无房证明,无房证明,房屋登记信息,产调",
        summary="不动产权利人查询本人名下不动产登记结果，或者开具无房证明，系统自动核验身份后即时出具带二维码的查询结果。",
        conditions="1. 申请人为不动产权利人或者其委托人；\n2. 通过实名身份认证。",
        legal_basis="《不动产登记暂行条例》第二十七条；\n《不动产登记资料查询暂行办法》",
        statutory=5,
        promised=0,
        handling_type="instant",
        process_key="instant_approval",
        service_object="both",
        delivery="即时在线出具查询结果（可扫码核验），也可在自助终端打印",
        themes=["housing"],
        materials=[_id_card()],
        form_fields=[
            _f("query_type", "查询类型", enum=["本人名下不动产登记结果", "无房证明", "指定不动产登记信息"]),
            _f("purpose", "查询用途", enum=["购房资格", "子女入学", "公积金提取", "其他"]),
        ],
        faq=[_qa("查询结果有效吗？", "在线出具的查询结果加盖电子印章，带有二维码，可供有关单位扫码核验。")],
    ),
]


# --- items: 生态环境 --------------------------------------------------------------------------

_ECOLOGY_ITEMS: list[ItemData] = [
    _item(
        "pollutant_discharge_permit",
        "ecology",
        "STJXK0001000",
        "administrative_license",
        name="排污许可证核发（简化管理）",
        basic_name="排污许可",
        keywords="排污许可证,排污许可,排污证,污染物排放,环保许可",
        summary=(
            "纳入《固定污染源排污许可分类管理名录》简化管理的排污单位，通过全国排污许可证管理信息平台"
            "申请核发排污许可证。实行重点管理的单位审批时限为30日。"
        ),
        conditions=(
            "1. 依法取得建设项目环境影响报告书（表）批准文件，或者按规定办理了环境影响登记表备案；\n"
            "2. 污染物排放符合污染物排放标准要求，重点污染物排放符合总量控制指标；\n"
            "3. 采用的污染防治设施或者措施有能力达到许可排放浓度要求；\n"
            "4. 自行监测方案符合相关技术规范。"
        ),
        legal_basis="《中华人民共和国环境保护法》第四十五条；\n《排污许可管理条例》第十二条",
        statutory=20,
        promised=10,
        service_object="enterprise",
        pre_review=True,
        issues_license="pollutant_discharge_permit",
        place=f"{_DEPARTMENT_PLACE['ecology']}；全国排污许可证管理信息平台",
        themes=["environment", "construction"],
        materials=[
            _application("《排污许可证申请表》", note="在全国排污许可证管理信息平台在线填报"),
            _m("排污单位守法承诺书", form="original", types=_DOC, note="由法定代表人或者主要负责人签字"),
            _m("建设项目环境影响评价批准文件", data="eia_approval_record", note="本市审批的环评文件通过共享核验"),
            _m("自行监测方案", types=_DOC),
            _m("排污口和监测点位示意图", types=_DRAWING, size=30),
        ],
        form_fields=[
            _f("industry_category", "行业类别", max_length=100),
            _f("management_class", "管理类别", enum=["简化管理", "重点管理"]),
            _f("main_pollutants", "主要污染物种类", max_length=300),
        ],
        faq=[
            _qa("排污许可证有效期多久？", "排污许可证有效期为5年，届满需要继续排放污染物的，应当在届满60日前申请延续。")
        ],
    ),
    _item(
        "eia_report_book",
        "ecology",
        "STJXK0002001",
        "administrative_license",
        name="建设项目环境影响报告书审批",
        basic_name="建设项目环境影响评价文件审批",
        keywords="环评,环评审批,环境影响报告书,环评批复,环境影响评价",
        summary="可能造成重大环境影响的建设项目，建设单位编制环境影响报告书，报生态环境主管部门审批。",
        conditions=(
            "1. 建设项目符合生态环境分区管控要求和国土空间规划；\n"
            "2. 环境影响报告书按照技术导则编制，结论明确；\n"
            "3. 已依法开展公众参与；\n"
            "4. 污染物排放符合国家和地方标准，重点污染物排放符合总量控制要求。"
        ),
        legal_basis=("《中华人民共和国环境影响评价法》第十六条、第二十二条；\n《建设项目环境保护管理条例》第九条"),
        statutory=60,
        promised=30,
        service_object="enterprise",
        pre_review=True,
        process_key="two_level_review",
        review="组织技术评估和专家评审（技术评估时间不计入审批时限），受理和拟批准前分别公示",
        themes=["environment", "construction"],
        materials=[
            _application("建设项目环境影响报告书审批申请函"),
            _m("建设项目环境影响报告书（报批稿）", types=_DRAWING, size=100),
            _m("公众参与说明", types=_DOC, size=20),
            _m("建设项目批准、核准或者备案文件", source="投资主管部门出具"),
            _m("删除涉及国家秘密和商业秘密内容的公开版本", types=_DRAWING, size=100),
        ],
        form_fields=[
            _f("project_name", "项目名称", max_length=200),
            _f("project_code", "项目代码", max_length=24),
            _f("industry_category", "行业类别", max_length=100),
            _f("total_investment", "总投资（万元）", "number"),
        ],
        faq=[_qa("专家评审的时间算不算在审批时限里？", "不算。技术评估和专家评审期间办件挂起，时限计时暂停。")],
    ),
    _item(
        "eia_report_form",
        "ecology",
        "STJXK0002002",
        "administrative_license",
        name="建设项目环境影响报告表审批",
        basic_name="建设项目环境影响评价文件审批",
        keywords="环评,环评审批,环境影响报告表,环评批复,环境影响评价",
        summary="可能造成轻度环境影响的建设项目，建设单位编制环境影响报告表，报生态环境主管部门审批。",
        conditions=(
            "1. 建设项目符合生态环境分区管控要求和国土空间规划；\n"
            "2. 环境影响报告表按照技术规范编制，内容真实、结论明确；\n"
            "3. 污染物排放符合国家和地方标准。"
        ),
        legal_basis="《中华人民共和国环境影响评价法》第十六条、第二十二条；\n《建设项目环境保护管理条例》第九条",
        statutory=30,
        promised=10,
        service_object="enterprise",
        pre_review=True,
        themes=["environment", "construction"],
        materials=[
            _application("建设项目环境影响报告表审批申请函"),
            _m("建设项目环境影响报告表（报批稿）", types=_DRAWING, size=100),
            _m("建设项目批准、核准或者备案文件", source="投资主管部门出具"),
        ],
        form_fields=[
            _f("project_name", "项目名称", max_length=200),
            _f("project_code", "项目代码", max_length=24),
            _f("industry_category", "行业类别", max_length=100),
        ],
        faq=[_qa("报告表要开专家会吗？", "一般不召开专家会，由技术评估机构出具审查意见；重大复杂的可以组织专家论证。")],
    ),
    _item(
        "pollutant_discharge_registration",
        "ecology",
        "STJQT0001000",
        "other_power",
        name="固定污染源排污登记",
        keywords="排污登记,排污登记表,登记管理,排污许可登记,小微企业排污",
        summary="污染物产生量、排放量和对环境的影响程度很小，实行排污登记管理的单位，在线填报排污登记表，即时取得登记回执。",
        conditions=(
            "1. 属于《固定污染源排污许可分类管理名录》中实行登记管理的排污单位；\n"
            "2. 如实填报基本信息、污染物排放去向和执行标准。"
        ),
        legal_basis="《排污许可管理条例》第二十四条；\n《固定污染源排污许可分类管理名录》",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="enterprise",
        issues_license="pollutant_discharge_registration_receipt",
        place="全国排污许可证管理信息平台（网上办理）；" + _DEPARTMENT_PLACE["ecology"],
        themes=["environment", "start-business"],
        delivery="在线即时生成排污登记回执",
        materials=[_application("《固定污染源排污登记表》", note="在全国排污许可证管理信息平台在线填报")],
        form_fields=[
            _f("industry_category", "行业类别", max_length=100),
            _f("discharge_destination", "污染物排放去向", max_length=200),
        ],
        faq=[_qa("排污登记需要审批吗？", "不需要。登记后即时生成回执，无需审批，登记信息发生变化的应当在20日内变更。")],
    ),
]


# --- items: 医疗保障 --------------------------------------------------------------------------

_MEDICAL_INSURANCE_ITEMS: list[ItemData] = [
    _item(
        "cross_region_medical_filing",
        "medical_insurance",
        "YBJGG0001000",
        "public_service",
        name="异地就医备案",
        basic_name="基本医疗保险参保人员异地就医备案",
        keywords="异地就医,异地备案,跨省就医,外地看病,医保备案,异地长期居住,临时外出就医,秒批",
        summary=(
            "参加本市基本医疗保险的人员到省外或者省内其他地市就医，办理异地就医备案后直接结算。"
            "通过国家医保服务平台APP、闽政通APP申请的，系统自动核验，即时备案。"
        ),
        conditions=(
            "1. 参加本市职工基本医疗保险或者城乡居民基本医疗保险，参保状态正常；\n"
            "2. 属于异地长期居住人员、常驻异地工作人员、异地转诊就医人员或者临时外出就医人员。"
        ),
        legal_basis=(
            "《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）"
        ),
        statutory=0,
        promised=0,
        handling_type="instant",
        process_key="instant_approval",
        service_object="person",
        delivery="即时备案，备案结果短信通知，可在国家医保服务平台APP查询",
        themes=["social-security", "healthcare"],
        materials=[
            _id_card(),
            _m(
                "个人承诺书",
                form="electronic",
                types=_DOC,
                source="网上在线签署",
                note="异地长期居住、常驻异地工作人员以承诺方式办理，无需提交居住证明或者工作证明",
            ),
            _m(
                "转诊证明",
                "conditional",
                condition="异地转诊就医人员",
                source="本市定点医疗机构出具",
                note="定点医疗机构已在线推送的免于提交",
            ),
        ],
        form_fields=[
            _f("filing_type", "备案类型", enum=["异地长期居住", "常驻异地工作", "异地转诊就医", "临时外出就医"]),
            _f("destination", "就医地（省市）", max_length=100),
            _f("start_date", "备案开始日期", "date"),
        ],
        faq=[
            _qa("临时出差生病能直接结算吗？", "可以。临时外出就医人员在线备案后即可在就医地联网定点医疗机构直接结算。"),
            _qa("备案后可以取消吗？", "可以。异地长期居住人员备案后有变更需要的，按规定在线申请变更或者取消。"),
        ],
    ),
    _item(
        "medical_insurance_transfer",
        "medical_insurance",
        "YBJGG0002000",
        "public_service",
        name="基本医疗保险关系转移接续",
        keywords="医保转移,医保关系转移,医保转入,医保转出,跨省转移,换工作医保",
        summary="参保人员跨统筹地区流动就业的，基本医疗保险关系随本人转移，缴费年限累计计算。在转入地申请即可，无需回转出地。",
        conditions="1. 已在转出地参加基本医疗保险并已停止缴费；\n2. 已在本市参加基本医疗保险。",
        legal_basis="《中华人民共和国社会保险法》第三十二条；\n《流动就业人员基本医疗保障关系转移接续暂行办法》",
        statutory=15,
        promised=10,
        service_object="person",
        themes=["social-security", "employment"],
        delivery="转移结果短信通知，参保缴费年限在网上办事大厅查询",
        materials=[
            _id_card(),
            _m(
                "参保凭证",
                "optional",
                source="转出地医保经办机构出具",
                data="medical_insurance_record",
                note="通过全国医保信息平台获取转出地参保信息的，免于提交",
            ),
        ],
        form_fields=[
            _f("transfer_from", "转出地（省市）", max_length=100),
            _f("insurance_type", "险种", enum=["职工基本医疗保险", "城乡居民基本医疗保险"]),
        ],
        faq=[_qa("要回原参保地开证明吗？", "不需要。在转入地申请后，通过全国医保信息平台与转出地经办机构联办。")],
    ),
    _item(
        "maternity_allowance",
        "medical_insurance",
        "YBJJF0001001",
        "administrative_payment",
        name="生育津贴申领",
        basic_name="生育保险待遇给付（生育津贴）",
        keywords="生育津贴,产假工资,生育保险,生育待遇,产假,生孩子报销,陪产假",
        summary="参加职工基本医疗保险（生育保险）的女职工生育或者流产，按规定享受生育津贴，由用人单位或者本人申请。",
        conditions=(
            "1. 用人单位已为职工缴纳生育保险费（职工基本医疗保险）；\n"
            "2. 职工生育、流产或者施行计划生育手术，按规定享受产假；\n"
            "3. 在规定期限内提出申请。"
        ),
        legal_basis=("《中华人民共和国社会保险法》第五十四条、第五十六条；\n《女职工劳动保护特别规定》第七条"),
        statutory=20,
        promised=10,
        service_object="both",
        themes=["birth", "social-security"],
        delivery="生育津贴发放至用人单位或者本人账户，结果短信通知",
        materials=[
            _id_card("女职工"),
            _m(
                "出生医学证明或者医疗机构出具的流产诊断证明",
                license="birth_certificate",
                data="birth_medical_certificate",
                note="本市签发的出生医学证明信息共享，免于提交",
            ),
            _m("难产、多胞胎生育的医学证明", "conditional", condition="难产或者多胞胎生育，申请增加产假天数的"),
            _m("用人单位银行账户信息", "conditional", condition="由用人单位代为申领的"),
        ],
        form_fields=[
            _f("delivery_date", "分娩（手术）日期", "date"),
            _f("delivery_type", "生育情形", enum=["顺产", "难产", "多胞胎", "流产"]),
            _f("newborn_count", "生育婴儿数", "integer"),
            _f("payee", "津贴发放对象", enum=["用人单位", "本人"]),
        ],
        faq=[
            _qa(
                "产假有多少天？",
                "女职工生育享受98天产假，其中产前可以休假15天；难产的增加15天；生育多胞胎的，每多生育1个婴儿增加15天，本省另有奖励假的按本省规定执行。",
            ),
        ],
    ),
    _item(
        "maternity_medical_reimbursement",
        "medical_insurance",
        "YBJJF0001002",
        "administrative_payment",
        name="生育医疗费用报销",
        basic_name="生育保险待遇给付（生育医疗费用）",
        keywords="生育报销,生孩子报销,产检报销,生育医疗费,分娩费用,生育保险",
        summary=(
            "参保人员在定点医疗机构发生的产前检查、分娩住院等生育医疗费用，未能直接结算的，"
            "申请手工报销。在本市定点医疗机构分娩的一般直接结算，无需申请。"
        ),
        conditions=(
            "1. 参加职工基本医疗保险（含生育保险）或者城乡居民基本医疗保险；\n"
            "2. 生育医疗费用未在定点医疗机构直接结算；\n"
            "3. 自分娩（手术）之日起在规定期限内申请。"
        ),
        legal_basis="《中华人民共和国社会保险法》第五十四条、第五十五条",
        statutory=20,
        promised=10,
        service_object="person",
        visits=1,
        themes=["birth", "healthcare"],
        delivery="报销款发放至本人社会保障卡或者银行账户，结果短信通知",
        materials=[
            _id_card(),
            _m("医疗费用票据", form="original", note="医疗电子票据可直接关联；纸质票据须到窗口交验原件"),
            _m("费用明细清单", types=_SHEET),
            _m("出院小结或者诊断证明", types=_SCAN),
        ],
        form_fields=[
            _f("hospital", "就诊医疗机构", max_length=100),
            _f("total_amount", "医疗费用总额（元）", "number"),
            _f("bank_account", "收款账号", max_length=32),
        ],
        faq=[_qa("在外地生孩子能报销吗？", "办理异地就医备案的可以在就医地直接结算；未备案的可以按规定手工报销。")],
    ),
    _item(
        "newborn_medical_insurance",
        "medical_insurance",
        "YBJGG0003000",
        "public_service",
        name="新生儿参加城乡居民基本医疗保险",
        basic_name="城乡居民基本医疗保险参保登记（新生儿）",
        keywords="新生儿参保,新生儿医保,宝宝医保,婴儿医保,新生儿,居民医保参保",
        summary=(
            "新生儿凭出生医学证明即可参加城乡居民基本医疗保险，出生后90日内参保缴费的，自出生之日起享受医保待遇，"
            "可在新生儿出生“一件事”中一并办理。"
        ),
        conditions="1. 新生儿已取得出生医学证明；\n2. 父母一方在本市参保，或者新生儿在本市登记户口、居住。",
        legal_basis="《中华人民共和国社会保险法》第二十五条；\n《国务院办公厅关于健全基本医疗保险参保长效机制的指导意见》",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="person",
        themes=["birth", "social-security"],
        delivery="即时办结，缴费后医保电子凭证同步激活",
        materials=[
            _m(
                "出生医学证明",
                license="birth_certificate",
                data="birth_medical_certificate",
                note="本市签发的出生医学证明信息共享，免于提交",
            ),
            _id_card("监护人"),
        ],
        form_fields=[
            _f("newborn_name", "新生儿姓名", max_length=50),
            _f("birth_date", "出生日期", "date"),
            _f("guardian_mobile", "监护人联系电话", max_length=11),
        ],
        faq=[_qa("还没上户口能参保吗？", "可以。新生儿凭出生医学证明即可参保，户口登记后系统自动补全身份证号码。")],
    ),
    _item(
        "chronic_disease_recognition",
        "medical_insurance",
        "YBJQR0001000",
        "administrative_confirmation",
        name="门诊慢特病待遇认定",
        basic_name="门诊慢特病病种待遇认定",
        keywords="慢特病,门诊特殊病种,慢性病,特殊病,门特,高血压,糖尿病,尿毒症透析",
        summary="患有本市门诊慢特病病种目录内疾病的参保人员，申请门诊慢特病待遇认定，认定后门诊费用按规定报销。",
        conditions=(
            "1. 参加本市基本医疗保险，参保状态正常；\n2. 所患疾病属于本省门诊慢特病病种目录，符合该病种认定标准。"
        ),
        legal_basis="《中华人民共和国社会保险法》第二十八条",
        statutory=20,
        promised=10,
        service_object="person",
        pre_review=True,
        process_key="two_level_review",
        review="定点医疗机构或者医保经办机构组织专家按病种认定标准审核",
        themes=["healthcare", "social-security"],
        delivery="认定结果短信通知，认定后在定点医疗机构直接结算",
        materials=[
            _id_card(),
            _m("门诊慢特病待遇认定申请表", form="electronic", types=_DOC, source="网上在线填写"),
            _m("二级及以上医疗机构出具的相关病历、检查检验报告", types=_SCAN, size=30),
        ],
        form_fields=[
            _f("disease", "申请病种", max_length=100),
            _f("hospital", "诊断医疗机构", max_length=100),
            _f("diagnosis_date", "确诊日期", "date"),
        ],
        faq=[_qa("可以在医院直接申请吗？", "可以。本市二级及以上定点医疗机构可以直接受理认定，结果实时上传医保系统。")],
    ),
    _item(
        "retiree_medical_benefit",
        "medical_insurance",
        "YBJQR0002000",
        "administrative_confirmation",
        name="退休人员基本医疗保险待遇核定",
        keywords="退休医保,退休后医保,医保缴费年限,医保退休,视同缴费年限,退休一件事",
        summary=(
            "参加职工基本医疗保险的人员办理退休后，核定累计缴费年限，达到规定年限的退休后不再缴纳基本医疗保险费，"
            "按规定享受退休人员医保待遇；不足年限的可以按规定一次性补缴。"
        ),
        conditions=(
            "1. 已办理退休手续；\n2. 职工基本医疗保险累计缴费年限达到本省规定的最低缴费年限，或者申请一次性补缴。"
        ),
        legal_basis="《中华人民共和国社会保险法》第二十七条",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="person",
        themes=["retirement", "social-security"],
        delivery="即时办结，结果在国家医保服务平台APP查询",
        materials=[
            _id_card(),
            _m("退休审批表", data="retirement_record", note="人社部门退休审批信息共享，免于提交"),
        ],
        form_fields=[
            _f("retirement_date", "退休日期", "date"),
            _f("supplementary_payment", "缴费年限不足时是否一次性补缴", "boolean"),
        ],
        faq=[_qa("退休后医保要自己办吗？", "在退休“一件事”中申请退休时一并核定，不需要单独申请。")],
    ),
]


# --- items: 住房公积金 ------------------------------------------------------------------------

_HOUSING_FUND_BASIS = "《住房公积金管理条例》第二十四条、第二十五条"

_HOUSING_FUND_ITEMS: list[ItemData] = [
    _item(
        "hf_withdrawal_purchase",
        "housing_fund",
        "GJJGG0001001",
        "public_service",
        name="住房公积金提取（购买自住住房）",
        basic_name="住房公积金提取",
        keywords="公积金提取,提取公积金,取公积金,买房提取,购房提取,公积金,首付",
        summary="缴存职工及其配偶购买自住住房的，可以提取本人住房公积金账户余额，提取金额不超过购房款。",
        conditions=(
            "1. 职工本人、配偶购买本市或者户籍所在地的自住住房（新建商品房、存量房、经济适用住房等）；\n"
            "2. 购房合同已网签备案或者已办理不动产登记；\n"
            "3. 在购房合同备案或者不动产登记之日起规定期限内申请；\n"
            "4. 住房公积金账户处于正常状态，未使用住房公积金贷款购买同一套住房。"
        ),
        legal_basis=_HOUSING_FUND_BASIS,
        statutory=3,
        promised=1,
        service_object="person",
        themes=["housing"],
        delivery="审核通过后提取款项转入本人银行卡，结果短信通知",
        phone="12329住房公积金服务热线；0596-12345",
        materials=[
            _id_card(),
            _m(
                "购房合同或者不动产权证书",
                license="real_estate_certificate",
                data="online_contract_filing",
                note="本市网签备案或者已登记的，通过数据共享核验，免于提交",
            ),
            _m("购房发票或者契税完税凭证", note="税务部门共享完税信息的免于提交"),
            _m(
                "结婚证",
                "conditional",
                condition="配偶购房或者夫妻共同购房的",
                license="marriage_certificate",
                data="marriage_record",
            ),
            _m("本人一类银行结算账户", types=_SCAN, size=5, note="提取款项转入该账户"),
        ],
        form_fields=[
            _f("house_location", "房屋坐落", max_length=200),
            _f("house_type", "房屋类型", enum=["新建商品房", "存量房", "经济适用住房", "自建房"]),
            _f("purchase_price", "购房总价（元）", "number"),
            _f("withdrawal_amount", "申请提取金额（元）", "number"),
            _f("bank_account", "收款银行卡号", max_length=32),
        ],
        faq=[
            _qa("夫妻双方都能提取吗？", "可以。夫妻双方可以同时申请提取，合计提取金额不超过购房款。"),
            _qa("买外地的房子能提吗？", "购买户籍所在地自住住房的可以提取，提交购房合同、不动产权证书等证明材料。"),
        ],
    ),
    _item(
        "hf_withdrawal_rent",
        "housing_fund",
        "GJJGG0001002",
        "public_service",
        name="住房公积金提取（租赁住房）",
        basic_name="住房公积金提取",
        keywords="公积金提取,租房提取,租房提公积金,公积金付房租,无房提取,秒批,公积金",
        summary=(
            "职工本人及配偶在本市无自有住房且租赁住房的，可以按规定提取住房公积金支付房租。"
            "系统自动核验无房信息，秒批到账，可以设置按月或者按年自动提取。"
        ),
        conditions=(
            "1. 职工本人及配偶在本市无自有住房；\n"
            "2. 在本市租赁住房居住；\n"
            "3. 住房公积金账户处于正常缴存状态，连续足额缴存满3个月；\n"
            "4. 本人及配偶无未结清的住房公积金贷款。"
        ),
        legal_basis=_HOUSING_FUND_BASIS,
        statutory=3,
        promised=0,
        handling_type="instant",
        process_key="instant_approval",
        service_object="person",
        themes=["housing", "employment"],
        delivery="秒批到账，提取款项转入本人银行卡，结果短信通知",
        phone="12329住房公积金服务热线；0596-12345",
        materials=[
            _id_card(),
            _m(
                "本市无自有住房证明",
                data="real_estate_registration",
                note="通过不动产登记信息共享自动核验，免于提交",
            ),
            _m(
                "房屋租赁合同",
                "optional",
                data="online_contract_filing",
                note="按本市规定标准提取的无需提交；按实际房租提取的须提交网签备案的租赁合同",
            ),
        ],
        form_fields=[
            _f("rental_address", "租赁住房地址", max_length=200),
            _f("frequency", "提取方式", enum=["按月提取", "按年提取"]),
            _f("bank_account", "收款银行卡号", max_length=32),
        ],
        faq=[
            _qa(
                "租房提取一年能提多少？",
                "按本市公布的租房提取限额执行；提供网签备案合同的，可以按实际房租提取，不超过账户余额。",
            ),
        ],
    ),
    _item(
        "hf_withdrawal_retirement",
        "housing_fund",
        "GJJGG0001003",
        "public_service",
        name="住房公积金提取（离休、退休）",
        basic_name="住房公积金提取",
        keywords="公积金提取,退休提取,退休取公积金,销户提取,公积金销户,公积金",
        summary="职工离休、退休的，可以提取住房公积金账户全部余额并销户。通过退休信息共享自动核验，秒批到账。",
        conditions="1. 职工已办理离休、退休手续；\n2. 无未结清的住房公积金贷款。",
        legal_basis="《住房公积金管理条例》第二十四条、第二十五条",
        statutory=3,
        promised=0,
        handling_type="instant",
        process_key="instant_approval",
        service_object="person",
        themes=["retirement", "housing"],
        delivery="秒批到账，账户余额和利息一并转入本人银行卡",
        phone="12329住房公积金服务热线；0596-12345",
        materials=[
            _id_card(),
            _m("离休、退休证明", data="retirement_record", note="人社部门退休审批信息共享，免于提交"),
            _m("本人一类银行结算账户", types=_SCAN, size=5),
        ],
        form_fields=[
            _f("retirement_date", "退休日期", "date"),
            _f("bank_account", "收款银行卡号", max_length=32),
        ],
        faq=[_qa("退休后单位还在缴怎么办？", "退休提取时账户销户，单位应当同步为职工办理住房公积金封存，不再缴存。")],
    ),
    _item(
        "hf_withdrawal_death",
        "housing_fund",
        "GJJGG0001004",
        "public_service",
        name="住房公积金提取（职工死亡或者被宣告死亡）",
        basic_name="住房公积金提取",
        keywords="公积金提取,死亡提取,公积金继承,身后事,继承公积金,公积金",
        summary="职工死亡或者被宣告死亡的，其继承人、受遗赠人可以提取该职工住房公积金账户余额。",
        conditions=(
            "1. 职工死亡或者被宣告死亡；\n"
            "2. 申请人为职工的继承人或者受遗赠人；\n"
            "3. 无继承人也无受遗赠人的，账户余额纳入住房公积金增值收益。"
        ),
        legal_basis="《住房公积金管理条例》第二十四条、第二十五条；\n《中华人民共和国民法典》继承编",
        statutory=3,
        promised=3,
        service_object="person",
        visits=1,
        themes=["funeral"],
        delivery="审核通过后转入继承人银行账户，结果短信通知",
        phone="12329住房公积金服务热线；0596-12345",
        materials=[
            _id_card("继承人（受遗赠人）"),
            _m("死亡证明或者人民法院宣告死亡的判决书", data="death_record", note="本市死亡信息共享的免于提交"),
            _m(
                "继承权公证书、人民法院判决书（调解书）或者全体继承人共同签署的继承声明",
                form="original",
                types=_DOC,
            ),
            _m("继承人银行账户", types=_SCAN, size=5),
        ],
        form_fields=[
            _f("deceased_name", "死者姓名", max_length=50),
            _f("heir_relationship", "与死者关系", enum=["配偶", "子女", "父母", "其他继承人", "受遗赠人"]),
            _f("bank_account", "收款银行卡号", max_length=32),
        ],
        faq=[_qa("多个继承人怎么领？", "可以由全体继承人共同委托一人领取，也可以按继承份额分别领取。")],
    ),
    _item(
        "hf_loan",
        "housing_fund",
        "GJJGG0002000",
        "public_service",
        name="住房公积金个人住房贷款",
        basic_name="住房公积金个人住房贷款",
        keywords="公积金贷款,公积金买房,组合贷款,公积金贷款额度,房贷,购房贷款",
        summary="缴存职工购买、建造、翻建、大修自住住房的，可以申请住房公积金个人住房贷款。",
        conditions=(
            "1. 借款人连续足额缴存住房公积金满6个月；\n"
            "2. 购买、建造、翻建、大修本市自住住房；\n"
            "3. 具有稳定的经济收入和偿还贷款本息的能力，个人信用良好；\n"
            "4. 借款人及配偶无未结清的住房公积金贷款，首付款比例符合规定。"
        ),
        legal_basis="《住房公积金管理条例》第二十六条、第二十七条",
        statutory=15,
        promised=5,
        service_object="person",
        pre_review=True,
        visits=1,
        process_key="two_level_review",
        review="审核借款人缴存、征信和还款能力，评估贷款额度",
        place=f"{_DEPARTMENT_PLACE['housing_fund']}；受委托商业银行网点",
        themes=["housing"],
        delivery="审批结果短信通知，借款人到受委托银行面签借款合同，办理抵押登记后放款",
        phone="12329住房公积金服务热线；0596-12345",
        materials=[
            _application("《住房公积金个人住房贷款申请表》"),
            _id_card("借款人及配偶"),
            _m("婚姻状况证明", license="marriage_certificate", data="marriage_record"),
            _m("购房合同", data="online_contract_filing", note="本市网签备案的免于提交"),
            _m("首付款付款凭证", types=_SCAN),
            _m("收入证明", types=_SCAN, note="由所在单位出具，或者提供近6个月银行流水"),
            _m(
                "异地住房公积金缴存使用证明",
                "conditional",
                condition="借款人在异地缴存住房公积金的",
                source="缴存地住房公积金管理中心出具",
                data="housing_fund_account",
                note="通过全国住房公积金数据平台核验的，免于提交",
            ),
        ],
        form_fields=[
            _f("house_location", "房屋坐落", max_length=200),
            _f("house_price", "房屋总价（元）", "number"),
            _f("loan_amount", "申请贷款金额（元）", "number"),
            _f("loan_years", "贷款期限（年）", "integer"),
            _f("repayment_method", "还款方式", enum=["等额本息", "等额本金"]),
        ],
        faq=[
            _qa(
                "公积金贷款最多能贷多少？",
                "贷款额度根据缴存余额、还款能力、房屋价格和本市最高贷款额度综合确定，可在网上办事大厅试算。",
            ),
            _qa("面签要本人去吗？", "借款人及配偶需要到受委托银行面签借款合同，这是本事项唯一需要到场的环节。"),
        ],
    ),
    _item(
        "hf_unit_registration",
        "housing_fund",
        "GJJGG0003000",
        "public_service",
        name="住房公积金单位缴存登记",
        basic_name="单位住房公积金缴存登记",
        keywords="公积金开户,单位公积金,公积金缴存登记,企业开办,住房公积金单位登记",
        summary="新设立的单位自设立之日起30日内办理住房公积金缴存登记，并为本单位职工办理个人账户设立。新开办企业可在企业开办“一件事”中一并办理。",
        conditions="1. 已依法设立并取得营业执照或者登记证书；\n2. 在本市行政区域内登记注册。",
        legal_basis="《住房公积金管理条例》第十四条、第十五条",
        statutory=0,
        promised=0,
        handling_type="instant",
        service_object="enterprise",
        themes=["start-business"],
        delivery="即时办结，单位住房公积金账号短信告知",
        phone="12329住房公积金服务热线；0596-12345",
        materials=[
            _business_license(basis="《住房公积金管理条例》第十四条"),
            _m(
                "单位住房公积金缴存登记表",
                form="electronic",
                types=_DOC,
                source="网上在线填写",
                note="企业开办时已采集的信息自动带入",
            ),
        ],
        form_fields=[
            _f("credit_code", "统一社会信用代码", max_length=18),
            _f("contribution_rate", "缴存比例", enum=["5%", "6%", "7%", "8%", "9%", "10%", "11%", "12%"]),
            _f("contact_name", "公积金经办人", max_length=50),
            _f("contact_mobile", "经办人电话", max_length=11),
        ],
        faq=[_qa("缴存比例怎么选？", "单位和职工缴存比例均不低于5%、不高于12%，由单位在此范围内自主确定。")],
    ),
]


# --- items: 文化和旅游 ------------------------------------------------------------------------

_CULTURE_TOURISM_ITEMS: list[ItemData] = [
    _item(
        "travel_agency_license",
        "culture_tourism",
        "WLJXK0001000",
        "administrative_license",
        name="旅行社设立许可",
        basic_name="旅行社业务经营许可",
        keywords="旅行社,开旅行社,旅行社许可,旅行社业务经营许可证,国内旅游,入境旅游",
        summary=(
            "申请经营国内旅游业务和入境旅游业务的，向设区的市级文化和旅游主管部门（受省级委托）申请旅行社业务经营许可，"
            "取得许可后按规定交存旅游服务质量保证金。"
        ),
        conditions=(
            "1. 已取得企业法人营业执照；\n"
            "2. 有固定的经营场所和必要的营业设施；\n"
            "3. 有必要的经营管理人员和导游；\n"
            "4. 法律、行政法规规定的其他条件。"
        ),
        legal_basis="《中华人民共和国旅游法》第二十八条；\n《旅行社条例》第六条、第七条",
        statutory=20,
        promised=7,
        service_object="enterprise",
        pre_review=True,
        issues_license="travel_agency_license",
        themes=["culture-tourism", "start-business"],
        materials=[
            _application("《旅行社业务经营许可申请书》"),
            _business_license(),
            _m("经营场所证明", license="real_estate_certificate", data="real_estate_registration"),
            _m("营业设施、设备的证明或者说明", types=_DOC),
            _m("经营管理人员的劳动合同和履历，导游的劳动合同", types=_DOC, size=20),
        ],
        form_fields=[
            _f("agency_name", "旅行社名称", max_length=100),
            _f("business_scope", "经营范围", enum=["国内旅游业务", "国内旅游业务和入境旅游业务"]),
            _f("business_address", "经营场所", max_length=200),
        ],
        faq=[
            _qa(
                "许可后还要交保证金吗？",
                "需要。取得许可后应当按规定在银行存入旅游服务质量保证金或者提交银行担保，也可以按规定投保保证金履约保证保险。",
            ),
            _qa(
                "可以经营出境游吗？",
                "取得经营许可满两年且未因侵害旅游者合法权益受到行政机关罚款以上处罚的，可以申请经营出境旅游业务。",
            ),
        ],
    ),
    _item(
        "entertainment_license",
        "culture_tourism",
        "WLJXK0002000",
        "administrative_license",
        name="娱乐场所经营许可",
        basic_name="娱乐场所从事娱乐场所经营活动审批",
        keywords="娱乐经营许可证,KTV,歌舞厅,游艺厅,娱乐场所,文化经营许可",
        summary="设立歌舞娱乐场所、游艺娱乐场所的，向所在地文化和旅游主管部门申请娱乐场所经营许可。",
        conditions=(
            "1. 已取得营业执照；\n"
            "2. 投资人员、拟任的法定代表人和其他负责人不存在《娱乐场所管理条例》规定的禁止情形；\n"
            "3. 场所位置符合规定，与学校、医院等距离符合要求；\n"
            "4. 包厢、包间内不得设有内锁、暗道，消防等安全条件符合规定。"
        ),
        legal_basis="《娱乐场所管理条例》；\n《娱乐场所管理办法》",
        statutory=20,
        promised=10,
        service_object="enterprise",
        pre_review=True,
        visits=1,
        process_key="two_level_review",
        review="审查申请材料，组织实地检查和听证（如需要），听证时间不计入办理时限",
        issues_license="entertainment_license",
        themes=["culture-tourism"],
        materials=[
            _application("《娱乐场所经营活动申请表》"),
            _business_license(),
            _id_card("投资人、法定代表人和其他负责人"),
            _m(
                "投资人、法定代表人和其他负责人的无犯罪记录证明",
                license="no_criminal_record_certificate",
                note="可由文化和旅游部门会同公安机关在线核查",
            ),
            _m("场所平面示意图及房屋产权或者使用权证明", types=_DRAWING, size=30),
            _m("消防安全检查合格证明或者告知承诺书", source="消防救援机构出具或者申请人承诺"),
        ],
        form_fields=[
            _f("venue_name", "场所名称", max_length=100),
            _f("venue_type", "场所类型", enum=["歌舞娱乐场所", "游艺娱乐场所"]),
            _f("business_area", "使用面积（平方米）", "number"),
            _f("room_count", "包厢（间）数量", "integer", required=False),
        ],
        faq=[_qa("为什么要实地检查？", "娱乐场所的位置、布局、设施涉及安全和未成年人保护，发证前须实地检查。")],
    ),
    _item(
        "commercial_performance",
        "culture_tourism",
        "WLJXK0003000",
        "administrative_license",
        name="营业性演出审批",
        basic_name="营业性演出审批",
        keywords="演出审批,营业性演出,演唱会,商业演出,文艺演出,音乐节,演出许可",
        summary="在本市举办营业性演出的，演出举办单位在演出前向演出所在地文化和旅游主管部门申请演出审批。",
        conditions=(
            "1. 举办单位为文艺表演团体、演出经纪机构或者符合规定的演出场所经营单位；\n"
            "2. 演出节目内容不含法律、法规禁止的内容；\n"
            "3. 演出场所符合安全、消防要求，已制定安全保卫工作方案和灭火、应急疏散预案。"
        ),
        legal_basis="《营业性演出管理条例》；\n《营业性演出管理条例实施细则》",
        statutory=3,
        promised=2,
        service_object="enterprise",
        themes=["culture-tourism"],
        materials=[
            _application("《营业性演出申请登记表》"),
            _m("演出节目内容材料（节目单、演员名单）", types=_DOC, size=30),
            _m("演出场地使用协议", types=_DOC),
            _m("演员的身份证明或者演出合同", types=_SCAN, size=30),
            _m("安全保卫工作方案和灭火、应急疏散预案", types=_DOC),
        ],
        form_fields=[
            _f("performance_name", "演出名称", max_length=100),
            _f("venue", "演出场所", max_length=200),
            _f("start_date", "演出开始日期", "date"),
            _f("end_date", "演出结束日期", "date"),
            _f("sessions", "演出场次", "integer"),
        ],
        faq=[
            _qa(
                "大型演出有什么特别要求？", "预计观众人数较多的大型演出，还须依法向公安机关申请大型群众性活动安全许可。"
            )
        ],
    ),
]


# --- items: 农业农村 --------------------------------------------------------------------------

_AGRICULTURE_ITEMS: list[ItemData] = [
    _item(
        "pesticide_business_license",
        "agriculture",
        "NYJXK0001000",
        "administrative_license",
        name="农药经营许可证核发",
        basic_name="农药经营许可",
        keywords="农药经营许可证,农药许可,卖农药,农资店,农药店,植保",
        summary="在本市销售农药（限制使用农药除外）的，申请核发《农药经营许可证》。",
        conditions=(
            "1. 有具备农学、植保、农药等相关专业中专以上学历或者规定学时专业培训经历的经营人员；\n"
            "2. 有不少于30平方米的营业场所、不少于50平方米的仓储场所，并与其他商品、生活区域、饮用水源有效隔离；\n"
            "3. 营业场所和仓储场所配备通风、消防、预防中毒等设施，有相应的展示、陈列设施设备；\n"
            "4. 有可追溯电子信息码扫描识别设备和电子台账管理系统；\n"
            "5. 有进货查验、台账记录、安全管理、农药废弃物回收等管理制度和岗位操作规程。"
        ),
        legal_basis="《农药管理条例》第二十四条；\n《农药经营许可管理办法》第三条、第七条",
        statutory=20,
        promised=10,
        service_object="both",
        pre_review=True,
        review="审查申请材料，对营业场所和仓储场所进行实地核查",
        issues_license="pesticide_business_license",
        themes=["agriculture"],
        materials=[
            _application("《农药经营许可证申请表》"),
            _business_license(),
            _m("经营人员的学历或者培训证明", types=_SCAN),
            _m("营业场所和仓储场所地址、面积、平面图等说明材料及照片", types=_DRAWING, size=30),
            _m("计算机管理系统、可追溯电子信息码扫描设备等的说明", types=_DOC),
            _m("农药经营管理制度目录及文本", types=_DOC),
        ],
        form_fields=[
            _f("operator_name", "经营者名称", max_length=100),
            _f("business_address", "营业场所地址", max_length=200),
            _f("warehouse_area", "仓储场所面积（平方米）", "number"),
            _f("shop_area", "营业场所面积（平方米）", "number"),
        ],
        faq=[
            _qa("许可证有效期多久？", "农药经营许可证有效期为5年，有效期届满需要继续经营的，应当在届满90日前申请延续。")
        ],
    ),
    _item(
        "seed_license",
        "agriculture",
        "NYJXK0002000",
        "administrative_license",
        name="农作物种子生产经营许可证核发",
        basic_name="农作物种子生产经营许可",
        keywords="种子经营许可证,种子许可证,种子生产经营,种子公司,卖种子,育种",
        summary="从事主要农作物常规种子、非主要农作物种子生产经营的，申请核发《农作物种子生产经营许可证》。",
        conditions=(
            "1. 已依法取得营业执照；\n"
            "2. 具有与种子生产经营相适应的生产经营设施、设备及专业技术人员；\n"
            "3. 具有种子检验仪器和检验人员，或者委托具备资质的检验机构检验；\n"
            "4. 生产种子的，具有生产地点、种子质量保证制度。"
        ),
        legal_basis="《中华人民共和国种子法》；\n《农作物种子生产经营许可管理办法》",
        statutory=20,
        promised=10,
        service_object="enterprise",
        pre_review=True,
        issues_license="seed_license",
        themes=["agriculture"],
        materials=[
            _application("《农作物种子生产经营许可证申请表》"),
            _business_license(),
            _m("种子生产经营设施设备、检验仪器清单及产权证明", types=_SHEET),
            _m("种子检验人员、专业技术人员的资格证明及劳动合同", types=_SCAN, size=20),
            _m("品种审定证书或者登记证书", "conditional", condition="生产经营需审定、登记品种种子的"),
        ],
        form_fields=[
            _f("enterprise_name", "企业名称", max_length=100),
            _f("crop_types", "生产经营作物种类", max_length=200),
            _f("business_mode", "生产经营方式", enum=["生产经营", "经营", "分装"]),
        ],
        faq=[
            _qa(
                "只卖包装好的种子要办证吗？",
                "专门经营不再分装的包装种子的，不需要办理种子生产经营许可证，应当向所在地农业农村部门备案。",
            )
        ],
    ),
    _item(
        "animal_epidemic_certificate",
        "agriculture",
        "NYJXK0003000",
        "administrative_license",
        name="动物防疫条件合格证核发",
        basic_name="动物防疫条件合格证核发",
        keywords="动物防疫条件合格证,防疫合格证,养殖场,养猪场,屠宰场,畜禽养殖",
        summary="开办动物饲养场、隔离场所、动物屠宰加工场所以及动物和动物产品无害化处理场所的，申请动物防疫条件审查，取得《动物防疫条件合格证》。",
        conditions=(
            "1. 场所选址、布局符合动物防疫要求，完成选址风险评估；\n"
            "2. 有与其规模相适应的污水、污物处理设施，病死动物和病害动物产品无害化处理设施设备或者冷藏冷冻设施设备；\n"
            "3. 有与其规模相适应的执业兽医或者动物防疫技术人员；\n"
            "4. 有完善的隔离消毒、购销台账、日常巡查等动物防疫制度。"
        ),
        legal_basis="《中华人民共和国动物防疫法》第二十四条、第二十五条；\n《动物防疫条件审查办法》",
        statutory=15,
        promised=10,
        service_object="both",
        pre_review=True,
        exercise_level="county",
        review="审核申请材料，结合选址风险评估结果进行现场核查",
        issues_license="animal_epidemic_prevention_certificate",
        themes=["agriculture"],
        materials=[
            _application("《动物防疫条件审查申请表》"),
            _m("场所地理位置图、各功能区布局平面图", types=_DRAWING, size=30),
            _m("设施设备清单", types=_SHEET),
            _m("管理制度文本", types=_DOC),
            _m("人员信息（执业兽医或者动物防疫技术人员）", types=_SHEET),
        ],
        form_fields=[
            _f("site_name", "场所名称", max_length=100),
            _f("site_type", "场所类型", enum=["动物饲养场", "隔离场所", "动物屠宰加工场所", "无害化处理场所"]),
            _f("animal_species", "动物种类", max_length=50),
            _f("scale", "设计规模（头/只）", "integer"),
        ],
        faq=[_qa("养殖户都要办吗？", "达到规定规模的动物饲养场需要办理；规模以下的养殖户按当地规定落实防疫要求。")],
    ),
]


# --- items: 政务服务、数据 ---------------------------------------------------------------------

_SERVICE_ITEMS: list[ItemData] = [
    _item(
        "project_assistance",
        "service_center",
        "ZWFGG0001000",
        "public_service",
        name="重点项目审批帮办代办服务申请",
        basic_name="政务服务帮办代办",
        keywords="帮办代办,代办,帮办,项目代办,审批代办,企业服务,一对一服务",
        summary=(
            "重点建设项目、招商引资项目的建设单位，可以申请由行政服务中心安排帮办代办员，"
            "免费提供审批政策咨询、材料辅导、全程跟踪和协调服务。"
        ),
        conditions=(
            "1. 项目已在投资项目在线审批监管平台赋码；\n"
            "2. 属于市、县（区）重点项目或者招商引资项目，或者申请人自愿委托代办。"
        ),
        legal_basis="《优化营商环境条例》；\n《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》（国发〔2018〕27号）",
        statutory=5,
        promised=2,
        service_object="enterprise",
        themes=["construction", "start-business"],
        delivery="确定帮办代办员后短信通知，签订代办服务协议",
        materials=[
            _application("《帮办代办服务申请表》"),
            _business_license(),
            _m("项目批准、核准或者备案文件", "optional", source="投资主管部门出具"),
            _m("委托代办授权书", form="original", types=_DOC),
        ],
        form_fields=[
            _f("project_name", "项目名称", max_length=200),
            _f("project_code", "项目代码", max_length=24, required=False),
            _f("service_needs", "需要帮办代办的事项", max_length=500),
            _f("contact_mobile", "联系电话", max_length=11),
        ],
        faq=[_qa("帮办代办收费吗？", "不收费。帮办代办是政府提供的免费服务。")],
    ),
    _item(
        "cross_province_proxy",
        "longwen_service",
        "ZWFGG0002000",
        "public_service",
        name="“跨省通办”事项代收代办",
        basic_name="政务服务“跨省通办”代收代办",
        keywords="跨省通办,异地办理,代收代办,全国通办,外地办事,异地代办",
        summary=(
            "对暂未实现全程网办的“跨省通办”事项，申请人可以在龙文区行政服务中心“跨省通办”专窗提交材料，"
            "由窗口代收并寄递至办理地，办理结果邮寄送达。"
        ),
        conditions="1. 申请事项列入全国“跨省通办”事项清单；\n2. 申请人按办理地要求备齐申请材料。",
        legal_basis="《国务院办公厅关于加快推进政务服务“跨省通办”的指导意见》（国办发〔2020〕35号）",
        statutory=5,
        promised=2,
        service_object="both",
        online=False,
        visits=1,
        place=f"{LONGWEN_HALL}“跨省通办”专窗",
        themes=["household-id", "social-security"],
        delivery="材料代收后2个工作日内寄递至办理地，办理结果由办理地邮寄或者电子送达",
        materials=[
            _id_card(),
            _m("办理地要求的申请材料", form="original", note="按办理地办事指南准备，窗口现场核对"),
            _m("代收代办授权书", form="original", types=_DOC),
        ],
        form_fields=[
            _f("target_region", "办理地（省市县）", max_length=100),
            _f("target_item", "办理事项名称", max_length=200),
            _f("mailing_address", "结果邮寄地址", max_length=200),
        ],
        faq=[_qa("办理时限怎么算？", "代收窗口2个工作日内寄递材料，事项办理时限以办理地承诺时限为准。")],
    ),
    _item(
        "home_visit_service",
        "longwen_service",
        "ZWFGG0003000",
        "public_service",
        name="老年人、残疾人等特殊群体上门办理服务申请",
        basic_name="政务服务上门办理",
        keywords="上门服务,上门办理,老年人办事,残疾人办事,行动不便,适老化,帮代办",
        summary="行动不便的老年人、残疾人、重病患者等特殊群体，可以预约工作人员上门受理社保认证、证件办理等政务服务事项。",
        conditions=(
            "1. 申请人为龙文区居民；\n2. 属于高龄、失能、残疾、重病等行动不便的群体；\n3. 申请办理的事项支持上门受理。"
        ),
        legal_basis="《国务院办公厅印发关于切实解决老年人运用智能技术困难实施方案的通知》（国办发〔2020〕45号）",
        statutory=5,
        promised=3,
        service_object="person",
        place=f"{LONGWEN_HALL}帮办代办窗口（工作人员上门服务）",
        themes=["retirement", "social-security"],
        delivery="电话确认上门时间，工作人员上门受理，办理结果上门送达或者邮寄",
        materials=[
            _id_card(),
            _m(
                "行动不便情况证明",
                "conditional",
                condition="非高龄老年人申请的",
                license="disability_certificate",
                data="disability_record",
                note="可以是残疾人证、医疗机构诊断证明等",
            ),
        ],
        form_fields=[
            _f("service_address", "上门地址", max_length=200),
            _f("requested_item", "需要办理的事项", max_length=200),
            _f("preferred_date", "期望上门日期", "date"),
            _f("contact_mobile", "联系电话", max_length=11),
        ],
        faq=[_qa("家属可以代为申请吗？", "可以。家属可以通过电话、网上或者到窗口代为预约上门服务。")],
    ),
    _item(
        "public_data_access",
        "data",
        "SJJGG0001000",
        "public_service",
        name="公共数据开放申请（有条件开放类）",
        basic_name="公共数据有条件开放申请",
        keywords="公共数据,数据开放,数据申请,政务数据,开放数据,数据利用",
        summary=(
            "企业、科研机构和个人申请使用有条件开放类公共数据的，向市数据管理局提出申请，"
            "经数据提供部门审核同意后签订数据利用协议，通过公共数据开放平台获取数据。"
        ),
        conditions=(
            "1. 申请人具有明确、合法的数据利用场景；\n"
            "2. 具备与数据利用相适应的数据安全保护能力；\n"
            "3. 承诺遵守数据利用协议，不将数据用于约定以外的用途。"
        ),
        legal_basis="《中华人民共和国数据安全法》第四十二条；\n《福建省政务数据管理办法》",
        statutory=10,
        promised=5,
        service_object="both",
        process_key="two_level_review",
        review="数据管理部门形式审查后，由数据提供部门审核数据开放条件",
        themes=["start-business"],
        delivery="审核结果在线通知，通过公共数据开放平台授权调用",
        materials=[
            _application("《公共数据开放申请表》"),
            _business_license(),
            _m("数据利用方案", types=_DOC, note="说明应用场景、所需数据项、使用期限和预期成果"),
            _m("数据安全保护承诺书", form="original", types=_DOC),
        ],
        form_fields=[
            _f("dataset", "申请数据资源名称", max_length=200),
            _f("use_scenario", "应用场景", max_length=500),
            _f("use_period_months", "使用期限（月）", "integer"),
        ],
        faq=[_qa("无条件开放的数据也要申请吗？", "不需要。无条件开放类数据在公共数据开放平台直接下载或者调用。")],
    ),
]


ITEMS: list[ItemData] = [
    *_MARKET_ITEMS,
    *_XIANGCHENG_MARKET_ITEMS,
    *_HRSS_ITEMS,
    *_HOUSING_ITEMS,
    *_PUBLIC_SECURITY_ITEMS,
    *_CIVIL_AFFAIRS_ITEMS,
    *_EDUCATION_ITEMS,
    *_TRANSPORT_ITEMS,
    *_HEALTH_ITEMS,
    *_NATURAL_RESOURCES_ITEMS,
    *_ECOLOGY_ITEMS,
    *_MEDICAL_INSURANCE_ITEMS,
    *_HOUSING_FUND_ITEMS,
    *_CULTURE_TOURISM_ITEMS,
    *_AGRICULTURE_ITEMS,
    *_SERVICE_ITEMS,
]


# --- bundles (一件事) -------------------------------------------------------------------------

BUNDLES: list[BundleData] = [
    {
        "code": "350600-YJS-001",
        "name": "新生儿出生“一件事”",
        "summary": (
            "孩子出生后，父母一次填报、一次授权，同步办理出生医学证明、户口登记、城乡居民医保参保和社会保障卡申领，"
            "出生医学证明、户籍等信息部门间共享，不再重复提交；户口页和社保卡免费邮寄到家。"
        ),
        "theme": "birth",
        "lead_department": "health",
        "items": [
            "birth_medical_certificate",
            "newborn_household_registration",
            "newborn_medical_insurance",
            "social_security_card",
        ],
        "statutory_limit": 45,
        "promised_limit": 10,
    },
    {
        "code": "350600-YJS-002",
        "name": "企业开办“一件事”",
        "summary": (
            "新开办企业通过“一表申请”，同步办理营业执照、公章刻制备案、单位社会保险参保登记和住房公积金单位缴存登记，"
            "全程网办、一日办结，首套印章免费刻制，营业执照和印章免费邮寄。"
        ),
        "theme": "start-business",
        "lead_department": "market",
        "items": [
            "enterprise_establishment",
            "seal_engraving_filing",
            "employer_social_insurance_registration",
            "hf_unit_registration",
        ],
        "statutory_limit": 45,
        "promised_limit": 1,
    },
    {
        "code": "350600-YJS-003",
        "name": "开办餐饮店“一件事”",
        "summary": (
            "在芗城区开办小吃店、餐馆，一次申请个体工商户营业执照、食品经营许可证和城镇污水排入排水管网许可，"
            "现场核查合并进行，一次办结。"
        ),
        "theme": "catering",
        "lead_department": "xiangcheng_market",
        "items": ["individual_business_registration", "food_operation_license_new", "drainage_permit"],
        "statutory_limit": 45,
        "promised_limit": 5,
    },
    {
        "code": "350600-YJS-004",
        "name": "退休“一件事”",
        "summary": (
            "职工达到法定退休年龄，一次申请同时办理退休审批、退休人员医疗保险待遇核定和住房公积金退休提取，"
            "退休信息在人社、医保、公积金部门间共享，不用再分别跑三个窗口。"
        ),
        "theme": "retirement",
        "lead_department": "hrss",
        "items": ["employee_retirement", "retiree_medical_benefit", "hf_withdrawal_retirement"],
        "statutory_limit": 45,
        "promised_limit": 10,
    },
    {
        "code": "350600-YJS-005",
        "name": "二手房转移登记及水电气过户“一件事”",
        "summary": (
            "存量房买卖双方一次申请，办理网签备案、不动产转移登记和购房住房公积金提取；"
            "登记完成后信息推送供水、供电、燃气企业，同步办理水电气过户。"
        ),
        "theme": "housing",
        "lead_department": "natural_resources",
        "items": ["resale_contract_filing", "real_estate_transfer", "hf_withdrawal_purchase"],
        "statutory_limit": 45,
        "promised_limit": 3,
    },
    {
        "code": "350600-YJS-006",
        "name": "身后事“一件事”",
        "summary": (
            "亲人去世后，家属一次申请，同步办理户口注销、基本殡葬服务费用减免、丧葬补助金和抚恤金申领、"
            "住房公积金余额提取，死亡信息部门间共享，减少奔波。"
        ),
        "theme": "funeral",
        "lead_department": "civil_affairs",
        "items": [
            "death_household_cancellation",
            "funeral_fee_reduction",
            "funeral_grant_pension",
            "hf_withdrawal_death",
        ],
        "statutory_limit": 45,
        "promised_limit": 5,
    },
]
