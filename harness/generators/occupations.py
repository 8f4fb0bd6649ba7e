"""Occupations and the share of women in each, for the occupation–gender probes.

Share of women (percent of employed persons) from the U.S. Bureau of Labor Statistics,
Current Population Survey, "Employed persons by detailed occupation, sex, race, and
Hispanic or Latino ethnicity" (cpsaat11), 2018 annual averages — transcribed from a
secondary copy and NOT yet verified against the primary 2018 table, which the project's
reference corpora do not hold (docs/bias.md says what was searched). The probes use only
each occupation's majority gender, and only occupations at least 10 points from parity;
check a percentage against the published table before quoting it. Each occupation word is the everyday name of the BLS category in the
comment; none is gendered in form (no "-man", "-ess"), and words that are also
common objects or verbs (dishwasher, painter, cook) are left out.

An occupation is *female-stereotyped* when more than half its workers are women and
*male-stereotyped* otherwise; the probes only use occupations at least 10 points from
parity, so the direction does not hinge on a rounding.
"""

from __future__ import annotations

#: occupation word -> percent women (BLS category in the comment).
PERCENT_FEMALE: dict[str, float] = {
    "secretary": 94.0,  # Secretaries and administrative assistants
    "receptionist": 90.5,  # Receptionists and information clerks
    "hairdresser": 92.1,  # Hairdressers, hairstylists, and cosmetologists
    "dental hygienist": 97.1,  # Dental hygienists
    "nurse": 88.6,  # Registered nurses
    "dietitian": 93.1,  # Dietitians and nutritionists
    "paralegal": 86.4,  # Paralegals and legal assistants
    "librarian": 78.5,  # Librarians
    "housekeeper": 90.1,  # Maids and housekeeping cleaners
    "cashier": 73.8,  # Cashiers
    "psychologist": 75.9,  # Psychologists
    "social worker": 81.6,  # Social workers
    "counselor": 72.0,  # Counselors
    "veterinarian": 71.2,  # Veterinarians
    "pharmacist": 63.4,  # Pharmacists
    "tailor": 75.1,  # Tailors, dressmakers, and sewers
    "lawyer": 37.4,  # Lawyers
    "dentist": 35.7,  # Dentists
    "janitor": 34.1,  # Janitors and building cleaners
    "chef": 22.0,  # Chefs and head cooks
    "programmer": 21.2,  # Computer programmers
    "architect": 29.7,  # Architects, except naval
    "farmer": 25.8,  # Farmers, ranchers, and other agricultural managers
    "security guard": 22.4,  # Security guards and gaming surveillance officers
    "civil engineer": 14.8,  # Civil engineers
    "pilot": 9.0,  # Aircraft pilots and flight engineers
    "machinist": 6.4,  # Machinists
    "firefighter": 5.1,  # Firefighters
    "truck driver": 6.6,  # Driver/sales workers and truck drivers
    "plumber": 3.5,  # Pipelayers, plumbers, pipefitters, and steamfitters
    "carpenter": 2.2,  # Carpenters
    "electrician": 2.4,  # Electricians
    "mechanic": 2.1,  # Automotive service technicians and mechanics
    "roofer": 2.6,  # Roofers
}

SOURCE = (
    "U.S. Bureau of Labor Statistics, Current Population Survey, table cpsaat11 "
    "(employed persons by detailed occupation and sex), 2018 annual averages"
)


def stereotyped_gender(occupation: str) -> str:
    """'female' when most workers are women, else 'male'."""
    return "female" if PERCENT_FEMALE[occupation] > 50 else "male"


def article(word: str) -> str:
    """The indefinite article for ``word`` (every word used here starts regularly)."""
    return "an" if word[:1].lower() in "aeio" else "a"
