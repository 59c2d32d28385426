"""Process definitions in the workbench: who may list/upload/view, and what an upload installs."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from govhall.accounts import services as accounts
from govhall.accounts.constants import Role
from govhall.workflow.models import ProcessDefinition
from tests import factories

pytestmark = pytest.mark.django_db

BACKEND = "govhall.accounts.backends.GovhallBackend"
BUNDLED = Path(__file__).resolve().parents[2] / "src/govhall/workflow/processes/single_department.bpmn"
LIST_URL = "/workbench/processes/"
KEY = "single_department"


def _bpmn() -> bytes:
    return BUNDLED.read_bytes()


def _upload(client: Client, content: bytes, key: str = KEY, name: str = "", **extra):
    data = {"key": key, "name": name, "bpmn": SimpleUploadedFile(f"{key}.bpmn", content, "application/xml")}
    data.update(extra)
    return client.post(LIST_URL, data)


@pytest.fixture
def market():
    return factories.department("漳州市市场监督管理局")


@pytest.fixture
def people(market):
    def staff_with(role=None):
        user = factories.staff()
        if role:
            accounts.role_grant(actor=factories.SYSTEM, user=user, department=market, role=role)
        return user

    citizen, _ = factories.citizen()
    return {
        "anonymous": None,
        "citizen": citizen,
        "no_role": staff_with(),
        "reviewer": staff_with(Role.REVIEWER),
        "decider": staff_with(Role.DECIDER),
        "dept_admin": staff_with(Role.DEPARTMENT_ADMIN),
        "catalog_admin": staff_with(Role.CATALOG_ADMIN),
    }


def client_for(people, who) -> Client:
    client = Client()
    if people[who] is not None:
        client.force_login(people[who], backend=BACKEND)
    return client


@pytest.fixture
def installed(people):
    response = _upload(client_for(people, "catalog_admin"), _bpmn())
    assert response.status_code == 302
    return ProcessDefinition.objects.get(key=KEY, version=1)


def _view_url(definition) -> str:
    return f"/workbench/processes/{definition.key}/{definition.version}/"


# --- permission matrix ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "list_status", "view_status"),
    [
        ("anonymous", 302, 302),
        ("citizen", 302, 302),
        ("no_role", 403, 403),
        ("reviewer", 403, 200),
        ("decider", 403, 200),
        ("dept_admin", 403, 200),
        ("catalog_admin", 200, 200),
    ],
)
def test_permission_matrix(people, installed, who, list_status, view_status):
    client = client_for(people, who)
    response = client.get(LIST_URL)
    assert response.status_code == list_status
    if list_status == 302:
        assert "/workbench/login/" in response["Location"]
    response = client.get(_view_url(installed))
    assert response.status_code == view_status
    if view_status == 302:
        assert "/workbench/login/" in response["Location"]


@pytest.mark.parametrize("who", ["anonymous", "citizen", "no_role", "reviewer", "decider", "dept_admin"])
def test_only_catalog_admin_can_upload(people, who):
    response = _upload(client_for(people, who), _bpmn())
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/workbench/login/" in response["Location"]
    assert not ProcessDefinition.objects.exists()


# --- list, upload and view -----------------------------------------------------------------------


def test_catalog_admin_uploads_and_sees_the_diagram_page(people):
    client = client_for(people, "catalog_admin")
    response = _upload(client, _bpmn(), name="单部门审批（测试）")
    assert response.status_code == 302
    assert response["Location"] == f"/workbench/processes/{KEY}/1/"
    definition = ProcessDefinition.objects.get(key=KEY)
    assert definition.name == "单部门审批（测试）"
    assert definition.uploaded_by_id == people["catalog_admin"].pk

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert '<script id="bpmn-xml" type="application/json">' in html
    assert "bpmn-navigated-viewer.production.min.js" in html
    assert "govhall/js/bpmn-view.js" in html
    assert "审核人员" in html and "审批人员" in html  # the user task table with roles
    # The XML is JSON-escaped: no raw markup from the file reaches the page.
    assert "<bpmn:definitions" not in html
    # No inline script: every <script> either has a src or is the JSON data island.
    for chunk in html.split("<script")[1:]:
        tag = chunk.split(">", 1)[0]
        assert "src=" in tag or 'type="application/json"' in tag

    listing = client.get(LIST_URL).content.decode()
    assert KEY in listing and "v1" in listing and "审核（审核人员）" in listing


def test_identical_upload_keeps_the_version_changed_content_adds_one(people, installed):
    client = client_for(people, "catalog_admin")
    response = _upload(client, _bpmn())
    assert response.status_code == 302
    assert response["Location"] == f"/workbench/processes/{KEY}/1/"
    assert ProcessDefinition.objects.filter(key=KEY).count() == 1

    changed = _bpmn().replace('name="审核"'.encode(), 'name="材料审核"'.encode())
    assert changed != _bpmn()
    response = _upload(client, changed)
    assert response.status_code == 302
    assert response["Location"] == f"/workbench/processes/{KEY}/2/"
    assert list(ProcessDefinition.objects.filter(key=KEY).values_list("version", flat=True).order_by("version")) == [
        1,
        2,
    ]
    assert client.get(f"/workbench/processes/{KEY}/1/").status_code == 200


def test_malformed_file_shows_the_message_and_installs_nothing(people):
    response = _upload(client_for(people, "catalog_admin"), b"<bpmn:definitions><oops")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="upload-errors"' in html
    assert "不是格式正确的 XML" in html  # the service's ValidationFailed message
    assert not ProcessDefinition.objects.exists()


def test_script_task_is_refused(people):
    scripted = _bpmn().replace(
        b'<bpmn:endEvent id="end"',
        b'<bpmn:scriptTask id="run" scriptFormat="python"><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>\n'
        b'    <bpmn:endEvent id="end"',
    )
    assert scripted != _bpmn()
    response = _upload(client_for(people, "catalog_admin"), scripted)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="upload-errors"' in html
    assert "scriptTask" in html
    assert not ProcessDefinition.objects.exists()


def test_oversized_and_missing_files_are_refused(people):
    client = client_for(people, "catalog_admin")
    response = _upload(client, b"<x/>" + b" " * (1024 * 1024))
    assert response.status_code == 400
    assert "1 MB" in response.content.decode()
    response = client.post(LIST_URL, {"key": KEY})
    assert response.status_code == 400
    assert "请选择 BPMN 流程文件" in response.content.decode()
    assert not ProcessDefinition.objects.exists()


def test_unknown_version_is_404(people, installed):
    assert client_for(people, "reviewer").get(f"/workbench/processes/{KEY}/9/").status_code == 404
