"""The sandbox real-name provider: behaves like the population-registry comparison service.

It knows a fixed, documented test set (below and in docs/operations.md). Every ID number is a
valid GB 11643 number; none belongs to a real person as far as anyone can know.

| ID number            | name   | answer                                              |
| -------------------- | ------ | --------------------------------------------------- |
| 350602198503120314   | 张三   | match (demo citizen)                                |
| 35060319900708022X   | 李四   | match (demo citizen)                                |
| 350623197811250468   | 王芳   | match (demo citizen)                                |
| 350681196205010172   | 陈建国 | match (demo citizen)                                |
| 11010519491231002X   | 赵敏   | match                                               |
| 350602200001010019   | 林晓   | match                                               |
| 35060219950615002X   | 黄丽   | match                                               |
| 350602197001010030   | any    | timeout (retryable)                                 |
| 350602198008080044   | any    | source unavailable (retryable)                      |
| 35060219991231005X   | any    | record cancelled, 户籍已注销 (terminal)             |

Any other pair, or a listed ID number with another name, is a mismatch.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from govhall.accounts.realname.base import (
    MatchResult,
    RealNameProvider,
    RetryableProviderError,
    TerminalProviderError,
)

KNOWN_PEOPLE: dict[str, str] = {
    "350602198503120314": "张三",
    "35060319900708022X": "李四",
    "350623197811250468": "王芳",
    "350681196205010172": "陈建国",
    "11010519491231002X": "赵敏",
    "350602200001010019": "林晓",
    "35060219950615002X": "黄丽",
}
TIMEOUT_ID = "350602197001010030"
UNAVAILABLE_ID = "350602198008080044"
CANCELLED_ID = "35060219991231005X"


class SandboxProvider(RealNameProvider):
    name: ClassVar[str] = "sandbox"

    def verify_identity(self, *, id_number: str, real_name: str) -> MatchResult:
        reference = f"SBX{secrets.token_hex(8).upper()}"
        if id_number == TIMEOUT_ID:
            # What the real gateway client raises when no answer came within the timeout.
            raise RetryableProviderError("timeout", f"no answer within {self.options.timeout_seconds:g} s")
        if id_number == UNAVAILABLE_ID:
            raise RetryableProviderError("unavailable", "source answered 503")
        if id_number == CANCELLED_ID:
            raise TerminalProviderError("record_cancelled", "the registry reports the record as cancelled")
        expected = KNOWN_PEOPLE.get(id_number)
        return MatchResult(matched=expected is not None and expected == real_name.strip(), reference=reference)
