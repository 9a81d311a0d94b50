"""Demo interest groups: open, private and secret, in French and English, with members."""

import random

from django.contrib.auth import get_user_model

from intranet.groups.models import InterestGroup, Role, Visibility
from intranet.groups.services import (
    group_create,
    group_join,
    member_invite,
    member_set_role,
    request_decide,
)

User = get_user_model()

GROUPS = [
    ("Running Club Paris", "open", "Sorties du mardi et du jeudi midi, tous niveaux."),
    ("Photographie", "open", "Partagez vos clichés, vos conseils et vos sorties photo."),
    ("Python guild", "open", "Everything Python: talks, code reviews, library news."),
    ("Cuisine du monde", "open", "Recettes, restaurants et ateliers cuisine entre collègues."),
    ("Book club", "open", "One book a month, discussed over lunch."),
    ("Vélo au boulot", "open", "Itinéraires, entretien et défis du mois « Au travail à vélo »."),
    ("Green office", "open", "Ideas and actions for a greener workplace."),
    ("Musique & concerts", "open", "Playlists, concerts et jam sessions du vendredi."),
    ("Data science community", "open", "Notebooks, papers and the odd Kaggle challenge."),
    ("Parents au travail", "open", "Entraide entre parents : crèches, vacances, astuces."),
    ("Accessibility champions", "open", "Making our products and offices accessible to all."),
    ("Apprendre l'anglais", "open", "Conversation tables et ressources pour progresser."),
    ("Board games", "open", "Game nights on Thursdays, from Catan to Gloomhaven."),
    ("Women in Tech", "private", "A safe space for women in technical roles and allies."),
    ("Managers' circle", "private", "Peer support and training for people managers."),
    ("Réseau des nouveaux arrivants", "private", "Pour bien démarrer : questions, parrainage."),
    ("Design system", "private", "Contributors to our shared components and guidelines."),
    ("Comité des fêtes", "private", "Organisation des événements internes de l'année."),
    ("Security champions", "private", "Security-minded people from every team."),
    ("Mentorat", "private", "Mentors et mentorés : binômes, rencontres et retours."),
    ("Projet Atlas", "secret", "Préparation confidentielle de l'acquisition Atlas."),
    ("Reorg 2027 steering", "secret", "Steering committee of the 2027 reorganisation."),
    ("Comité de direction", "secret", "Ordres du jour et comptes rendus du CODIR."),
    ("Pricing task force", "secret", "Confidential work on next year's pricing."),
    ("Incident response", "secret", "On-call coordination for major incidents."),
]


def seed_groups(*, stdout=None) -> int:
    """Create the demo groups once; a second run finds them and changes nothing."""
    if InterestGroup.objects.filter(slug="running-club-paris").exists():
        return 0
    rng = random.Random(2026)
    people = list(User.objects.filter(is_active=True, is_superuser=False)
                  .exclude(username="company").order_by("pk"))
    if len(people) < 20:
        return 0
    for name, visibility, description in GROUPS:
        owner = rng.choice(people)
        group = group_create(actor=owner, name=name, description=description,
                             visibility=visibility)
        size = {"open": rng.randint(12, 45), "private": rng.randint(6, 18),
                "secret": rng.randint(3, 8)}[visibility]
        others = rng.sample([p for p in people if p != owner], size)
        for person in others:
            if visibility == Visibility.OPEN:
                group_join(actor=person, group=group)
            elif visibility == Visibility.PRIVATE:
                outcome = group_join(actor=person, group=group,
                                     message="Bonjour, je peux rejoindre ? / May I join?")
                if rng.random() < 0.8:
                    request_decide(actor=owner, request=outcome.request, approve=True)
            else:
                member_invite(actor=owner, group=group, invitee=person)
                group_join(actor=person, group=group)
        moderator = group.memberships.exclude(user=owner).filter(role=Role.MEMBER).first()
        if moderator is not None:
            member_set_role(actor=owner, group=group, user=moderator.user, role=Role.MODERATOR)
    if stdout:
        stdout.write(f"Created {len(GROUPS)} interest groups.")
    return len(GROUPS)
