"""A believable company for trying the intranet: people, departments, a manager tree."""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from intranet.accounts import roles
from intranet.accounts.services import role_set
from intranet.core.text import fold
from intranet.people.models import PRIVACY_DEFAULTS, Department, Location, Profile
from intranet.people.services import profile_ensure, profile_update

User = get_user_model()

FRENCH_FIRST = ["Hélène", "Amélie", "Chloé", "Léa", "Manon", "Camille", "Inès", "Zoé", "Maëlle",
                "Océane", "Élodie", "Aurélie", "Gaëlle", "Noémie", "Céline", "Julien", "Théo",
                "Mathéo", "Lucas", "Hugo", "Rémi", "Jérôme", "François", "Benoît", "Étienne",
                "Loïc", "Gaël", "Sébastien", "Cédric", "Timothée", "Anaïs", "Agnès", "Bérénice",
                "Raphaël", "Noël", "Joël", "Clément", "Aurélien", "Maxime", "Thaïs"]
FRENCH_LAST = ["Lefèvre", "Dubois", "Moreau", "Laurent", "Girard", "Bonnet", "Dupré", "Mercier",
               "Fontaine", "Rousseau", "Chevalier", "Lambert", "Faure", "Gauthier", "Perrin",
               "Morel", "Bézier", "Cléments", "Pelletier", "Lemaître", "Brisson", "Garnier",
               "Renard", "Barbier", "Meunier", "Boucher", "Leclerc", "Besançon", "Thébault",
               "Guérin"]
ENGLISH_FIRST = ["Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Lily", "Freya",
                 "Ella", "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Oscar",
                 "Charlie", "Henry", "Thomas", "James", "William", "Samuel", "Joseph", "Priya",
                 "Aisha", "Mei", "Kwame", "Siobhan"]
ENGLISH_LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
                "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
                "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "O'Brien", "Murphy",
                "Hughes", "Edwards", "Turner", "Hill", "Cooper", "Ward"]

DEPARTMENTS = {
    "Engineering": (["Platform", "Mobile", "Data", "Security"],
                    ["Python", "Django", "PostgreSQL", "Kubernetes", "TypeScript", "React",
                     "Rust", "Machine learning", "Security", "Observability", "Swift", "Kotlin"],
                    ["Software Engineer", "Senior Software Engineer", "Staff Engineer",
                     "Data Engineer", "Site Reliability Engineer"]),
    "Product": (["Discovery", "Growth"], ["Product strategy", "User research", "Roadmapping",
                                          "Analytics", "A/B testing"],
                ["Product Manager", "Senior Product Manager", "Product Analyst"]),
    "Design": (["Product design", "Brand"], ["Figma", "Accessibility", "Design systems",
                                             "Illustration", "User research"],
               ["Product Designer", "UX Researcher", "Brand Designer"]),
    "Marketing": (["Campaigns", "Content"], ["SEO", "Copywriting", "Events", "Analytics",
                                             "Marketing automation"],
                  ["Marketing Manager", "Content Strategist", "Events Manager"]),
    "Communications": (["Internal communications", "Press"],
                       ["Public relations", "Copywriting", "Social media", "Video",
                        "Crisis communication"],
                       ["Communications Officer", "Social Media Manager", "Press Officer"]),
    "Sales": (["France", "United Kingdom", "North America"],
              ["Negotiation", "Salesforce", "Key accounts", "Public tenders"],
              ["Account Executive", "Sales Manager", "Business Developer"]),
    "Customer Success": (["Support", "Onboarding"], ["Zendesk", "Training", "Customer care",
                                                     "Technical writing"],
                         ["Customer Success Manager", "Support Specialist", "Trainer"]),
    "Human Resources": (["Recruitment", "People partners"],
                        ["Recruitment", "Employment law", "Payroll", "Coaching", "Onboarding"],
                        ["HR Business Partner", "Recruiter", "Payroll Specialist"]),
    "Finance": (["Accounting", "Controlling"], ["IFRS", "Excel", "Budgeting", "SAP", "Audit"],
                ["Accountant", "Financial Controller", "Financial Analyst"]),
    "Legal": (["Corporate"], ["Contract law", "GDPR", "Intellectual property"],
              ["Legal Counsel", "Paralegal"]),
    "IT": (["Workplace", "Infrastructure"], ["Active Directory", "Networking", "Linux",
                                             "ITIL", "Microsoft 365"],
           ["IT Support Engineer", "Systems Administrator", "Network Engineer"]),
}
HEAD_TITLES = {"Engineering": "VP Engineering", "Product": "Head of Product",
               "Design": "Head of Design", "Marketing": "Chief Marketing Officer",
               "Communications": "Head of Communications", "Sales": "Chief Revenue Officer",
               "Customer Success": "Head of Customer Success",
               "Human Resources": "Chief People Officer", "Finance": "Chief Financial Officer",
               "Legal": "General Counsel", "IT": "Head of IT"}
LOCATIONS = ["Paris", "Lyon", "Nantes", "London", "Manchester", "Montréal", "Remote"]
BIOS = ["Happy to help with anything {skill}.", "Ask me about {skill}!",
        "Previously at a start-up; now bringing {skill} to the team.",
        "Passionnée de {skill}, toujours partante pour un café.",
        "Je travaille sur {skill} et j'adore partager ce que j'apprends."]


def _username(first: str, last: str, taken: set[str]) -> str:
    base = fold(f"{first}.{last}").replace(" ", "").replace("'", "")
    name, n = base, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    taken.add(name)
    return name


def _person(rng: random.Random, taken: set[str]) -> tuple[str, str, str, bool]:
    french = rng.random() < 0.6
    first = rng.choice(FRENCH_FIRST if french else ENGLISH_FIRST)
    last = rng.choice(FRENCH_LAST if french else ENGLISH_LAST)
    return _username(first, last, taken), first, last, french


def seed_people(*, password: str, stdout=None) -> int:
    """Create the demo company once; a second run finds it and changes nothing."""
    if User.objects.filter(username="ceo").exists():
        return 0
    rng = random.Random(20261123)  # the same company on every machine
    taken: set[str] = set(User.objects.values_list("username", flat=True))
    departments = {name: Department.objects.get_or_create(name=name)[0] for name in DEPARTMENTS}
    locations = [Location.objects.get_or_create(name=name)[0] for name in LOCATIONS]
    created = 0
    hashed = make_password(password)  # hashing once keeps seeding a matter of seconds

    def make(username, first, last, *, title, department, manager, location, team="",
             skills=(), languages=("en",), french=False, official=False) -> Profile:
        nonlocal created
        user = User.objects.create(username=username, password=hashed, first_name=first,
                                   last_name=last, email=f"{username}@example.com")
        privacy = dict(PRIVACY_DEFAULTS)
        if rng.random() < 0.1:
            privacy["phone"] = "private"
        phone = (f"+33 1 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
                 if french else f"+44 20 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}")
        profile = profile_update(actor=None, profile=profile_ensure(user=user), changes={
            "job_title": title, "department": department, "manager": manager,
            "location": location, "team": team, "languages": list(languages), "phone": phone,
            "start_date": date(2026, 11, 1) - timedelta(days=rng.randint(3, 4000)),
            "bio": rng.choice(BIOS).format(skill=skills[0]) if skills else "",
            "skills": list(skills), "privacy": privacy, "is_official": official})
        created += 1
        return profile

    with transaction.atomic():
        paris = locations[0]
        ceo = make("ceo", "Claire", "Fontaine", title="Chief Executive Officer",
                   department=None, manager=None, location=paris,
                   skills=["Leadership", "Strategy"], languages=("fr", "en"), french=True)
        company = make("company", "Acme", "", title="Official account", department=None,
                       manager=None, location=paris, languages=("fr", "en"), official=True)
        profile_update(actor=None, profile=company,
                       changes={"display_name": "Acme (official)"})
        for dept_name, (teams, skills, titles) in DEPARTMENTS.items():
            department = departments[dept_name]
            username, first, last, french = _person(rng, taken)
            head = make(username, first, last, title=HEAD_TITLES[dept_name],
                        department=department, manager=ceo, location=rng.choice(locations[:4]),
                        skills=rng.sample(skills, 2), languages=("fr", "en") if french else ("en",),
                        french=french)
            for team in teams:
                username, first, last, french = _person(rng, taken)
                lead = make(username, first, last, title=f"{team} Lead", department=department,
                            manager=head, location=rng.choice(locations), team=team,
                            skills=rng.sample(skills, 3),
                            languages=("fr", "en") if french else ("en",), french=french)
                for _ in range(rng.randint(4, 8)):
                    username, first, last, french = _person(rng, taken)
                    extra = rng.sample(["es", "de", "it", "pt", "ar", "nl"], rng.randint(0, 1))
                    make(username, first, last, title=rng.choice(titles), department=department,
                         manager=lead, location=rng.choice(locations), team=team,
                         skills=rng.sample(skills, min(len(skills), rng.randint(2, 4))),
                         languages=(("fr", "en") if french else ("en",)) + tuple(extra),
                         french=french)
        _assign_roles(departments)
    if stdout:
        stdout.write(f"Created {created} employees.")
    return created


def _assign_roles(departments: dict[str, Department]) -> None:
    for role, department in ((roles.HR, "Human Resources"),
                             (roles.COMMUNICATIONS, "Communications"),
                             (roles.COMMUNITY_MANAGERS, "Customer Success")):
        members = (Profile.objects.filter(department=departments[department])
                   .select_related("user").order_by("pk")[:3])
        for profile in members:
            role_set(actor=None, user=profile.user, role=role, granted=True)
