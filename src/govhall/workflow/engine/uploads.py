"""Checking and parsing uploaded BPMN/DMN files (see the safety rules in docs/workflow.md)."""

from __future__ import annotations

import ast
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from django.utils.translation import gettext_lazy as _
from lxml import etree
from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask, MultiInstanceTask
from SpiffWorkflow.bpmn.specs.mixins.user_task import UserTask as UserTaskMixin
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.parser.process import VALIDATOR, SpiffBpmnParser

from govhall.core.facade import ValidationFailed
from govhall.workflow.constants import (
    LANE_NAMES,
    MAX_DMN_FILES,
    MAX_PROCESS_FILE_BYTES,
    PROCESS_KEY_RE,
    PROP_DEPARTMENT_VARIABLE,
    PROP_DUE_VARIABLE,
    PROP_OUTCOME_VARIABLE,
    PROP_REQUIRES_DECISION,
    PROP_ROLE,
    TASK_PROPERTIES,
    VARIABLE_RE,
    WORK_ROLES,
)
from govhall.workflow.engine.expressions import UnsafeExpression, check_expression
from govhall.workflow.engine.runtime import SERIALIZER_VERSION, task_properties, thread_serializer

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
SPIFF_NS = "http://spiffworkflow.org/bpmn/schema/1.0/core"
DMN_NAMESPACES = frozenset(
    {
        "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
        "http://www.omg.org/spec/DMN/20180521/MODEL/",
        "https://www.omg.org/spec/DMN/20191111/MODEL/",
    }
)

# BPMN elements a process may contain: no scripts, services, call activities, messages, timers,
# signals, sub-processes or data stores. Diagram (DI) elements live in other namespaces.
# fmt: off
ALLOWED_BPMN_ELEMENTS = frozenset({
    "definitions", "collaboration", "participant", "process", "laneSet", "lane", "childLaneSet",
    "flowNodeRef", "startEvent", "endEvent", "terminateEventDefinition", "userTask", "task",
    "businessRuleTask", "exclusiveGateway", "inclusiveGateway", "parallelGateway", "sequenceFlow",
    "conditionExpression", "incoming", "outgoing", "multiInstanceLoopCharacteristics", "loopDataInputRef",
    "loopDataOutputRef", "inputDataItem", "outputDataItem", "loopCardinality", "completionCondition",
    "documentation", "extensionElements", "textAnnotation", "text", "association", "group", "category",
    "categoryValue",
})
# fmt: on
# spiffworkflow extension elements we read; preScript/postScript/serviceTaskOperator are refused.
ALLOWED_SPIFF_ELEMENTS = frozenset({"properties", "property", "calledDecisionId", "instructionsForEndUser"})
# fmt: off
ALLOWED_DMN_ELEMENTS = frozenset({
    "definitions", "decision", "decisionTable", "input", "inputExpression", "inputValues", "output",
    "outputValues", "rule", "inputEntry", "outputEntry", "description", "text", "annotationEntry",
    "extensionElements",
})
# fmt: on


def _invalid(message: Any, code: str, **params: Any) -> ValidationFailed:
    return ValidationFailed(message, code=f"workflow.{code}", params=params or None)


# -- parsing and validating uploads --------------------------------------------------------------


@dataclass(frozen=True)
class ParsedProcess:
    key: str
    name: str
    spec_json: str
    spec_digest: str
    user_tasks: list[dict[str, str]]
    decisions: dict[str, str]


def _parse_xml(text: str, *, label: str) -> Any:
    if not isinstance(text, str) or not text.strip():
        raise _invalid(_("%(file)s 为空，请选择要上传的文件。"), "file_empty", file=label)
    raw = text.encode("utf-8")
    if len(raw) > MAX_PROCESS_FILE_BYTES:
        raise _invalid(_("%(file)s 超过 1 MB，请精简后再上传。"), "file_too_large", file=label)
    try:
        # defusedxml refuses DTDs, entity declarations and external references outright.
        SafeElementTree.fromstring(raw, forbid_dtd=True)
    except DefusedXmlException:
        raise _invalid(_("%(file)s 含有 DTD 或实体声明，出于安全原因不予接受。"), "xml_unsafe", file=label) from None
    except SafeElementTree.ParseError as exc:
        raise _invalid(
            _("%(file)s 不是格式正确的 XML（%(detail)s），请用流程设计器重新导出。"),
            "xml_invalid",
            file=label,
            detail=str(exc),
        ) from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise _invalid(
            _("%(file)s 不是格式正确的 XML（%(detail)s），请用流程设计器重新导出。"),
            "xml_invalid",
            file=label,
            detail=str(exc),
        ) from None


def _qname(element: Any) -> tuple[str, str]:
    if not isinstance(element.tag, str):  # comments and processing instructions
        return "", ""
    q = etree.QName(element)
    return q.namespace or "", q.localname


def _expression_problem(expression: str, *, label: str, where: str) -> ValidationFailed | None:
    try:
        check_expression(expression)
    except UnsafeExpression as exc:
        return _invalid(
            _(
                "%(file)s 中 %(where)s 的表达式“%(expression)s”不被允许（%(detail)s）。只能使用比较、逻辑运算、"
                "算术运算和 len/min/max 等函数，不能调用其他函数或访问属性。"
            ),
            "expression_unsafe",
            file=label,
            where=where,
            expression=expression[:200],
            detail=str(exc),
        )
    return None


def _check_bpmn_document(root: Any, *, key: str, label: str) -> Any:
    """Walk the BPMN document; returns the ``process`` element whose id is ``key``."""
    namespace, localname = _qname(root)
    if (namespace, localname) != (BPMN_NS, "definitions"):
        raise _invalid(_("%(file)s 不是 BPMN 2.0 流程文件。"), "not_bpmn", file=label)
    process = None
    for element in root.iter():
        namespace, localname = _qname(element)
        if namespace == BPMN_NS:
            if localname not in ALLOWED_BPMN_ELEMENTS:
                raise _invalid(
                    _(
                        "%(file)s 含有不允许的元素 %(element)s"
                        "（流程中不得包含脚本、服务调用、子流程、消息或定时事件）。"
                    ),
                    "element_forbidden",
                    file=label,
                    element=localname,
                )
            if localname == "process" and element.get("id") == key:
                process = element
            if localname in ("conditionExpression", "completionCondition", "loopCardinality"):
                problem = _expression_problem(element.text or "", label=label, where=element.getparent().get("id", ""))
                if problem is not None:
                    raise problem
            if localname in ("loopDataInputRef", "loopDataOutputRef") and not VARIABLE_RE.match(element.text or ""):
                raise _invalid(
                    _("%(file)s 中多实例的数据引用“%(name)s”不是合法的变量名。"),
                    "variable_invalid",
                    file=label,
                    name=(element.text or "")[:64],
                )
            if localname in ("inputDataItem", "outputDataItem") and not VARIABLE_RE.match(element.get("name") or ""):
                raise _invalid(
                    _("%(file)s 中多实例的数据项“%(name)s”不是合法的变量名。"),
                    "variable_invalid",
                    file=label,
                    name=(element.get("name") or "")[:64],
                )
            if localname == "lane" and (element.get("name") or "").strip() not in LANE_NAMES:
                raise _invalid(
                    _(
                        "%(file)s 中的泳道“%(lane)s”不对应任何岗位角色，"
                        "请使用：窗口人员、审核人员、审批人员、部门管理员。"
                    ),
                    "lane_unknown",
                    file=label,
                    lane=(element.get("name") or "")[:64],
                )
        elif namespace == SPIFF_NS and localname not in ALLOWED_SPIFF_ELEMENTS:
            raise _invalid(
                _("%(file)s 含有不允许的扩展 %(element)s（不接受脚本和服务调用）。"),
                "extension_forbidden",
                file=label,
                element=localname,
            )
    if process is None:
        raise _invalid(
            _("%(file)s 中没有标识为“%(key)s”的流程，请检查流程标识（process id）。"),
            "process_missing",
            file=label,
            key=key,
        )
    if process.get("isExecutable") == "false":
        raise _invalid(_("流程“%(key)s”被标记为不可执行。"), "process_not_executable", key=key)
    return process


def _check_dmn_document(root: Any, *, label: str) -> dict[str, str]:
    """Walk one DMN document; returns {decision id: name}."""
    namespace, localname = _qname(root)
    if namespace not in DMN_NAMESPACES or localname != "definitions":
        raise _invalid(_("%(file)s 不是 DMN 决策表文件。"), "not_dmn", file=label)
    decisions: dict[str, str] = {}
    inputs: dict[str, list[str]] = {}
    for element in root.iter():
        el_namespace, el_localname = _qname(element)
        if el_namespace != namespace:
            continue  # diagram (DMNDI) and tool extensions: SpiffWorkflow ignores them
        if el_localname not in ALLOWED_DMN_ELEMENTS:
            raise _invalid(
                _("%(file)s 含有不支持的元素 %(element)s，只支持单个决策表。"),
                "element_forbidden",
                file=label,
                element=el_localname,
            )
        if el_localname == "decision":
            decisions[element.get("id", "")] = element.get("name", "") or element.get("id", "")
    ns = {"dmn": namespace}
    for table in root.iterfind(".//dmn:decisionTable", ns):
        table_id = table.get("id", "")
        expressions = [
            (node.findtext("dmn:inputExpression/dmn:text", default="", namespaces=ns) or "").strip()
            for node in table.iterfind("dmn:input", ns)
        ]
        for expression in expressions:
            if not expression:
                raise _invalid(_("%(file)s 的决策表每个输入列都必须有输入表达式。"), "dmn_input_missing", file=label)
            problem = _expression_problem(expression, label=label, where=table_id)
            if problem is not None:
                raise problem
        inputs[table_id] = expressions
        for rule in table.iterfind("dmn:rule", ns):
            rule_id = rule.get("id", "")
            entries = list(rule.iterfind("dmn:inputEntry", ns))
            if len(entries) != len(expressions):
                raise _invalid(
                    _("%(file)s 中规则 %(rule)s 的条件个数与输入列不一致。"), "dmn_rule_shape", file=label, rule=rule_id
                )
            for expression, entry in zip(expressions, entries, strict=True):
                text = (entry.findtext("dmn:text", default="", namespaces=ns) or "").strip()
                if not text:
                    raise _invalid(
                        _("%(file)s 中规则 %(rule)s 有空白条件；不限条件请填写“-”。"),
                        "dmn_entry_empty",
                        file=label,
                        rule=rule_id,
                    )
                problem = _dmn_entry_problem(expression, text, label=label, rule=rule_id)
                if problem is not None:
                    raise problem
            for entry in rule.iterfind("dmn:outputEntry", ns):
                text = (entry.findtext("dmn:text", default="", namespaces=ns) or "").strip()
                if text:
                    problem = _expression_problem(text, label=label, where=rule_id)
                    if problem is not None:
                        raise problem
    if not decisions:
        raise _invalid(_("%(file)s 中没有决策（decision）。"), "dmn_empty", file=label)
    return decisions


def _dmn_entry_problem(input_expression: str, text: str, *, label: str, rule: str) -> ValidationFailed | None:
    """Check a rule's input entry the way SpiffWorkflow's DMN engine will combine it."""
    if text == "-":
        return None
    if "?" in text:  # "4 < ? < 6": the engine puts the input value in place of "?"
        return _expression_problem(text.replace("?", "dmninputexpr"), label=label, where=rule)
    try:
        ast.parse(text, mode="eval")
        combined = f"({input_expression}) == ({text})"
    except SyntaxError:
        combined = input_expression + text  # an operator entry such as ">= 18"
    return _expression_problem(combined, label=label, where=rule)


def _check_user_task(task_spec: Any, properties: dict[str, str], *, label: str) -> str:
    """Check a user task's conventions; returns its role."""
    name = task_spec.bpmn_name or task_spec.bpmn_id
    unknown = set(properties) - TASK_PROPERTIES
    if unknown:
        raise _invalid(
            _("%(file)s 中环节“%(task)s”有未知的属性 %(names)s。"),
            "property_unknown",
            file=label,
            task=name,
            names=", ".join(sorted(unknown)),
        )
    role = properties.get(PROP_ROLE) or LANE_NAMES.get((task_spec.lane or "").strip(), "")
    if role not in WORK_ROLES:
        raise _invalid(
            _("%(file)s 中环节“%(task)s”没有指定岗位：请把它放进“审核人员”“审批人员”等泳道，或设置 role 属性。"),
            "role_missing",
            file=label,
            task=name,
        )
    for prop in (PROP_DEPARTMENT_VARIABLE, PROP_OUTCOME_VARIABLE, PROP_DUE_VARIABLE):
        if prop in properties and not VARIABLE_RE.match(properties[prop]):
            raise _invalid(
                _("%(file)s 中环节“%(task)s”的属性 %(prop)s 不是合法的变量名。"),
                "variable_invalid",
                file=label,
                task=name,
                prop=prop,
            )
    if properties.get(PROP_REQUIRES_DECISION, "false") not in ("true", "false"):
        raise _invalid(
            _("%(file)s 中环节“%(task)s”的 requires_decision 只能是 true 或 false。"),
            "property_invalid",
            file=label,
            task=name,
        )
    return role


def _iter_task_specs(process_spec: Any) -> Iterable[Any]:
    return process_spec.task_specs.values()


def parse_process(*, key: str, bpmn_xml: str, dmn_xmls: Sequence[str] = ()) -> ParsedProcess:
    """Validate and parse an uploaded process; raises ``ValidationFailed`` with a Chinese message.

    Checks: well-formed XML without DTD/entities, BPMN 2.0 schema, a process whose id is ``key``,
    only allowed elements (no script/service tasks, no pre/post scripts), allow-listed
    expressions, every user task in a known lane or with a ``role`` property, known task
    properties, DMN tables SpiffWorkflow can run, every called decision present.
    """
    if not isinstance(key, str) or not PROCESS_KEY_RE.match(key):
        raise _invalid(
            _("流程标识只能由小写字母、数字和下划线组成，以字母开头，长度 2–64。"), "key_invalid", key=str(key)[:64]
        )
    if len(dmn_xmls) > MAX_DMN_FILES:
        raise _invalid(_("一个流程最多附带 %(count)s 个决策表文件。"), "too_many_dmn", count=MAX_DMN_FILES)
    bpmn_root = _parse_xml(bpmn_xml, label="BPMN")
    process = _check_bpmn_document(bpmn_root, key=key, label="BPMN")
    decisions: dict[str, str] = {}
    dmn_roots = []
    for index, dmn in enumerate(dmn_xmls, start=1):
        label = f"DMN {index}"
        root = _parse_xml(dmn, label=label)
        found = _check_dmn_document(root, label=label)
        duplicated = set(found) & set(decisions)
        if duplicated:
            raise _invalid(
                _("决策“%(decision)s”在多个 DMN 文件中重复定义。"), "dmn_duplicate", decision=sorted(duplicated)[0]
            )
        decisions.update(found)
        dmn_roots.append((root, label))

    parser = SpiffBpmnParser(validator=VALIDATOR)
    try:
        parser.add_bpmn_xml(bpmn_root, filename="process.bpmn")
        for root, label in dmn_roots:
            parser.add_dmn_xml(root, filename=label)
        spec = parser.get_spec(key)
        subprocess_specs = parser.get_subprocess_specs(key)
    except ValidationException as exc:
        raise _invalid(
            _("流程文件校验未通过：%(detail)s。请在流程设计器中修正后重新上传。"), "spec_invalid", detail=str(exc)[:500]
        ) from None
    except (SpiffWorkflowException, etree.LxmlError, KeyError, ValueError) as exc:
        raise _invalid(
            _("流程文件无法解析：%(detail)s。请在流程设计器中修正后重新上传。"), "spec_invalid", detail=str(exc)[:500]
        ) from None

    user_tasks: list[dict[str, str]] = []
    for process_spec in [spec, *subprocess_specs.values()]:
        for task_spec in _iter_task_specs(process_spec):
            if isinstance(task_spec, MultiInstanceTask | LoopTask):
                continue  # its child spec (a user task) is checked below
            if isinstance(task_spec, UserTaskMixin):
                properties = task_properties(task_spec)
                role = _check_user_task(task_spec, properties, label="BPMN")
                user_tasks.append(
                    {
                        "id": task_spec.bpmn_id,
                        "name": task_spec.bpmn_name or "",
                        "role": role,
                        # "true" when completing the task decides the case (grant/deny)
                        "requires_decision": str(properties.get("requires_decision", "false")).lower(),
                    }
                )
    user_tasks.sort(key=lambda item: item["id"])

    serializer = thread_serializer()
    payload = {
        "serializer_version": SERIALIZER_VERSION,
        "spec": serializer.registry.convert(spec),
        "subprocess_specs": {name: serializer.registry.convert(value) for name, value in subprocess_specs.items()},
    }
    spec_json = json.dumps(payload, ensure_ascii=False, sort_keys=True, cls=serializer._encoder_cls)
    return ParsedProcess(
        key=key,
        name=process.get("name") or key,
        spec_json=spec_json,
        spec_digest=hashlib.sha256(spec_json.encode("utf-8")).hexdigest(),
        user_tasks=user_tasks,
        decisions=decisions,
    )
