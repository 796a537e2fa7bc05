"""gunicorn settings used by ``accord serve`` (``--config python:accord.config.gunicorn``)."""

# Access log lines go through Accord's logger, which masks tokens of client links.
logger_class = "accord.core.logs.GunicornLogger"

# Load the application (Django, the URL configuration with every view, the API and the charts)
# once in the master before it forks the workers, instead of in every worker: a new or restarted
# worker answers at once, and the workers share those pages of memory. Importing it opens no
# database connection, socket or thread (core.tests.test_serve checks), so nothing is shared
# across the fork.
preload_app = True
