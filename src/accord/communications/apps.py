from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "accord.communications"
    label = "communications"
    verbose_name = "Communications"
