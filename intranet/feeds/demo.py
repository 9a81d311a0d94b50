"""Demo posts, comments and reactions in French and English across the demo groups."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone

from intranet.feeds.models import Post, ReactionKind
from intranet.feeds.services.comments import comment_create, reaction_set
from intranet.feeds.services.posts import post_create
from intranet.groups.models import InterestGroup, Membership

User = get_user_model()

POSTS = [
    "Qui vient courir mardi midi ? Départ 12h15 devant l'accueil #running",
    "Great talk today on #python typing — slides are on the wiki.",
    "Je cherche des recommandations de livres sur le management bienveillant. #lecture",
    "Reminder: the bike repair workshop is on Thursday at 5pm in the car park. #velo",
    "Nouvelle recette testée ce week-end : tarte tatin aux poires, un succès ! #cuisine",
    "Has anyone tried the new accessibility checker in our design system? #accessibility",
    "Merci à toute l'équipe pour l'organisation du séminaire, c'était top !",
    "Looking for volunteers to help with the charity run next month. #running",
    "Petit retour d'expérience sur notre migration vers PostgreSQL 16 : tout s'est bien passé.",
    "What's everyone's favourite board game for a group of six? #boardgames",
    "Les photos de la sortie au parc sont en ligne, allez les voir ! #photo",
    "Tip of the day: use `git switch -` to go back to the previous branch. #python",
    "Atelier anglais jeudi : on parlera de négociation. Tous niveaux bienvenus.",
    "Our team just shipped the new onboarding flow 🎉 Thanks everyone for the feedback!",
    "Quelqu'un a un chargeur USB-C à prêter en salle Everest ?",
    "The green office committee is collecting ideas to cut paper use. Suggestions welcome!",
]
QUESTIONS = [
    "Comment réserver une salle pour plus de 20 personnes ?",
    "Where can I find the template for expense reports?",
    "Quel est le meilleur itinéraire vélo depuis la gare ?",
    "Does anyone know how to set up the VPN on Linux?",
]
COMMENTS = ["Super idée !", "Count me in!", "Merci pour le partage.", "+1, very useful.",
            "Je peux aider si besoin.", "Thanks, that solved it for me.",
            "On en parle à la pause café ?", "Great work, team!", "Bien vu 👏",
            "Could you share more details?"]


def seed_posts(*, stdout=None) -> int:
    """Create the demo conversation once; a second run finds it and changes nothing."""
    if Post.objects.exists():
        return 0
    rng = random.Random(11)
    groups = list(InterestGroup.objects.filter(archived_at__isnull=True))
    if not groups:
        return 0
    company_voices = list(User.objects.filter(groups__name__in=["HR", "Communications"]))
    now = timezone.now()
    created = 0
    with override_settings(WRITE_RATE_LIMITS={}):
        for n in range(260):
            if company_voices and n % 13 == 0:
                author, group = rng.choice(company_voices), None
                body = rng.choice(["Bienvenue aux nouveaux arrivants de ce mois ! 👋",
                                   "The office will be closed on Friday for maintenance.",
                                   "Résultats du trimestre : merci à toutes et à tous."])
            else:
                group = rng.choice(groups)
                members = list(Membership.objects.filter(group=group).select_related("user"))
                author = rng.choice(members).user
                question = rng.random() < 0.12
                body = rng.choice(QUESTIONS if question else POSTS)
            post = post_create(actor=author, body=body, group=group,
                               is_question=group is not None and body in QUESTIONS)
            when = now - timedelta(minutes=rng.randint(5, 60 * 24 * 30))
            Post.objects.filter(pk=post.pk).update(published_at=when, created_at=when,
                                                   last_activity_at=when)
            readers = (list(User.objects.filter(memberships__group=group)) if group
                       else company_voices)
            for reader in rng.sample(readers, min(len(readers), rng.randint(0, 6))):
                reaction_set(actor=reader, post=post, on=True,
                             kind=rng.choice([ReactionKind.LIKE, ReactionKind.LIKE,
                                              ReactionKind.CELEBRATE, ReactionKind.INSIGHTFUL]))
            if group is not None:
                for reader in rng.sample(readers, min(len(readers), rng.randint(0, 3))):
                    comment_create(actor=reader, post=post, body=rng.choice(COMMENTS))
            created += 1
    if stdout:
        stdout.write(f"Created {created} posts with comments and reactions.")
    return created
