"""Catalogue search (govhall.catalog.search) against the database in use: SQLite FTS5 by default,
PostgreSQL tsvector when DATABASE_URL points at PostgreSQL. Items are built through the catalogue
services, so these tests also prove that publishing and retiring keep the index in step."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govhall.accounts.models import Region
from govhall.catalog import search, services
from govhall.catalog.models import SearchEntry, Theme
from govhall.catalog.search import query as search_query
from govhall.core.contracts import Actor
from govhall.core.errors import ValidationFailed
from tests import factories

pytestmark = pytest.mark.django_db

ACTOR = Actor(user_id=None, role="catalog_admin")
_suffix = itertools.count(1)


@pytest.fixture
def market(db):
    return factories.department("漳州市市场监督管理局")


@pytest.fixture
def housing(db):
    return factories.department("漳州市住房公积金中心")


@pytest.fixture
def publish():
    """Create and publish an item; returns the published version."""

    def make(
        department,
        name,
        *,
        keywords="",
        summary="",
        conditions="",
        materials=("申请表",),
        service_object="person",
        item_type="administrative_license",
        region="350602",
        themes=(),
    ):
        n = next(_suffix)
        basic = services.basic_item_upsert(
            actor=ACTOR, code=f"{n:012d}", name=name[:50], item_type=item_type, exercise_level="municipal"
        )
        draft = services.service_item_create(
            actor=ACTOR,
            code=f"{department.credit_code}{basic.code}001",
            basic_item=basic,
            department=department,
            region=Region.objects.get(code=region),
            fields={
                "name": name,
                "keywords": keywords,
                "summary": summary,
                "conditions": conditions,
                "statutory_limit": 20,
                "promised_limit": 5,
                "handling_type": "promised",
                "service_object": service_object,
            },
            materials=[{"name": m, "necessity": "required"} for m in materials],
            theme_slugs=list(themes),
        )
        return services.version_publish(actor=ACTOR, version=draft)

    return make


def names(page):
    return [hit.name for hit in page.hits]


def test_business_licence_finds_licence_items_first_then_text_then_material_matches(publish, market, housing):
    material_only = publish(market, "食品经营许可证核发", materials=("营业执照副本", "食品经营许可申请书"))
    keyword = publish(
        market,
        "企业设立登记",
        keywords="营业执照,公司注册",
        summary="设立公司应当办理设立登记，领取营业执照。",
        service_object="enterprise",
    )
    licence = publish(market, "个体工商户营业执照办理", summary="个体工商户申请登记。")
    publish(housing, "住房公积金提取")

    page = search.search_items(query="营业执照")

    assert page.mode == "all"
    assert names(page) == [licence.name, keyword.name, material_only.name]
    assert page.total == 3 and not page.total_capped and not page.has_next
    assert page.hits[0].service_item_id == licence.service_item_id
    assert page.hits[0].version_id == licence.pk
    assert page.hits[0].code == licence.service_item.code
    assert page.hits[0].department_id == market.pk
    assert page.hits[0].score > page.hits[1].score > page.hits[2].score > 0


def test_name_match_ranks_above_an_item_that_repeats_the_term_everywhere_else(publish, market):
    long_name = publish(market, "个体工商户营业执照变更登记及经营范围和经营场所调整备案")
    noisy = publish(
        market,
        "食品经营许可证核发",
        keywords="营业执照",
        summary="营业执照、营业执照复印件与营业执照副本。",
        conditions="已取得营业执照。",
        materials=("营业执照", "营业执照副本", "营业执照复印件"),
    )

    assert names(search.search_items(query="营业执照")) == [long_name.name, noisy.name]


def test_several_terms_are_anded_and_the_name_counts_first(publish, market, housing):
    both_in_name = publish(housing, "住房公积金提取（退休）")
    one_in_name = publish(housing, "住房公积金提取", summary="职工退休后可申请提取。")
    publish(housing, "住房公积金贷款")
    publish(market, "退休人员登记")

    page = search.search_items(query="公积金提取 退休")

    assert names(page) == [both_in_name.name, one_in_name.name]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("执照", "个体工商户营业执照办理"),
        ("工商执照", "个体工商户营业执照办理"),
        ("驾照", "机动车驾驶证换证"),
        ("社保", "社会保险登记"),
        ("新生儿", "出生医学证明签发"),
        ("户口", "户籍迁入登记"),
        ("公积金", "住房公积金提取"),
    ],
)
def test_synonyms_find_the_other_words_of_their_group(publish, market, query, expected):
    for name in ["个体工商户营业执照办理", "机动车驾驶证换证", "社会保险登记", "出生医学证明签发", "户籍迁入登记"]:
        publish(market, name)
    publish(market, "住房公积金提取")

    page = search.search_items(query=query)

    assert page.mode == "all"  # found by the synonym itself, not by the typo fallback
    assert page.hits and page.hits[0].name == expected


def test_the_query_word_itself_ranks_above_its_synonyms(publish, market):
    synonym = publish(market, "出生登记")
    own_word = publish(market, "新生儿出生医学证明补发（遗失）")

    assert names(search.search_items(query="新生儿")) == [own_word.name, synonym.name]


def test_one_way_synonym_does_not_widen_the_specific_term(publish, market):
    publish(market, "律师执照核发")
    licence = publish(market, "个体工商户营业执照办理")

    assert names(search.search_items(query="营业执照")) == [licence.name]
    assert set(names(search.search_items(query="执照"))) == {licence.name, "律师执照核发"}


def test_compound_query_words_match_in_another_order(publish, housing):
    item = publish(housing, "提取住房公积金")

    page = search.search_items(query="住房公积金提取")

    assert page.mode == "all" and names(page) == [item.name]


@pytest.mark.parametrize(
    ("query", "expected_mode"),
    [("公积金提", "all"), ("营业执找", "any"), ("营页执照", "any"), ("执找", "any"), ("营造", "fuzzy")],
)
def test_near_misses_still_find_the_item(publish, market, housing, query, expected_mode):
    publish(housing, "住房公积金提取")
    publish(market, "个体工商户营业执照办理")
    publish(market, "道路运输经营许可证核发")

    page = search.search_items(query=query)

    assert page.mode == expected_mode
    assert page.hits
    expected = "住房公积金提取" if query == "公积金提" else "个体工商户营业执照办理"
    assert page.hits[0].name == expected


def test_nothing_found_gives_an_empty_page(publish, market):
    publish(market, "个体工商户营业执照办理")

    page = search.search_items(query="火星移民签证")

    assert page.hits == () and page.total == 0 and page.mode == "none"


def test_highlight_marks_terms_and_escapes_everything_else(publish, market):
    publish(
        market,
        "<script>alert(1)</script>营业执照变更",
        summary='变更登记后换发营业执照<img src=x onerror="alert(2)">。',
    )

    hit = search.search_items(query="营业执照").hits[0]

    assert hit.name == "<script>alert(1)</script>营业执照变更"
    assert hit.name_highlighted == "&lt;script&gt;alert(1)&lt;/script&gt;<mark>营业执照</mark>变更"
    assert hit.snippet_highlighted == (
        "变更登记后换发<mark>营业执照</mark>&lt;img src=x onerror=&quot;alert(2)&quot;&gt;。"
    )
    script = search.search_items(query="script").hits[0]
    assert script.name_highlighted.startswith("&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;")


def test_snippet_is_a_window_around_the_first_match(publish, market):
    summary = "本事项适用于本市辖区内的申请人。" * 6 + "申请人须提交居民身份证原件。" + "其他说明。" * 10
    publish(market, "居住证签注", summary=summary)

    snippet = search.search_items(query="身份证").hits[0].snippet_highlighted

    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>居民身份证</mark>" in snippet
    assert len(snippet.replace("<mark>", "").replace("</mark>", "")) <= search.SNIPPET_CHARS + 2


def test_filters_narrow_the_results(publish, market, housing):
    Theme.objects.create(slug="birth", name="出生")
    Theme.objects.create(slug="business-start", name="开办企业")
    person = publish(market, "个体工商户营业执照办理", region="350602", themes=["business-start"])
    company = publish(market, "企业营业执照办理", service_object="enterprise", region="350603")
    both = publish(housing, "营业执照信息查询", service_object="both", item_type="public_service", region="350602")

    def found(**filters):
        return set(names(search.search_items(query="营业执照", filters=search.SearchFilters(**filters))))

    assert found() == {person.name, company.name, both.name}
    assert found(department_id=housing.pk) == {both.name}
    assert found(region_code="350603") == {company.name}
    assert found(region_code="350600") == {person.name, company.name, both.name}
    assert found(region_code="3506") == {person.name, company.name, both.name}
    assert found(region_code="350100") == set()
    assert found(service_object="person") == {person.name, both.name}
    assert found(service_object="enterprise") == {company.name, both.name}
    assert found(theme="business-start") == {person.name}
    assert found(theme="birth") == set()
    assert found(item_type="public_service") == {both.name}
    assert found(department_id=market.pk, service_object="enterprise") == {company.name}
    assert found(handling_type="instant") == set()
    assert found(min_online_depth=5) == {person.name, company.name, both.name}


def test_filters_also_narrow_matches_outside_the_name(publish, market, housing):
    named = publish(market, "个体工商户营业执照办理")
    material = publish(housing, "住房公积金单位缴存登记", materials=("营业执照",), service_object="enterprise")

    def found(**filters):
        return names(search.search_items(query="营业执照", filters=search.SearchFilters(**filters)))

    assert found() == [named.name, material.name]
    assert found(department_id=housing.pk) == [material.name]
    assert found(service_object="person") == [named.name]


@pytest.mark.parametrize(
    "filters",
    [
        search.SearchFilters(region_code="35%"),
        search.SearchFilters(service_object="alien"),
        search.SearchFilters(item_type="x"),
        search.SearchFilters(theme="a b"),
        search.SearchFilters(min_online_depth=9),
    ],
)
def test_malformed_filters_are_refused_with_a_stable_code(filters):
    with pytest.raises(ValidationFailed) as error:
        search.search_items(query="营业执照", filters=filters)
    assert error.value.code == "catalog.search_filter"


def test_retiring_an_item_removes_it_from_the_index(publish, market):
    version = publish(market, "个体工商户营业执照办理")
    assert names(search.search_items(query="营业执照")) == [version.name]

    services.version_retire(actor=ACTOR, version=version, reason="事项取消")

    assert search.search_items(query="营业执照").hits == ()
    assert not SearchEntry.objects.filter(service_item_id=version.service_item_id).exists()


def test_publishing_a_new_version_replaces_the_old_entry(publish, market):
    v1 = publish(market, "个体工商户营业执照办理")
    assert names(search.search_items(query="营业执照")) == [v1.name]
    draft = services.version_draft_from(actor=ACTOR, version=v1)
    services.version_update_draft(actor=ACTOR, version=draft, fields={"name": "个体工商户开业登记"})
    v2 = services.version_publish(actor=ACTOR, version=draft)

    assert search.search_items(query="营业执照").hits == ()
    hits = search.search_items(query="开业登记").hits
    assert [(h.name, h.version_id) for h in hits] == [("个体工商户开业登记", v2.pk)]
    assert SearchEntry.objects.filter(service_item_id=v1.service_item_id).count() == 1


def test_the_index_follows_the_publishing_transaction(publish, market):
    basic = services.basic_item_upsert(
        actor=ACTOR, code="999999999999", name="测试", item_type="public_service", exercise_level="municipal"
    )
    draft = services.service_item_create(
        actor=ACTOR,
        code=f"{market.credit_code}{basic.code}001",
        basic_item=basic,
        department=market,
        region=Region.objects.get(code="350602"),
        fields={
            "name": "灵活就业人员参保登记",
            "statutory_limit": 5,
            "promised_limit": 1,
            "handling_type": "instant",
            "service_object": "person",
        },
        materials=[{"name": "居民身份证", "necessity": "required"}],
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        services.version_publish(actor=ACTOR, version=draft)
        assert names(search.search_items(query="灵活就业")) == ["灵活就业人员参保登记"]
        raise RuntimeError("roll back the publication")

    assert search.search_items(query="灵活就业").hits == ()
    assert not SearchEntry.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner setting")
def test_search_inside_a_transaction_leaves_the_planner_settings_alone(publish, market):
    publish(market, "个体工商户营业执照办理")
    with transaction.atomic(), connection.cursor() as cursor:
        assert search.search_items(query="营业执照").hits
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


def test_index_version_refuses_an_unpublished_version(market):
    basic = services.basic_item_upsert(
        actor=ACTOR, code="999999999998", name="测试", item_type="public_service", exercise_level="municipal"
    )
    draft = services.service_item_create(
        actor=ACTOR,
        code=f"{market.credit_code}{basic.code}001",
        basic_item=basic,
        department=market,
        region=Region.objects.get(code="350602"),
        fields={
            "name": "草稿事项",
            "statutory_limit": 5,
            "promised_limit": 1,
            "handling_type": "instant",
            "service_object": "person",
        },
    )
    with pytest.raises(ValueError, match="draft"):
        search.index_version(draft)
    assert not SearchEntry.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '营业执照"',
        '"营业执照',
        "*",
        "营业*",
        "NEAR(营业 执照)",
        "NEAR(",
        "OR",
        "营业 OR 执照",
        "AND NOT",
        ":",
        "name_tokens:营业",
        "^营业执照",
        "'",
        "营业执照'); DROP TABLE catalog_searchentry; --",
        "\\",
        "()",
        "营业-执照 +公积金 |社保 &医保 !户口",
        "a:* & b",
        "\x00营业执照",
    ],
)
def test_search_syntax_in_the_query_is_just_text(publish, market, query):
    publish(market, "个体工商户营业执照办理")

    page = search.search_items(query=query)

    assert isinstance(page, search.SearchPage)
    if "营业" in query:
        assert page.hits and page.hits[0].name == "个体工商户营业执照办理"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=120))
def test_no_query_text_raises(market, query):
    page = search.search_items(query=query)
    assert page.total == len(page.hits) == 0


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "的", "！？"])
def test_blank_query_returns_an_empty_page_not_everything(publish, market, query):
    publish(market, "个体工商户营业执照办理")

    page = search.search_items(query=query)

    assert page.hits == () and page.total == 0 and page.mode == "none"


def test_long_queries_are_truncated(publish, market):
    publish(market, "个体工商户营业执照办理")

    page = search.search_items(query="营业执照" + "公积金" * 200)

    assert page.mode == "any" and names(page) == ["个体工商户营业执照办理"]
    assert len(page.terms) <= search.MAX_TERMS


def test_stop_words_are_dropped_from_questions(publish, market):
    publish(market, "个体工商户营业执照")

    page = search.search_items(query="我要怎么办理营业执照？")

    assert page.terms == ("营业执照",) and page.mode == "all" and page.hits


def test_pagination_pages_through_all_results_once(publish, market):
    for district in ["芗城区", "龙文区", "漳州市", "福建省", "漳浦县"]:
        publish(market, f"个体工商户营业执照办理（{district}）")

    pages = [search.search_items(query="营业执照", page=n, page_size=2) for n in (1, 2, 3, 4)]

    assert [len(p.hits) for p in pages] == [2, 2, 1, 0]
    assert all(p.total == 5 for p in pages)
    assert [p.has_next for p in pages] == [True, True, False, False]
    seen = [hit.service_item_id for p in pages for hit in p.hits]
    assert len(seen) == len(set(seen)) == 5
    assert search.search_items(query="营业执照", page_size=500).page_size == search.MAX_PAGE_SIZE
    assert search.search_items(query="营业执照", page=0).page == 1


def test_only_the_best_results_are_reachable_and_the_total_says_there_are_more(publish, market, monkeypatch):
    for n in range(4):
        publish(market, f"营业执照办理{n}")
    publish(market, "食品经营许可证核发", materials=("营业执照",))
    monkeypatch.setattr(search_query, "RESULT_CAP", 3)  # where the paging reads it

    pages = [search.search_items(query="营业执照", page=n, page_size=2) for n in (1, 2, 3)]

    assert [(p.total, p.total_capped) for p in pages] == [(3, True)] * 3
    assert [len(p.hits) for p in pages] == [2, 1, 0]
    assert [p.has_next for p in pages] == [True, False, False]
    assert all(h.name.startswith("营业执照办理") for p in pages for h in p.hits)


def test_name_matches_then_other_matches_across_pages(publish, market):
    in_name = [publish(market, f"营业执照办理{n}") for n in range(3)]
    elsewhere = [publish(market, f"食品经营许可证核发{n}", materials=("营业执照",)) for n in range(2)]

    pages = [search.search_items(query="营业执照", page=n, page_size=2) for n in (1, 2, 3)]

    found = [h.name for p in pages for h in p.hits]
    assert set(found[:3]) == {v.name for v in in_name}
    assert set(found[3:]) == {v.name for v in elsewhere}
    assert all(p.total == 5 and not p.total_capped for p in pages)
    scores = [h.score for p in pages for h in p.hits]
    assert scores == sorted(scores, reverse=True)


def test_repeated_searches_are_served_from_the_cache_until_the_index_changes(publish, market):
    publish(market, "个体工商户营业执照办理")
    first = search.search_items(query="营业执照")
    assert search.search_items(query="营业执照") is first

    publish(market, "企业营业执照办理")

    again = search.search_items(query="营业执照")
    assert again is not first and again.total == 2


def test_reindex_rebuilds_the_index_from_published_versions(publish, market, capsys):
    publish(market, "个体工商户营业执照办理")
    retired = publish(market, "企业营业执照办理")
    services.version_retire(actor=ACTOR, version=retired, reason="事项取消")
    SearchEntry.objects.all().delete()
    assert search.search_items(query="营业执照").hits == ()

    assert search.reindex_all() == 1
    assert names(search.search_items(query="营业执照")) == ["个体工商户营业执照办理"]

    call_command("catalog_reindex")
    assert "OK: 1 published items indexed" in capsys.readouterr().out
    assert names(search.search_items(query="营业执照")) == ["个体工商户营业执照办理"]


def test_index_row_carries_the_filter_columns(publish, market):
    Theme.objects.create(slug="birth", name="出生")
    version = publish(
        market,
        "出生医学证明签发",
        keywords="新生儿,出生证",
        materials=("母亲居民身份证", "出生医学证明申请表"),
        service_object="person",
        item_type="public_service",
        region="350603",
        themes=["birth"],
    )
    entry = SearchEntry.objects.get(service_item_id=version.service_item_id)

    assert (entry.version_id, entry.department_id, entry.region_code) == (version.pk, market.pk, "350603")
    assert (entry.service_object, entry.item_type, entry.handling_type) == ("person", "public_service", "promised")
    assert entry.online_depth == 5
    assert entry.themes == " birth "
    assert entry.material_names == "母亲居民身份证、出生医学证明申请表"
    assert " 出生医学证明 " in entry.name_tokens and " 出生 " in entry.name_tokens
    assert " 居民身份证 " in entry.material_tokens and " 身份证 " in entry.material_tokens
