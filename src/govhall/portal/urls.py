from django.urls import path

from govhall.portal import (
    apply_views,
    bundle_views,
    catalog_views,
    document_views,
    identity_views,
    license_views,
    my_case_views,
    views,
    wallet_views,
)

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("me/", views.me, name="me"),
    path("licenses/verify/", license_views.license_verify, name="license_verify"),
    path("elderly-mode/", catalog_views.elderly_mode, name="elderly_mode"),
    path("services/", catalog_views.catalog_home, name="catalog"),
    path("services/search/", catalog_views.catalog_search, name="catalog_search"),
    path("services/department/<int:department_id>/", catalog_views.catalog_department, name="catalog_department"),
    path("services/theme/<slug:slug>/", catalog_views.catalog_theme, name="catalog_theme"),
    path("services/item/<str:code>/", catalog_views.service_guide, name="service_guide"),
    path("services/bundle/<str:code>/", catalog_views.bundle_page, name="bundle"),
    # 网上申请 (applying) and 我的办件 (the applicant's space)
    path("apply/<str:code>/", apply_views.apply_start, name="apply"),
    path("apply/draft/<int:case_id>/", apply_views.apply_draft, name="apply_draft"),
    path(
        "apply/draft/<int:case_id>/material/<int:requirement_id>/",
        apply_views.material_upload,
        name="material_upload",
    ),
    path(
        "apply/draft/<int:case_id>/file/<int:material_id>/remove/", apply_views.material_remove, name="material_remove"
    ),
    path("apply/submitted/<int:case_id>/", apply_views.apply_submitted, name="apply_submitted"),
    path("apply/bundle/<str:code>/", bundle_views.bundle_apply_start, name="bundle_apply"),
    path("apply/bundle/draft/<int:case_id>/", bundle_views.bundle_draft, name="bundle_draft"),
    path("cases/<int:case_id>/material/<int:material_id>/", apply_views.material_download, name="material_download"),
    path("me/cases/", my_case_views.my_cases, name="my_cases"),
    path("me/cases/<int:case_id>/", my_case_views.my_case, name="my_case"),
    path("me/cases/<int:case_id>/resubmit/", my_case_views.case_resubmit, name="case_resubmit"),
    path("me/cases/<int:case_id>/withdraw/", my_case_views.case_withdraw, name="case_withdraw"),
    path("me/cases/<int:case_id>/document/<slug:kind>/", document_views.case_document, name="case_document"),
    # 我的证照 (licence wallet) and 用证授权
    path("me/licenses/", wallet_views.wallet, name="wallet"),
    path("me/licenses/<int:license_id>/", wallet_views.wallet_license, name="wallet_license"),
    path("me/licenses/<int:license_id>/pdf/", wallet_views.wallet_license_pdf, name="wallet_license_pdf"),
    path("me/licenses/<int:license_id>/qr.svg", wallet_views.wallet_license_qr, name="wallet_license_qr"),
    path("me/licenses/<int:license_id>/authorize/", wallet_views.wallet_authorize, name="wallet_authorize"),
    path(
        "me/licenses/authorizations/<int:authorization_id>/revoke/",
        wallet_views.wallet_authorization_revoke,
        name="wallet_authorization_revoke",
    ),
    # identity: switch (个人/单位/代办), handlers (经办人), mandates (帮办代办), sessions
    path("me/identity/", identity_views.identity, name="identity"),
    path("me/organizations/", identity_views.organizations, name="organizations"),
    path(
        "me/organizations/<int:organization_id>/handlers/",
        identity_views.organization_handlers,
        name="organization_handlers",
    ),
    path(
        "me/organizations/<int:organization_id>/handlers/<int:handler_id>/revoke/",
        identity_views.organization_handler_revoke,
        name="organization_handler_revoke",
    ),
    path("me/mandates/", identity_views.mandates, name="mandates"),
    path("me/mandates/new/", identity_views.mandate_new, name="mandate_new"),
    path("me/mandates/<int:mandate_id>/confirm/", identity_views.mandate_confirm, name="mandate_confirm"),
    path("me/mandates/<int:mandate_id>/resend/", identity_views.mandate_resend, name="mandate_resend"),
    path("me/mandates/<int:mandate_id>/revoke/", identity_views.mandate_revoke, name="mandate_revoke"),
    path("me/sessions/", identity_views.sessions, name="sessions"),
    path("me/sessions/<int:session_id>/end/", identity_views.session_end, name="session_end"),
]
