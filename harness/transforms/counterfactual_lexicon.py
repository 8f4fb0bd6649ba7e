"""Word lists for counterfactual swaps, written for this project.

Every list here was written for harness; none is copied from a dataset. Provenance
of the *facts* behind them (which names are perceived as belonging to which group):

* First names perceived as white or Black American: the names that Bertrand and
  Mullainathan (2004, "Are Emily and Greg More Employable than Lakisha and Jamal?",
  American Economic Review 94(4)) chose for being distinctive in Massachusetts birth
  records and checked with a perception survey.
* First names perceived as Hispanic or Asian American: names with a large share of
  Hispanic or Asian bearers in Tzioumis (2018, "Demographic aspects of first names",
  Scientific Data 5:180025, mortgage-application records). "Asian" lumps East and
  Southeast Asian names together, as perception studies do; it is not one culture.

Perceived group is what the probe manipulates: a name says nothing about a real
person. Names that are also ordinary English words or places (Hope, Ebony, Kenya,
Jay, Will, Grace, ...) or that carry a religious meaning (Jesus, Mohammed) are left
out, so a swap never touches an ordinary word and a name never changes two
attributes at once.

Gendered terms are pairs of words that differ only in gender (he/she, actor/actress);
words whose gender is only a social default (nurse, engineer) are *not* here: those
are what the Winogender-style probe measures. Religion, nationality and age terms are
written as adjective, singular noun and plural noun; where a group has no idiomatic
noun ("a Jewish", "a Chinese"), the swap writes "<adjective> person"/"people".
"""

from __future__ import annotations

#: (male, female) pairs that differ only in gender. ``his``/``her``/``him``/``hers``
#: are handled by part of speech in harness/transforms/counterfactual.py.
GENDER_PAIRS: tuple[tuple[str, str], ...] = (
    ("he", "she"),
    ("himself", "herself"),
    ("man", "woman"),
    ("men", "women"),
    ("boy", "girl"),
    ("boys", "girls"),
    ("father", "mother"),
    ("fathers", "mothers"),
    ("dad", "mom"),
    ("son", "daughter"),
    ("sons", "daughters"),
    ("brother", "sister"),
    ("brothers", "sisters"),
    ("husband", "wife"),
    ("husbands", "wives"),
    ("uncle", "aunt"),
    ("uncles", "aunts"),
    ("nephew", "niece"),
    ("nephews", "nieces"),
    ("grandfather", "grandmother"),
    ("grandson", "granddaughter"),
    ("gentleman", "lady"),
    ("gentlemen", "ladies"),
    ("king", "queen"),
    ("prince", "princess"),
    ("actor", "actress"),
    ("actors", "actresses"),
    ("waiter", "waitress"),
    ("waiters", "waitresses"),
    ("boyfriend", "girlfriend"),
    ("male", "female"),
    ("males", "females"),
    ("mr", "ms"),
    ("groom", "bride"),
    ("monk", "nun"),
    ("monks", "nuns"),
    ("sir", "madam"),
    ("grandpa", "grandma"),
    ("widower", "widow"),
    ("stepfather", "stepmother"),
    ("stepson", "stepdaughter"),
    ("godfather", "godmother"),
    ("schoolboy", "schoolgirl"),
    ("businessman", "businesswoman"),
    ("chairman", "chairwoman"),
    ("policeman", "policewoman"),
    ("salesman", "saleswoman"),
    ("spokesman", "spokeswoman"),
    ("cowboy", "cowgirl"),
    ("cowboys", "cowgirls"),
    ("policemen", "policewomen"),
    ("businessmen", "businesswomen"),
    ("schoolboys", "schoolgirls"),
    ("stuntman", "stuntwoman"),
    ("grooms", "brides"),
    ("kings", "queens"),
    ("princes", "princesses"),
    ("grandfathers", "grandmothers"),
    ("grandsons", "granddaughters"),
    ("boyfriends", "girlfriends"),
    ("dads", "moms"),
    ("daddy", "mommy"),
)

#: Female titles with no male form of their own: "Mrs Duarte" and "Miss Pell" become
#: "Mr Duarte" and "Mr Pell" (a male title becomes "Ms", the pair above).
FEMALE_TITLES: dict[str, str] = {"mrs": "mr", "miss": "mr"}

GENDER_GROUPS = ("male", "female")
ETHNICITY_GROUPS = ("white", "Black", "Hispanic", "Asian")

#: First names by (perceived gender, perceived ethnicity); six per cell.
FIRST_NAMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("female", "white"): ("Emily", "Anne", "Jill", "Allison", "Laurie", "Meredith"),
    ("male", "white"): ("Greg", "Brendan", "Geoffrey", "Brett", "Todd", "Neil"),
    ("female", "Black"): ("Lakisha", "Tamika", "Keisha", "Tanisha", "Latoya", "Latonya"),
    ("male", "Black"): ("Jamal", "Darnell", "Tyrone", "Rasheed", "Kareem", "Jermaine"),
    ("female", "Hispanic"): ("Guadalupe", "Marisol", "Yesenia", "Maricela", "Alejandra", "Xiomara"),
    ("male", "Hispanic"): ("Alejandro", "Santiago", "Javier", "Miguel", "Rodrigo", "Joaquin"),
    ("female", "Asian"): ("Mei", "Thuy", "Xiu", "Hoa", "Yuki", "Hyejin"),
    ("male", "Asian"): ("Wei", "Hoang", "Minh", "Tuan", "Hiroshi", "Jiho"),
}

RELIGION_GROUPS = ("Christian", "Muslim", "Jewish", "Hindu", "Buddhist", "Sikh")
NATIONALITY_GROUPS = ("American", "Mexican", "Chinese", "Indian", "Nigerian", "German")
AGE_GROUPS = ("young", "old")

#: group -> (adjective, singular noun or None, plural noun or None).
RELIGION_FORMS: dict[str, tuple[str, str | None, str | None]] = {
    "Christian": ("Christian", "Christian", "Christians"),
    "Muslim": ("Muslim", "Muslim", "Muslims"),
    "Jewish": ("Jewish", None, "Jews"),
    "Hindu": ("Hindu", "Hindu", "Hindus"),
    "Buddhist": ("Buddhist", "Buddhist", "Buddhists"),
    "Sikh": ("Sikh", "Sikh", "Sikhs"),
}
NATIONALITY_FORMS: dict[str, tuple[str, str | None, str | None]] = {
    "American": ("American", "American", "Americans"),
    "Mexican": ("Mexican", "Mexican", "Mexicans"),
    "Chinese": ("Chinese", None, None),
    "Indian": ("Indian", "Indian", "Indians"),
    "Nigerian": ("Nigerian", "Nigerian", "Nigerians"),
    "German": ("German", "German", "Germans"),
}

#: (young, old) pairs. The adjectives change only before a noun for a person, so
#: "years old" and "an old house" stay as they are.
AGE_ADJECTIVE_PAIRS: tuple[tuple[str, str], ...] = (
    ("young", "old"),
    ("younger", "older"),
    ("youngest", "oldest"),
)
AGE_NOUN_PAIRS: tuple[tuple[str, str], ...] = (
    ("teenager", "retiree"),
    ("teenagers", "retirees"),
)

#: Capitalised words that are not names, besides the place and group lists: titles,
#: languages, months, days and a few sentence openers (surnames after a title are not
#: first names either). An unknown capitalised word elsewhere may be a name the
#: lists lack ("Tanya ... her"): a gender swap then excludes the item rather than write
#: "Tanya ... his".
NOT_NAMES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "english",
        "spanish",
        "french",
        "german",
        "polish",
        "ukrainian",
        "russian",
        "italian",
        "portuguese",
        "dutch",
        "greek",
        "turkish",
        "arabic",
        "hindi",
        "japanese",
        "korean",
        "chinese",
        "swedish",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "i",
        "unless",
        "yesterday",
        "today",
        "tomorrow",
        "tonight",
    ]
)

#: Nouns for people after which an age adjective describes a person's age.
PERSON_NOUNS = frozenset(
    [
        "man",
        "woman",
        "men",
        "women",
        "person",
        "people",
        "lady",
        "gentleman",
        "couple",
        "driver",
        "drivers",
        "worker",
        "workers",
        "employee",
        "employees",
        "applicant",
        "applicants",
        "candidate",
        "candidates",
        "patient",
        "patients",
        "customer",
        "customers",
        "neighbor",
        "neighbors",
        "neighbour",
        "neighbours",
        "student",
        "students",
        "colleague",
        "colleagues",
        "stranger",
        "strangers",
        "tenant",
        "tenants",
        "guest",
        "guests",
        "volunteer",
        "volunteers",
        "traveler",
        "travelers",
        "nurse",
        "doctor",
        "teacher",
        "engineer",
        "manager",
    ]
)

#: Words after which an adjective-like group word is a noun ("the Muslim was ...").
NOT_NOUNS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "this",
        "these",
        "those",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "about",
        "as",
        "into",
        "onto",
        "than",
        "then",
        "there",
        "here",
        "when",
        "where",
        "while",
        "because",
        "if",
        "though",
        "although",
        "before",
        "after",
        "since",
        "until",
        "also",
        "too",
        "very",
        "not",
        "no",
        "never",
        "always",
        "often",
        "again",
        "just",
        "only",
        "still",
        "really",
        "quite",
        "said",
        "says",
        "told",
        "asked",
        "went",
        "came",
        "left",
        "arrived",
        "ate",
        "bought",
        "sold",
        "met",
        "saw",
        "helped",
        "called",
        "wrote",
        "read",
        "ran",
        "walked",
        "lives",
        "lived",
        "works",
        "worked",
    ]
)

#: Words after which ``her`` is an object pronoun (-> him) rather than a possessive
#: determiner (-> his), and ``his`` is a possessive pronoun (-> hers).
NOT_AFTER_DETERMINER = NOT_NOUNS | frozenset(
    [
        "up",
        "down",
        "out",
        "off",
        "over",
        "back",
        "away",
        "home",
        "today",
        "yesterday",
        "tomorrow",
        "now",
        "later",
        "soon",
        "again",
        "twice",
        "once",
        "immediately",
        "quickly",
        "slowly",
        "carefully",
        "warmly",
        "politely",
    ]
)
