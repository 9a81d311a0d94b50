"""The intranet's settings plus django-tasks' own database backend (django-tasks-db), for
`queue_throughput.py --store django-tasks-db` only: the intranet itself never uses it."""

from intranet.settings import *  # noqa: F403
from intranet.settings import INSTALLED_APPS, TASK_QUEUES, TASKS

INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]
TASKS = {**TASKS, "tasks_db": {"BACKEND": "django_tasks_db.DatabaseBackend",
                               "QUEUES": TASK_QUEUES}}
