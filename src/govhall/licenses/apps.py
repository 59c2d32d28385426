from django.apps import AppConfig


class LicensesConfig(AppConfig):
    name = "govhall.licenses"
    label = "licenses"
    verbose_name = "电子证照"

    def ready(self) -> None:
        from govhall.licenses.tasks import register_periodic_jobs

        register_periodic_jobs()
