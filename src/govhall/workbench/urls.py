from django.urls import path

from govhall.workbench import catalog_views, views

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
]
