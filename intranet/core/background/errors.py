"""Errors recorded on jobs."""


class WorkerLost(Exception):
    """The worker running a job stopped (killed, crashed, lost its machine) before it ended."""
