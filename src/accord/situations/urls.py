from django.urls import path

from . import views

app_name = "situations"
urlpatterns = [
    path("", views.index, name="list"),
]
