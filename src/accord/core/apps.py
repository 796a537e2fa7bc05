from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "accord.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.core.checks import register
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_save

        from . import pagecache
        from .client_ip import trusted_proxies_check
        from .limits import check_before_save

        def check_accord_models(sender, **kwargs):
            config = getattr(sender._meta, "app_config", None)
            if config is not None and config.name.startswith("accord."):
                check_before_save(sender, **kwargs)

        pre_save.connect(check_accord_models, dispatch_uid="accord.core.limits", weak=False)
        register(trusted_proxies_check)
        # Every committed write replaces the data version of the page cache; a migration too.
        connection_created.connect(pagecache.install, dispatch_uid="accord.core.pagecache")
        post_migrate.connect(
            lambda **kwargs: pagecache.data_changed(),
            dispatch_uid="accord.core.pagecache",
            weak=False,
        )
