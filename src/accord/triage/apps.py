from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "accord.triage"
    label = "triage"
    verbose_name = "Triage"
