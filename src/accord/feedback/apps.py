from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "accord.feedback"
    label = "feedback"
    verbose_name = "Feedback"
