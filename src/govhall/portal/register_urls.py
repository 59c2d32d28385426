"""Registration and real-name pages (mounted at the site root in config/urls.py)."""

from django.urls import path

from govhall.portal import register_views

app_name = "portal_register"

urlpatterns = [
    path("register/", register_views.register, name="register"),
    path("me/realname/", register_views.realname, name="realname"),
]
