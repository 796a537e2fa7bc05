from django.apps import AppConfig


class SituationsConfig(AppConfig):
    name = "accord.situations"
    label = "situations"
    verbose_name = "Situations"
