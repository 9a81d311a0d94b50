"""Load-test people for the ceiling script, in the target stack's database.

    python -m bench.load_people --count 200 > people.json

Run with the stack's environment (DATABASE_URL and the rest, as `deploy/cluster env`
prints them). Creates `loadtest-00001`... once (each a member of two of the demo's open
groups, through the groups' services), revokes the bearer tokens an earlier run left,
and prints, as JSON, one object per person: username, a new token, their groups and an
open group they are not in, for their socket to watch. Needs the demo (`seed_demo`).
"""

import argparse
import json
import os
import random
import sys
from pathlib import Path

PREFIX = "loadtest-"
LABEL = "ceiling"  # the name their bearer tokens carry
GROUPS_EACH = 2


def prepare(count: int) -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from intranet.accounts.services import token_create, token_revoke
    from intranet.groups.models import InterestGroup, Membership, Visibility
    from intranet.groups.services import group_join
    from intranet.people.services import profile_ensure

    User = get_user_model()
    open_groups = list(InterestGroup.objects.filter(visibility=Visibility.OPEN)
                       .order_by("slug").values_list("slug", flat=True))
    if len(open_groups) <= GROUPS_EACH:
        sys.exit("the demo's open groups are missing: run `manage.py seed_demo` first")
    by_slug = {group.slug: group for group in InterestGroup.objects.filter(slug__in=open_groups)}
    hashed = make_password(None)  # unusable: these people sign in with their token only
    people = []
    for n in range(1, count + 1):
        username = f"{PREFIX}{n:05d}"
        rng = random.Random(n)  # the same groups for the same person on every run
        chosen = rng.sample(open_groups, GROUPS_EACH + 1)
        with transaction.atomic():
            user, created = User.objects.get_or_create(
                username=username, defaults={"password": hashed, "first_name": "Load",
                                             "last_name": f"Tester {n}",
                                             "email": f"{username}@example.com"})
            if created:
                profile_ensure(user=user)
            mine = set(Membership.objects.filter(user=user)
                       .values_list("group__slug", flat=True))
            for slug in chosen[:GROUPS_EACH]:
                if slug not in mine:
                    group_join(actor=user, group=by_slug[slug])
        for token in user.api_tokens.filter(name=LABEL, revoked_at__isnull=True):
            token_revoke(actor=user, token_id=token.pk)
        _token, plaintext = token_create(user=user, name=LABEL)
        people.append({"username": username, "token": plaintext,
                       "groups": chosen[:GROUPS_EACH], "watch": chosen[GROUPS_EACH]})
        if n % 100 == 0:
            print(f"load_people: {n}/{count}", file=sys.stderr, flush=True)
    return people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings")
    import django

    django.setup()
    json.dump(prepare(args.count), sys.stdout)


if __name__ == "__main__":
    main()
