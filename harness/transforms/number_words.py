"""Word lists ``number_change`` reads: what numbers are written as, and what ties them.

Each list says when changing a number would change more than the number: it is tied to
another quantity (a relating word, an ordinal, a unit that converts), it has a natural
limit ("five sets", "two front paws"), or, in one field only, it is a bound, a time or a
comparison rather than a count of the thing both fields talk about.
"""

from __future__ import annotations

#: Number words swapped by ``number_change`` ("one" is left out: it is singular).
NUMBER_WORDS = (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
)  # fmt: skip

#: Number words the swap never changes but that a changed number can be tied to:
#: "twenty years" / "two decades", "about forty meters wide" / "wider than ten meters".
FIXED_NUMBER_WORDS = {
    "zero": 0, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1000000, "dozen": 12, "both": 2,
    # Clock times: "switched off at midnight" / "not on again until twelve".
    "noon": 12, "midnight": 12,
}  # fmt: skip

#: "fourth floor, two floors above Mia's": an ordinal is a number the swap leaves.
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fifteenth": 15, "twentieth": 20, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100,
}  # fmt: skip

#: Words that tie numbers to each other ("beat her by eight minutes", "lasted four
#: hours", "twice as many", "twenty years" / "two decades"): with two or more numbers,
#: changing one breaks the others.
ARITHMETIC_CUES = frozenset(
    [
        "by", "more", "fewer", "less", "older", "younger", "earlier", "later", "longer",
        "shorter", "twice", "half", "double", "triple", "total", "altogether", "sum",
        "difference", "each", "per", "remaining", "left", "lasted", "took", "after",
        "before", "until", "noon", "midnight", "o'clock", "am", "pm", "ago",
        # Durations convert into each other ("two decades" is "twenty years").
        "seconds", "minutes", "hours", "days", "weeks", "months", "years", "decade",
        "decades", "century", "centuries",
        # Comparisons and bounds order two numbers ("calls for three, but used only two";
        # "at least three" / "exactly five").
        "only", "than", "least", "most", "exactly", "highest", "lowest", "largest",
        "smallest", "best", "worst", "from", "under", "over", "above", "below",
    ]
)  # fmt: skip

#: "once", "twice", "thrice" count like numbers ("three attempts" / "failed twice").
MULTIPLIERS = {"once": 1, "twice": 2, "thrice": 3}

#: "a third of its staff" / "one in three employees": the fraction ties to the number.
FRACTIONS = {
    "half": 2, "halves": 2, "second": 2, "third": 3, "thirds": 3, "quarter": 4,
    "quarters": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip

#: Quantities without a number: "several" ⇒ "at least two" holds, "at least eight" not.
VAGUE_QUANTIFIERS = frozenset(["several", "some", "many", "few", "couple", "dozens"])
MAGNITUDES = frozenset(
    ["dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million"]
)
BOUND_WORDS = frozenset(["least", "most", "exactly", "than", "over", "under", "more", "fewer"])

#: Things whose number the world fixes or caps: "The final lasted nine sets" contradicts
#: Wimbledon, "its seven front paws" and "seven twin boys" are not English scenes.
NATURAL_LIMITS = frozenset(
    [
        "set", "sets", "paw", "paws", "leg", "legs", "legged", "wheel", "wheels", "wheeled",
        "wheeler", "twin", "twins", "eye", "eyes", "eyed", "ear", "ears", "arm", "arms",
        "armed", "hand", "hands", "handed", "wing", "wings", "side", "sides", "sided",
        "half", "halves", "quarter", "quarters", "inning", "innings", "parent", "parents",
        "grandparents", "horn", "horns", "hemisphere", "hemispheres",
    ]
)  # fmt: skip

#: Units of measure: a measured number moves by one step (or a tenth), so a father stays
#: a plausible height ("six feet tall" -> "seven", never "twelve").
MEASURE_UNITS = frozenset(
    [
        "foot", "feet", "inch", "inches", "meter", "meters", "metre", "metres",
        "centimeter", "centimeters", "centimetre", "centimetres", "millimetre",
        "millimetres", "kilometer", "kilometers", "kilometre", "kilometres", "mile",
        "miles", "yard", "yards", "kilogram", "kilograms", "kilo", "kilos", "kg", "gram",
        "grams", "pound", "pounds", "ounce", "ounces", "ton", "tons", "tonne", "tonnes",
        "degree", "degrees", "percent", "litre", "litres", "liter", "liters", "gallon",
        "gallons",
    ]
)  # fmt: skip
#: "five years old", "a 5-year-old", "aged five", "at the age of five".
AGE_BEFORE = frozenset(["aged", "age"])
TIME_UNITS = frozenset(
    [
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week",
        "weeks", "month", "months", "year", "years", "decade", "decades", "century",
        "centuries",
    ]
)  # fmt: skip
#: Units a margin or range is given in ("won by two points", "from 20 degrees to 8").
MARGIN_UNITS = (
    MEASURE_UNITS
    | TIME_UNITS
    | frozenset(
        [
            "point",
            "points",
            "goal",
            "goals",
            "vote",
            "votes",
            "lap",
            "laps",
            "place",
            "places",
            "floor",
            "floors",
            "step",
            "steps",
        ]
    )  # fmt: skip
)

#: Words before a number that make it a bound or an approximation, not a count:
#: "above 85", "over six feet", "since 1990", "nearly 300".
BOUND_BEFORE = frozenset(
    [
        "above", "over", "under", "below", "than", "least", "most", "about", "around",
        "approximately", "roughly", "nearly", "almost", "within", "beyond", "past",
        "since", "until", "till", "before", "after", "exceeding", "between", "some",
    ]
)  # fmt: skip
#: Before a number of a unit (or a bare number), these give a margin, a range or a time
#: limit ("by eight minutes", "by eight", "from 20 degrees to 8 degrees"); before a count
#: of things they do not ("reviewed by two editors").
MARGIN_BEFORE = frozenset(["by", "from", "to"])
#: Words right after a number (or its noun) that compare it with something else:
#: "two floors above", "three years older", "ten minutes later", "three times".
COMPARISON_AFTER = frozenset(
    [
        "above", "below", "older", "younger", "taller", "shorter", "longer", "earlier",
        "later", "ahead", "behind", "apart", "away", "more", "less", "fewer", "than",
        "before", "after", "ago", "late", "early", "higher", "lower", "bigger", "smaller",
        "larger", "heavier", "lighter", "faster", "slower", "deeper", "wider", "colder",
        "warmer", "hotter", "cheaper", "times", "out",
    ]
)  # fmt: skip
#: Words that cannot be the noun a number counts: the number stands alone ("scored 85
#: on the test", "at nine on Mondays", "eight o'clock").
NOT_COUNTED = frozenset(
    [
        "o'clock", "a.m.", "p.m.", "am", "pm", "and", "or", "but", "of", "on", "in", "at",
        "to", "for", "with", "by", "from", "into", "onto", "is", "are", "was", "were",
        "has", "have", "had", "will", "can", "did", "does", "do", "that", "which", "who",
        "the", "a", "an", "this", "these", "those", "it", "they", "he", "she", "we",
        "you", "i", "so", "as", "if", "when", "then", "percent", "times", "each",
    ]
)  # fmt: skip
#: Before a number standing alone, these make it count people or things named elsewhere:
#: "Kiona has the largest garden of the three".
ANAPHORIC_BEFORE = frozenset(["the", "all", "these", "those"])
