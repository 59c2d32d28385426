"""Upload validation and the expression sandbox (engine.py), through the install service."""

from __future__ import annotations

import pytest

from govhall.core.errors import PermissionDenied, ValidationFailed
from govhall.core.models import AuditEvent
from govhall.workflow import engine
from govhall.workflow.models import ProcessDefinition
from govhall.workflow.services import process_definition_install

from .conftest import SYSTEM, actor_of, bundled, staff_with
from .samples import gateway, linear

pytestmark = pytest.mark.django_db


def install(bpmn: str, *, key: str = "sample", dmn_xmls: tuple[str, ...] = (), actor=SYSTEM):
    return process_definition_install(actor=actor, key=key, name="", bpmn_xml=bpmn, dmn_xmls=dmn_xmls)


def refused(bpmn: str, code: str, **kwargs) -> ValidationFailed:
    before = (ProcessDefinition.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationFailed) as error:
        install(bpmn, **kwargs)
    assert error.value.code == f"workflow.{code}", error.value.message
    assert (ProcessDefinition.objects.count(), AuditEvent.objects.count()) == before
    return error.value


def test_a_valid_process_installs_as_version_one_with_its_spec_serialized_once():
    definition = install(linear())
    assert (definition.key, definition.version, definition.name) == ("sample", 1, "示例流程")
    assert definition.user_tasks == [{"id": "task", "name": "审核", "role": "reviewer", "requires_decision": "false"}]
    assert '"spec"' in definition.spec_json and len(definition.spec_digest) == 64
    assert AuditEvent.objects.filter(action="workflow.definition.install").count() == 1


def test_installing_identical_content_again_keeps_the_version_and_a_change_makes_a_new_one():
    first = install(linear())
    assert install(linear()).pk == first.pk
    second = install(linear('<bpmn:userTask id="task" name="复核" />'))
    assert (second.version, ProcessDefinition.objects.filter(key="sample").count()) == (2, 2)


def test_malformed_xml_is_refused():
    error = refused(linear()[:-30], "xml_invalid")
    assert "XML" in error.message


def test_a_dtd_or_entity_is_refused():
    evil = linear().replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    )
    refused(evil.replace('name="审核"', 'name="&xxe;"'), "xml_unsafe")


def test_a_script_task_is_refused():
    error = refused(
        linear('<bpmn:scriptTask id="task" name="脚本"><bpmn:script>import os</bpmn:script></bpmn:scriptTask>'),
        "element_forbidden",
    )
    assert "scriptTask" in error.message


@pytest.mark.parametrize("element", ["serviceTask", "callActivity", "subProcess", "manualTask", "sendTask"])
def test_other_executable_elements_are_refused(element):
    refused(linear(f'<bpmn:{element} id="task" name="x" />'), "element_forbidden")


def test_a_pre_script_on_a_user_task_is_refused():
    task = (
        '<bpmn:userTask id="task" name="审核"><bpmn:extensionElements>'
        "<spiffworkflow:preScript>import os; os.system('id')</spiffworkflow:preScript>"
        "</bpmn:extensionElements></bpmn:userTask>"
    )
    refused(linear(task), "extension_forbidden")


def test_a_missing_process_id_is_refused():
    error = refused(linear(key="other"), "process_missing")
    assert "sample" in error.message


def test_an_invalid_key_is_refused():
    refused(linear(key="Bad-Key"), "key_invalid", key="Bad-Key")


def test_a_file_that_is_not_bpmn_is_refused():
    refused('<?xml version="1.0"?><html><body/></html>', "not_bpmn")


def test_an_unknown_lane_is_refused():
    error = refused(linear(lane="财务人员"), "lane_unknown")
    assert "财务人员" in error.message


def test_a_user_task_without_lane_or_role_is_refused():
    refused(linear(lane=""), "role_missing")


def test_a_role_property_can_stand_in_for_the_lane():
    task = (
        '<bpmn:userTask id="task" name="决定"><bpmn:extensionElements><spiffworkflow:properties>'
        '<spiffworkflow:property name="role" value="decider" />'
        "</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>"
    )
    assert install(linear(task, lane="")).user_tasks[0]["role"] == "decider"


def test_an_unknown_task_property_is_refused():
    task = (
        '<bpmn:userTask id="task" name="审核"><bpmn:extensionElements><spiffworkflow:properties>'
        '<spiffworkflow:property name="deparment_variable" value="x" />'
        "</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask>"
    )
    refused(linear(task), "property_unknown")


def test_a_plain_gateway_condition_is_accepted():
    assert install(gateway("age &gt;= 18 and region in ['350602', '350603']")).version == 1


@pytest.mark.parametrize(
    "condition",
    [
        "__import__('os').system('id')",
        "age.__class__",
        "open('/etc/passwd')",
        "[x for x in range(3)]",
        "(lambda: 1)()",
        "_secret == 1",
        "x = 1",
    ],
)
def test_an_unsafe_gateway_condition_is_refused(condition):
    refused(gateway(condition.replace("<", "&lt;")), "expression_unsafe")


def test_a_dmn_with_an_unsafe_cell_is_refused():
    dmn = bundled("instant_approval.dmn").replace(
        '<text>"年满18周岁且持有有效证照，符合秒批条件"</text>', "<text>__import__('os').getcwd()</text>"
    )
    refused(bundled("instant_approval.bpmn"), "expression_unsafe", key="instant_approval", dmn_xmls=(dmn,))


def test_a_business_rule_task_without_its_decision_is_refused():
    refused(bundled("instant_approval.bpmn"), "spec_invalid", key="instant_approval")


def test_a_schema_violation_is_refused():
    refused(linear().replace('sourceRef="start" ', ""), "spec_invalid")


def test_only_process_admins_may_upload(department):
    reviewer = staff_with(department, "reviewer")
    with pytest.raises(PermissionDenied):
        install(linear(), actor=actor_of(reviewer))
    assert not ProcessDefinition.objects.exists()
    admin = staff_with(department, "catalog_admin")
    definition = install(linear(), actor=actor_of(admin))
    assert definition.uploaded_by_id == admin.pk


@pytest.mark.parametrize(
    "expression",
    ["age >= 18", "has_license == True", "len(departments) > 1", "form['kind'] in ('a', 'b')", "-1 < x <= 3"],
)
def test_the_allow_list_accepts_plain_expressions(expression):
    engine.check_expression(expression)


@pytest.mark.parametrize(
    "expression", ["a.b", "__builtins__", "getattr(a, 'b')", "len(*a)", "f'{a}'", "a if b else c.d", "2 ** 100"]
)
def test_the_allow_list_refuses_everything_else(expression):
    with pytest.raises(engine.UnsafeExpression):
        engine.check_expression(expression)


def test_the_runtime_environment_has_no_builtins_and_runs_no_scripts():
    environment = engine.SCRIPT_ENGINE.environment
    assert environment.evaluate("len(x) + 1", {"x": [1, 2]}) == 3
    with pytest.raises(engine.UnsafeExpression):
        environment.evaluate("x.__class__", {"x": 1})
    with pytest.raises(NameError):
        environment.evaluate("open", {})
    with pytest.raises(engine.UnsafeExpression):
        environment.execute("import os", {})
