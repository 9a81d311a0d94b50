"""People in search: only what their owner shows to everyone is indexed."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from elasticsearch.dsl import Keyword

from intranet.people.models import Profile, ProfileSkill, Visibility
from intranet.search.analysis import multilingual_text, name_text
from intranet.search.documents import SearchDocument
from intranet.search.registry import SearchIndex, register


class PersonDocument(SearchDocument):
    title = name_text()
    job_title = multilingual_text()
    department_name = multilingual_text()
    location = multilingual_text()
    skills = multilingual_text()
    skill = Keyword()
    languages = Keyword()
    bio = multilingual_text()


class PersonIndex(SearchIndex):
    kind = "person"
    model = Profile
    document = PersonDocument
    text_fields = ("job_title", "department_name", "location", "skills", "bio")
    related = {
        get_user_model(): lambda user: list(Profile.objects.filter(user=user)
                                            .values_list("pk", flat=True)),
        ProfileSkill: lambda link: [link.content_object_id],
    }

    def queryset(self):
        return Profile.objects.select_related("user", "department", "location")

    def document_for(self, profile: Profile) -> dict | None:
        user = profile.user
        if not user.is_active or profile.left_at is not None:
            return None

        def public(field: str) -> bool:
            return profile.visibility_of(field) == Visibility.EVERYONE

        skills = sorted(profile.skills.names()) if public("skills") else []
        return {
            "kind": self.kind, "audience": ["company"], "title": user.get_display_name(),
            "url": reverse("people:profile", args=[user.username]),
            "author": user.username,
            "department": profile.department.name if profile.department else "",
            "department_name": profile.department.name if profile.department else "",
            "job_title": profile.job_title if public("job_title") else "",
            "location": profile.location.name if profile.location and public("location")
            else "",
            "skills": skills, "skill": skills,
            "languages": list(profile.languages) if public("languages") else [],
            "bio": profile.bio if public("bio") else "",
            "created_at": None,
        }


register(PersonIndex())
