"""Background work behind Django's task API (django-tasks).

With Redis configured, jobs run on RQ (a kept distributed queue, through django-tasks-rq),
with an outbox that makes enqueueing part of the caller's transaction. On the embedded
default they run on a queue in the database. Both retry failures with exponential
back-off, run a killed worker's job again, and run periodic jobs once per period however
many workers run.
"""
