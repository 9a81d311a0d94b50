"""Judged queries over the demo data, in French and English, and nDCG@10.

Each query lists what a person would want to see, graded 3 (what I was looking for),
2 (very useful) or 1 (related). Results are matched by kind and title (the demo repeats
post texts, so a title counts once), as seen by the demo's official account, which
belongs to no group.
"""

import math
from dataclasses import dataclass

from intranet.search.query import Hit


@dataclass(frozen=True)
class Judged:
    q: str
    relevant: dict[tuple[str, str], int]


def g(title: str, grade: int = 3) -> tuple[tuple[str, str], int]:
    return ("group", title), grade


def p(title: str, grade: int = 3) -> tuple[tuple[str, str], int]:
    return ("post", title), grade


def who(name: str, grade: int = 3) -> tuple[tuple[str, str], int]:
    return ("person", name), grade


def judged(q: str, *items: tuple[tuple[str, str], int]) -> Judged:
    return Judged(q, dict(items))


QUERIES = [
    judged("running", g("Running Club Paris"), p("Qui vient courir", 2),
           p("Looking for volunteers", 2)),
    judged("photographie", g("Photographie"), p("Les photos de la sortie", 1)),
    judged("photos", p("Les photos de la sortie"), g("Photographie", 2)),
    judged("python", g("Python guild"), p("Great talk today", 2), p("Tip of the day", 2)),
    judged("cuisine", g("Cuisine du monde"), p("Nouvelle recette testée", 2)),
    judged("recette", p("Nouvelle recette testée"), g("Cuisine du monde", 2)),
    judged("livres management", p("Je cherche des recommandations de livres")),
    judged("book club", g("Book club")),
    judged("velo", g("Vélo au boulot"), p("Quel est le meilleur itinéraire vélo", 2),
           p("Reminder: the bike repair workshop", 2)),
    judged("bike repair", p("Reminder: the bike repair workshop")),
    judged("green office", g("Green office"), p("The green office committee")),
    judged("musique", g("Musique & concerts")),
    judged("concerts", g("Musique & concerts")),
    judged("data science", g("Data science community")),
    judged("parents", g("Parents au travail")),
    judged("accessibility", g("Accessibility champions"), p("Has anyone tried the new")),
    judged("accessibility checker", p("Has anyone tried the new"),
           g("Accessibility champions", 2)),
    judged("anglais", g("Apprendre l'anglais"), p("Atelier anglais jeudi", 2)),
    judged("board games", g("Board games"), p("What's everyone's favourite board game")),
    judged("women in tech", g("Women in Tech")),
    judged("managers", g("Managers' circle")),
    judged("nouveaux arrivants", g("Réseau des nouveaux arrivants"),
           p("Bienvenue aux nouveaux arrivants")),
    judged("reseau", g("Réseau des nouveaux arrivants")),
    judged("design system", g("Design system"), p("Has anyone tried the new", 2)),
    judged("comite des fetes", g("Comité des fêtes")),
    judged("security champions", g("Security champions")),
    judged("mentorat", g("Mentorat")),
    judged("postgresql migration", p("Petit retour d'expérience sur notre migration")),
    judged("seminaire", p("Merci à toute l'équipe pour l'organisation du séminaire")),
    judged("onboarding flow", p("Our team just shipped the new onboarding flow")),
    judged("chargeur usb", p("Quelqu'un a un chargeur USB-C")),
    judged("reserver une salle", p("Comment réserver une salle")),
    judged("expense report template", p("Where can I find the template for expense reports")),
    judged("vpn linux", p("Does anyone know how to set up the VPN on Linux")),
    judged("helene leclerc", who("Hélène Leclerc")),
    judged("manon laurent", who("Manon Laurent")),
    judged("thebault", who("Jérôme Thébault"), who("Thaïs Thébault")),
    judged("office closed maintenance", p("The office will be closed on Friday")),
    judged("resultats du trimestre", p("Résultats du trimestre")),
    judged("charity run volunteers", p("Looking for volunteers")),
    judged("atelier negociation", p("Atelier anglais jeudi")),
    judged("git branch", p("Tip of the day")),
]


def _grade(hit: Hit, relevant: dict[tuple[str, str], int]) -> tuple[tuple[str, str], int]:
    for (kind, title), grade in relevant.items():
        if hit.type == kind and hit.title.startswith(title):
            return (kind, title), grade
    return (hit.type, hit.title), 0


def ndcg(gains: list[int], grades: list[int]) -> float:
    """Normalised discounted cumulative gain of the grades of the first ten results,
    against the best order of every grade judged."""
    dcg = sum((2 ** grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(gains[:10]))
    ideal = sorted(grades, reverse=True)[:10]
    idcg = sum((2 ** grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def ndcg_at_10(hits: list[Hit], query: Judged) -> float:
    """nDCG@10 of the first ten distinct results."""
    seen, gains = set(), []
    for hit in hits:
        key, grade = _grade(hit, query.relevant)
        if key in seen:
            continue
        seen.add(key)
        gains.append(grade)
    return ndcg(gains, list(query.relevant.values()))
