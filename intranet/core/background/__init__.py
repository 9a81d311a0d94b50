"""Background work behind Django's task API (django-tasks).

One queue engine with two stores: the database (durable on the embedded default, and on
PostgreSQL at scale) and Redis (when REDIS_URL is set). The engine adds what the task API
lacks: retries with exponential back-off, leases that let a killed worker's job run again,
and periodic jobs that run once per period however many workers run.
"""
