from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "govhall.cases"
    label = "cases"
    verbose_name = "办件"

    def ready(self) -> None:
        from govhall.cases import license_reuse, licensing, routing
        from govhall.cases.tasks import register_periodic_jobs

        register_periodic_jobs()
        routing.register()
        license_reuse.register()  # 免提交: licences the applicant holds stand in for uploads
        licensing.register()
