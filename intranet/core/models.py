"""Rows the infrastructure keeps: background jobs, the task outbox and the periodic
schedule."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus


class Job(models.Model):
    """One enqueued run of a task, in the database store of the background queue.

    A running job holds a lease that its worker renews; a job whose lease ran out (its
    worker was killed) becomes ready again, so no task stays stuck as running.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    task_path = models.TextField(_("task"))
    queue_name = models.CharField(_("queue"), max_length=32, default="default")
    backend_name = models.CharField(max_length=32, default="default")
    args_kwargs = models.JSONField(default=dict)
    status = models.CharField(_("status"), max_length=16, choices=TaskResultStatus.choices,
                              default=TaskResultStatus.READY)
    run_after = models.DateTimeField(_("run after"))
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    last_attempted_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveIntegerField(default=5)
    worker_id = models.CharField(max_length=128, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    worker_ids = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    return_value = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [
            models.Index(fields=["status", "queue_name", "run_after"], name="core_job_ready_idx"),
            models.Index(fields=["status", "lease_expires_at"], name="core_job_lease_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.task_path} ({self.status})"


class TaskOutbox(models.Model):
    """A job enqueued for a distributed queue (RQ), written in the transaction that
    enqueued it.

    Once that transaction commits the job is pushed and its row deleted; a row left by a
    process that died in between is pushed by a worker's sweep. The row's id becomes the
    job's id, so a job is never pushed twice.
    """

    id = models.CharField(primary_key=True, max_length=64, editable=False)
    task_path = models.TextField(_("task"))
    queue_name = models.CharField(_("queue"), max_length=32, default="default")
    args_kwargs = models.JSONField(default=dict)
    run_after = models.DateTimeField(_("run after"), null=True, blank=True)
    created_at = models.DateTimeField(_("enqueued at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("job waiting to be queued")
        verbose_name_plural = _("jobs waiting to be queued")

    def __str__(self) -> str:
        return self.task_path


class PeriodicRun(models.Model):
    """When a periodic job is next due; claiming a period is one conditional update."""

    name = models.CharField(max_length=200, unique=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """Something that happened, in the stream of those it is sent to.

    Written in the same transaction as the change it records, without a position. The
    sequencer (`intranet.core.sequencer`) gives committed events their `position`, in the
    order they became visible: that is the id clients see and give back to resume, so a
    client that saw position N has seen every earlier event of its streams. `prev` is the
    position of the previous event of the same stream, so a socket notices a frame it
    never received.
    """

    id = models.BigAutoField(primary_key=True)
    position = models.BigIntegerField(null=True, blank=True, unique=True)
    prev = models.BigIntegerField(null=True, blank=True)
    stream = models.CharField(max_length=200)
    type = models.CharField(max_length=64)
    audience = models.JSONField(default=list)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["stream", "position"], name="core_event_stream_idx"),
            models.Index(fields=["id"], condition=models.Q(position__isnull=True),
                         name="core_event_unsequenced_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.position or '-'} {self.type} in {self.stream}"


class StreamHead(models.Model):
    """The position of the latest event of each stream, kept by the sequencer, so that it
    gives each event the previous position of its stream without searching the log."""

    stream = models.CharField(max_length=200, primary_key=True)
    position = models.BigIntegerField()

    class Meta:
        verbose_name = _("event stream")
        verbose_name_plural = _("event streams")

    def __str__(self) -> str:
        return f"{self.stream} at {self.position}"
