"""The expression sandbox: what a BPMN condition or DMN cell may say, and how it is evaluated.

SpiffWorkflow evaluates conditions and DMN cells as Python. Uploaded processes are written by
staff, so every expression is checked against an allow-list of syntax at upload (``engine``)
and again, compiled and cached, each time it is evaluated here — with a handful of pure functions
as the only builtins and no way to run a script.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable
from typing import Any

from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment


class UnsafeExpression(ValueError):
    """An expression uses syntax outside the allow-list."""


_SAFE_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "len": len,
    "min": min,
    "max": max,
    "abs": abs,
    "sum": sum,
    "any": any,
    "all": all,
    "bool": bool,
    "int": int,
    "float": float,
    "str": str,
    "round": round,
}
_ALLOWED_NODES: tuple[type[ast.AST], ...] = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.Not,
    ast.USub,
    ast.UAdd,
    ast.BinOp,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.FloorDiv,
    ast.Mod,
    ast.Compare,
    ast.Eq,
    ast.NotEq,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.In,
    ast.NotIn,
    ast.Is,
    ast.IsNot,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.List,
    ast.Tuple,
    ast.Set,
    ast.Dict,
    ast.Subscript,
    ast.Slice,
    ast.IfExp,
    ast.Call,
)
MAX_EXPRESSION_LENGTH = 2000


def check_expression(expression: str) -> ast.Expression:
    """Parse ``expression`` and check it against the allow-list; raises ``UnsafeExpression``."""
    if len(expression) > MAX_EXPRESSION_LENGTH:
        raise UnsafeExpression("expression too long")
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as exc:
        raise UnsafeExpression(f"syntax error: {exc.msg}") from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_NODES):
            raise UnsafeExpression(f"{type(node).__name__} is not allowed")
        if isinstance(node, ast.Name) and node.id.startswith("_"):
            raise UnsafeExpression(f"name {node.id!r} is not allowed")
        if isinstance(node, ast.Call) and (
            not isinstance(node.func, ast.Name) or node.func.id not in _SAFE_FUNCTIONS or node.keywords
        ):
            raise UnsafeExpression("only len/min/max/abs/sum/any/all/bool/int/float/str/round may be called")
    return tree


@functools.lru_cache(maxsize=4096)
def _compiled(expression: str) -> Any:
    return compile(check_expression(expression), "<expression>", "eval")


class _SafeEnvironment(BasePythonScriptEngineEnvironment):
    """Evaluates allow-listed expressions over task data without builtins; runs no scripts."""

    def evaluate(self, expression: str, context: dict[str, Any], external_context: dict[str, Any] | None = None) -> Any:
        code = _compiled(expression)
        scope = dict(context)
        if external_context:
            scope.update(external_context)
        scope["__builtins__"] = _SAFE_FUNCTIONS
        return eval(code, scope)  # noqa: S307 - allow-listed syntax, no builtins, no attributes

    def execute(self, script: str, context: dict[str, Any], external_context: dict[str, Any] | None = None) -> bool:
        raise UnsafeExpression("scripts are not allowed in govhall processes")

    def call_service(self, context: dict[str, Any], **kwargs: Any) -> Any:
        raise UnsafeExpression("service tasks are not allowed in govhall processes")


SCRIPT_ENGINE = PythonScriptEngine(environment=_SafeEnvironment())
