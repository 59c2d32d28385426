from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "govhall.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from govhall.core.tasks import register_periodic_jobs

        register_periodic_jobs()
