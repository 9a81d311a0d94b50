"""Cases as moderators read them: the content as reported, every report (never who made
it), the rule hits, the decisions and the author's history."""

from collections import Counter
from collections.abc import Sequence

from django.contrib.auth import get_user_model

from intranet.feeds.selectors import plain_preview
from intranet.moderation.models import Case, Decision
from intranet.moderation.targets import content_of, target_key

EXCERPT = 500


def author_histories(cases: Sequence[Case]) -> dict[int, dict[str, int]]:
    """For each author of `cases`, how many times each action was taken about them (one
    query for the page)."""
    authors = {case.author_id for case in cases if case.author_id}
    counts: dict[int, Counter] = {author: Counter() for author in authors}
    for subject_id, action in Decision.objects.filter(subject_id__in=authors).values_list(
            "subject_id", "action"):
        counts[subject_id][action] += 1
    return {author: dict(counted) for author, counted in counts.items()}


def target_data(case: Case) -> dict:
    target = case.target
    data = {"type": case.kind, "id": target_key(target) if target is not None
            else case.object_id}
    if isinstance(target, get_user_model()):
        data["text"] = target.get_display_name()
        return data
    content = content_of(target)
    if content is not None:
        data["text"] = plain_preview(content.html, content.body, EXCERPT)
        data["removed"] = content.deleted_at is not None
        data["moderation"] = content.moderation_state or None
    return data


def case_data(case: Case, histories: dict[int, dict[str, int]] | None = None) -> dict:
    """A case as moderators see it: never who reported."""
    histories = histories if histories is not None else author_histories([case])
    return {
        "id": case.pk, "target": target_data(case),
        "group": case.group.slug if case.group_id else None,
        "author": case.author.username if case.author_id else None,
        "state": case.state, "pending": case.pending, "weight": round(case.weight, 2),
        "reason": case.reason,
        "appeal": {"note": case.appeal_note, "created_at": case.appealed_at}
        if case.appealed_at else None,
        "reports": [{"reason": report.reason, "note": report.note,
                     "created_at": report.created_at} for report in case.reports.all()],
        "rule_hits": [{"rule": hit.rule_name, "action": hit.action,
                       "created_at": hit.created_at} for hit in case.rule_hits.all()],
        "author_history": histories.get(case.author_id, {}),
        "created_at": case.created_at, "updated_at": case.updated_at,
    }
