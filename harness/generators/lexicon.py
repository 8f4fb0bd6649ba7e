"""Word lists for the NLI diagnostic generators (HANS-style and capability tests).

Written for this project. Every list is chosen so that the labels of the templates
that use it stay right by construction:

* transitive verbs are regular (past tense = past participle, so passives keep full
  lexical overlap) and never symmetric ("met", "married" would make a subject/object
  swap entailed);
* verbs with an optional object take people as objects and entail their
  object-less use ("paid the nurse" → "paid");
* verbs taking a noun phrase or a clause ("knew the nurse" / "knew the nurse left")
  do not entail the noun-phrase reading from the clause reading;
* prepositions for noun-phrase modifiers are never comitative ("with" would let
  "the pilot with the nurse danced" entail "the nurse danced").
"""

from __future__ import annotations

from typing import NamedTuple


class Person(NamedTuple):
    singular: str
    plural: str


class Verb(NamedTuple):
    """A verb's forms: past tense, base form, past participle."""

    past: str
    base: str
    participle: str


PEOPLE: tuple[Person, ...] = tuple(
    Person(word, plural)
    for word, plural in (
        ("pilot", "pilots"),
        ("baker", "bakers"),
        ("nurse", "nurses"),
        ("farmer", "farmers"),
        ("chef", "chefs"),
        ("poet", "poets"),
        ("dentist", "dentists"),
        ("sailor", "sailors"),
        ("tailor", "tailors"),
        ("painter", "painters"),
        ("clerk", "clerks"),
        ("editor", "editors"),
        ("plumber", "plumbers"),
        ("violinist", "violinists"),
        ("surgeon", "surgeons"),
        ("mayor", "mayors"),
        ("librarian", "librarians"),
        ("coach", "coaches"),
    )
)

# Regular, non-symmetric transitive verbs that take people as objects, and neutral:
# none reads as negation, avoidance or failure ("avoided", "ignored" made a real model
# predict contradiction even for identical premise and hypothesis, which hides the
# lexical-overlap failure). tests/generators checks them against EXCLUDED_VERB_CLASSES.
TRANSITIVE_VERBS: tuple[Verb, ...] = (
    Verb("helped", "help", "helped"),
    Verb("called", "call", "called"),
    Verb("admired", "admire", "admired"),
    Verb("thanked", "thank", "thanked"),
    Verb("visited", "visit", "visited"),
    Verb("recognized", "recognize", "recognized"),
    Verb("greeted", "greet", "greeted"),
    Verb("supported", "support", "supported"),
    Verb("praised", "praise", "praised"),
    Verb("advised", "advise", "advised"),
    Verb("contacted", "contact", "contacted"),
    Verb("encouraged", "encourage", "encouraged"),
    Verb("followed", "follow", "followed"),
    Verb("hired", "hire", "hired"),
    Verb("invited", "invite", "invited"),
    Verb("photographed", "photograph", "photographed"),
    Verb("interviewed", "interview", "interviewed"),
    Verb("warned", "warn", "warned"),
)

# Verb classes the transitive-verb lexicon must avoid: a verb of any of these classes
# makes the hypothesis read as a negation or leaves the label to the verb's meaning.
EXCLUDED_VERB_CLASSES: dict[str, tuple[str, ...]] = {
    "avoidance or neglect": ("avoid", "ignore", "neglect", "evade", "shun", "dodge", "skip"),
    "refusal or denial": ("refuse", "deny", "reject", "decline", "dismiss", "rebuff", "veto"),
    "failure or forgetting": ("forget", "miss", "fail", "overlook", "lose", "abandon"),
    "prevention": ("prevent", "stop", "block", "hinder", "forbid", "prohibit", "bar"),
    "doubt or distrust": ("doubt", "distrust", "mistrust", "suspect", "question"),
    "hostility": ("hate", "attack", "oppose", "resist", "fight", "blame", "accuse"),
    "symmetric or reciprocal": ("meet", "marry", "date", "hug", "kiss", "resemble", "fight"),
    "implicative": ("manage", "dare", "bother", "hesitate", "pretend"),
}

# Transitive verbs whose object may be dropped ("the pilot paid the nurse" → "the pilot
# paid"); past tense = past participle, which the reduced-relative garden paths need.
OPTIONAL_OBJECT_VERBS: tuple[Verb, ...] = (
    Verb("paid", "pay", "paid"),
    Verb("called", "call", "called"),
    Verb("visited", "visit", "visited"),
    Verb("helped", "help", "helped"),
    Verb("watched", "watch", "watched"),
    Verb("warned", "warn", "warned"),
    Verb("interrupted", "interrupt", "interrupted"),
    Verb("served", "serve", "served"),
)

# Verbs taking either a noun phrase or a clause: "knew the nurse" / "knew the nurse left".
NOUN_OR_CLAUSE_VERBS: tuple[str, ...] = (
    "knew",
    "remembered",
    "heard",
    "believed",
    "noticed",
    "understood",
)

INTRANSITIVE_VERBS: tuple[Verb, ...] = (
    Verb("slept", "sleep", "slept"),
    Verb("laughed", "laugh", "laughed"),
    Verb("waited", "wait", "waited"),
    Verb("smiled", "smile", "smiled"),
    Verb("arrived", "arrive", "arrived"),
    Verb("shouted", "shout", "shouted"),
    Verb("danced", "dance", "danced"),
    Verb("resigned", "resign", "resigned"),
    Verb("hesitated", "hesitate", "hesitated"),
    Verb("sneezed", "sneeze", "sneezed"),
    Verb("stumbled", "stumble", "stumbled"),
    Verb("cried", "cry", "cried"),
    Verb("yawned", "yawn", "yawned"),
    Verb("complained", "complain", "complained"),
    Verb("retired", "retire", "retired"),
    Verb("sang", "sing", "sung"),
)

# Locative modifiers of a noun phrase; none of them is comitative.
NOUN_PREPOSITIONS: tuple[str, ...] = ("near", "behind", "beside", "next to", "in front of")

# Time adverbials that end a clause without changing who did what to whom.
TIME_ADVERBIALS: tuple[str, ...] = ("yesterday", "last week", "this morning", "on Monday", "twice")

# Places for reduced relatives ("the pilot paid in the office waited").
PLACES: tuple[str, ...] = (
    "in the office",
    "at the station",
    "on the train",
    "in the library",
    "at the market",
    "near the harbor",
)

# Intersective adjectives: "tired pilots helped the nurse" entails "pilots helped the nurse".
INTERSECTIVE_ADJECTIVES: tuple[str, ...] = (
    "tall",
    "young",
    "tired",
    "cheerful",
    "nervous",
    "busy",
    "hungry",
    "quiet",
)

# Subordinators for "<subordinator> the pilot paid the nurse waited" (no comma).
NP_Z_SUBORDINATORS: tuple[str, ...] = ("Since", "While", "Because", "Although", "After", "Whenever")

# Clause-embedding verbs that do not entail their complement ...
NONFACTIVE_VERBS: tuple[str, ...] = (
    "believed",
    "thought",
    "hoped",
    "suspected",
    "assumed",
    "claimed",
)
# ... and ones that do (factive).
FACTIVE_VERBS: tuple[str, ...] = (
    "knew",
    "remembered",
    "realized",
    "noticed",
    "discovered",
    "learned",
)

# Sentence adverbs that leave the clause uncertain / that assert it.
HEDGING_ADVERBS: tuple[str, ...] = (
    "Probably",
    "Maybe",
    "Hopefully",
    "Perhaps",
    "Supposedly",
    "Allegedly",
)
ASSERTING_ADVERBS: tuple[str, ...] = (
    "Definitely",
    "Certainly",
    "Clearly",
    "Undoubtedly",
    "Obviously",
    "Without a doubt",
    "Of course",
)

# Conditionals do not assert their clauses; these connectives presuppose theirs.
CONDITIONAL_CONNECTIVES: tuple[str, ...] = ("If", "Unless", "Whether or not", "In case")
# Before a main clause only "if" and "unless" leave it unasserted ("In case it rains, I
# brought an umbrella" asserts the main clause; so does "whether or not").
CONDITIONAL_ONLY: tuple[str, ...] = ("If", "Unless")
FACTIVE_CONNECTIVES: tuple[str, ...] = ("Since", "Because", "After", "Although", "Now that")

# --- capability tests ---------------------------------------------------------------

FEMALE_NAMES: tuple[str, ...] = (
    "Amara",
    "Lucia",
    "Ingrid",
    "Noor",
    "Priya",
    "Keiko",
    "Fatima",
    "Elena",
)
MALE_NAMES: tuple[str, ...] = (
    "Tomas",
    "Kwame",
    "Rafael",
    "Dmitri",
    "Arjun",
    "Hiroshi",
    "Omar",
    "Lars",
)

# Countable things to buy, with plurals, for number and quantity templates.
THINGS: tuple[tuple[str, str], ...] = (
    ("ticket", "tickets"),
    ("pencil", "pencils"),
    ("lemon", "lemons"),
    ("candle", "candles"),
    ("notebook", "notebooks"),
    ("towel", "towels"),
    ("stamp", "stamps"),
    ("basket", "baskets"),
)

# Comparative adjectives and their converses: "A is taller than B" ⇔ "B is shorter than A".
COMPARATIVE_PAIRS: tuple[tuple[str, str], ...] = (
    ("taller", "shorter"),
    ("older", "younger"),
    ("faster", "slower"),
    ("stronger", "weaker"),
    ("richer", "poorer"),
    ("heavier", "lighter"),
)

# Contrary adjectives said of a person: "X is asleep" contradicts "X is awake".
ANTONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("awake", "asleep"),
    ("happy", "sad"),
    ("rich", "poor"),
    ("young", "old"),
    ("present", "absent"),
    ("healthy", "sick"),
    ("polite", "rude"),
    ("early", "late"),
)

# Adjectives said of a person with the same meaning, in both directions (so no
# "furious" ⇒ "angry" pairs, which entail one way only).
SYNONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("wealthy", "rich"),
    ("ill", "sick"),
    ("scared", "afraid"),
    ("clever", "smart"),
    ("sleepy", "drowsy"),
    ("angry", "mad"),
    ("brave", "courageous"),
    ("honest", "truthful"),
)

# (hyponym, hypernym) among things one can buy; "a" is the article of both.
HYPONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("puppy", "dog"),
    ("rose", "flower"),
    ("hammer", "tool"),
    ("sparrow", "bird"),
    ("violin", "instrument"),
    ("carrot", "vegetable"),
    ("sedan", "car"),
    ("novel", "book"),
    ("trout", "fish"),
    ("sofa", "seat"),
)

# Colours for adjective-dropping (upward monotone) templates.
COLOURS: tuple[str, ...] = ("red", "blue", "green", "yellow", "black", "white")

# Common words WordNet may pair (use_wordnet): both sides of a pair must be listed here,
# so WordNet only decides *which* common words are related, never adds rare ones.
COMMON_ADJECTIVES: tuple[str, ...] = tuple(
    sorted(
        {a for pair in ANTONYM_PAIRS + SYNONYM_PAIRS for a in pair}
        | {
            "big",
            "large",
            "small",
            "little",
            "quick",
            "slow",
            "strong",
            "weak",
            "tall",
            "short",
            "calm",
            "nervous",
            "honest",
            "dishonest",
            "kind",
            "unkind",
            "wise",
            "foolish",
            "friendly",
            "unfriendly",
            "patient",
            "impatient",
            "careful",
            "careless",
            "quiet",
            "noisy",
            "famous",
            "unknown",
            "lucky",
            "unlucky",
            "busy",
            "idle",
            "hungry",
            "full",
        }
    )
)
COMMON_NOUNS: tuple[str, ...] = tuple(
    sorted(
        {n for pair in HYPONYM_PAIRS for n in pair}
        | {
            "animal",
            "plant",
            "tree",
            "oak",
            "maple",
            "tulip",
            "daisy",
            "eagle",
            "owl",
            "robin",
            "salmon",
            "shark",
            "wrench",
            "saw",
            "drill",
            "guitar",
            "piano",
            "drum",
            "trumpet",
            "potato",
            "onion",
            "lettuce",
            "apple",
            "banana",
            "cherry",
            "fruit",
            "truck",
            "vehicle",
            "bus",
            "bicycle",
            "chair",
            "table",
            "bed",
            "shirt",
            "garment",
            "coat",
            "jacket",
            "hat",
            "kitten",
            "cat",
            "horse",
            "cow",
            "sheep",
            "pig",
            "poodle",
            "spaniel",
            "beagle",
            "couch",
        }
    )
)
