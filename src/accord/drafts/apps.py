from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "accord.drafts"
    label = "drafts"
    verbose_name = "Drafts"
