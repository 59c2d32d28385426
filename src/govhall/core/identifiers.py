"""National identifiers: validation, normalisation and clear errors (DESIGN.md §6).

Covers GB 11643 citizen ID numbers, GB 32100 unified social credit codes (with the GB 11714
organisation code inside them), GB/T 2260 region codes, GB/T 36904 licence identifiers and
mainland mobile phone numbers. Every ``parse_*`` function normalises its input (surrounding and
inner whitespace removed, full-width characters such as ``０``/``Ｘ`` turned into ASCII, letters
upper-cased) and either returns the canonical value or raises ``IdentifierError`` with a stable
dotted ``code`` and a translated message. Messages never contain the identifier itself (personal
data); at most a length or a 1-based position.

Existence checks (is this region in the region table, is this credit code registered) belong to
the apps that own that data, not here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, Final, Literal, NoReturn

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from govhall.core.errors import ValidationFailed

Sex = Literal["male", "female"]
RegionLevel = Literal["province", "prefecture", "county", "township", "village"]


class IdentifierError(ValidationFailed):
    """An identifier a person typed is malformed; ``code`` is ``identifier.<kind>.<problem>``."""

    default_code = "identifier"


# Every message a person can see, keyed by error code; ``code:variant`` keys are extra wordings
# for the same stable code. Parameters are lengths and positions only, never the value itself.
MESSAGES: Final[Mapping[str, Promise]] = MappingProxyType(
    {
        "id_number.length": _("身份证号码应为18位（或15位旧号码），您输入了%(length)d位。请核对后重新输入。"),
        "id_number.length:check": _("计算校验位需要身份证号码的前17位，您提供了%(length)d位。"),
        "id_number.length:legacy": _("只有15位的旧身份证号码可以升级，您输入了%(length)d位。"),
        "id_number.characters": _(
            "身份证号码第%(position)d位含有无效字符：前17位只能是数字，最后一位是数字或字母X。请核对。"
        ),
        "id_number.characters:legacy": _("15位旧身份证号码只能包含数字，第%(position)d位不是数字，请核对。"),
        "id_number.region": _("身份证号码前两位不是有效的省级行政区划代码，请核对号码的前6位。"),
        "id_number.date": _("身份证号码中的出生日期（第7至14位）不是有效日期，请核对。"),
        "id_number.date:range": _("身份证号码中的出生日期（第7至14位）应在1900年1月1日至今天之间，请核对。"),
        "id_number.check": _("身份证号码的校验位（最后一位）不正确，可能有数字输错，请逐位核对。"),
        "credit_code.length": _(
            "统一社会信用代码应为%(expected)d位，您输入了%(length)d位。请对照营业执照或登记证书核对。"
        ),
        "credit_code.characters": _(
            "统一社会信用代码第%(position)d位含有无效字符。代码只使用数字和大写字母（不含I、O、S、V、Z），请核对。"
        ),
        "credit_code.authority": _("统一社会信用代码第1位（登记管理部门代码）无效，请核对。"),
        "credit_code.org_type": _("统一社会信用代码第2位（机构类别代码）与第1位的登记管理部门不匹配，请核对。"),
        "credit_code.region": _("统一社会信用代码第3至8位应为登记管理机关的6位行政区划代码，请核对。"),
        "credit_code.check": _("统一社会信用代码的校验位（第18位）不正确，可能有字符输错，请逐位核对。"),
        "credit_code.organization_code": _("统一社会信用代码第9至17位（组织机构代码）的校验位不正确，请核对。"),
        "organization_code.length": _("组织机构代码本体应为8位，您提供了%(length)d位。"),
        "organization_code.characters": _("组织机构代码第%(position)d位含有无效字符，只能使用数字和大写字母。"),
        "region_code.length": _("行政区划代码应为6位（省、市、县级）或12位（乡镇、村级），您输入了%(length)d位。"),
        "region_code.characters": _("行政区划代码只能包含数字，第%(position)d位不是数字。"),
        "region_code.province": _("行政区划代码的前两位不是有效的省级代码，请核对。"),
        "region_code.structure": _("行政区划代码第5、6位不为00时，第3、4位（地市级）不能为00，请核对。"),
        "region_code.structure:short": _("乡镇级和村级以外的行政区划请使用6位代码。"),
        "region_code.structure:parent": _("12位行政区划代码的前6位应为地市级或县级代码，请核对。"),
        "region_code.structure:township": _("12位行政区划代码第7至9位（乡镇级）不能为000，请核对。"),
        "license_id.prefix": _("电子证照标识应以“1.2.156.3005.2.”开头，请核对。"),
        "license_id.structure": _(
            "电子证照标识应由证照类型代码、颁发机构代码、流水号、版本号和校验位五部分组成，以“.”分隔，请核对。"
        ),
        "license_id.characters": _("电子证照标识只能包含数字和大写字母，第%(position)d位无效。"),
        "license_id.type_code": _("证照类型代码应为证照定义机构的统一社会信用代码加3位数字，请核对。"),
        "license_id.issuer_code": _("证照颁发机构代码应为有效的统一社会信用代码，请核对。"),
        "license_id.serial": _("电子证照标识中的流水号应为1至%(max)d位数字或大写字母。"),
        "license_id.version": _("电子证照标识中的版本号应为1至4位数字。"),
        "license_id.check": _("电子证照标识的校验位不正确，可能有字符输错，请逐位核对。"),
        "phone.characters": _("手机号码第%(position)d位含有无效字符，只能输入数字。"),
        "phone.length": _("手机号码应为11位，您输入了%(length)d位。请核对后重新输入。"),
        "phone.prefix": _("手机号码应以13至19开头，请核对。"),
    }
)


def _fail(key: str, **params: Any) -> NoReturn:
    code = key.partition(":")[0]
    raise IdentifierError(MESSAGES[key], code=f"identifier.{code}", params=params)


# Full-width forms (U+FF01–U+FF5E) map onto ASCII 0x21–0x7E; U+3000 is the ideographic space.
_FULLWIDTH_TO_ASCII: Final = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_DIGITS: Final = "0123456789"
_ALNUM: Final = _DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _compact(value: str) -> str:
    return "".join(value.translate(_FULLWIDTH_TO_ASCII).split()).upper()


def _first_bad(value: str, allowed: str) -> int | None:
    """1-based position of the first character of ``value`` not in ``allowed``."""
    return next((i for i, ch in enumerate(value, 1) if ch not in allowed), None)


def _require(value: str, allowed: str, key: str) -> None:
    if (position := _first_bad(value, allowed)) is not None:
        _fail(key, position=position)


# GB/T 2260 province-level codes: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 (Taiwan),
# 81 (Hong Kong), 82 (Macao).
PROVINCE_CODES: Final = frozenset(
    f"{n:02d}"
    for lo, hi in ((11, 15), (21, 23), (31, 37), (41, 46), (50, 54), (61, 65), (71, 71), (81, 82))
    for n in range(lo, hi + 1)
)
# ID numbers additionally accept 83: residence permits for Taiwan residents (港澳台居民居住证, 2018)
# carry GB 11643 numbers with address code 830000 (Hong Kong and Macao residents get 810000 and
# 820000), while GB/T 2260 itself uses 71 for Taiwan. Numbers starting with 9 (the 2023
# foreigner's permanent residence ID card) follow another scheme and are rejected.
ID_NUMBER_PROVINCE_CODES: Final = PROVINCE_CODES | {"83"}

# --- GB 11643 citizen ID numbers ----------------------------------------------------------------

_ID_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS: Final = "10X98765432"
_EARLIEST_BIRTH_DATE: Final = date(1900, 1, 1)


@dataclass(frozen=True, slots=True, repr=False)
class IdNumber:
    """A valid 18-character citizen ID number and what it encodes."""

    value: str
    region_code: str
    birth_date: date
    sex: Sex

    def __repr__(self) -> str:  # keep the full number out of logs and tracebacks
        return f"IdNumber({mask_id_number(self.value)!r})"


def normalize_id_number(value: str) -> str:
    """Remove whitespace, turn full-width characters into ASCII, upper-case ``x``. Never raises."""
    return _compact(value)


def id_number_check_char(first17: str) -> str:
    """The GB 11643 check character (``0``–``9`` or ``X``) for the first 17 digits.

    Raises ``IdentifierError`` (``identifier.id_number.length`` / ``.characters``).
    """
    if len(first17) != 17:
        _fail("id_number.length:check", length=len(first17))
    _require(first17, _DIGITS, "id_number.characters")
    total = sum(int(ch) * w for ch, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def parse_id_number(value: str, *, today: date | None = None) -> IdNumber:
    """Validate a citizen ID number; a 15-digit legacy number is upgraded to 18 characters.

    ``today`` (default: the local date) bounds the birth date. Raises ``IdentifierError`` with
    code ``identifier.id_number.`` + ``length``, ``characters``, ``region``, ``date`` or ``check``.
    """
    number = normalize_id_number(value)
    if len(number) == 15:
        _require(number, _DIGITS, "id_number.characters:legacy")
        first17 = number[:6] + "19" + number[6:]
        number = first17 + id_number_check_char(first17)
    elif len(number) != 18:
        _fail("id_number.length", length=len(number))
    _require(number[:17], _DIGITS, "id_number.characters")
    if number[17] not in _ID_CHECK_CHARS:
        _fail("id_number.characters", position=18)
    if number[:2] not in ID_NUMBER_PROVINCE_CODES:
        _fail("id_number.region")
    try:
        birth_date = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        _fail("id_number.date")
    if not _EARLIEST_BIRTH_DATE <= birth_date <= (today or timezone.localdate()):
        _fail("id_number.date:range")
    if id_number_check_char(number[:17]) != number[17]:
        _fail("id_number.check")
    sex: Sex = "male" if int(number[16]) % 2 else "female"
    return IdNumber(value=number, region_code=number[:6], birth_date=birth_date, sex=sex)


def is_valid_id_number(value: str) -> bool:
    """Whether ``parse_id_number`` accepts ``value``; never raises."""
    try:
        parse_id_number(value)
    except IdentifierError:
        return False
    return True


def upgrade_legacy_id_number(value: str) -> str:
    """Turn a 15-digit legacy number into its 18-character form ("19" + year, check appended).

    Raises ``IdentifierError``: ``identifier.id_number.length`` unless 15 characters, otherwise
    as ``parse_id_number``.
    """
    number = normalize_id_number(value)
    if len(number) != 15:
        _fail("id_number.length:legacy", length=len(number))
    return parse_id_number(number).value


def mask_id_number(value: str) -> str:
    """Keep the first and last four characters, star the rest (``3506**********123X``).

    Works on any input, valid or not; never raises.
    """
    number = normalize_id_number(value)
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


# --- GB 32100 unified social credit codes, GB 11714 organisation codes --------------------------

CREDIT_CODE_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_CREDIT_VALUES: Final = {ch: i for i, ch in enumerate(CREDIT_CODE_ALPHABET)}
_CREDIT_WEIGHTS: Final = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORGANIZATION_WEIGHTS: Final = (3, 7, 9, 10, 5, 8, 4, 2)

# GB 32100-2015 registration authorities (position 1) and the organisation types each assigns
# (position 2), with the later additions A and N:
# 1 机构编制: 1 机关, 2 事业单位, 3 中央编办直接管理机构编制的群众团体, 9 其他
# 2 外交: 1 外国常驻新闻机构, 9 其他
# 3 司法行政: 1 律师执业机构, 2 公证处, 3 基层法律服务所, 4 司法鉴定机构, 5 仲裁委员会, 9 其他
# 4 文化: 1 外国在华文化中心, 9 其他
# 5 民政: 1 社会团体, 2 民办非企业单位, 3 基金会, 9 其他
# 6 旅游: 1 外国旅游部门常驻代表机构, 2 港澳台地区旅游部门常驻内地（大陆）代表机构, 9 其他
# 7 宗教: 1 宗教活动场所, 2 宗教院校, 9 其他
# 8 工会: 1 基层工会, 9 其他
# 9 工商（市场监管）: 1 企业, 2 个体工商户, 3 农民专业合作社
# A 中央军委改革和编制办公室: 1 军队事业单位, 9 其他
# N 农业: 1 组级、2 村级、3 乡镇级集体经济组织, 9 其他
# Y 其他: 1 only (no further types)
CREDIT_CODE_ORG_TYPES: Final[Mapping[str, str]] = MappingProxyType(
    {"1": "1239", "2": "19", "3": "123459", "4": "19", "5": "1239", "6": "129", "7": "129"}
    | {"8": "19", "9": "123", "A": "19", "N": "1239", "Y": "1"}
)
# National-level registration authorities use 100000 (the whole country) as region code.
NATIONAL_REGION_CODE: Final = "100000"


@dataclass(frozen=True, slots=True)
class CreditCode:
    """A valid unified social credit code and its parts."""

    value: str
    authority_code: str  # position 1, registration authority
    org_type_code: str  # position 2, organisation type within that authority
    region_code: str  # positions 3–8, region of the registering office
    organization_code: str  # positions 9–17, GB 11714 code including its own check character


def normalize_credit_code(value: str) -> str:
    """Remove whitespace, turn full-width characters into ASCII, upper-case. Never raises."""
    return _compact(value)


def _require_credit_chars(value: str, length: int) -> None:
    if len(value) != length:
        _fail("credit_code.length", expected=length, length=len(value))
    _require(value, CREDIT_CODE_ALPHABET, "credit_code.characters")


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters (mod 31).

    Raises ``IdentifierError`` (``identifier.credit_code.length`` / ``.characters``).
    """
    _require_credit_chars(first17, 17)
    total = sum(_CREDIT_VALUES[ch] * w for ch, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def organization_code_check_char(first8: str) -> str:
    """The GB 11714 check character (``0``–``9`` or ``X``) for an 8-character organisation body.

    Letters count as ``ord(c) - 55`` (A = 10 … Z = 35). Raises ``IdentifierError``
    (``identifier.organization_code.length`` / ``.characters``).
    """
    if len(first8) != 8:
        _fail("organization_code.length", length=len(first8))
    _require(first8, _ALNUM, "organization_code.characters")
    total = sum(_ALNUM.index(ch) * w for ch, w in zip(first8, _ORGANIZATION_WEIGHTS, strict=True))
    remainder = 11 - total % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def parse_credit_code(value: str) -> CreditCode:
    """Validate a unified social credit code, including the GB 11714 code inside it.

    Raises ``IdentifierError`` with code ``identifier.credit_code.`` + ``length``,
    ``characters``, ``authority``, ``org_type``, ``region``, ``check`` or ``organization_code``.
    """
    code = normalize_credit_code(value)
    _require_credit_chars(code, 18)
    authority, org_type, region, organization = code[0], code[1], code[2:8], code[8:17]
    if authority not in CREDIT_CODE_ORG_TYPES:
        _fail("credit_code.authority")
    if org_type not in CREDIT_CODE_ORG_TYPES[authority]:
        _fail("credit_code.org_type")
    if region != NATIONAL_REGION_CODE and not _is_region_code(region):
        _fail("credit_code.region")
    # The overall check first: a typo anywhere is then reported as a typo.
    if credit_code_check_char(code[:17]) != code[17]:
        _fail("credit_code.check")
    if organization_code_check_char(organization[:8]) != organization[8]:
        _fail("credit_code.organization_code")
    return CreditCode(code, authority, org_type, region, organization)


def is_valid_credit_code(value: str) -> bool:
    """Whether ``parse_credit_code`` accepts ``value``; never raises."""
    try:
        parse_credit_code(value)
    except IdentifierError:
        return False
    return True


def make_credit_code(authority: str, org_type: str, region: str, org_body8: str) -> str:
    """Build a valid credit code from its parts, computing both check characters.

    Raises ``ValueError`` if a part has the wrong length (a programming error) and
    ``IdentifierError`` as ``parse_credit_code`` if the parts do not form a valid code.
    """
    parts = [_compact(part) for part in (authority, org_type, region, org_body8)]
    if [len(part) for part in parts] != [1, 1, 6, 8]:
        raise ValueError("credit code parts must have lengths 1, 1, 6 and 8")
    first17 = "".join(parts) + organization_code_check_char(parts[3])
    return parse_credit_code(first17 + credit_code_check_char(first17)).value


# --- GB/T 2260 region codes ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegionCode:
    """A structurally valid region code, its level and the code of the level above."""

    value: str
    level: RegionLevel
    parent: str | None  # None for a province


def parse_region_code(value: str) -> RegionCode:
    """Check the format and structure of a 6- or 12-digit region code, not its existence.

    6 digits: province ``PP0000``, prefecture ``PPCC00``, county ``PPCCDD``. 12 digits: a
    prefecture- or county-level code plus township ``TTT`` (≠ 000) and village ``VVV``. Raises
    ``IdentifierError`` with code ``identifier.region_code.`` + ``length``, ``characters``,
    ``province`` or ``structure``.
    """
    code = _compact(value)
    if len(code) not in (6, 12):
        _fail("region_code.length", length=len(code))
    _require(code, _DIGITS, "region_code.characters")
    if code[:2] not in PROVINCE_CODES:
        _fail("region_code.province")
    prefecture, county, township, village = code[2:4], code[4:6], code[6:9], code[9:12]
    if prefecture == "00" and county != "00":
        _fail("region_code.structure")
    if len(code) == 6:
        if prefecture == "00":
            return RegionCode(code, "province", None)
        if county == "00":
            return RegionCode(code, "prefecture", code[:2] + "0000")
        return RegionCode(code, "county", code[:4] + "00")
    if township == "000" and village == "000":
        _fail("region_code.structure:short")
    if prefecture == "00":
        _fail("region_code.structure:parent")
    if township == "000":
        _fail("region_code.structure:township")
    if village == "000":
        # Townships of prefectures without counties (e.g. 东莞 441900) hang off the prefecture.
        return RegionCode(code, "township", code[:6])
    return RegionCode(code, "village", code[:9] + "000")


def _is_region_code(value: str) -> bool:
    try:
        parse_region_code(value)
    except IdentifierError:
        return False
    return True


# --- GB/T 36904 electronic licence identifiers --------------------------------------------------

LICENSE_ID_PREFIX: Final = "1.2.156.3005.2"
LICENSE_SERIAL_MAX_LENGTH: Final = 64
_SERIAL_RE: Final = re.compile(rf"[0-9A-Z]{{1,{LICENSE_SERIAL_MAX_LENGTH}}}")
_VERSION_RE: Final = re.compile(r"[0-9]{1,4}")


@dataclass(frozen=True, slots=True)
class LicenseIdentifier:
    """A valid licence identifier and its components."""

    value: str
    type_code: str  # the defining authority's credit code + 3 digits
    issuer_code: str  # the issuing department's credit code
    serial: str
    version: str  # digits as written: the check covers them verbatim
    check_char: str


def license_check_char(text: str) -> str:
    """ISO/IEC 7064 MOD 37,36 check character over ``text`` (digits and A–Z).

    Hybrid system: P = 36; per character S = (P + value) mod 36 (0 counts as 36), P = 2·S mod 37;
    the check c makes (P + c) mod 36 = 1. It detects every single substitution but not every
    adjacent transposition (``IJ`` and ``JI`` share a check). Raises ``IdentifierError``
    (``identifier.license_id.characters``).
    """
    _require(text, _ALNUM, "license_id.characters")
    p = 36
    for ch in text:
        p = ((p + _ALNUM.index(ch)) % 36 or 36) * 2 % 37
    return _ALNUM[(1 - p) % 36]


def _license_body(type_code: str, issuer_code: str, serial: str, version: str) -> str:
    """Validate the components and join them after the prefix, without the check."""
    if not (
        len(type_code) == 21 and _first_bad(type_code[18:], _DIGITS) is None and is_valid_credit_code(type_code[:18])
    ):
        _fail("license_id.type_code")
    if not is_valid_credit_code(issuer_code):
        _fail("license_id.issuer_code")
    if not _SERIAL_RE.fullmatch(serial):
        _fail("license_id.serial", max=LICENSE_SERIAL_MAX_LENGTH)
    if not _VERSION_RE.fullmatch(version):
        _fail("license_id.version")
    return ".".join((LICENSE_ID_PREFIX, type_code, issuer_code, serial, version))


def make_license_identifier(type_code: str, issuer_code: str, serial: str, version: int | str) -> str:
    """Build ``1.2.156.3005.2.<type>.<issuer>.<serial>.<version>.<check>``.

    Raises ``IdentifierError`` (``identifier.license_id.type_code``, ``.issuer_code``,
    ``.serial`` or ``.version``) for an invalid component.
    """
    body = _license_body(_compact(type_code), _compact(issuer_code), _compact(serial), str(version))
    return f"{body}.{license_check_char(body.replace('.', ''))}"


def parse_license_identifier(value: str) -> LicenseIdentifier:
    """Validate a GB/T 36904 licence identifier.

    Raises ``IdentifierError`` with code ``identifier.license_id.`` + ``prefix``, ``structure``,
    ``type_code``, ``issuer_code``, ``serial``, ``version`` or ``check``.
    """
    identifier = _compact(value)
    if not identifier.startswith(LICENSE_ID_PREFIX + "."):
        _fail("license_id.prefix")
    components = identifier[len(LICENSE_ID_PREFIX) + 1 :].split(".")
    if len(components) != 5:
        _fail("license_id.structure")
    type_code, issuer_code, serial, version, check = components
    body = _license_body(type_code, issuer_code, serial, version)
    if check != license_check_char(body.replace(".", "")):
        _fail("license_id.check")
    return LicenseIdentifier(identifier, type_code, issuer_code, serial, version, check)


# --- Mainland mobile phone numbers --------------------------------------------------------------

_MOBILE_RE: Final = re.compile(r"1[3-9][0-9]{9}")


def normalize_phone(value: str) -> str:
    """Remove whitespace, dashes and a ``+86``/``0086``/``86`` prefix; full-width to ASCII.

    Does not validate; never raises.
    """
    phone = "".join(value.translate(_FULLWIDTH_TO_ASCII).split()).replace("-", "")
    for prefix in ("+86", "0086"):
        if phone.startswith(prefix):
            return phone[len(prefix) :]
    if len(phone) == 13 and phone.startswith("86"):
        return phone[2:]
    return phone


def parse_mobile_phone(value: str) -> str:
    """Validate a mainland mobile number and return its 11 digits.

    Raises ``IdentifierError`` with code ``identifier.phone.`` + ``characters``, ``length`` or
    ``prefix``.
    """
    phone = normalize_phone(value)
    _require(phone, _DIGITS, "phone.characters")
    if len(phone) != 11:
        _fail("phone.length", length=len(phone))
    if not _MOBILE_RE.fullmatch(phone):
        _fail("phone.prefix")
    return phone


def mask_phone(value: str) -> str:
    """Keep the first three and last four digits (``138****5678``). Never raises."""
    phone = normalize_phone(value)
    if len(phone) < 8:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
