from django.apps import apps
from django.contrib import admin


def test_every_accord_model_is_registered_in_the_admin():
    models = [
        model
        for model in apps.get_models()
        if model.__module__.startswith("accord.") and not model._meta.auto_created
    ]

    missing = [model._meta.label for model in models if not admin.site.is_registered(model)]

    assert models and missing == []
