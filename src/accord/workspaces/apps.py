from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "accord.workspaces"
    label = "workspaces"
    verbose_name = "Workspaces"
