"""The judged articles (tests/search/corpus): French and English passages about work and
companies, posted into a group, and queries of six kinds graded by reading them.

See tests/search/corpus/README.md for where the text comes from and how it was judged.
"""

import json
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.search.judged import ndcg

CORPUS = Path(__file__).parent / "corpus"
KINDS = ("own_words", "accents", "typo", "morphology", "paraphrase", "cross_language")
LEXICAL = KINDS[:4]


@dataclass(frozen=True)
class Query:
    q: str
    kind: str
    relevant: dict[str, int]


def passages() -> list[dict]:
    return json.loads((CORPUS / "passages.json").read_text())


def queries() -> list[Query]:
    return [Query(item["q"], item["kind"], item["relevant"])
            for item in json.loads((CORPUS / "queries.json").read_text())]


def body(passage: dict) -> str:
    """A passage as a post: its title on the first line, then its text."""
    return f"{passage['title']}\n\n{passage['text']}"


def post_all(author, group) -> dict[int, str]:
    """Post every passage into `group`; returns passage ids by post id."""
    from intranet.feeds.services.posts import post_create

    return {post_create(actor=author, body=body(passage), group=group).pk: passage["id"]
            for passage in passages()}


def scores(ranked: Callable[[str], list[str]]) -> dict[str, float]:
    """Mean nDCG@10 per kind, over the lexical kinds and over all, of a search that
    returns passage ids best first."""
    found: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for query in queries():
        gains = [query.relevant.get(passage_id, 0)
                 for passage_id in list(dict.fromkeys(ranked(query.q)))]
        found[query.kind].append(ndcg(gains, list(query.relevant.values())))
    means = {kind: statistics.mean(values) for kind, values in found.items()}
    means["lexical"] = statistics.mean(v for kind in LEXICAL for v in found[kind])
    means["all"] = statistics.mean(v for values in found.values() for v in values)
    return means
