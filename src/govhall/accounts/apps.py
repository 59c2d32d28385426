from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "govhall.accounts"
    label = "accounts"
    verbose_name = "账户与组织"

    def ready(self) -> None:
        from govhall.accounts import sessions
        from govhall.accounts.tasks import register_periodic_jobs

        register_periodic_jobs()
        sessions.register_periodic_jobs()  # dormant-account sweep, SMS outbox retries
