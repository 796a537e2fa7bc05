"""A write committed by another process (a task consumer, another web worker) makes the next
request render afresh: the data version lives in the shared cache, here the database cache table
of one PostgreSQL database that both processes use.

SQLite's test database lives in the memory of the test process, so other processes cannot reach
it: this test needs PostgreSQL and is never skipped when DATABASE_URL names it.
"""

import os
import subprocess
import sys

from django.test import Client

from accord.core import pagecache
from accord.core.tests import two_processes
from accord.projects.tests.factories import ProjectFactory

pytestmark = two_processes.marks

CHILD = r"""
import sys
import django
django.setup()
from django.conf import settings
settings.ACCORD_PAGE_CACHE = True
from accord.projects.models import Project
Project.objects.filter(pk=int(sys.argv[1])).update(name="Renamed by another process")
"""


def test_a_write_in_another_process_makes_the_next_page_render_afresh(member, settings):
    settings.ACCORD_PAGE_CACHE = True  # the pages alias: the database cache of the test settings
    project = ProjectFactory(client__workspace=member.workspace, name="Warehouse ERP")
    client = Client()
    client.force_login(member.user)
    client.get("/")
    kept = client.get("/")
    assert kept[pagecache.HEADER] == "hit"
    assert "Warehouse ERP" in kept.content.decode()

    subprocess.run(
        [sys.executable, "-c", CHILD, str(project.pk)],
        env={**os.environ, **two_processes.child_environment()},
        check=True,
        timeout=120,
    )

    page = client.get("/")
    assert page[pagecache.HEADER] == "miss"
    assert "Renamed by another process" in page.content.decode()
