from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "accord.billing"
    label = "billing"
    verbose_name = "Billing"
