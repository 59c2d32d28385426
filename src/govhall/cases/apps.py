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
        # the worklist's page cache key, read with the session (ADR 0011)
        from govhall.accounts.facade import session_read_register
        from govhall.cases.selectors import WORKLIST_GENERATIONS_READ, worklist_generations_sql

        session_read_register(WORKLIST_GENERATIONS_READ, worklist_generations_sql)
