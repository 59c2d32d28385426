"""Install (or keep, if unchanged) the bundled process templates: single department, two-level
review, parallel review and instant approval."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from govhall.core.contracts import Actor
from govhall.workflow.services import install_default_processes


class Command(BaseCommand):
    help = "安装内置审批流程模板（可重复执行；内容未变的模板不会产生新版本）。"

    def handle(self, *args: Any, **options: Any) -> None:
        for definition in install_default_processes(actor=Actor.system("workflow_install_defaults")):
            self.stdout.write(f"{definition.key} v{definition.version}  {definition.name}")
