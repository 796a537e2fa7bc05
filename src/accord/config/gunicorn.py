"""gunicorn settings used by ``accord serve`` (``--config python:accord.config.gunicorn``)."""

# Access log lines go through Accord's logger, which masks tokens of client links.
logger_class = "accord.core.logs.GunicornLogger"
