from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "accord.projects"
    label = "projects"
    verbose_name = "Projects"
