from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "govhall.cases"
    label = "cases"
    verbose_name = "办件"

    def ready(self) -> None:
        from govhall.cases import licensing, routing
        from govhall.cases.tasks import register_periodic_jobs

        register_periodic_jobs()
        routing.register()
        licensing.register()
