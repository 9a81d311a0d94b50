"""Demo announcements in French and English, published by HR through the same path as
the API: one for everyone, one for a department, one for a site, one to acknowledge; two
of them have a version in each language."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from intranet.announcements.models import AnnouncementPage
from intranet.announcements.services.writing import announcement_create

User = get_user_model()

ANNOUNCEMENTS = [
    {"language": "fr", "title": "Charte informatique 2027", "importance": "ack_required",
     "summary": "La nouvelle charte d'utilisation des outils numériques entre en vigueur.",
     "body": "La charte **2027** précise l'usage des outils numériques, le télétravail et "
             "la protection des données. Merci de la lire et d'en accuser lecture.",
     "ack_due": 14,
     "translations": {"en": {
         "title": "IT charter 2027",
         "summary": "The new charter for digital tools comes into force.",
         "body": "The **2027** charter covers digital tools, remote work and data "
                 "protection. Please read it and acknowledge it."}}},
    {"title": "Open enrolment for the health plan", "importance": "important",
     "summary": "Choose your cover before the end of the month.",
     "body": "Enrolment for next year's **health plan** is open until the 30th.",
     "audience": {"locations": ["London", "Manchester"]},
     "translations": {"fr": {
         "title": "Mutuelle : inscriptions ouvertes",
         "summary": "Choisissez votre couverture avant la fin du mois.",
         "body": "Les inscriptions à la **mutuelle** de l'an prochain sont ouvertes "
                 "jusqu'au 30."}}},
    {"title": "Entretiens annuels : le calendrier", "importance": "info",
     "summary": "Les entretiens annuels se tiennent du 5 au 30 janvier.",
     "body": "Les managers recevront les supports la semaine prochaine.",
     "audience": {"departments": ["Human Resources", "Finance", "Legal"]}},
    {"title": "Welcome to the intranet", "importance": "info",
     "summary": "Profiles, groups, feeds and search: a quick tour.",
     "body": "Complete your **profile**, join a few groups and say hello in the feed."},
]


def seed_announcements(*, stdout=None) -> int:
    """Publish the demo announcements once; a second run changes nothing."""
    if AnnouncementPage.objects.exists():
        return 0
    author = User.objects.filter(groups__name="HR", is_active=True).order_by("pk").first()
    if author is None:
        return 0
    now = timezone.now()
    for data in ANNOUNCEMENTS:
        fields = dict(data)
        if "ack_due" in fields:
            fields["ack_due"] = (now + timedelta(days=fields["ack_due"])).isoformat()
        announcement_create(actor=author, data=fields)
    if stdout:
        stdout.write(f"Announcements: {len(ANNOUNCEMENTS)}.")
    return len(ANNOUNCEMENTS)
