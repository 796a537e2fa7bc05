import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.config.settings.base")
application = get_wsgi_application()

# Import the URL configuration, and with it every view module, the API and the charts
# (matplotlib), when the worker starts instead of at its first request: about 2 s (6-7 s on a
# busy machine) that the first user of each new worker would otherwise wait for.
get_resolver().url_patterns  # noqa: B018 - the attribute's import is the point
