"""Prometheus metrics at /metrics, read as Prometheus reads them: requests labelled by URL
pattern (bounded), sockets, events, task queues, the search outbox, connector errors, and
who may scrape."""

import socket
import subprocess
import sys
import urllib.request
from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.db import connections, transaction
from django.test import Client, override_settings
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from intranet.core.events import publish_event, publish_events
from intranet.core.models import Event, Job, TaskOutbox
from intranet.feeds.services.posts import post_create
from intranet.plugins.services.polling import poll_source
from intranet.search.models import IndexOutbox
from tests.core import tasks
from tests.servers import ROOT, free_port, stop, subprocess_env
from tests.sockets import frames, open_socket, posts_in
from tests.waiting import wait_for

Samples = dict[tuple[str, frozenset], float]
DATABASE_QUEUE = {"default": {"BACKEND": "intranet.core.background.backend.QueueBackend",
                              "QUEUES": ["default", "search", "email", "fetch"]}}


def scrape(**headers) -> Samples:
    response = Client().get("/metrics", **headers)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/plain; version=")
    return {(sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(response.content.decode())
            for sample in family.samples}


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def routes(samples: Samples) -> set[str]:
    return {dict(labels)["route"] for name, labels in samples
            if name == "intranet_http_requests_total"}


@pytest.mark.smoke
@pytest.mark.django_db
def test_requests_are_counted_by_url_pattern_not_by_path(make_person, api_for):
    api = api_for(make_person("ana"))
    route = "api/v1/posts/<int:post_id>/"
    before = scrape()
    assert api.get("/api/v1/posts/123456/").status_code == 404
    assert api.get("/api/v1/posts/654321/").status_code == 404
    after = scrape()
    labels = {"route": route, "method": "GET", "status": "4xx"}
    assert value(after, "intranet_http_requests_total", **labels) \
        == value(before, "intranet_http_requests_total", **labels) + 2
    assert value(after, "intranet_http_request_duration_seconds_count", route=route) \
        == value(before, "intranet_http_request_duration_seconds_count", route=route) + 2
    assert not any("123456" in label or "654321" in label for label in routes(after))


@pytest.mark.django_db
def test_unknown_addresses_share_one_label(client):
    before = routes(scrape())
    for n in range(5):
        client.get(f"/no-such-thing-{n}.txt")
        client.get(f"/api/v1/no-such-thing-{n}/")
        client.get(f"/static/no-such-thing-{n}.css")
    grown = routes(scrape()) - before
    assert len(grown) <= 3  # "<unmatched>", "<static>" and the API's not-found pattern
    assert not any("no-such-thing" in label for label in grown)


@pytest.mark.django_db
def test_redirected_requests_are_counted_under_the_page_they_asked_for(client):
    before = scrape()
    for slug in ("book-club", "chess-club"):  # anonymous: sent to the login page
        assert client.get(f"/groups/{slug}/").status_code == 302
    after = scrape()
    labels = {"route": "groups/<slug:slug>/", "method": "GET", "status": "3xx"}
    assert value(after, "intranet_http_requests_total", **labels) \
        == value(before, "intranet_http_requests_total", **labels) + 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_open_sockets_and_delivered_events_are_counted(company):
    before = await sync_to_async(scrape)()
    socket = await open_socket(company.member)
    opened = await sync_to_async(scrape)()
    assert value(opened, "intranet_websockets_open") \
        == value(before, "intranet_websockets_open") + 1
    await sync_to_async(post_create)(actor=company.owner, body="Counted", group=company.open)
    assert posts_in(await frames(socket)) == ["Counted"]
    await socket.disconnect()
    closed = await sync_to_async(scrape)()
    # The test client leaves its connection open, in the thread that ran the scrapes.
    await sync_to_async(connections.close_all)()
    assert value(closed, "intranet_websockets_open") == value(before, "intranet_websockets_open")
    assert value(closed, "intranet_events_delivered_total") \
        >= value(before, "intranet_events_delivered_total") + 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_published_events_are_counted_once_committed():
    before = value(scrape(), "intranet_events_published_total")
    publish_event(stream="company", type="test.counted", data={})
    publish_events([Event(stream=f"user:{n}", type="test.counted", data={}) for n in (1, 2)])
    with pytest.raises(RuntimeError), transaction.atomic():
        publish_event(stream="company", type="test.rolled_back", data={})
        raise RuntimeError("rolled back")
    assert value(scrape(), "intranet_events_published_total") == before + 3


@pytest.mark.smoke
@pytest.mark.django_db
def test_task_queue_depth_and_age_of_the_oldest_ready_job():
    with override_settings(TASKS=DATABASE_QUEUE):
        first = tasks.add.enqueue(1, 2)
        tasks.add.enqueue(3, 4)
        tasks.add.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(5, 6)
        Job.objects.filter(pk=first.id).update(run_after=timezone.now() - timedelta(minutes=10))
        samples = scrape()
    assert value(samples, "intranet_task_queue_depth", queue="default") == 2  # not the deferred
    assert 600 <= value(samples, "intranet_task_queue_oldest_age_seconds", queue="default") < 660
    for queue in ("search", "email", "fetch"):
        assert value(samples, "intranet_task_queue_depth", queue=queue) == 0
        assert ("intranet_task_queue_depth", frozenset({("queue", queue)})) in samples


@pytest.mark.django_db
def test_task_queue_depth_on_rq_counts_queued_and_unpushed_jobs(settings,
                                                                 django_capture_on_commit_callbacks):
    import django_rq
    from rq.job import Job as RQJob

    assert settings.TASKS["default"]["BACKEND"].endswith("RQQueueBackend"), "needs REDIS_URL"
    queue = django_rq.get_queue("email")
    queue.empty()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            first = tasks.add.using(queue_name="email").enqueue(1, 2)
            tasks.add.using(queue_name="email").enqueue(3, 4)
        job = RQJob.fetch(first.id, connection=queue.connection)
        job.enqueued_at = timezone.now() - timedelta(minutes=10)
        job.save()
        pushed = scrape()
        assert value(pushed, "intranet_task_queue_depth", queue="email") == 2
        assert 600 <= value(pushed, "intranet_task_queue_oldest_age_seconds", queue="email") < 660
        # Committed while Redis was away: waiting in the outbox, and counted.
        row = TaskOutbox.objects.create(id="waiting-for-redis", task_path=tasks.add.module_path,
                                        queue_name="email", args_kwargs={"args": [5, 6]})
        TaskOutbox.objects.filter(pk=row.pk).update(
            created_at=timezone.now() - timedelta(hours=1))
        waiting = scrape()
        assert value(waiting, "intranet_task_queue_depth", queue="email") == 3
        assert value(waiting, "intranet_task_queue_oldest_age_seconds", queue="email") >= 3600
    finally:
        queue.empty()


@pytest.mark.django_db
def test_the_search_outbox_lag(make_person):
    make_person("ana")  # whatever the fixtures leave waiting
    before = scrape()
    IndexOutbox.objects.create(kind="post", object_id=987654, next_attempt_at=timezone.now(),
                               changed_at=timezone.now() - timedelta(hours=2))
    after = scrape()
    assert value(after, "intranet_search_outbox_rows") \
        == value(before, "intranet_search_outbox_rows") + 1
    assert value(after, "intranet_search_outbox_oldest_age_seconds") >= 2 * 3600
    IndexOutbox.objects.all().delete()
    emptied = scrape()
    assert value(emptied, "intranet_search_outbox_rows") == 0
    assert value(emptied, "intranet_search_outbox_oldest_age_seconds") == 0


@pytest.mark.django_db
def test_connector_polling_errors_and_failing_sources(channels, brand):
    answers = iter([500, 500, 200])

    def flaky(handler, request):
        status = next(answers)
        if status == 200:
            handler.reply(200, b"<rss version='2.0'><channel><item><guid>1</guid>"
                               b"<title>Back</title></item></channel></rss>",
                          "application/rss+xml")
        else:
            handler.reply(status, b"oops")

    channels.routes["/flaky.xml"] = flaky
    source = brand.source("rss", {"url": f"{channels.url}/flaky.xml"})
    before = scrape()
    poll_source(source)
    poll_source(source)
    failing = scrape()
    assert value(failing, "intranet_connector_poll_errors_total", connector="rss") \
        == value(before, "intranet_connector_poll_errors_total", connector="rss") + 2
    assert value(failing, "intranet_connector_sources_failing", connector="rss") == 1
    assert poll_source(source).error is None
    recovered = scrape()
    assert ("intranet_connector_sources_failing", frozenset({("connector", "rss")})) \
        in recovered  # listed at 0, not left out
    assert value(recovered, "intranet_connector_sources_failing", connector="rss") == 0
    assert value(recovered, "intranet_connector_poll_errors_total", connector="rss") \
        == value(failing, "intranet_connector_poll_errors_total", connector="rss")


def worker_samples(port: int) -> Samples | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as answer:
            text = answer.read().decode()
    except OSError:
        return None
    return {(sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_serves_the_polling_errors_it_counted_and_no_shared_figure(channels, brand):
    channels.routes["/down.xml"] = lambda handler, request: handler.reply(500, b"oops")
    brand.source("rss", {"url": f"{channels.url}/down.xml"})
    port = free_port()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker"], cwd=ROOT,
        env=subprocess_env(TASK_STORE="database", WORKER_METRICS_PORT=str(port),
                           FETCH_ALLOW_PRIVATE_NETWORKS="1"),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        samples = wait_for(
            lambda: (found := worker_samples(port)) and value(
                found, "intranet_connector_poll_errors_total", connector="rss") and found,
            "the worker to count its failed poll")
    finally:
        stop(worker)
    assert value(samples, "intranet_connector_poll_errors_total", connector="rss") == 1
    names = {name for name, _labels in samples}
    assert "process_cpu_seconds_total" in names
    assert not names & {"intranet_task_queue_depth", "intranet_search_outbox_rows",
                        "intranet_connector_sources_failing"}, "shared figures: web only"


def test_a_worker_refuses_to_start_on_a_metrics_port_already_taken():
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        done = subprocess.run(
            [sys.executable, "manage.py", "run_worker"], cwd=ROOT, capture_output=True,
            text=True, timeout=60, env=subprocess_env(WORKER_METRICS_PORT=str(port)))
    assert done.returncode == 1
    assert f"Cannot serve metrics on 127.0.0.1:{port}" in done.stderr


@pytest.mark.smoke
@pytest.mark.django_db
def test_with_a_token_only_its_bearer_may_scrape(settings):
    settings.METRICS_TOKEN = "a-long-random-metrics-token"
    client = Client()
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer wrong"},
                    {"HTTP_AUTHORIZATION": "Basic a-long-random-metrics-token"}):
        response = client.get("/metrics", **headers)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"
        assert "intranet_" not in response.content.decode()
    assert "intranet_http_requests_total" in client.get(
        "/metrics", HTTP_AUTHORIZATION="Bearer a-long-random-metrics-token").content.decode()
    # With the token, where the request comes from does not matter.
    assert client.get("/metrics", REMOTE_ADDR="93.184.215.14", HTTP_X_FORWARDED_FOR="1.2.3.4",
                      HTTP_AUTHORIZATION="Bearer a-long-random-metrics-token").status_code == 200


@pytest.mark.smoke
@pytest.mark.django_db
def test_without_a_token_only_direct_requests_from_private_networks_may_scrape(settings):
    settings.METRICS_TOKEN = ""
    client = Client()
    for address in ("127.0.0.1", "10.1.2.3", "192.168.0.7", "::1"):
        assert client.get("/metrics", REMOTE_ADDR=address).status_code == 200, address
    refused = [
        {"REMOTE_ADDR": "93.184.215.14"},
        # Through a reverse proxy on the same machine: the proxy's address is loopback.
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "93.184.215.14"},
        {"REMOTE_ADDR": "10.0.0.2", "HTTP_FORWARDED": "for=203.0.113.9"},
        {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_REAL_IP": "93.184.215.14"},
    ]
    for headers in refused:
        response = client.get("/metrics", **headers)
        assert response.status_code == 403, headers
        assert response.json()["error"]["code"] == "permission_denied"
        assert "intranet_" not in response.content.decode()


@pytest.mark.django_db
def test_metrics_need_no_login_and_reading_only(client):
    assert client.get("/metrics").status_code == 200  # anonymous, not sent to the login page
    assert client.get("/metrics/").status_code != 200  # exactly /metrics, no other page
    assert client.post("/metrics").status_code == 405


@pytest.mark.django_db
def test_health_and_metrics_are_not_in_the_api_schema(client, make_person):
    client.force_login(make_person("ana"))
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    assert not [path for path in paths if "health" in path or "metrics" in path]
