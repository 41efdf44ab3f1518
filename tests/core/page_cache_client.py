"""What the page cache tests read of a response: the queries it took and its HTML."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def get(client, url, **extra):
    """``client.get`` with ``response.queries`` (how many the request made) and ``response.html``."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    response.queries = len(queries)
    response.html = response.content.decode()
    return response
