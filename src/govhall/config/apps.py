from django.contrib.admin.apps import AdminConfig


class GovhallAdminConfig(AdminConfig):
    default_site = "govhall.config.admin_site.GovhallAdminSite"
