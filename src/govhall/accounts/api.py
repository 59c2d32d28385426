from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from govhall.accounts import selectors, services
from govhall.accounts.models import Region

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None


class RegionDetailOut(RegionOut):
    path: list[RegionOut]
    children: list[RegionOut]


def _out(region: Region) -> dict[str, object]:
    return {"code": region.code, "name": region.name, "level": region.level, "parent_code": region.parent_id}


@router.get("/{code}", response=RegionDetailOut, summary="A GB/T 2260 region with its path and children", auth=None)
def region_detail(request: HttpRequest, code: str) -> dict[str, object]:
    region = services.region_require(code)
    return {
        **_out(region),
        "path": [_out(r) for r in selectors.region_path(region=region)],
        "children": [_out(r) for r in selectors.region_children(code=region.code)],
    }
