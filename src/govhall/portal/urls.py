from django.urls import path

from govhall.portal import catalog_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("me/", views.me, name="me"),
    path("elderly-mode/", catalog_views.elderly_mode, name="elderly_mode"),
    path("services/", catalog_views.catalog_home, name="catalog"),
    path("services/search/", catalog_views.catalog_search, name="catalog_search"),
    path("services/department/<int:department_id>/", catalog_views.catalog_department, name="catalog_department"),
    path("services/theme/<slug:slug>/", catalog_views.catalog_theme, name="catalog_theme"),
    path("services/item/<str:code>/", catalog_views.service_guide, name="service_guide"),
    path("services/bundle/<str:code>/", catalog_views.bundle_page, name="bundle"),
]
