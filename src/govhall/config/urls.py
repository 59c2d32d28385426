from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from govhall.accounts.facade import public
from govhall.config.api import api

urlpatterns = [
    path("", include("govhall.portal.urls")),
    path("", include("govhall.portal.register_urls")),
    # OIDC provider (统一身份认证) for departmental systems: docs/adr/0004-oidc-provider.md
    path("o/", include("govhall.accounts.oidc.urls")),
    path("workbench/", include("govhall.workbench.urls")),
    path("api/v1/", api.urls),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
