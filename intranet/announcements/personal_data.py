"""The announcements' part of a person's data: which announcements they opened and
acknowledged, and when; its export, and its erasure."""

from django.contrib.auth.base_user import AbstractBaseUser

from intranet.announcements.models import Receipt
from intranet.core.personal_data import Archive, Erasure, register_personal_data


def export_receipts(user: AbstractBaseUser, archive: Archive) -> None:
    archive.add_json("acknowledgements.json", [
        {"announcement": receipt.page.title, "url": receipt.page.url,
         "seen_at": receipt.seen_at, "acknowledged_at": receipt.acknowledged_at}
        for receipt in Receipt.objects.filter(user=user).select_related("page")
        .order_by("pk")])


def erase_receipts(erasure: Erasure) -> None:
    """Their receipts go: the counts HR reads are of the current audience, which a
    former employee has left."""
    Receipt.objects.filter(user=erasure.user).delete()


register_personal_data("announcements", export=export_receipts, erase=erase_receipts,
                       order=50)
