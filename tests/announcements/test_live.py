"""An announcement goes live over the websocket to exactly its audience."""

import pytest
from asgiref.sync import sync_to_async

from tests.announcements.conftest import publish
from tests.feeds.test_realtime import frames, open_socket

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def titles(received: list[dict]) -> list[str]:
    return [frame["data"]["announcement"]["title"] for frame in received
            if frame["type"] == "announcement.published"]


async def test_department_and_group_members_receive_it_live_and_no_one_else(company):
    sales, secret, people = company
    sockets = {name: await open_socket(people[name])
               for name in ("seller", "member", "other", "hr")}
    await sync_to_async(publish)("Nouvelle mutuelle", departments=[sales], groups=[secret],
                                 importance="important")
    assert titles(await frames(sockets["seller"])) == ["Nouvelle mutuelle"]
    assert titles(await frames(sockets["member"])) == ["Nouvelle mutuelle"]
    assert titles(await frames(sockets["other"], timeout=1.0)) == []
    assert titles(await frames(sockets["hr"], timeout=1.0)) == []
    for socket in sockets.values():
        await socket.disconnect()
