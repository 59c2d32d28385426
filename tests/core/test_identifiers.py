"""Tests for govhall.core.identifiers: real published samples, every error code, properties.

Real samples and where they come from:
- ID numbers: the GB 11643 sample ``11010519491231002X`` (DESIGN.md §6) and the samples in
  python-stdnum's ``tests/test_cn_ric.doctest``.
- Credit codes: ``91350100M000100Y43`` (the brief; it checks) and numbers "found online" listed
  in python-stdnum's ``tests/test_cn_uscc.doctest``; every one also passes the GB 11714 check.
- ISO 7064 MOD 37,36: the GRid ``A12425GABC1234002M`` (python-stdnum ``stdnum/iso7064/
  mod_37_36.py``) and the ISAN check characters in python-stdnum's ``tests/test_isan.doctest``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govhall.core.errors import ValidationFailed
from govhall.core.identifiers import (
    CREDIT_CODE_ALPHABET,
    CREDIT_CODE_ORG_TYPES,
    ID_NUMBER_PROVINCE_CODES,
    MESSAGES,
    PROVINCE_CODES,
    IdentifierError,
    credit_code_check_char,
    id_number_check_char,
    is_valid_credit_code,
    is_valid_id_number,
    license_check_char,
    make_credit_code,
    make_license_identifier,
    mask_id_number,
    mask_phone,
    normalize_phone,
    organization_code_check_char,
    parse_credit_code,
    parse_id_number,
    parse_license_identifier,
    parse_mobile_phone,
    parse_region_code,
    upgrade_legacy_id_number,
)

FAST = settings(max_examples=150, deadline=None)
DIGITS = "0123456789"
ALNUM = DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ID_ALPHABET = DIGITS + "X"


def assert_fails(func: Callable[[str], Any], value: str, code: str, **params: Any) -> IdentifierError:
    with pytest.raises(IdentifierError) as caught:
        func(value)
    error = caught.value
    assert error.code == code
    assert params.items() <= error.params.items()
    message = error.message
    assert message and "%(" not in message
    assert not value.strip() or value.strip() not in message  # never echo personal data
    return error


# --- ID numbers ---------------------------------------------------------------------------------

REAL_ID_NUMBERS = [
    ("11010519491231002X", date(1949, 12, 31), "female"),
    ("360426199101010071", date(1991, 1, 1), "male"),
    ("44011320141005001X", date(2014, 10, 5), "male"),
    ("412723199010050012", date(1990, 10, 5), "male"),
    ("110102199101010078", date(1991, 1, 1), "male"),
    ("120110198012010073", date(1980, 12, 1), "male"),
]


@pytest.mark.parametrize(("value", "birth_date", "sex"), REAL_ID_NUMBERS)
def test_real_id_numbers_parse(value: str, birth_date: date, sex: str) -> None:
    parsed = parse_id_number(value)
    assert (parsed.value, parsed.region_code) == (value, value[:6])
    assert (parsed.birth_date, parsed.sex) == (birth_date, sex)
    assert id_number_check_char(value[:17]) == value[17]
    assert is_valid_id_number(value)


def test_id_number_normalisation_full_width_spaces_and_lower_x() -> None:
    assert parse_id_number("１１０１０５１９４９１２３１００２ｘ").value == "11010519491231002X"
    assert parse_id_number(" 110105 19491231 002x\u3000").value == "11010519491231002X"


def test_id_number_repr_is_masked() -> None:
    assert repr(parse_id_number("11010519491231002X")) == "IdNumber('1101**********002X')"


def test_legacy_15_digit_number_is_upgraded() -> None:
    assert upgrade_legacy_id_number("110105491231002") == "11010519491231002X"
    assert parse_id_number("110105491231002").value == "11010519491231002X"
    assert_fails(upgrade_legacy_id_number, "11010519491231002X", "identifier.id_number.length")
    assert_fails(upgrade_legacy_id_number, "110105491331002", "identifier.id_number.date")  # month 13


def test_id_number_taiwan_residence_permit_prefix_83_is_accepted() -> None:
    first17 = "83000019900101002"
    assert is_valid_id_number(first17 + id_number_check_char(first17))


@pytest.mark.parametrize(
    ("value", "code", "params"),
    [
        ("1101051949123100", "identifier.id_number.length", {"length": 16}),
        ("11010519491231002XX", "identifier.id_number.length", {"length": 19}),
        ("", "identifier.id_number.length", {"length": 0}),
        ("11010519491231002Y", "identifier.id_number.characters", {"position": 18}),
        ("1101051949A231002X", "identifier.id_number.characters", {"position": 11}),
        ("11010549123100A", "identifier.id_number.characters", {"position": 15}),
        ("99010519491231002X", "identifier.id_number.region", {}),
        ("91010519491231002X", "identifier.id_number.region", {}),  # foreigner's card scheme
        ("00010519491231002X", "identifier.id_number.region", {}),
        ("11010519490230002X", "identifier.id_number.date", {}),  # 30 February
        ("11010519491331002X", "identifier.id_number.date", {}),  # month 13
        ("11010519490000002X", "identifier.id_number.date", {}),
        ("110105189912310020", "identifier.id_number.date", {}),  # before 1900
        ("110105194912310021", "identifier.id_number.check", {}),
        ("360426199101010079", "identifier.id_number.check", {}),
    ],
)
def test_id_number_errors(value: str, code: str, params: dict[str, int]) -> None:
    assert_fails(parse_id_number, value, code, **params)
    assert not is_valid_id_number(value)


def test_id_number_birth_date_in_future_is_rejected() -> None:
    with pytest.raises(IdentifierError) as caught:
        parse_id_number("44011320141005001X", today=date(2014, 10, 4))
    assert caught.value.code == "identifier.id_number.date"
    assert parse_id_number("44011320141005001X", today=date(2014, 10, 5)).sex == "male"


def test_id_number_check_char_input_errors() -> None:
    assert_fails(id_number_check_char, "1101051949123100", "identifier.id_number.length")
    assert_fails(id_number_check_char, "1101051949123100X", "identifier.id_number.characters", position=17)


def test_identifier_error_is_a_validation_failure_with_problem_form() -> None:
    error = assert_fails(parse_id_number, "123", "identifier.id_number.length", length=3)
    assert isinstance(error, ValidationFailed)
    problem = error.as_problem()
    assert (problem["status"], problem["code"]) == (422, "identifier.id_number.length")
    assert "3位" in problem["title"]


def test_mask_id_number() -> None:
    assert mask_id_number("35060219900101123X") == "3506**********123X"
    assert mask_id_number("３５０６０２１９９００１０１１２３ｘ") == "3506**********123X"
    assert mask_id_number("110105491231002") == "1101*******1002"
    assert mask_id_number("1234") == "****"


@st.composite
def id_numbers(draw: st.DrawFn) -> tuple[str, date, int]:
    province = draw(st.sampled_from(sorted(ID_NUMBER_PROVINCE_CODES)))
    rest = draw(st.text(DIGITS, min_size=4, max_size=4))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2024, 12, 31)))
    sequence = draw(st.integers(0, 999))
    first17 = f"{province}{rest}{born:%Y%m%d}{sequence:03d}"
    return first17 + id_number_check_char(first17), born, sequence


@FAST
@given(id_numbers())
def test_generated_id_numbers_are_valid(generated: tuple[str, date, int]) -> None:
    value, born, sequence = generated
    parsed = parse_id_number(value)
    assert parsed.birth_date == born
    assert parsed.sex == ("male" if sequence % 2 else "female")


@FAST
@given(id_numbers(), st.integers(0, 17), st.integers(1, len(ID_ALPHABET) - 1))
def test_any_single_substitution_in_an_id_number_is_rejected(
    generated: tuple[str, date, int], position: int, offset: int
) -> None:
    value = generated[0]
    replacement = ID_ALPHABET[(ID_ALPHABET.index(value[position]) + offset) % len(ID_ALPHABET)]
    mutated = value[:position] + replacement + value[position + 1 :]
    assert not is_valid_id_number(mutated)
    if mutated[:17].isdigit():  # the check character alone catches every such substitution
        assert id_number_check_char(mutated[:17]) != mutated[17]


# --- Credit codes -------------------------------------------------------------------------------

REAL_CREDIT_CODES = [
    "91350100M000100Y43",
    "121200004013590816",
    "91110000600037341L",
    "9115220107837757XE",
    "9131012056010553X5",
    "91310115MA1K3BTP2B",
    "91340603MA2UJXXCXF",
    "91620105L015101280",
    "92340603MA2PBMN509",
    "92340621MA2UK3PJXE",
    "91440300568520498A",
    "913505007821784439",
]


@pytest.mark.parametrize("value", REAL_CREDIT_CODES)
def test_real_credit_codes_parse(value: str) -> None:
    parsed = parse_credit_code(value)
    assert parsed.value == value
    assert parsed.authority_code + parsed.org_type_code == value[:2]
    assert (parsed.region_code, parsed.organization_code) == (value[2:8], value[8:17])
    assert credit_code_check_char(value[:17]) == value[17]
    assert organization_code_check_char(value[8:16]) == value[16]
    assert make_credit_code(value[0], value[1], value[2:8], value[8:16]) == value


def test_organization_code_check_chars() -> None:
    assert organization_code_check_char("M000100Y") == "4"
    assert organization_code_check_char("07837757") == "X"  # remainder 10
    assert organization_code_check_char("MA2PBMN5") == "0"  # remainder 11
    assert_fails(organization_code_check_char, "1234567", "identifier.organization_code.length")
    assert_fails(
        organization_code_check_char,
        "1234567-",
        "identifier.organization_code.characters",
        position=8,
    )


def test_credit_code_normalisation() -> None:
    assert parse_credit_code(" ９１３５０１００ｍ０００１００ｙ４３ ").value == "91350100M000100Y43"
    assert parse_credit_code("91 350100 m000100y4 3").value == "91350100M000100Y43"


def test_national_registration_authority_region_100000() -> None:
    code = make_credit_code("1", "1", "100000", "00001254")
    assert parse_credit_code(code).region_code == "100000"


def _with_valid_check(first17: str) -> str:
    return first17 + credit_code_check_char(first17)


@pytest.mark.parametrize(
    ("value", "code", "params"),
    [
        ("91350100M000100Y4", "identifier.credit_code.length", {"length": 17, "expected": 18}),
        ("91350100O000100Y43", "identifier.credit_code.characters", {"position": 9}),
        ("91350100M000100Y4I", "identifier.credit_code.characters", {"position": 18}),
        ("B1350100M000100Y43", "identifier.credit_code.authority", {}),
        ("94350100M000100Y43", "identifier.credit_code.org_type", {}),
        ("Y2350100M000100Y43", "identifier.credit_code.org_type", {}),
        ("91990100M000100Y43", "identifier.credit_code.region", {}),
        ("9135A100M000100Y43", "identifier.credit_code.region", {}),
        ("91350002M000100Y43", "identifier.credit_code.region", {}),  # county without prefecture
        ("91350100M000100Y44", "identifier.credit_code.check", {}),
        (_with_valid_check("91350100M000100Y5"), "identifier.credit_code.organization_code", {}),
    ],
)
def test_credit_code_errors(value: str, code: str, params: dict[str, int]) -> None:
    assert_fails(parse_credit_code, value, code, **params)
    assert not is_valid_credit_code(value)


def test_authority_and_org_type_table_is_the_official_one() -> None:
    # GB 32100-2015 appendix plus the later A (军委改革和编制办公室) and N (农业) rows.
    official = "11 12 13 19 21 29 31 32 33 34 35 39 41 49 51 52 53 59 61 62 69 71 72 79 81 89"
    official += " 91 92 93 A1 A9 N1 N2 N3 N9 Y1"
    table = {a + t for a, types in CREDIT_CODE_ORG_TYPES.items() for t in types}
    assert table == set(official.split())


def test_credit_code_helpers_reject_bad_input() -> None:
    assert_fails(credit_code_check_char, "9135010", "identifier.credit_code.length", expected=17)
    with pytest.raises(ValueError, match="lengths"):
        make_credit_code("91", "1", "350100", "M000100Y")
    with pytest.raises(IdentifierError) as caught:
        make_credit_code("9", "5", "350100", "M000100Y")
    assert caught.value.code == "identifier.credit_code.org_type"


@st.composite
def regions6(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    prefecture = draw(st.integers(0, 99))
    county = draw(st.integers(0, 99)) if prefecture else 0
    return f"{province}{prefecture:02d}{county:02d}"


@st.composite
def credit_codes(draw: st.DrawFn) -> str:
    authority = draw(st.sampled_from(sorted(CREDIT_CODE_ORG_TYPES)))
    org_type = draw(st.sampled_from(CREDIT_CODE_ORG_TYPES[authority]))
    region = draw(regions6() | st.just("100000"))
    body = draw(st.text(CREDIT_CODE_ALPHABET, min_size=8, max_size=8))
    return make_credit_code(authority, org_type, region, body)


@FAST
@given(credit_codes())
def test_generated_credit_codes_are_valid(value: str) -> None:
    assert parse_credit_code(value).value == value


@FAST
@given(credit_codes(), st.integers(0, 17), st.integers(1, len(CREDIT_CODE_ALPHABET) - 1))
def test_any_single_substitution_in_a_credit_code_is_rejected(value: str, position: int, offset: int) -> None:
    alphabet = CREDIT_CODE_ALPHABET
    replacement = alphabet[(alphabet.index(value[position]) + offset) % len(alphabet)]
    mutated = value[:position] + replacement + value[position + 1 :]
    assert not is_valid_credit_code(mutated)
    assert credit_code_check_char(mutated[:17]) != mutated[17]  # mod 31 alone catches it


# --- Region codes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "level", "parent"),
    [
        ("350000", "province", None),
        ("350600", "prefecture", "350000"),
        ("350602", "county", "350600"),
        ("419001", "county", "419000"),  # 济源, a county-level city under the province
        ("350602001000", "township", "350602"),
        ("350602001001", "village", "350602001000"),
        ("441900003000", "township", "441900"),  # 东莞 has townships but no counties
        ("８１００００", "province", None),
    ],
)
def test_region_code_levels_and_parents(value: str, level: str, parent: str | None) -> None:
    parsed = parse_region_code(value)
    assert (parsed.level, parsed.parent) == (level, parent)


@pytest.mark.parametrize(
    ("value", "code", "params"),
    [
        ("3506", "identifier.region_code.length", {"length": 4}),
        ("3506020010", "identifier.region_code.length", {"length": 10}),
        ("35060A", "identifier.region_code.characters", {"position": 6}),
        ("990000", "identifier.region_code.province", {}),
        ("830000", "identifier.region_code.province", {}),  # ID numbers only, not GB/T 2260
        ("000000", "identifier.region_code.province", {}),
        ("350002", "identifier.region_code.structure", {}),
        ("350602000000", "identifier.region_code.structure", {}),
        ("350000001000", "identifier.region_code.structure", {}),
        ("350602000001", "identifier.region_code.structure", {}),
    ],
)
def test_region_code_errors(value: str, code: str, params: dict[str, int]) -> None:
    assert_fails(parse_region_code, value, code, **params)


@st.composite
def regions(draw: st.DrawFn) -> str:
    code = draw(regions6())
    if code[2:4] == "00" or draw(st.booleans()):
        return code
    township = draw(st.integers(1, 999))
    return f"{code}{township:03d}{draw(st.integers(0, 999)):03d}"


@FAST
@given(regions())
def test_region_parents_lead_up_to_the_province(value: str) -> None:
    order = ["village", "township", "county", "prefecture", "province"]
    parsed = parse_region_code(value)
    while parsed.parent is not None:
        parent = parse_region_code(parsed.parent)
        assert order.index(parent.level) > order.index(parsed.level)
        assert parsed.value.startswith(parent.value.rstrip("0")[: len(parent.value) - 2])
        parsed = parent
    assert parsed.level == "province"
    assert parsed.value == value[:2] + "0000"


# --- Licence identifiers, ISO 7064 MOD 37,36 ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("A12425GABC1234002", "M"),  # GRid
        ("00000000D07A0090", "Q"),  # ISAN root + episode
        ("188166C734206541", "Y"),  # ISAN root + episode
        ("188166C7342065419F3A0245", "O"),  # ISAN incl. version, second check
    ],
)
def test_mod_37_36_published_samples(text: str, check: str) -> None:
    assert license_check_char(text) == check


def test_mod_37_36_does_not_catch_every_adjacent_transposition() -> None:
    # A documented limit of the hybrid system: see the exact rule in the property below.
    assert license_check_char("IJ") == license_check_char("JI")
    assert_fails(license_check_char, "ab", "identifier.license_id.characters", position=1)


def _reference_states(text: str) -> tuple[list[int], int]:
    """python-stdnum's formulation: the P before each character, and the final sum S."""
    total, states = 18, []
    for ch in text:
        p = (total or 36) * 2 % 37
        states.append(p)
        total = (p + ALNUM.index(ch)) % 36
    return states, total


@FAST
@given(st.text(ALNUM, max_size=40))
def test_mod_37_36_matches_the_reference_formulation(text: str) -> None:
    assert _reference_states(text + license_check_char(text))[1] == 1


@FAST
@given(st.text(ALNUM, min_size=1, max_size=40), st.data())
def test_mod_37_36_catches_any_single_substitution(text: str, data: st.DataObject) -> None:
    full = text + license_check_char(text)
    position = data.draw(st.integers(0, len(full) - 1))
    offset = data.draw(st.integers(1, 35))
    replacement = ALNUM[(ALNUM.index(full[position]) + offset) % 36]
    mutated = full[:position] + replacement + full[position + 1 :]
    assert license_check_char(mutated[:-1]) != mutated[-1]


@FAST
@given(st.text(ALNUM, min_size=1, max_size=40), st.data())
def test_mod_37_36_adjacent_transpositions(text: str, data: st.DataObject) -> None:
    """Detected unless {(P + a) mod 36, (P + b) mod 36} = {18, 19}, with P the state before."""
    full = text + license_check_char(text)
    i = data.draw(st.integers(0, len(full) - 2))
    a, b = full[i], full[i + 1]
    if a == b:
        return
    mutated = full[:i] + b + a + full[i + 2 :]
    p = _reference_states(full)[0][i]
    blind_spot = {(p + ALNUM.index(a)) % 36, (p + ALNUM.index(b)) % 36} == {18, 19}
    assert (license_check_char(mutated[:-1]) == mutated[-1]) == blind_spot


TYPE_CODE = "11350600123456788T001"
ISSUER = "91350100M000100Y43"


def test_make_and_parse_license_identifier() -> None:
    value = make_license_identifier(TYPE_CODE, ISSUER, "2024a0001", 1)
    assert value == f"1.2.156.3005.2.{TYPE_CODE}.{ISSUER}.2024A0001.1.W"
    parsed = parse_license_identifier(value.lower())
    assert (parsed.value, parsed.type_code, parsed.issuer_code) == (value, TYPE_CODE, ISSUER)
    assert (parsed.serial, parsed.version, parsed.check_char) == ("2024A0001", "1", "W")
    assert license_check_char(value[:-2].replace(".", "")) == "W"


PREFIX = "1.2.156.3005.2"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (f"1.2.156.3005.3.{TYPE_CODE}.{ISSUER}.2024A0001.1.W", "identifier.license_id.prefix"),
        (f"{PREFIX}.{TYPE_CODE}.{ISSUER}.2024A0001.W", "identifier.license_id.structure"),
        (f"{PREFIX}.{TYPE_CODE}.{ISSUER}.2024.A0001.1.W", "identifier.license_id.structure"),
        (f"{PREFIX}.{ISSUER[:17]}4001.{ISSUER}.1.1.W", "identifier.license_id.type_code"),
        (f"{PREFIX}.{ISSUER}.{ISSUER}.1.1.W", "identifier.license_id.type_code"),
        (f"{PREFIX}.{TYPE_CODE[:18]}00A.{ISSUER}.1.1.W", "identifier.license_id.type_code"),
        (f"{PREFIX}.{TYPE_CODE}.{ISSUER[:17]}4.1.1.W", "identifier.license_id.issuer_code"),
        (f"{PREFIX}.{TYPE_CODE}.{ISSUER}..1.W", "identifier.license_id.serial"),
        (f"{PREFIX}.{TYPE_CODE}.{ISSUER}.{'1' * 65}.1.W", "identifier.license_id.serial"),
        (f"{PREFIX}.{TYPE_CODE}.{ISSUER}.1.V1.W", "identifier.license_id.version"),
        (f"{PREFIX}.{TYPE_CODE}.{ISSUER}.1.12345.W", "identifier.license_id.version"),
        (f"{PREFIX}.{TYPE_CODE}.{ISSUER}.2024A0001.1.X", "identifier.license_id.check"),
        (f"{PREFIX}.{TYPE_CODE}.{ISSUER}.2024A0001.1.WW", "identifier.license_id.check"),
    ],
)
def test_license_identifier_errors(value: str, code: str) -> None:
    assert_fails(parse_license_identifier, value, code)


def test_make_license_identifier_rejects_bad_components() -> None:
    with pytest.raises(IdentifierError) as caught:
        make_license_identifier(TYPE_CODE, ISSUER, "1", -1)
    assert caught.value.code == "identifier.license_id.version"
    with pytest.raises(IdentifierError) as caught:
        make_license_identifier(TYPE_CODE, ISSUER, "№1", 1)
    assert caught.value.code == "identifier.license_id.serial"


@st.composite
def license_identifiers(draw: st.DrawFn) -> str:
    type_code = draw(credit_codes()) + draw(st.text(DIGITS, min_size=3, max_size=3))
    serial = draw(st.text(ALNUM, min_size=1, max_size=20))
    return make_license_identifier(type_code, draw(credit_codes()), serial, draw(st.integers(0, 9999)))


def _is_valid_license_identifier(value: str) -> bool:
    try:
        parse_license_identifier(value)
    except IdentifierError:
        return False
    return True


@FAST
@given(license_identifiers())
def test_generated_license_identifiers_are_valid(value: str) -> None:
    assert parse_license_identifier(value).value == value


@FAST
@given(license_identifiers(), st.data())
def test_any_single_substitution_in_a_license_identifier_is_rejected(value: str, data: st.DataObject) -> None:
    position = data.draw(st.sampled_from([i for i, ch in enumerate(value) if ch != "."]))
    replacement = ALNUM[(ALNUM.index(value[position]) + data.draw(st.integers(1, 35))) % 36]
    mutated = value[:position] + replacement + value[position + 1 :]
    assert not _is_valid_license_identifier(mutated)


# --- Phones and the message table ---------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "8613812345678",
        "0086-13812345678",
        "１３８１２３４５６７８",
        "＋８６\u3000１３８１２３４５６７８",
    ],
)
def test_mobile_phone_normalisation(value: str) -> None:
    assert parse_mobile_phone(value) == "13812345678"
    assert mask_phone(value) == "138****5678"


@pytest.mark.parametrize(
    ("value", "code", "params"),
    [
        ("1381234567a", "identifier.phone.characters", {"position": 11}),
        ("+1 415 555 0100", "identifier.phone.characters", {"position": 1}),
        ("1381234567", "identifier.phone.length", {"length": 10}),
        ("138123456789", "identifier.phone.length", {"length": 12}),
        ("12812345678", "identifier.phone.prefix", {}),
        ("23812345678", "identifier.phone.prefix", {}),
    ],
)
def test_mobile_phone_errors(value: str, code: str, params: dict[str, int]) -> None:
    assert_fails(parse_mobile_phone, value, code, **params)


def test_mask_phone_short_and_normalize() -> None:
    assert mask_phone("12345") == "*****"
    assert normalize_phone(" 0086 139-0000-0000 ") == "13900000000"


def test_every_message_is_chinese_and_renders() -> None:
    params = {"length": 1, "position": 1, "expected": 18, "max": 64}
    for key, message in MESSAGES.items():
        text = str(message) % params
        assert "%" not in text, key
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), key
        assert key.partition(":")[0].split(".")[0] in {
            "id_number",
            "credit_code",
            "organization_code",
            "region_code",
            "license_id",
            "phone",
        }
