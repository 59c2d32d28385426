from django.urls import path

from govhall.workbench import (
    case_license_views,
    case_views,
    catalog_views,
    intake_views,
    license_views,
    oidc_views,
    process_views,
    realname_views,
    reveal_views,
    security_views,
    sharing_views,
    views,
    worklist_views,
)

app_name = "workbench"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("login/totp/", views.totp_view, name="totp"),
    path("login/totp/setup/", views.totp_setup_view, name="totp_setup"),
    path("logout/", views.logout_view, name="logout"),
    path("catalog/", catalog_views.catalog_items, name="catalog_items"),
    path("catalog/item/<str:code>/", catalog_views.catalog_item, name="catalog_item"),
    path("catalog/item/<str:code>/draft/", catalog_views.catalog_draft_create, name="catalog_draft_create"),
    path("catalog/item/<str:code>/diff/", catalog_views.catalog_item_diff, name="catalog_item_diff"),
    path("catalog/version/<int:version_id>/edit/", catalog_views.catalog_version_edit, name="catalog_version_edit"),
    path(
        "catalog/version/<int:version_id>/publish/",
        catalog_views.catalog_version_publish,
        name="catalog_version_publish",
    ),
    path(
        "catalog/version/<int:version_id>/retire/", catalog_views.catalog_version_retire, name="catalog_version_retire"
    ),
    path("cases/", worklist_views.case_list, name="cases"),
    path("cases/<int:case_id>/", case_views.case_detail, name="case"),
    path("cases/<int:case_id>/reveal/", reveal_views.case_reveal, name="case_reveal"),
    *[
        path(f"cases/<int:case_id>/{action}/", case_views.case_action, {"action": action}, name=f"case_{action}")
        for action in case_views.ACTIONS
    ],
    path("cases/<int:case_id>/material/<int:material_id>/", case_views.case_material, name="case_material"),
    path("cases/<int:case_id>/document/<slug:kind>/", case_views.case_document, name="case_document"),
    path("cases/<int:case_id>/license/<int:license_id>/", case_license_views.case_license_pdf, name="case_license"),
    # 证照共享接入: department systems' credentials for the licence sharing API
    path("sharing/licenses/", sharing_views.sharing_credentials, name="sharing_credentials"),
    path(
        "sharing/licenses/<int:credential_id>/revoke/",
        sharing_views.sharing_credential_revoke,
        name="sharing_credential_revoke",
    ),
    path("licenses/", license_views.license_list, name="licenses"),
    path("licenses/<int:license_id>/", license_views.license_detail, name="license"),
    path("licenses/<int:license_id>/pdf/", license_views.license_pdf, name="license_pdf"),
    path("licenses/<int:license_id>/revoke/", license_views.license_revoke, name="license_revoke"),
    path("licenses/<int:license_id>/cancel/", license_views.license_cancel, name="license_cancel"),
    path("licenses/<int:license_id>/renew/", license_views.license_renew, name="license_renew"),
    path(
        "licenses/<int:license_id>/revocations/<int:revocation_id>/confirm/",
        license_views.revocation_confirm,
        name="license_revocation_confirm",
    ),
    path(
        "licenses/<int:license_id>/revocations/<int:revocation_id>/withdraw/",
        license_views.revocation_withdraw,
        name="license_revocation_withdraw",
    ),
    path("intake/", intake_views.intake, name="intake"),
    path("intake/<str:code>/", intake_views.intake_item, name="intake_item"),
    path("processes/", process_views.process_list, name="processes"),
    path("processes/<str:key>/<int:version>/", process_views.process_detail, name="process"),
    # 窗口实名核验 (in-person real-name verification, L3), window clerks
    path("realname/in-person/", realname_views.in_person, name="realname_in_person"),
    # 统一身份认证接入 (OIDC clients), system administrators only
    path("oidc/", oidc_views.client_list, name="oidc_clients"),
    path("oidc/<str:client_id>/", oidc_views.client_detail, name="oidc_client"),
    path("oidc/<str:client_id>/rotate/", oidc_views.client_rotate, name="oidc_client_rotate"),
    path("oidc/<str:client_id>/delete/", oidc_views.client_delete, name="oidc_client_delete"),
    # staff security: own sessions, the security administrator's view, in-person mandates
    path("security/sessions/", security_views.my_sessions, name="my_sessions"),
    path("security/sessions/<int:session_id>/end/", security_views.my_session_end, name="my_session_end"),
    path("security/staff-sessions/", security_views.staff_sessions, name="staff_sessions"),
    path("security/staff-sessions/<int:user_id>/end/", security_views.staff_sessions_end, name="staff_sessions_end"),
    path("mandates/in-person/", security_views.mandate_in_person, name="mandate_in_person"),
]
