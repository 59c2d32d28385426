"""The demo region: 漳州市 (350600), Fujian. Names are real departments of a prefecture-level
city; credit codes are generated to be valid (GB 32100) but are not the departments' real codes;
people and enterprises are fictitious."""

from __future__ import annotations

from dataclasses import dataclass

CITY = "350600"
DEMO_PASSWORD = "Govhall-Demo-2026"  # noqa: S105 - published demo credential, embedded demo only


@dataclass(frozen=True)
class DemoDepartment:
    key: str
    name: str
    short_name: str
    region: str = CITY
    parent_key: str | None = None


DEPARTMENTS = [
    DemoDepartment("data", "漳州市数据管理局", "市数据局"),
    DemoDepartment("service_center", "漳州市行政服务中心管理委员会", "市行政服务中心"),
    DemoDepartment("market", "漳州市市场监督管理局", "市市场监管局"),
    DemoDepartment("hrss", "漳州市人力资源和社会保障局", "市人社局"),
    DemoDepartment("housing", "漳州市住房和城乡建设局", "市住建局"),
    DemoDepartment("public_security", "漳州市公安局", "市公安局"),
    DemoDepartment("civil_affairs", "漳州市民政局", "市民政局"),
    DemoDepartment("education", "漳州市教育局", "市教育局"),
    DemoDepartment("transport", "漳州市交通运输局", "市交通运输局"),
    DemoDepartment("health", "漳州市卫生健康委员会", "市卫健委"),
    DemoDepartment("natural_resources", "漳州市自然资源局", "市自然资源局"),
    DemoDepartment("ecology", "漳州市生态环境局", "市生态环境局"),
    DemoDepartment("medical_insurance", "漳州市医疗保障局", "市医保局"),
    DemoDepartment("housing_fund", "漳州市住房公积金中心", "市公积金中心"),
    DemoDepartment("culture_tourism", "漳州市文化和旅游局", "市文旅局"),
    DemoDepartment("agriculture", "漳州市农业农村局", "市农业农村局"),
    DemoDepartment("xiangcheng_market", "漳州市芗城区市场监督管理局", "芗城区市场监管局", "350602", "market"),
    DemoDepartment("longwen_service", "漳州市龙文区行政服务中心", "龙文区行政服务中心", "350603", "service_center"),
]


@dataclass(frozen=True)
class DemoStaff:
    username: str
    display_name: str
    roles: tuple[tuple[str, str], ...]  # (department key, role)
    enrolled: bool = True  # TOTP bound already (``govhall totp-code`` shows codes in the demo)


STAFF = [
    DemoStaff(
        "clerk",
        "陈窗口",
        (("service_center", "window_clerk"), ("market", "window_clerk"), ("xiangcheng_market", "window_clerk")),
    ),
    DemoStaff("reviewer", "林审核", (("market", "reviewer"), ("xiangcheng_market", "reviewer"))),
    DemoStaff("decider", "黄审批", (("market", "decider"), ("xiangcheng_market", "decider"))),
    DemoStaff("hrss_reviewer", "郑审核", (("hrss", "reviewer"), ("hrss", "decider"))),
    DemoStaff("housing_reviewer", "吴审核", (("housing", "reviewer"), ("housing", "decider"))),
    DemoStaff("dept_admin", "王管理", (("market", "department_admin"),)),
    DemoStaff("catalog_admin", "蔡事项", (("service_center", "catalog_admin"),)),
    DemoStaff("supervisor", "许监察", (("service_center", "supervisor"),)),
    DemoStaff("data_admin", "杨数据", (("data", "data_sharing_admin"),)),
    DemoStaff("hotline", "周话务", (("data", "hotline_operator"),)),
    DemoStaff("sysadmin", "李系统", (("data", "system_admin"),)),
    DemoStaff("secadmin", "张安全", (("data", "security_admin"),)),
    DemoStaff("auditadmin", "刘审计", (("data", "audit_admin"),)),
    DemoStaff("newstaff", "新同事", (("service_center", "window_clerk"),), enrolled=False),
]


@dataclass(frozen=True)
class DemoCitizen:
    name: str
    region: str
    birth: str  # YYYYMMDD
    sequence: str  # 3 digits, odd = male
    phone: str


CITIZENS = [
    DemoCitizen("张三", "350602", "19850312", "031", "13800000001"),
    DemoCitizen("李四", "350603", "19900708", "022", "13800000002"),
    DemoCitizen("王芳", "350623", "19781125", "046", "13800000003"),
    DemoCitizen("陈建国", "350681", "19620501", "017", "13800000004"),  # old 龙海市 code, still valid on cards
]


@dataclass(frozen=True)
class DemoEnterprise:
    name: str
    org_type: str
    authority: str
    type_code: str
    region: str
    representative: int  # index into CITIZENS
    address: str


ENTERPRISES = [
    DemoEnterprise("漳州市芗城区闽南小吃店", "individual_business", "9", "2", "350602", 0, "漳州市芗城区延安北路1号"),
    DemoEnterprise("漳州市水仙花食品有限公司", "enterprise", "9", "1", "350602", 1, "漳州市芗城区胜利西路88号"),
    DemoEnterprise("漳州龙文建设工程有限公司", "enterprise", "9", "1", "350603", 3, "漳州市龙文区建元东路6号"),
]
