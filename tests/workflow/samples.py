"""Small BPMN documents for tests (the bundled templates are read from ``processes/``)."""

from __future__ import annotations

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="https://example.org/bpmn">'
)
LANE = (
    '<bpmn:laneSet id="lanes"><bpmn:lane id="lane" name="{lane}">'
    "<bpmn:flowNodeRef>task</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>"
)


def linear(
    task: str = '<bpmn:userTask id="task" name="审核" />', *, key: str = "sample", lane: str = "审核人员"
) -> str:
    """start → task → end, with ``task`` in a lane named ``lane``."""
    lanes = LANE.format(lane=lane) if lane else ""
    return (
        f'{HEAD}<bpmn:process id="{key}" name="示例流程" isExecutable="true">{lanes}'
        '<bpmn:startEvent id="start" />'
        f"{task}"
        '<bpmn:endEvent id="end" />'
        '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />'
        '<bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />'
        "</bpmn:process></bpmn:definitions>"
    )


def gateway(condition: str, *, key: str = "sample") -> str:
    """start → exclusive gateway → (condition) end | (default) task → end."""
    return (
        f'{HEAD}<bpmn:process id="{key}" isExecutable="true">{LANE.format(lane="审核人员")}'
        '<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" default="f3" />'
        '<bpmn:userTask id="task" name="审核" /><bpmn:endEvent id="end" />'
        '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />'
        '<bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="end">'
        f'<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{condition}</bpmn:conditionExpression>'
        "</bpmn:sequenceFlow>"
        '<bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="task" />'
        '<bpmn:sequenceFlow id="f4" sourceRef="task" targetRef="end" />'
        "</bpmn:process></bpmn:definitions>"
    )


def failing_after_task(*, key: str) -> str:
    """start → task → gateway whose only condition names a variable the data never has."""
    return (
        f'{HEAD}<bpmn:process id="{key}" isExecutable="true">{LANE.format(lane="审核人员")}'
        '<bpmn:startEvent id="start" /><bpmn:userTask id="task" name="审核" />'
        '<bpmn:exclusiveGateway id="gw" /><bpmn:endEvent id="end" />'
        '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />'
        '<bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="gw" />'
        '<bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="end">'
        '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">missing_variable == 1</bpmn:conditionExpression>'
        "</bpmn:sequenceFlow></bpmn:process></bpmn:definitions>"
    )
