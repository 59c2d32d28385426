"""Catalogue search benchmark: 100,000 published items, the real server, concurrent clients.

    .venv/bin/python benchmarks/catalog_search.py [--items 100000] [--clients 4] [--duration 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/catalog_search.py

1. Generates ``--items`` published service items (realistic Chinese names, keywords, summaries,
   conditions and materials composed from vocabulary lists, across 20 kinds of department in 12
   regions) into a fresh database — SQLite in a temporary GOVHALL_VAR_DIR, or the *empty*
   database named by DATABASE_URL — with bulk ORM inserts, then builds the search index with
   ``catalog.search.reindex_all()`` (the same code ``govhall catalog_reindex`` runs).
2. Times ``search_items`` in-process per query term (result cache cleared), then both endpoints
   through Django's test client (no sockets): per-request costs that background load on a shared
   machine distorts much less than the HTTP figures.
3. Starts the real server (``govhall serve --bind 127.0.0.1:PORT --workers 2``, gunicorn sync
   workers) with ``GOVHALL_BENCH_ENDPOINTS=1`` and drives it with ``--clients`` closed-loop client
   processes (Python ``http.client``; every client sends its next request as soon as the previous
   one answers) for ``--duration`` seconds per endpoint:
   (a) ``GET /api/v1/catalog/search?q=<term>`` over the query mix below, and
   (b) ``GET /api/v1/bench/ceiling`` — the cheapest JSON endpoint on the same stack.
   Prints requests/s, p50/p90/p99 latency, and search throughput as a share of the ceiling.
   The two endpoints are measured in alternating 5 s slices, and all of it twice: with the search
   result cache on (the project's settings) and off (``GOVHALL_SEARCH_CACHE_PAGES = 0`` in a
   settings module written to the temporary directory), so the uncached cost is visible too.

    GOVHALL_VAR_DIR=/tmp/b .venv/bin/python benchmarks/catalog_search.py           # data stays in /tmp/b
    GOVHALL_VAR_DIR=/tmp/b .venv/bin/python benchmarks/catalog_search.py --reuse   # measure it again

Budget (catalogue issue): search p99 <= 50 ms and >= 60 % of the ceiling's requests/s.
The load generator runs on the same machine as the server, so both figures include its cost.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from _common import Request, check, cpu_seconds, get, load, server, server_pids, setup_django, summarize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

QUERY_MIX = [
    "营业执照",
    "食品经营",
    "公积金提取",
    "新生儿",
    "社保卡",
    "不动产登记",
    "驾驶证",
    "执照",  # synonym expansion
    "户口迁移",
    "营业执找",  # typo: falls back to the "any" stage
    "医保 报销",
    "退休",
    "灵活就业",
    "施工许可",
    "居住证",
    "个体工商户 变更",
]

REGIONS = [
    ("350000", "福建省", "province", ""),
    ("350600", "漳州市", "prefecture", "350000"),
    ("350602", "芗城区", "county", "350600"),
    ("350603", "龙文区", "county", "350600"),
    ("350604", "龙海区", "county", "350600"),
    ("350605", "长泰区", "county", "350600"),
    ("350622", "云霄县", "county", "350600"),
    ("350623", "漳浦县", "county", "350600"),
    ("350624", "诏安县", "county", "350600"),
    ("350626", "东山县", "county", "350600"),
    ("350627", "南靖县", "county", "350600"),
    ("350628", "平和县", "county", "350600"),
    ("350629", "华安县", "county", "350600"),
]

# department name: (subjects, objects, actions) — space-separated vocabulary
DOMAINS = {
    "市场监督管理局": (
        "个体工商户 企业 农民专业合作社 外商投资企业 分公司 食品小作坊 网络餐饮服务提供者 有限责任公司",
        "营业执照 食品经营许可证 食品生产许可证 药品经营许可证 医疗器械经营备案 特种设备使用登记 "
        "计量器具检定 广告发布登记 股权出质登记 动产抵押登记",
        "核发 变更 延续 注销 补办 换发 备案 设立登记 变更登记 注销登记",
    ),
    "住房公积金管理中心": (
        "职工 缴存单位 灵活就业人员 退休职工 离职职工 异地职工",
        "住房公积金 公积金账户 公积金贷款 住房公积金缴存 住房公积金提取",
        "提取 缴存 开户 封存 启封 转移 提前还款 变更 查询 补缴",
    ),
    "人力资源和社会保障局": (
        "职工 失业人员 退休人员 灵活就业人员 高校毕业生 用人单位 农民工",
        "社会保险 社保卡 养老保险 失业保险金 工伤认定 就业登记 失业登记 职业技能等级 人事档案 退休审批 养老金",
        "参保登记 申领 补领 变更 转移接续 发放 认定 审批 查询 注销",
    ),
    "医疗保障局": (
        "参保人员 灵活就业人员 城乡居民 退休人员 新生儿",
        "基本医疗保险 医疗保险 医保报销 异地就医 门诊特殊病种 生育津贴 医保关系",
        "参保登记 备案 报销 结算 转移接续 变更 申领 待遇认定",
    ),
    "公安局": (
        "居民 新生儿 外来人员 港澳台居民 外国人",
        "户口 居民身份证 居住证 港澳通行证 普通护照 往来台湾通行证 机动车驾驶证 机动车登记 行驶证 出生登记",
        "迁入 迁出 申领 换领 补领 签注 登记 变更 注销 换证",
    ),
    "民政局": (
        "城乡居民 困难群众 老年人 残疾人 社会团体 民办非企业单位 特困人员",
        "婚姻登记 结婚登记 离婚登记 最低生活保障 临时救助 高龄津贴 社会团体登记 养老机构备案",
        "申请 审批 登记 变更 注销 年检 发放 认定 备案",
    ),
    "卫生健康局": (
        "新生儿 医疗机构 医师 护士 公共场所 母婴保健机构",
        "出生医学证明 预防接种证 医疗机构执业许可证 医师执业注册 护士执业注册 公共场所卫生许可证 生育登记",
        "签发 补发 换发 核发 注册 变更 延续 注销 登记",
    ),
    "交通运输局": (
        "道路运输企业 出租汽车驾驶员 网约车平台 货运车辆 客运车辆 驾驶员",
        "道路运输经营许可证 道路运输证 从业资格证 网络预约出租汽车 出租汽车经营 机动车维修经营备案 超限运输许可",
        "核发 变更 换发 注销 补发 审验 备案 许可",
    ),
    "住房和城乡建设局": (
        "建设单位 施工企业 房地产开发企业 物业企业",
        "建筑工程施工许可 竣工验收备案 商品房预售许可 建筑业企业资质 燃气经营许可 城市道路占用 "
        "户外广告设置 公共租赁住房 保障性住房",
        "审批 核发 变更 延续 备案 许可 申请 注销",
    ),
    "不动产登记中心": (
        "不动产权利人 企业 个人 农村集体经济组织",
        "不动产登记 不动产权证书 国有建设用地使用权 房屋所有权 抵押权 预告登记 宅基地使用权",
        "首次登记 转移登记 变更登记 注销登记 更正登记 补证 换证 查询",
    ),
    "自然资源局": (
        "建设单位 企业 个人",
        "建设用地规划许可证 建设工程规划许可证 乡村建设规划许可证 采矿许可证 测绘资质",
        "核发 变更 延续 审批 注销",
    ),
    "教育局": (
        "适龄儿童 学生 教师 民办学校 幼儿园",
        "义务教育 入学登记 学籍 教师资格认定 民办学校办学许可 学历证明 转学",
        "报名 认定 审批 变更 补办 登记 转入 转出",
    ),
    "税务局": (
        "纳税人 个体工商户 企业 自然人 扣缴义务人",
        "税务登记 契税 个人所得税 增值税 发票 车船税 房产税 印花税 完税证明 出口退税",
        "申报 缴纳 开具 领用 变更 注销 备案 退税 减免",
    ),
    "生态环境局": (
        "排污单位 建设项目 企业",
        "排污许可证 环境影响评价 危险废物转移 辐射安全许可证",
        "核发 变更 延续 审批 备案 许可",
    ),
    "文化和旅游局": (
        "演出经纪机构 娱乐场所 网吧 旅行社 出版物经营单位",
        "营业性演出 网络文化经营许可证 出版物经营许可证 娱乐经营许可证 旅行社业务经营许可",
        "审批 核发 变更 延续 注销 备案",
    ),
    "农业农村局": (
        "农民 农业企业 农民专业合作社 渔船 兽医",
        "农药经营许可证 兽药经营许可证 种子生产经营许可证 渔业捕捞许可证 动物防疫条件合格证 农机购置补贴",
        "核发 变更 补发 审批 申请 发放",
    ),
    "退役军人事务局": (
        "退役军人 烈士遗属 伤残军人 现役军人家属",
        "优待证 退役士兵安置 优抚 抚恤金 伤残等级评定 一次性经济补助",
        "申领 审批 发放 认定 评定 登记 变更",
    ),
    "残疾人联合会": (
        "残疾人 残疾儿童 困难残疾人 重度残疾人",
        "残疾人证 康复救助 护理补贴 生活补贴 辅助器具适配 就业补贴",
        "申领 换领 补领 迁移 注销 申请 发放",
    ),
    "商务局": (
        "对外贸易经营者 外商投资企业 成品油零售企业 报废机动车回收企业",
        "对外贸易经营者备案 成品油零售经营资格 单用途预付卡备案 拍卖企业许可 报废机动车回收资质认定",
        "备案 审批 变更 注销 核发 认定",
    ),
    "应急管理局": (
        "危险化学品企业 烟花爆竹经营单位 非煤矿山 生产经营单位",
        "安全生产许可证 危险化学品经营许可证 烟花爆竹经营许可证 特种作业操作证 安全评价",
        "核发 延续 变更 审批 考核 备案",
    ),
}
SITUATIONS = [
    "名称变更",
    "住所变更",
    "法定代表人变更",
    "遗失补领",
    "到期换证",
    "首次申请",
    "跨省通办",
    "全程网办",
    "一件事",
    "承诺制",
]
MATERIALS = [
    "居民身份证",
    "申请表",
    "授权委托书",
    "营业执照",
    "户口簿",
    "结婚证",
    "出生医学证明",
    "不动产权证书",
    "劳动合同",
    "社会保障卡",
    "房屋租赁合同",
    "场所平面图",
    "法定代表人身份证明",
    "公司章程",
    "承诺书",
    "近期免冠照片",
    "资格证书",
    "体检证明",
    "购房合同",
    "银行卡",
]
CONDITIONS = [
    "具有完全民事行为能力",
    "依法取得营业执照",
    "在本市连续缴存住房公积金满六个月",
    "具有与经营规模相适应的场所和设施",
    "申请人户籍在本辖区",
    "按规定参加社会保险",
    "无违法违规记录",
    "已办理不动产登记",
]
THEMES = [
    ("birth", "出生"),
    ("schooling", "上学"),
    ("employment", "就业创业"),
    ("marriage", "婚育"),
    ("housing", "住房"),
    ("retirement", "退休养老"),
    ("business-start", "开办企业"),
    ("construction", "工程建设"),
    ("transport", "交通出行"),
    ("social-assistance", "社会救助"),
]


def generate(items: int, seed: int = 20261123) -> None:
    """Insert regions, departments, themes, basic items and ``items`` published items."""
    from django.db import transaction

    from govhall.accounts.models import Department, Region
    from govhall.catalog.models import BasicItem, MaterialRequirement, ServiceItem, ServiceItemVersion, Theme
    from govhall.core.identifiers import make_credit_code

    rng = random.Random(seed)
    order = {"province": 0, "prefecture": 1, "county": 2}
    Region.objects.bulk_create(
        [
            Region(code=c, name=n, level=lv, parent_id=p or None)
            for c, n, lv, p in sorted(REGIONS, key=lambda r: order[r[2]])
        ]
    )
    regions = [r for r in REGIONS if r[2] != "province"]
    departments: list[Department] = []
    kinds: list[str] = []
    for r_index, (code, region_name, _level, _parent) in enumerate(regions):
        for d_index, kind in enumerate(DOMAINS):
            departments.append(
                Department(
                    name=f"{region_name}{kind}",
                    credit_code=make_credit_code("1", "1", code, f"{r_index:04d}{d_index:04d}"),
                    region_id=code,
                )
            )
            kinds.append(kind)
    Department.objects.bulk_create(departments)
    themes = Theme.objects.bulk_create([Theme(slug=slug, name=name) for slug, name in THEMES])
    item_types = ["administrative_license"] * 5 + ["administrative_confirmation", "public_service", "other_power"]

    basic_by_key: dict[tuple[str, str, str], BasicItem] = {}
    per_department = -(-items // len(departments))
    created = 0
    theme_link = ServiceItemVersion.themes.through
    started = time.perf_counter()
    for department, kind in zip(departments, kinds, strict=True):
        subjects, objects, actions = (words.split() for words in DOMAINS[kind])
        rows = []
        for n in range(min(per_department, items - created)):
            obj, action = rng.choice(objects), rng.choice(actions)
            subject = rng.choice(subjects) if rng.random() < 0.5 else ""
            situation = f"（{rng.choice(SITUATIONS)}）" if rng.random() < 0.4 else ""
            key = (kind, obj, action)
            if key not in basic_by_key:
                basic_by_key[key] = BasicItem(
                    code=f"{len(basic_by_key) + 1:012d}",
                    name=f"{obj}{action}",
                    item_type=rng.choice(item_types),
                    exercise_level="county",
                )
                basic_by_key[key].save()
            materials = [f"{obj}{action}申请表", *rng.sample(MATERIALS, rng.randint(1, 3))]
            name = f"{subject}{obj}{action}{situation}"
            promised = rng.choice([1, 3, 5, 10])
            summary = (
                f"{subject or '申请人'}办理{obj}{action}的，可通过一网通办平台或各级政务服务中心窗口提出申请。"
                f"需提交{'、'.join(materials[1:])}等材料，符合条件的承诺{promised}个工作日内办结。"
            )
            rows.append((basic_by_key[key], name, obj, action, materials, summary, promised, n))
        with transaction.atomic():
            service_items = ServiceItem.objects.bulk_create(
                [
                    ServiceItem(
                        code=f"{department.credit_code}{basic.code}{n % 1000:03d}",
                        basic_item=basic,
                        department=department,
                        region_id=department.region_id,
                    )
                    for basic, _name, _o, _a, _m, _s, _p, n in rows
                ]
            )
            versions = ServiceItemVersion.objects.bulk_create(
                [
                    ServiceItemVersion(
                        service_item=item,
                        version=1,
                        status="published",
                        name=name,
                        keywords=",".join([obj, action, rng.choice(objects)]),
                        summary=summary,
                        conditions="申请人应当" + "，".join(rng.sample(CONDITIONS, 2)) + "。",
                        statutory_limit=20,
                        promised_limit=promised,
                        handling_type="promised" if promised > 1 else "instant",
                        service_object=rng.choice(["person", "enterprise", "both"]),
                        visits_required=rng.choice([0, 0, 0, 1, 2]),
                        handling_place=f"{department.name}政务服务窗口",
                    )
                    for item, (_b, name, obj, action, _m, summary, promised, _n) in zip(
                        service_items, rows, strict=True
                    )
                ],
                batch_size=1000,
            )
            MaterialRequirement.objects.bulk_create(
                [
                    MaterialRequirement(version=version, sort_order=i, name=m, necessity="required", file_types=["pdf"])
                    for version, row in zip(versions, rows, strict=True)
                    for i, m in enumerate(row[4])
                ],
                batch_size=2000,
            )
            theme_link.objects.bulk_create(
                [
                    theme_link(serviceitemversion_id=version.pk, theme_id=rng.choice(themes).pk)
                    for version in versions
                    if rng.random() < 0.3
                ],
                batch_size=2000,
            )
        created += len(rows)
    print(
        f"generated {created:,} items ({len(basic_by_key):,} basic items, {len(departments)} departments) "
        f"in {time.perf_counter() - started:.1f}s"
    )


def in_process_timings(rounds: int) -> None:
    from govhall.catalog import search

    print(f"in-process search_items, page 1 of 20, result cache cleared before each call ({rounds} calls):")
    for term in QUERY_MIX:
        timings = []
        page = search.search_items(query=term)
        for _ in range(rounds):
            search.clear_cache()
            started = time.perf_counter()
            search.search_items(query=term)
            timings.append((time.perf_counter() - started) * 1000)
        total = f"{page.total}{'+' if page.total_capped else ''}"
        top = page.hits[0].name if page.hits else "-"
        print(
            f"  {term:<8}\tmode={page.mode:<5} total={total:<5} median={statistics.median(timings):6.2f} ms "
            f"max={max(timings):6.2f} ms  top: {top}"
        )


def in_process_endpoints(search_paths: list[str], ceiling_paths: list[str], requests: int) -> None:
    """Per-request cost of both endpoints through Django's test client (no sockets, no load
    generator): the best of 5 alternating rounds, so background load on the machine matters less."""
    from django.test import Client

    from govhall.catalog import search

    client = Client()

    def per_request(paths: list[str], cached: bool) -> float:
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            for n in range(requests):
                if not cached:
                    search.clear_cache()
                client.get(paths[n % len(paths)])
            best = min(best, (time.perf_counter() - started) / requests * 1000)
        return best

    for path in [*search_paths, *ceiling_paths]:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} answered {response.status_code}: {response.content[:200]!r}")
    ceiling = per_request(ceiling_paths, True)
    cached = per_request(search_paths, True)
    uncached = per_request(search_paths, False)
    print(f"in-process endpoints (Django test client, best of 5 x {requests} requests):")
    print(f"  ceiling {ceiling:.3f} ms/request")
    print(f"  search, cached   {cached:.3f} ms/request ({ceiling / cached:.0%} of the ceiling's rate)")
    print(f"  search, uncached {uncached:.3f} ms/request ({ceiling / uncached:.0%} of the ceiling's rate)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=4, help="concurrent closed-loop clients")
    parser.add_argument(
        "--duration", type=float, default=20.0, help="seconds measured per endpoint (in alternating 5 s slices)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--rounds", type=int, default=30, help="in-process calls per query term")
    parser.add_argument("--cache", choices=["both", "on", "off"], default="both", help="search result cache")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (SQLite database)")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the items already in GOVHALL_VAR_DIR's / DATABASE_URL's database"
    )
    args = parser.parse_args()

    # The load comes from one address: switch the per-address search limit off (core.ratelimit).
    os.environ.setdefault("GOVHALL_RATE_LIMIT_SEARCH", "0/60")
    tmp = setup_django(parser, args, "govhall-bench-search-")
    from django.db import connection

    from govhall.catalog import search

    print(
        f"database: {connection.vendor}; items: {args.items:,}; clients: {args.clients}; workers: {args.workers}; "
        f"cpus: {os.cpu_count()}; load average at start: {os.getloadavg()[0]:.2f}"
    )
    from govhall.catalog.models import SearchEntry

    existing = SearchEntry.objects.count()
    if args.reuse and existing:
        print(f"reusing the {existing:,} indexed items already in the database")
    else:
        generate(args.items)
        started = time.perf_counter()
        indexed = search.reindex_all()
        print(f"indexed {indexed:,} items with reindex_all() in {time.perf_counter() - started:.1f}s")
    in_process_timings(args.rounds)
    search_paths = [f"/api/v1/catalog/search?q={urllib.parse.quote(term)}" for term in QUERY_MIX]
    ceiling_paths = ["/api/v1/bench/ceiling"]
    in_process_endpoints(search_paths, ceiling_paths, requests=max(len(QUERY_MIX), args.rounds * len(QUERY_MIX)))
    connection.close()

    runs: list[tuple[str, dict[str, float]]] = []
    for cached in [c == "on" for c in (["on", "off"] if args.cache == "both" else [args.cache])]:
        env = os.environ.copy()
        if not cached:
            # A settings module of this run only (in a temporary directory): the project's
            # settings with the search result cache switched off.
            settings_dir = tempfile.mkdtemp(prefix="govhall-bench-settings-")
            Path(settings_dir, "bench_search_nocache.py").write_text(
                "from govhall.config.settings import *  # noqa: F403\nGOVHALL_SEARCH_CACHE_PAGES = 0\n"
            )
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [settings_dir, env.get("PYTHONPATH")]))
            env["DJANGO_SETTINGS_MODULE"] = "bench_search_nocache"
        label = "cached" if cached else "uncached"
        results = serve_and_load(env, search_paths, ceiling_paths, args)
        if not cached:
            shutil.rmtree(settings_dir, ignore_errors=True)
        runs.append((f"ceiling ({label} server)", results["ceiling"]))
        runs.append((f"search ({label})", results["search"]))

    print(
        f"\nload: {args.clients} closed-loop clients (Python http.client, one process each), {args.duration:.0f}s each"
    )
    print(
        f"{'endpoint':<26} {'req/s':>7} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7} {'errors':>6} "
        f"{'server CPU ms/req':>18}"
    )
    for name, r in runs:
        print(
            f"{name:<26} {r['rps']:>7.0f} {r['p50']:>7.2f} {r['p90']:>7.2f} {r['p99']:>7.2f} {r['max']:>7.1f} "
            f"{int(r['errors']):>6} {r['cpu_ms']:>18.3f}"
        )
    for (_ceiling, ceiling), (search_name, result) in zip(runs[::2], runs[1::2], strict=True):
        ratio = result["rps"] / ceiling["rps"]
        capacity = ceiling["cpu_ms"] / result["cpu_ms"]
        verdict = "met" if ratio >= 0.6 else "MISSED"
        print(
            f"{search_name}: {ratio:.0%} of the ceiling's req/s (budget >= 60 %: {verdict}), "
            f"{capacity:.0%} by server CPU per request; "
            f"p99 {result['p99']:.1f} ms (budget <= 50 ms: {'met' if result['p99'] <= 50 else 'MISSED'})"
        )
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (other work on the machine skews both endpoints)")
    if tmp and not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)


def serve_and_load(
    env: dict[str, str], search_paths: list[str], ceiling_paths: list[str], args: argparse.Namespace
) -> dict[str, dict[str, float]]:
    def plans(paths: list[str]) -> list[list[Request]]:
        # every client starts elsewhere in the query mix
        offsets = [n * 7 % len(paths) for n in range(args.clients)]
        return [[get(p) for p in paths[k:] + paths[:k]] for k in offsets]

    with server(env, args.workers) as (port, master):
        for path in [*search_paths, *ceiling_paths]:
            check(port, get(path))
        load(port, plans(search_paths + ceiling_paths), 3.0)  # warm-up: dictionary, connections
        # Alternate short slices of the two endpoints so that any background load on the machine
        # weighs on both alike.
        slices = max(1, round(args.duration / 5))
        seconds = args.duration / slices
        measured: dict[str, tuple[list[float], int]] = {"ceiling": ([], 0), "search": ([], 0)}
        cpu = {"ceiling": 0.0, "search": 0.0}
        for _ in range(slices):
            for name, paths in (("ceiling", ceiling_paths), ("search", search_paths)):
                pids = server_pids(master, env)
                before = cpu_seconds(pids)
                result = load(port, plans(paths), seconds)
                cpu[name] += cpu_seconds(pids) - before
                measured[name] = (measured[name][0] + result.latencies, measured[name][1] + result.errors)
        results = {name: summarize(lat, err, args.duration) for name, (lat, err) in measured.items()}
        for name, summary in results.items():
            summary["cpu_ms"] = cpu[name] / max(summary["requests"], 1) * 1000
        return results


if __name__ == "__main__":
    main()
