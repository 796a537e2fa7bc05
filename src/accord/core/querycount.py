"""Counts the database queries of each request into an ``X-Accord-Queries`` response header.

Enabled only when ``ACCORD_QUERY_COUNT_HEADER=1`` (the load benchmark sets it); it never runs in
a normal deployment. Counting goes through ``connection.execute_wrapper``, so it costs one
function call per query and needs no DEBUG.
"""

from __future__ import annotations

from django.db import connection

HEADER = "X-Accord-Queries"


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response[HEADER] = str(count)
        return response
