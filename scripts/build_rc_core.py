"""Build the built-in reading-comprehension dataset ``rc-core`` (harness/datasets/rc-core/).

Every passage and question below was written by hand for this project; the people,
places and organisations are fictional. A passage is stored with its questions; each
question carries its reasoning type, the answer as a span of the passage (or ``None``
when the passage does not answer it), a paraphrase of the question and three
distractors taken from the passage for the multiple-choice view.

This script is the source of truth: it validates the data, computes character offsets,
draws the multiple-choice order and the train/test split (by passage, seeded with
``random.Random``), and writes ``train.jsonl``, ``test.jsonl`` and ``README.md``.
Running it again writes byte-identical files.

Usage::

    python scripts/build_rc_core.py              # writes into harness/datasets/rc-core/
    python scripts/build_rc_core.py --out DIR    # writes DIR/{train,test}.jsonl and README.md
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SEED = "rc-core-split"
TEST_SHARE = 1 / 3
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "harness" / "datasets" / "rc-core"
MIN_WORDS, MAX_WORDS = 80, 250
MIN_QUESTIONS_PER_PASSAGE = 5
MIN_PASSAGES = 120
MIN_QUESTIONS = 600
# The issue asks for every reasoning type; these floors are what the data guarantees.
MIN_PER_TYPE = 40
MIN_UNANSWERABLE = 60
MIN_TEST_PER_TYPE = 8

REASONING_TYPES = (
    "lookup",
    "paraphrase",
    "multi_sentence",
    "numerical",
    "temporal",
    "negation",
    "coreference",
    "comparison",
    "causal",
    "unanswerable",
)
ANSWER_TYPES = ("person", "number", "date", "location", "organization", "thing", "other")
DOMAINS = (
    "news",
    "science",
    "history",
    "biography",
    "food",
    "sports",
    "technology",
    "travel",
    "business",
    "correspondence",
    "fiction",
    "law",
    "health",
    "education",
    "arts",
    "community",
    "nature",
)
REGISTERS = (
    "news report",
    "explainer",
    "encyclopedic",
    "biography",
    "recipe",
    "sports report",
    "manual",
    "travel guide",
    "memo",
    "letter",
    "email",
    "short story",
    "notice",
    "leaflet",
    "school report",
    "museum label",
    "minutes",
    "review",
    "interview",
    "diary",
    "announcement",
    "advertisement",
)
NUMBER_WORDS = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    r"dozen|half|twice|once|single|first|second|third|fourth|fifth|century|decade)s?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Q:
    """One question as written: the answer and distractors are strings of the passage.

    ``at`` picks the occurrence (1-based) of an answer that appears more than once;
    an unanswerable question has ``answer=None`` and names its ``plausible`` wrong
    candidate instead (``plausible_at`` as ``at``).
    """

    reasoning: str
    answer_type: str
    question: str
    paraphrase: str
    answer: str | None
    distractors: tuple[str, ...] = ()
    at: int | None = None
    plausible: str | None = None
    plausible_at: int | None = None


@dataclass(frozen=True)
class Passage:
    id: str
    title: str
    domain: str
    register: str
    order_matters: bool
    text: str
    questions: tuple[Q, ...]


def P(  # noqa: N802 - reads like a constructor in the data below
    passage_id: str,
    title: str,
    domain: str,
    register: str,
    order_matters: bool,
    text: str,
    *questions: Q,
) -> Passage:
    # Passages are written as indented triple-quoted strings; one space between words.
    return Passage(
        passage_id, title, domain, register, order_matters, " ".join(text.split()), questions
    )


PASSAGES: list[Passage] = [
    # --- passages ---
    P(
        "p001",
        "Flood Barrier Opens in Kestrel Ford",
        "news",
        "news report",
        True,
        """
        The town of Kestrel Ford opened its new flood barrier on Monday, three years after
        the River Wend burst its banks and flooded more than 400 homes. The barrier, a steel
        and concrete wall 1.2 kilometres long, cost 38 million pounds and was paid for mainly
        by the regional water authority, Wendvale Water. Its design was approved in March 2022.
        Mayor Ruth Okafor cut the ribbon in front of a crowd of about 600 residents. She said
        the town had waited long enough to sleep through a storm. The chief engineer, Tomas
        Brandt, explained that the wall can be raised by a further half metre if forecasts
        worsen. Construction was delayed by eight months because a colony of protected water
        voles had to be moved upstream first. Local shopkeeper Dev Malhotra, whose bakery was
        ruined in the 2021 flood, said he would finally renew his insurance. The ceremony was
        organised by councillor Amy Pell. The next phase, a pumping station near Mill Lane, is
        due to be finished in 2027.
        """,
        Q(
            "lookup",
            "person",
            "Who cut the ribbon at the opening of the flood barrier?",
            "At the barrier's opening, which person did the ribbon-cutting?",
            "Ruth Okafor",
            ("Tomas Brandt", "Dev Malhotra", "Amy Pell"),
        ),
        Q(
            "numerical",
            "number",
            "How many homes were flooded when the River Wend burst its banks?",
            "When the Wend overflowed, what number of homes went under water?",
            "more than 400",
            ("about 600", "38 million", "eight months"),
        ),
        Q(
            "causal",
            "other",
            "Why was construction of the barrier delayed?",
            "What held up the building of the barrier?",
            "a colony of protected water voles had to be moved upstream first",
            (
                "the River Wend burst its banks",
                "forecasts worsen",
                "the town had waited long enough to sleep through a storm",
            ),
        ),
        Q(
            "coreference",
            "person",
            "Who said the town had waited long enough to sleep through a storm?",
            "According to the report, which person remarked that the town had waited long enough to sleep through a storm?",
            "Ruth Okafor",
            ("Tomas Brandt", "Dev Malhotra", "Amy Pell"),
        ),
        Q(
            "temporal",
            "date",
            "When was the barrier's design approved?",
            "In what month and year did the barrier's design get approval?",
            "March 2022",
            ("2027", "Monday", "2021"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much will the pumping station near Mill Lane cost?",
            "What is the price of the Mill Lane pumping station?",
            None,
            plausible="38 million pounds",
        ),
        Q(
            "multi_sentence",
            "number",
            "How much did the wall that can be raised by a further half metre cost?",
            "What was the price of the wall whose height can be increased by half a metre?",
            "38 million pounds",
            ("about 600", "more than 400", "eight months"),
        ),
    ),
    P(
        "p002",
        "Why Leaves Change Colour",
        "science",
        "explainer",
        False,
        """
        Leaves are green for most of the year because they are packed with chlorophyll, the
        pigment that captures sunlight for photosynthesis. Chlorophyll breaks down quickly
        and a tree has to keep rebuilding it. In autumn, shorter days and cooler nights
        signal the tree to stop making new chlorophyll. As the green fades, yellow and orange
        pigments called carotenoids, which were in the leaf all summer, become visible. Red
        and purple colours come from anthocyanins, which are different: many trees produce
        them fresh in autumn, using sugars trapped in the leaf. Bright sunny days followed by
        cool nights above freezing give the strongest reds, because they trap the most sugar.
        An early hard frost, by contrast, kills the leaf cells and dulls the display. Brown
        comes from tannins, which are left once the other pigments are gone. Oaks keep their
        brown leaves longer than most trees, sometimes until spring.
        """,
        Q(
            "lookup",
            "thing",
            "Which pigment captures sunlight for photosynthesis?",
            "What is the name of the pigment that collects light for photosynthesis?",
            "chlorophyll",
            ("carotenoids", "anthocyanins", "tannins"),
            at=1,
        ),
        Q(
            "negation",
            "thing",
            "Which pigments are not made fresh in autumn but were in the leaf all summer?",
            "Which pigments, rather than being newly produced in autumn, were already present through the summer?",
            "carotenoids",
            ("anthocyanins", "tannins", "chlorophyll"),
            at=1,
        ),
        Q(
            "causal",
            "other",
            "Why do bright sunny days followed by cool nights give the strongest reds?",
            "What is the reason that sunny days and cool nights produce the most intense red?",
            "they trap the most sugar",
            (
                "kills the leaf cells",
                "shorter days and cooler nights",
                "Chlorophyll breaks down quickly",
            ),
        ),
        Q(
            "paraphrase",
            "thing",
            "What gives leaves a brown colour?",
            "Where does the brown in leaves come from?",
            "tannins",
            ("carotenoids", "anthocyanins", "chlorophyll"),
            at=1,
        ),
        Q(
            "comparison",
            "thing",
            "Which trees keep their brown leaves longer than most?",
            "Which kind of tree holds on to brown leaves longer than other trees do?",
            "Oaks",
            ("tannins", "anthocyanins", "carotenoids"),
        ),
        Q(
            "unanswerable",
            "thing",
            "Which pigment gives autumn leaves a blue colour?",
            "What pigment is responsible for blue leaves in autumn?",
            None,
            plausible="anthocyanins",
        ),
    ),
    P(
        "p003",
        "The Saltmarsh Letters",
        "history",
        "encyclopedic",
        True,
        """
        The Saltmarsh Letters are a collection of 212 letters written between 1843 and 1851 by
        Eliza Marren, a lighthouse keeper's daughter on the island of Corrow, to her cousin
        Henry Vail in the port city of Ambersea. They were discovered in 1962 inside a sea
        chest bought at auction by the schoolteacher Nora Quill, who donated them to the
        Ambersea Maritime Library four years later. The letters describe shipwrecks, the
        failure of the island's potato crop in 1847 and the building of a new harbour wall.
        Eliza took over the lamp herself in 1849, after her father lost his sight, and she
        kept it lit for two years without pay. Historians value the letters because very few
        records survive from Corrow before 1860; a fire at the customs house destroyed the
        island's official papers in 1859. Henry's replies have never been found.
        """,
        Q(
            "lookup",
            "person",
            "To whom did Eliza Marren write the letters?",
            "Who was the recipient of Eliza Marren's letters?",
            "Henry Vail",
            ("Nora Quill", "Eliza Marren", "her father"),
        ),
        Q(
            "numerical",
            "number",
            "How long after finding the letters did Nora Quill donate them?",
            "How much time passed between the discovery of the letters and their donation to the library?",
            "four years",
            ("two years", "212", "1962"),
        ),
        Q(
            "causal",
            "other",
            "Why did Eliza take over the lamp in 1849?",
            "For what reason did Eliza start keeping the lamp herself in 1849?",
            "her father lost his sight",
            (
                "a fire at the customs house destroyed the island's official papers",
                "the failure of the island's potato crop",
                "the building of a new harbour wall",
            ),
        ),
        Q(
            "temporal",
            "date",
            "When did the potato crop on Corrow fail?",
            "In which year was the failure of Corrow's potato crop?",
            "1847",
            ("1849", "1859", "1962"),
        ),
        Q(
            "multi_sentence",
            "location",
            "Where did the letters end up after the schoolteacher who found them gave them away?",
            "Which institution received the letters from the schoolteacher who discovered them?",
            "Ambersea Maritime Library",
            ("Corrow", "a sea chest", "the customs house"),
        ),
        Q(
            "unanswerable",
            "location",
            "Where were Henry Vail's replies discovered?",
            "In what place were Henry's replies to Eliza found?",
            None,
            plausible="a sea chest",
        ),
    ),
    P(
        "p004",
        "Lentil and Squash Soup",
        "food",
        "recipe",
        True,
        """
        This soup serves four and takes about 45 minutes. You will need 200 grams of red
        lentils, one small butternut squash, two onions, three cloves of garlic, a teaspoon of
        ground cumin and 1.5 litres of vegetable stock. Step 1: peel the squash and cut it into
        cubes about two centimetres wide. Step 2: chop the onions and fry them in olive oil for
        ten minutes, until soft. Step 3: add the garlic and cumin and cook for one more minute,
        stirring so the garlic does not burn. Step 4: add the squash, the rinsed lentils and
        the stock, bring it to the boil, then simmer for 25 minutes. Step 5: blend until
        smooth and season with salt and lemon juice. Do not add the salt before the lentils
        are cooked, because it keeps them firm. The soup keeps for three days in the fridge
        and can be frozen for up to two months. For a richer version, stir in a spoonful of
        coconut cream just before serving.
        """,
        Q(
            "lookup",
            "number",
            "How many people does the soup serve?",
            "For how many people is this soup meant?",
            "four",
            ("three", "two", "ten"),
        ),
        Q(
            "temporal",
            "thing",
            "What is added to the pan right after the onions have been fried?",
            "Once the onions are soft, which ingredients go in next?",
            "the garlic and cumin",
            ("the squash", "the stock", "lemon juice"),
        ),
        Q(
            "numerical",
            "number",
            "For how long should the soup simmer?",
            "How many minutes of simmering does the recipe call for?",
            "25 minutes",
            ("45 minutes", "ten minutes", "one more minute"),
        ),
        Q(
            "causal",
            "other",
            "Why should the salt not be added before the lentils are cooked?",
            "What is the reason for waiting until the lentils are cooked before salting?",
            "it keeps them firm",
            ("until soft", "so the garlic does not burn", "For a richer version"),
        ),
        Q(
            "negation",
            "thing",
            "What must not be allowed to burn while it cooks with the cumin?",
            "During Step 3, which ingredient should you keep from burning?",
            "the garlic",
            ("the onions", "the squash", "the stock"),
            at=2,
        ),
        Q(
            "unanswerable",
            "number",
            "How many calories does one bowl of the soup contain?",
            "What is the calorie count of a single serving?",
            None,
            plausible="200 grams",
        ),
    ),
    P(
        "p005",
        "Harbour Rovers Win the Coastal Cup",
        "sports",
        "sports report",
        True,
        """
        Harbour Rovers won the Coastal Cup for the first time in 31 years on Saturday, beating
        Millbrook Athletic 3-2 after extra time at Greyhaven Stadium. Millbrook led at half
        time through a header from captain Joel Ashdown. Rovers levelled in the 58th minute
        when substitute Kemi Adeyemi, who had come on only four minutes earlier, curled a free
        kick into the top corner. Ashdown scored again with a penalty in the 77th minute, but
        Rovers' defender Luis Ferreira equalised from a corner three minutes later. In the
        second half of extra time, Adeyemi crossed for striker Paddy Kerr, who scored the
        winner. Rovers manager Sonia Blake called it the proudest day of her career. The
        attendance of 18,400 was a record for the ground. Millbrook's goalkeeper, Ben Tully,
        was taken off injured after 90 minutes and will miss the start of next season.
        """,
        Q(
            "lookup",
            "location",
            "Where was the Coastal Cup final played?",
            "At which ground did the Coastal Cup final take place?",
            "Greyhaven Stadium",
            ("Millbrook", "Harbour", "the top corner"),
        ),
        Q(
            "temporal",
            "other",
            "How long after Ashdown's penalty did Luis Ferreira equalise?",
            "How soon after Ashdown's spot kick did Ferreira level the score?",
            "three minutes later",
            ("four minutes earlier", "after 90 minutes", "after extra time"),
        ),
        Q(
            "multi_sentence",
            "person",
            "Who scored the winning goal?",
            "Which player got the decisive goal in extra time?",
            "Paddy Kerr",
            ("Kemi Adeyemi", "Luis Ferreira", "Joel Ashdown"),
        ),
        Q(
            "lookup",
            "person",
            "Who called it the proudest day of her career?",
            "Whose proudest career day was it, by her own account?",
            "Sonia Blake",
            ("Kemi Adeyemi", "Joel Ashdown", "Ben Tully"),
        ),
        Q(
            "temporal",
            "person",
            "Who scored first in the final?",
            "Which player opened the scoring?",
            "Joel Ashdown",
            ("Kemi Adeyemi", "Luis Ferreira", "Paddy Kerr"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many spectators attended last year's Coastal Cup final?",
            "What was the attendance at the previous year's final?",
            None,
            plausible="18,400",
        ),
        Q(
            "multi_sentence",
            "person",
            "What is the first name of the player who crossed for the winning goal?",
            "The player who supplied the cross for the winner has which first name?",
            "Kemi",
            ("Paddy", "Luis", "Joel"),
        ),
    ),
    P(
        "p006",
        "Brightline K2 Kettle: Quick Guide",
        "technology",
        "manual",
        True,
        """
        Thank you for choosing the Brightline K2 electric kettle. Before first use, fill the
        kettle to the MAX line, boil the water and pour it away; repeat this twice to remove
        any manufacturing dust. The kettle holds 1.7 litres; never fill it above the MAX line,
        because boiling water may spill from the spout. Place the kettle on its base and press
        the switch down. The blue light shows that the kettle is heating. It switches off
        automatically when the water boils. If the kettle is switched on while empty, a safety
        cut-out stops it; let it cool for ten minutes before refilling. To descale, fill it
        half full with equal parts water and white vinegar, leave it for one hour, then rinse
        three times. Do not immerse the kettle or the base in water. The K2 is covered by a
        two-year guarantee; keep your receipt. For help, call Brightline Support on 0800 555
        0192 between 9 am and 5 pm.
        """,
        Q(
            "lookup",
            "number",
            "How much water does the kettle hold?",
            "What is the capacity of the Brightline K2?",
            "1.7 litres",
            ("ten minutes", "one hour", "two-year"),
        ),
        Q(
            "causal",
            "other",
            "Why should the kettle never be filled above the MAX line?",
            "What happens if you overfill the kettle, according to the guide?",
            "boiling water may spill from the spout",
            ("to remove any manufacturing dust", "the kettle is heating", "the water boils"),
        ),
        Q(
            "coreference",
            "thing",
            "What switches off automatically when the water boils?",
            "In the guide, what does the 'It' that switches off by itself refer to?",
            "the kettle",
            ("the base", "the switch", "the spout"),
            at=3,
        ),
        Q(
            "negation",
            "thing",
            "Apart from the kettle, what must also not be immersed in water?",
            "Besides the kettle, which part should never be put into water?",
            "the base",
            ("the switch", "the spout", "white vinegar"),
        ),
        Q(
            "numerical",
            "number",
            "How many times is the first boil-and-pour-away repeated before first use?",
            "Before the kettle is used for the first time, how often must the boiling and discarding be done again?",
            "twice",
            ("three times", "ten minutes", "one hour"),
        ),
        Q(
            "unanswerable",
            "date",
            "On which days of the week is Brightline Support closed?",
            "Which days can you not reach Brightline Support?",
            None,
            plausible="between 9 am and 5 pm",
        ),
    ),
    P(
        "p007",
        "Visiting the Old Town of Varenna Alta",
        "travel",
        "travel guide",
        False,
        """
        Varenna Alta is a hill town of about 9,000 people, a 40-minute bus ride from the coastal
        city of Porto Lume. The old town is closed to cars, so visitors park at the Porta Nuova
        car park below the walls and walk up. The main square, Piazza Grande, is lined with
        cafes and is busiest on Thursday mornings, when the weekly market takes place. The
        Church of San Rocco, at the top of the hill, has the town's finest frescoes and is free
        to enter. The Civic Museum, housed in a former olive-oil mill, charges 6 euros and is
        closed on Mondays. The best view of the valley is from the Belvedere Gardens, a short
        walk east of the square. Spring and early autumn are the most pleasant times to visit,
        as the summer heat keeps many visitors indoors in the afternoon. The town's speciality
        is a honey cake called torta di Lume, sold in every bakery.
        """,
        Q(
            "lookup",
            "location",
            "Where do visitors park when they come to the old town?",
            "Since cars cannot enter the old town, at which place do visitors leave their cars?",
            "Porta Nuova car park",
            ("Piazza Grande", "Belvedere Gardens", "Porto Lume"),
        ),
        Q(
            "paraphrase",
            "location",
            "From which spot can you get the finest view over the valley?",
            "Where is the best place to look out over the valley?",
            "Belvedere Gardens",
            ("Piazza Grande", "Porta Nuova car park", "Church of San Rocco"),
        ),
        Q(
            "negation",
            "location",
            "Which attraction does not charge for entry?",
            "Which place can you visit without paying?",
            "Church of San Rocco",
            ("Civic Museum", "Belvedere Gardens", "Piazza Grande"),
        ),
        Q(
            "causal",
            "other",
            "Why do visitors park below the walls?",
            "What is the reason visitors leave their cars outside the walls?",
            "The old town is closed to cars",
            (
                "the summer heat keeps many visitors indoors",
                "the weekly market takes place",
                "is free to enter",
            ),
        ),
        Q(
            "temporal",
            "date",
            "When is the main square at its busiest?",
            "At what time is Piazza Grande most crowded?",
            "Thursday mornings",
            ("Mondays", "Spring", "the afternoon"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does a slice of torta di Lume cost?",
            "What is the price of the town's honey cake?",
            None,
            plausible="6 euros",
        ),
    ),
    P(
        "p008",
        "Memo: Changes to the Expense Policy",
        "business",
        "memo",
        False,
        """
        To: All staff at Fennick Logistics. From: Priya Raman, Finance Director. Date: 4 June.
        Subject: Changes to the expense policy. From 1 July, all expense claims must be
        submitted through the new Clearpath app instead of on paper forms. Claims must reach
        Finance within 30 days of the purchase; later claims will be refused unless a line
        manager approves them. The daily meal allowance for travel rises from 25 pounds to 32
        pounds. Hotel stays are capped at 120 pounds a night, or 160 pounds in central London.
        First-class rail travel is no longer allowed for any journey. Taxis may be claimed only
        when no public transport runs or when travelling after 10 pm. Training on the app
        will run on 18 June and 25 June; please book a place with Marcus Lee in the HR team.
        Questions about the policy itself should go to Helen Ogundipe in Finance.
        """,
        Q(
            "lookup",
            "thing",
            "Through what will expense claims have to be submitted from 1 July?",
            "From 1 July, what must staff use to submit their expense claims?",
            "the new Clearpath app",
            ("paper forms", "public transport", "the HR team"),
        ),
        Q(
            "numerical",
            "number",
            "What will the daily meal allowance for travel be under the new policy?",
            "To what amount does the daily travel meal allowance rise?",
            "32 pounds",
            ("25 pounds", "120 pounds", "160 pounds"),
        ),
        Q(
            "comparison",
            "number",
            "What is the highest nightly hotel rate that can be claimed?",
            "What is the largest amount per night a hotel stay may cost under the policy?",
            "160 pounds",
            ("120 pounds", "32 pounds", "25 pounds"),
        ),
        Q(
            "negation",
            "thing",
            "What kind of rail travel is no longer allowed?",
            "Which class of train travel is now banned for every journey?",
            "First-class rail travel",
            ("public transport", "Taxis", "Hotel stays"),
        ),
        Q(
            "paraphrase",
            "person",
            "Whom should staff contact to sign up for app training?",
            "Who takes bookings for the training sessions on the app?",
            "Marcus Lee",
            ("Helen Ogundipe", "Priya Raman", "Finance Director"),
        ),
        Q(
            "unanswerable",
            "date",
            "When will the expense policy next be reviewed?",
            "On what date is the next review of the expense policy?",
            None,
            plausible="4 June",
        ),
    ),
    P(
        "p009",
        "A Letter from Grandmother",
        "correspondence",
        "letter",
        True,
        """
        Dear Tilly, Thank you for the drawing of the lighthouse. I have put it on the fridge
        next to the photograph of your cousin Oscar at his graduation. The garden has gone
        wild since your grandfather's knee operation in April; he is not allowed to kneel
        until September, so the weeding is left to me and to Mr Petrov from next door. He
        brings his grandson Amir on Saturdays, and Amir has already learned the names of all
        the roses. We had a scare in May when the old apple tree split in a storm, but a
        tree surgeon saved half of it. I am sending you a book about lighthouses for your
        ninth birthday, which I know is next Tuesday; do not open it early! Your aunt Marta
        is coming to stay for a week in August, and we hope you and your mother can visit
        then too. With all my love, Granny Rose.
        """,
        Q(
            "coreference",
            "person",
            "Who brings his grandson on Saturdays?",
            "In the letter, who is the 'He' that comes with his grandson each Saturday?",
            "Mr Petrov",
            ("Oscar", "Amir", "your grandfather"),
        ),
        Q(
            "temporal",
            "date",
            "Until when is the grandfather not allowed to kneel?",
            "When will the grandfather be permitted to kneel again?",
            "September",
            ("April", "May", "August"),
        ),
        Q(
            "causal",
            "other",
            "Why is the weeding left to Granny Rose and Mr Petrov?",
            "What is the reason Granny Rose and the neighbour do the weeding?",
            "he is not allowed to kneel until September",
            (
                "the old apple tree split in a storm",
                "a tree surgeon saved half of it",
                "Your aunt Marta is coming to stay",
            ),
        ),
        Q(
            "negation",
            "other",
            "What does Granny Rose tell Tilly not to do with the book?",
            "What is Tilly asked to avoid doing with the birthday book?",
            "open it early",
            ("put it on the fridge", "visit then too", "kneel"),
        ),
        Q(
            "lookup",
            "person",
            "Who has learned the names of all the roses?",
            "Which person, brought along on Saturdays, knows every rose by name?",
            "Amir",
            ("Mr Petrov", "Oscar", "Marta"),
            at=2,
        ),
        Q(
            "unanswerable",
            "person",
            "Who drew the picture of the apple tree?",
            "Which person made a drawing of the apple tree?",
            None,
            plausible="Tilly",
        ),
    ),
    P(
        "p010",
        "The Glass Orchard",
        "fiction",
        "short story",
        True,
        """
        On the morning of the fair, Wren found her brother Cal asleep in the workshop, his
        hands still grey with glass dust. For three weeks he had been making a tree of blown
        glass, and now it stood finished on the bench, with forty small green apples hanging
        from its branches. Wren woke him gently. He rubbed his eyes, looked at the tree, and
        laughed. They wrapped every apple in newspaper and loaded the tree onto their uncle
        Bram's cart. On the road to Esterby the cart hit a stone and one branch snapped. Cal
        said nothing for a mile. Then he asked Wren to hold the broken branch while he bound
        it with copper wire. At the fair, the judges stopped longest at the mended branch.
        The tree won second prize, behind a silver clock made by Mistress Hale, and a merchant
        from Lowport offered Cal twelve gold crowns for it. He refused, and gave it to Wren.
        """,
        Q(
            "temporal",
            "thing",
            "What did Cal do right after Wren woke him?",
            "Once Wren had woken him, what was the first thing Cal did?",
            "He rubbed his eyes",
            ("laughed", "said nothing for a mile", "refused"),
        ),
        Q(
            "coreference",
            "person",
            "Who bound the broken branch with copper wire?",
            "Which person did the binding of the snapped branch?",
            "Cal",
            ("Wren", "Bram", "Mistress Hale"),
            at=2,
        ),
        Q(
            "comparison",
            "thing",
            "Which entry placed ahead of the glass tree?",
            "What won a higher prize than the glass tree?",
            "a silver clock",
            ("the mended branch", "forty small green apples", "copper wire"),
        ),
        Q(
            "numerical",
            "number",
            "How many gold crowns did the merchant offer?",
            "What sum in gold crowns was Cal offered for the tree?",
            "twelve",
            ("forty", "three weeks", "second"),
        ),
        Q(
            "multi_sentence",
            "person",
            "Who ended up owning the glass tree?",
            "After the fair, into whose hands did the tree pass?",
            "Wren",
            ("Cal", "Bram", "Mistress Hale"),
            at=4,
        ),
        Q(
            "unanswerable",
            "location",
            "Where did Mistress Hale live?",
            "In which town was Mistress Hale's home?",
            None,
            plausible="Lowport",
        ),
        Q(
            "coreference",
            "person",
            "Who laughed after looking at the finished tree?",
            "When he saw the tree on waking, who laughed?",
            "Cal",
            ("Wren", "Bram", "Mistress Hale"),
            at=1,
        ),
    ),
    P(
        "p011",
        "Notice of Temporary Road Closure",
        "law",
        "notice",
        False,
        """
        Notice is given that the Dunmore County Council intends to close Quarry Road to all
        vehicles between its junction with Elm Street and its junction with Hatton Lane. The
        closure is needed to allow Northgrid Energy to replace an underground gas main. The
        closure will begin at 7 am on 12 September and is expected to last for up to 21 days.
        Pedestrian access to homes and businesses on Quarry Road will be maintained at all
        times. Emergency vehicles will be allowed through. The signed diversion for vehicles
        will follow Elm Street, Brook Avenue and Hatton Lane, adding about 1.5 miles to the
        journey. The number 14 bus will not serve the Quarry Road stops during the closure;
        passengers should use the temporary stop on Brook Avenue. Objections may be sent in
        writing to the Highways Department, County Hall, Dunmore, before 29 August.
        """,
        Q(
            "causal",
            "other",
            "Why is Quarry Road being closed?",
            "For what purpose will Quarry Road be shut?",
            "to allow Northgrid Energy to replace an underground gas main",
            (
                "Pedestrian access to homes and businesses",
                "Emergency vehicles will be allowed through",
                "adding about 1.5 miles to the journey",
            ),
        ),
        Q(
            "lookup",
            "number",
            "For how long is the closure expected to last?",
            "What is the expected length of the closure?",
            "up to 21 days",
            ("about 1.5 miles", "7 am", "14"),
        ),
        Q(
            "negation",
            "location",
            "Which stops will the number 14 bus not serve during the closure?",
            "During the closure, which stops are skipped by the number 14 bus?",
            "the Quarry Road stops",
            ("the temporary stop on Brook Avenue", "County Hall", "Hatton Lane"),
        ),
        Q(
            "temporal",
            "date",
            "By when must objections be sent?",
            "What is the deadline for written objections?",
            "29 August",
            ("12 September", "7 am", "21 days"),
        ),
        Q(
            "paraphrase",
            "organization",
            "Which company is replacing the gas main?",
            "Who is carrying out the gas main replacement?",
            "Northgrid Energy",
            ("Dunmore County Council", "Highways Department", "County Hall"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many homes are on Quarry Road?",
            "What is the number of houses along Quarry Road?",
            None,
            plausible="14",
        ),
    ),
    P(
        "p012",
        "Managing Hay Fever",
        "health",
        "leaflet",
        False,
        """
        Hay fever is an allergy to pollen. It usually causes sneezing, a runny or blocked nose
        and itchy, watery eyes. In this region, tree pollen is highest from late March to May,
        grass pollen from May to July and weed pollen from June to September. Most people can
        manage their symptoms with remedies from a pharmacy. Antihistamine tablets reduce
        sneezing and itching; nasal sprays containing a steroid work best when started two
        weeks before your symptoms usually begin. To reduce exposure, keep windows closed on
        high-pollen days, shower and change your clothes after being outdoors, and wear
        wraparound sunglasses. Do not cut grass yourself if you can avoid it. See your doctor
        if your symptoms do not improve after two weeks of treatment, or if you have tightness
        in the chest or wheezing, as hay fever can trigger asthma. Antihistamines that cause
        drowsiness should not be taken before driving.
        """,
        Q(
            "lookup",
            "date",
            "When is tree pollen highest in this region?",
            "In which months does tree pollen peak here?",
            "from late March to May",
            ("from May to July", "from June to September", "two weeks"),
        ),
        Q(
            "comparison",
            "thing",
            "Which pollen season ends latest in the year?",
            "Which type of pollen stays in the air until the latest month?",
            "weed pollen",
            ("tree pollen", "grass pollen", "hay fever"),
        ),
        Q(
            "causal",
            "thing",
            "Why should you see a doctor if you have wheezing?",
            "Wheezing is a reason to see a doctor because hay fever can bring on what?",
            "asthma",
            ("sneezing", "drowsiness", "an allergy to pollen"),
        ),
        Q(
            "negation",
            "other",
            "What should you avoid doing yourself if you can?",
            "According to the leaflet, which task is best left to someone else?",
            "cut grass",
            ("shower and change your clothes", "keep windows closed", "wear wraparound sunglasses"),
        ),
        Q(
            "temporal",
            "other",
            "When should a steroid nasal spray be started for the best effect?",
            "For steroid sprays to work best, how early should you begin them?",
            "two weeks before your symptoms usually begin",
            ("after being outdoors", "before driving", "after two weeks of treatment"),
        ),
        Q(
            "unanswerable",
            "thing",
            "Which brand of antihistamine does the leaflet recommend?",
            "What antihistamine brand name is suggested in the leaflet?",
            None,
            plausible="Antihistamine tablets",
        ),
    ),
    P(
        "p013",
        "Term Report: Year 8, Class 8B",
        "education",
        "school report",
        False,
        """
        Student: Jonah Whitfield. Form tutor: Ms Adaeze Nwosu. Jonah has had a strong term in
        mathematics, where his test average rose from 61 percent in the autumn to 78 percent
        this spring; Mr Kovacs praises his work on fractions and ratios. In English, Jonah
        reads widely, but his written work is often unfinished, and Mrs Delaney asks him to
        plan essays before he starts writing. His science practical work is careful and
        accurate, although his lab reports are sometimes late. Jonah represented the school
        at the county chess tournament in February and finished fourth out of 32 players. His
        attendance this term was 96 percent, with two absences for illness. Next term, Jonah
        should aim to hand in all homework on time and to take part more in class discussion.
        Ms Nwosu would be happy to meet his parents at the evening on 14 May.
        """,
        Q(
            "numerical",
            "number",
            "How many players took part in the county chess tournament?",
            "Out of how many competitors did Jonah place at the county chess event?",
            "32",
            ("fourth", "two", "96 percent"),
        ),
        Q(
            "comparison",
            "number",
            "What was Jonah's higher mathematics test average, the one from this spring?",
            "Which of Jonah's two maths averages is the more recent and higher one?",
            "78 percent",
            ("61 percent", "96 percent", "32"),
        ),
        Q(
            "paraphrase",
            "person",
            "Which teacher wants Jonah to plan his essays before writing?",
            "Who asks Jonah to make an essay plan first?",
            "Mrs Delaney",
            ("Mr Kovacs", "Ms Adaeze Nwosu", "Jonah Whitfield"),
        ),
        Q(
            "negation",
            "thing",
            "In which subject is Jonah's written work often not finished?",
            "Where does Jonah tend to leave his written work incomplete?",
            "English",
            ("mathematics", "science", "chess"),
        ),
        Q(
            "lookup",
            "date",
            "When is the parents' evening?",
            "On what date can Jonah's parents meet Ms Nwosu?",
            "14 May",
            ("February", "this spring", "the autumn"),
        ),
        Q(
            "unanswerable",
            "person",
            "Who taught Jonah science this term?",
            "Which teacher was in charge of Jonah's science lessons?",
            None,
            plausible="Mr Kovacs",
        ),
    ),
    P(
        "p014",
        "Dr Imogen Castell, Glaciologist",
        "biography",
        "biography",
        True,
        """
        Imogen Castell was born in 1961 in the mountain village of Sorrel Vale, the youngest
        of five children of a forester and a schoolteacher. She studied physics at the
        University of Marrow, graduating in 1983, and then moved to the Norland Polar
        Institute, where she spent eleven winters measuring the speed of the Tavik Glacier.
        In 1994 she led the first expedition to drill through the Tavik ice to the bedrock,
        a depth of 1,140 metres. The cores she brought back showed that the glacier had
        advanced and retreated at least six times in the last 40,000 years. She became
        director of the institute in 2002, the first woman to hold the post. After retiring in
        2019 she returned to Sorrel Vale, where she now runs a small weather station. Her
        memoir, Cold Clocks, was published in 2021 and won the Harlan Prize for science writing.
        """,
        Q(
            "temporal",
            "date",
            "When did Castell become director of the Norland Polar Institute?",
            "In what year was Castell made head of the institute?",
            "2002",
            ("1994", "2019", "1983"),
        ),
        Q(
            "coreference",
            "location",
            "Where does Castell run a weather station?",
            "In which place does the retired glaciologist operate a small weather station?",
            "Sorrel Vale",
            ("Norland Polar Institute", "University of Marrow", "Tavik Glacier"),
            at=2,
        ),
        Q(
            "numerical",
            "number",
            "How deep did the 1994 expedition drill?",
            "What depth did the drilling reach in 1994?",
            "1,140 metres",
            ("40,000 years", "eleven winters", "six times"),
        ),
        Q(
            "coreference",
            "person",
            "Who led the first expedition to drill through the Tavik ice?",
            "Which person was the leader of the first drilling expedition through the Tavik Glacier?",
            "Imogen Castell",
            ("a forester", "a schoolteacher", "the first woman"),
        ),
        Q(
            "lookup",
            "thing",
            "What prize did Cold Clocks win?",
            "Which award went to Castell's memoir?",
            "the Harlan Prize",
            ("Cold Clocks", "the Tavik Glacier", "a small weather station"),
        ),
        Q(
            "unanswerable",
            "date",
            "When did Castell marry?",
            "In what year did Castell get married?",
            None,
            plausible="1983",
        ),
    ),
    P(
        "p015",
        "New Label: The Brannock Hoard",
        "arts",
        "museum label",
        False,
        """
        The Brannock Hoard. Found in 1987 by a farmer ploughing a field near Brannock, this
        hoard contains 316 silver coins, two gold arm-rings and a bronze bowl in which the
        coins were buried. The latest coin was struck around the year 870, which suggests the
        hoard was hidden soon after that date. The arm-rings were made in the north, probably
        in the trading town of Skellhaven, while most of the coins come from southern mints.
        Some coins have been cut in half; this shows that silver was valued by weight rather
        than by the face of the coin. The bowl is the oldest object in the hoard and was
        already about a century old when it was buried. Why the owner never came back for
        the hoard is unknown. On loan from the Brannock Town Trust. Display case 14.
        """,
        Q(
            "lookup",
            "number",
            "How many silver coins does the hoard contain?",
            "What is the number of silver coins in the Brannock Hoard?",
            "316",
            ("two", "870", "14"),
        ),
        Q(
            "comparison",
            "thing",
            "Which is the oldest object in the hoard?",
            "What item in the hoard was made earliest?",
            "The bowl",
            ("two gold arm-rings", "316 silver coins", "The latest coin"),
        ),
        Q(
            "causal",
            "other",
            "Why were some coins cut in half?",
            "What does the cutting of coins into halves show?",
            "silver was valued by weight rather than by the face of the coin",
            (
                "the hoard was hidden soon after that date",
                "the owner never came back",
                "the coins were buried",
            ),
        ),
        Q(
            "paraphrase",
            "location",
            "Where were the arm-rings probably made?",
            "In which town were the arm-rings likely produced?",
            "Skellhaven",
            ("Brannock", "southern mints", "the north"),
        ),
        Q(
            "unanswerable",
            "person",
            "What was the name of the hoard's owner?",
            "Who, by name, owned the Brannock Hoard?",
            None,
            plausible="a farmer",
        ),
        Q(
            "unanswerable",
            "date",
            "In what year was the hoard first put on display?",
            "When did the hoard go on public display for the first time?",
            None,
            plausible="1987",
        ),
    ),
    P(
        "p016",
        "Minutes of the Allotment Committee",
        "community",
        "minutes",
        False,
        """
        Minutes of the Westfield Allotment Society committee meeting, 3 March. Present: Gwen
        Harper (chair), Sam Oduya (treasurer), Lydia Brook (secretary) and Frank Moss. Apologies:
        Carl Jensen. 1. The treasurer reported a balance of 2,340 pounds. 2. Rents: the
        committee agreed to keep the plot rent at 45 pounds a year for full plots and 25
        pounds for half plots. 3. Water: the leaking tap on path C will be repaired by Frank
        Moss before 1 April. 4. Waiting list: there are 19 people waiting for a plot; two
        neglected plots will be offered to the first names on the list. 5. Open day: the
        open day will be held on 14 June; Lydia Brook will make posters. 6. Any other
        business: a member asked about keeping hens; this was not approved, because the
        lease does not allow livestock. Next meeting: 7 April.
        """,
        Q(
            "lookup",
            "person",
            "Who chaired the meeting?",
            "Which member acted as chair?",
            "Gwen Harper",
            ("Sam Oduya", "Lydia Brook", "Carl Jensen"),
        ),
        Q(
            "negation",
            "person",
            "Which committee member was not present at the meeting?",
            "Who sent apologies instead of attending?",
            "Carl Jensen",
            ("Gwen Harper", "Sam Oduya", "Frank Moss"),
        ),
        Q(
            "comparison",
            "number",
            "What is the cheaper of the two plot rents?",
            "Which rent is lower, and how much is it?",
            "25 pounds",
            ("45 pounds", "2,340 pounds", "19"),
        ),
        Q(
            "causal",
            "other",
            "Why was keeping hens not approved?",
            "For what reason did the committee turn down hens?",
            "the lease does not allow livestock",
            (
                "two neglected plots will be offered",
                "the leaking tap on path C",
                "to keep the plot rent at 45 pounds",
            ),
        ),
        Q(
            "multi_sentence",
            "person",
            "Which person reported a balance of 2,340 pounds?",
            "Who gave the committee the figure of 2,340 pounds in the bank?",
            "Sam Oduya",
            ("Lydia Brook", "Frank Moss", "Gwen Harper"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many plots does the society have in total?",
            "What is the total number of allotment plots?",
            None,
            plausible="19",
        ),
    ),
    P(
        "p017",
        "Solar Farm Approved Despite Objections",
        "news",
        "news report",
        True,
        """
        Planners in Ashcombe District have approved a 60-hectare solar farm on farmland near
        the village of Little Orton, despite 212 letters of objection. The developer, Sunfold
        Renewables, says the site will generate enough electricity for about 15,000 homes.
        Objectors, led by the Orton Landscape Group, argued that the panels would spoil views
        from the ancient hill fort at Caddon Ridge. The planning committee voted seven to four
        in favour. Its chair, Councillor Mark Elwood, said the district had declared a climate
        emergency and could not keep refusing renewable projects. Sheep will still graze
        between the rows of panels, and a strip of woodland will be planted along the northern
        edge to screen the site. Sunfold must also pay 50,000 pounds towards footpath repairs.
        Construction is expected to start next spring and take about nine months. The Orton
        Landscape Group said it would consider asking for a judicial review.
        """,
        Q(
            "lookup",
            "organization",
            "Which company is developing the solar farm?",
            "Who is the developer behind the Little Orton solar farm?",
            "Sunfold Renewables",
            ("Orton Landscape Group", "Ashcombe District", "Caddon Ridge"),
        ),
        Q(
            "numerical",
            "number",
            "How many committee members voted against the solar farm?",
            "How many votes were cast against the scheme in the planning committee?",
            "four",
            ("seven", "212", "nine months"),
        ),
        Q(
            "causal",
            "other",
            "Why did objectors oppose the solar farm?",
            "What was the objectors' argument against the panels?",
            "the panels would spoil views from the ancient hill fort",
            (
                "the district had declared a climate emergency",
                "to screen the site",
                "could not keep refusing renewable projects",
            ),
        ),
        Q(
            "coreference",
            "organization",
            "In 'Its chair, Councillor Mark Elwood', what does 'Its' refer to?",
            "Councillor Mark Elwood chairs which body?",
            "The planning committee",
            ("Sunfold Renewables", "Orton Landscape Group", "Ashcombe District"),
        ),
        Q(
            "paraphrase",
            "thing",
            "What will be planted to hide the site?",
            "What is going to be planted along the northern edge as a screen?",
            "a strip of woodland",
            ("the rows of panels", "footpath repairs", "the ancient hill fort"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much will the solar farm cost to build?",
            "What is the construction cost of the solar farm?",
            None,
            plausible="50,000 pounds",
        ),
    ),
    P(
        "p018",
        "How Bats Find Their Way in the Dark",
        "science",
        "explainer",
        False,
        """
        Many bats hunt at night using echolocation. A bat makes short, high-pitched calls,
        usually too high for humans to hear, and listens for the echoes that bounce back from
        objects around it. The time an echo takes to return tells the bat how far away an
        object is, and small differences between the echo reaching each ear tell it the
        direction. As a bat closes in on an insect, it calls faster, rising from about ten
        calls a second while searching to as many as 200 in the final moments, a burst known
        as the feeding buzz, which lasts less than half a second. Each call lasts between one
        and five thousandths of a second. Some moths have evolved defences: tiger moths produce their own
        clicks that jam the bat's signal, and some other moths have ears that detect bat
        calls and make them drop to the ground. Fruit bats, by contrast, mostly rely on
        eyesight and smell, and only a few kinds use a simple form of echolocation made by
        clicking the tongue.
        """,
        Q(
            "lookup",
            "thing",
            "What is the burst of rapid calls at the end of a hunt called?",
            "What name is given to the very fast calls a bat makes just before catching an insect?",
            "the feeding buzz",
            ("echolocation", "short, high-pitched calls", "their own clicks"),
        ),
        Q(
            "numerical",
            "number",
            "How many calls a second can a bat make in the final moments of a hunt?",
            "At the end of a chase, up to what number of calls per second does a bat make?",
            "200",
            ("ten", "half", "five"),
        ),
        Q(
            "paraphrase",
            "thing",
            "What tells a bat how distant an object is?",
            "Which cue does a bat use to judge the distance to an object?",
            "The time an echo takes to return",
            (
                "small differences between the echo reaching each ear",
                "eyesight and smell",
                "clicking the tongue",
            ),
        ),
        Q(
            "negation",
            "thing",
            "Which bats mostly do not rely on echolocation?",
            "Which group of bats depends mainly on other senses rather than echoes?",
            "Fruit bats",
            ("tiger moths", "Many bats", "some other moths"),
        ),
        Q(
            "causal",
            "other",
            "Why do some moths drop to the ground?",
            "What makes some moths fall to the ground?",
            "ears that detect bat calls",
            (
                "clicks that jam the bat's signal",
                "eyesight and smell",
                "As a bat closes in on an insect",
            ),
        ),
        Q(
            "unanswerable",
            "number",
            "How far away can a bat detect an insect?",
            "What is the greatest distance at which a bat can sense an insect?",
            None,
            plausible="ten",
        ),
    ),
    P(
        "p019",
        "Email: Office Move Next Week",
        "correspondence",
        "email",
        True,
        """
        Hi everyone, As you know, the design team moves from the third floor to the fifth
        floor next week. Packing crates will be delivered on Tuesday afternoon; please label
        each one with your name and new desk number. The removal company, Swiftshift, will
        collect the crates on Thursday evening after 6 pm, so please have everything packed by
        then. Your computers will be moved by the IT team, not by Swiftshift, so do not pack
        them. On Friday, the fifth floor will be closed while the IT team connects everything;
        please work from home that day. We will all be in the new space on Monday morning.
        Jess has kindly offered to bring pastries to celebrate. If you have any accessibility
        needs for the new desks, tell Omar before Wednesday and he will order the right
        equipment. Thanks for your patience, Hannah
        """,
        Q(
            "temporal",
            "date",
            "When will Swiftshift collect the crates?",
            "At what time is the removal company coming for the packed crates?",
            "Thursday evening",
            ("Tuesday afternoon", "Monday morning", "Friday"),
        ),
        Q(
            "negation",
            "thing",
            "What should staff not pack?",
            "Which items are staff told to leave unpacked?",
            "Your computers",
            ("each one", "Packing crates", "pastries"),
        ),
        Q(
            "coreference",
            "person",
            "Who will order the right equipment for accessibility needs?",
            "Who is the 'he' that will order the equipment?",
            "Omar",
            ("Jess", "Hannah", "Swiftshift"),
        ),
        Q(
            "causal",
            "other",
            "Why should staff work from home on Friday?",
            "What is the reason for working from home on Friday?",
            "the fifth floor will be closed while the IT team connects everything",
            (
                "Jess has kindly offered to bring pastries",
                "please label each one with your name",
                "the design team moves",
            ),
        ),
        Q(
            "lookup",
            "organization",
            "Who will move the computers?",
            "Which group is responsible for moving the computers?",
            "the IT team",
            ("Swiftshift", "the design team", "The removal company"),
            at=1,
        ),
        Q(
            "unanswerable",
            "number",
            "What is Hannah's new desk number?",
            "Which desk number will Hannah have on the fifth floor?",
            None,
            plausible="fifth",
            plausible_at=1,
        ),
    ),
    P(
        "p020",
        "The Founding of Port Ellery",
        "history",
        "encyclopedic",
        True,
        """
        Port Ellery was founded in 1712 by settlers from the inland town of Cressmoor, who were
        looking for a harbour free of ice in winter. The first settlement had only nine houses
        and a chapel. Its growth began in 1760, when the merchant Josiah Penhale built a
        stone quay and a warehouse for the salt-fish trade. By 1800 the town had about 3,000
        inhabitants. A great storm in 1834 destroyed the quay, and the trade moved for a time
        to the rival port of Keswin. Penhale's grandson, Arthur, rebuilt the quay in 1839
        with a breakwater that still protects the harbour today. The railway arrived in 1871
        and turned Port Ellery into a holiday resort. Today tourism employs more people than
        fishing, although the annual Fish Fair in August still draws large crowds.
        """,
        Q(
            "lookup",
            "location",
            "Where did the settlers who founded Port Ellery come from?",
            "From which town did Port Ellery's founders set out?",
            "Cressmoor",
            ("Keswin", "Port Ellery", "the harbour"),
        ),
        Q(
            "temporal",
            "date",
            "When was the quay rebuilt after the storm?",
            "In which year was the storm-damaged quay reconstructed?",
            "1839",
            ("1834", "1760", "1871"),
        ),
        Q(
            "lookup",
            "person",
            "Who rebuilt the quay?",
            "Which person was responsible for rebuilding the quay with a breakwater?",
            "Arthur",
            ("Josiah Penhale", "settlers", "the merchant"),
        ),
        Q(
            "causal",
            "other",
            "Why did the settlers found Port Ellery?",
            "What were the settlers from Cressmoor looking for?",
            "a harbour free of ice in winter",
            ("a stone quay and a warehouse", "the salt-fish trade", "a holiday resort"),
        ),
        Q(
            "comparison",
            "thing",
            "Which employs more people in Port Ellery today?",
            "In present-day Port Ellery, which industry is the bigger employer?",
            "tourism",
            ("fishing", "the salt-fish trade", "The railway"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many people live in Port Ellery today?",
            "What is the present population of Port Ellery?",
            None,
            plausible="about 3,000",
        ),
        Q(
            "multi_sentence",
            "person",
            "Who had built the quay that the great storm destroyed?",
            "The quay wrecked in the storm of 1834 was built by whom?",
            "Josiah Penhale",
            ("Arthur", "settlers", "Penhale's grandson"),
        ),
    ),
    P(
        "p021",
        "The Otters of the Lusk Estuary",
        "nature",
        "explainer",
        True,
        """
        Ten years ago there were no otters on the Lusk Estuary. Pollution from the old tannery
        at Hobb's Mill had killed most of the fish, and without fish the otters had nothing to
        eat. The tannery closed in 2009, and the Lusk Rivers Trust spent the next four years
        cleaning the mud and replanting the reed beds. The first otter was filmed by a camera
        trap in 2014. Volunteers now count the otters each spring by looking for their
        droppings, called spraints, on rocks along the banks. Last year they counted at least
        eleven animals, including two females with cubs. The Trust's ecologist, Maya Lindqvist,
        warns that the population is still fragile: otters are often killed by cars where the
        coast road crosses the river at Pellow Bridge, and she has asked the council to build
        an underpass there. A decision is expected in the autumn.
        """,
        Q(
            "multi_sentence",
            "other",
            "Why were there no otters on the estuary ten years ago?",
            "What explains the absence of otters from the Lusk Estuary a decade ago?",
            "without fish the otters had nothing to eat",
            (
                "otters are often killed by cars",
                "the population is still fragile",
                "cleaning the mud and replanting the reed beds",
            ),
        ),
        Q(
            "temporal",
            "date",
            "When was the first otter filmed?",
            "In which year did a camera trap record the first otter?",
            "2014",
            ("2009", "each spring", "the autumn"),
        ),
        Q(
            "paraphrase",
            "thing",
            "What are otter droppings called?",
            "By what name are the droppings of otters known?",
            "spraints",
            ("reed beds", "camera trap", "cubs"),
        ),
        Q(
            "coreference",
            "person",
            "Who has asked the council to build an underpass?",
            "Which person made the request for an underpass at Pellow Bridge?",
            "Maya Lindqvist",
            ("Volunteers", "the Lusk Rivers Trust", "two females with cubs"),
        ),
        Q(
            "numerical",
            "number",
            "How many otters did volunteers count last year, at least?",
            "What was the minimum number of otters found in last year's count?",
            "eleven",
            ("two", "four years", "Ten years"),
        ),
        Q(
            "unanswerable",
            "location",
            "Where will the new otter sanctuary be built?",
            "At which site is the otter sanctuary planned?",
            None,
            plausible="Pellow Bridge",
        ),
    ),
    P(
        "p022",
        "Review: The Copper Kettle, Danebury",
        "food",
        "review",
        False,
        """
        The Copper Kettle opened in March in the old post office on Danebury's high street,
        and it is already hard to get a table on a Saturday night. The chef, Rosa Tennant,
        trained in Lyon and later ran the kitchen at the Blue Heron in Castleford. Her menu is
        short: four starters, five mains and three desserts, changing every fortnight. The
        lamb with white beans, at 24 pounds, was the best dish we ate, tender and full of
        flavour. The fish stew, at 21 pounds, was good but a little salty. A vegetarian pie
        at 17 pounds was the cheapest main and perfectly pleasant. Of the desserts, the
        burnt honey tart stood out. Service was friendly if slow: our mains took 40 minutes to
        arrive. The wine list is small and fairly priced, with a house red at 6 pounds a glass.
        The restaurant does not take bookings for lunch. Rating: four stars out of five.
        """,
        Q(
            "comparison",
            "thing",
            "Which main course was the most expensive the reviewer mentions?",
            "Of the mains named, which cost the most?",
            "The lamb with white beans",
            ("The fish stew", "A vegetarian pie", "the burnt honey tart"),
        ),
        Q(
            "negation",
            "other",
            "For which meal does the restaurant not take bookings?",
            "Bookings are not accepted for which meal?",
            "lunch",
            ("a Saturday night", "desserts", "starters"),
        ),
        Q(
            "lookup",
            "location",
            "Where did Rosa Tennant train?",
            "In which city did the chef receive her training?",
            "Lyon",
            ("Castleford", "Danebury", "the Blue Heron"),
        ),
        Q(
            "numerical",
            "number",
            "How many main courses are on the menu?",
            "What number of mains does the menu offer?",
            "five",
            ("four", "three", "40"),
            at=1,
        ),
        Q(
            "paraphrase",
            "thing",
            "Which dish did the reviewer find slightly too salty?",
            "What dish had a little too much salt, according to the review?",
            "The fish stew",
            ("The lamb with white beans", "A vegetarian pie", "the burnt honey tart"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does the burnt honey tart cost?",
            "What is the price of the burnt honey tart?",
            None,
            plausible="17 pounds",
        ),
    ),
    P(
        "p023",
        "Installing the Nimbus Wi-Fi Extender",
        "technology",
        "manual",
        True,
        """
        Setting up your Nimbus R3 extender takes about five minutes. 1. Plug the extender into
        a socket roughly halfway between your router and the area with weak signal. 2. Wait
        until the power light turns solid green; this takes up to two minutes. 3. Press the
        WPS button on your router, and within two minutes press the WPS button on the side of
        the extender. 4. The signal light will blink amber while the two devices connect, then
        turn solid blue when the connection is made. If it turns red, the extender is too far
        from the router: move it closer and try again. 5. Connect your devices to the new
        network, which has the same name as your router's network with _EXT at the end. If
        your router has no WPS button, use the Nimbus Home app instead. To reset the extender,
        hold the reset pin for ten seconds.
        """,
        Q(
            "temporal",
            "other",
            "What must you wait for before pressing the WPS button on your router?",
            "Before the WPS step, which light change do you need to wait for?",
            "the power light turns solid green",
            ("turn solid blue", "blink amber", "If it turns red"),
        ),
        Q(
            "causal",
            "other",
            "What does it mean if the signal light turns red?",
            "A red signal light tells you what about the extender?",
            "the extender is too far from the router",
            ("the connection is made", "the two devices connect", "your router has no WPS button"),
        ),
        Q(
            "negation",
            "thing",
            "What should you use if your router has no WPS button?",
            "Without a WPS button on the router, what is the alternative?",
            "the Nimbus Home app",
            ("the reset pin", "the new network", "a socket"),
        ),
        Q(
            "numerical",
            "number",
            "How long should the reset pin be held?",
            "For how many seconds do you press the reset pin to reset the extender?",
            "ten seconds",
            ("two minutes", "five minutes", "up to two minutes"),
        ),
        Q(
            "paraphrase",
            "location",
            "Where is the best spot to plug in the extender?",
            "At what position relative to the router and the weak area should the extender go?",
            "roughly halfway between your router and the area with weak signal",
            ("on the side of the extender", "closer", "at the end"),
        ),
        Q(
            "unanswerable",
            "other",
            "What colour does the power light show when the extender is off?",
            "When the extender is switched off, which colour is the power light?",
            None,
            plausible="solid green",
        ),
    ),
    P(
        "p024",
        "Two Sisters and a Bakery",
        "business",
        "interview",
        True,
        """
        Anneke and Femke de Groot opened Twee Zussen, a bakery in the market town of Holwick,
        in 2016 with a loan of 30,000 pounds from their father. Anneke, the elder, had worked
        as an accountant for twelve years; Femke had trained as a pastry chef in Utrecht. "I
        do the numbers and she does the magic," Anneke says. The shop broke even in its second
        year. In 2020, when the town's cafes closed during the lockdown, the sisters started a
        delivery service on bicycles, and sales doubled within six months. They now employ
        fourteen people and supply bread to three local hotels. Femke's rye sourdough won a
        gold award at the National Bread Show in 2022. Their next plan is a baking school in
        the room above the shop, which Anneke hopes will open next spring. They paid back
        their father in full in 2019.
        """,
        Q(
            "comparison",
            "person",
            "Which sister is older?",
            "Who is the elder of the two sisters?",
            "Anneke",
            ("Femke", "their father", "Twee Zussen"),
            at=2,
        ),
        Q(
            "coreference",
            "person",
            "In the quote, who does 'she' refer to?",
            "When Anneke says 'she does the magic', whom does she mean?",
            "Femke",
            ("Anneke", "their father", "the elder"),
            at=2,
        ),
        Q(
            "causal",
            "other",
            "Why did the sisters start a delivery service?",
            "What led the sisters to begin delivering by bicycle?",
            "the town's cafes closed during the lockdown",
            (
                "sales doubled within six months",
                "The shop broke even in its second year",
                "supply bread to three local hotels",
            ),
        ),
        Q(
            "temporal",
            "date",
            "When did they finish repaying their father?",
            "In what year was the loan from their father fully paid back?",
            "2019",
            ("2016", "2020", "2022"),
        ),
        Q(
            "multi_sentence",
            "location",
            "Where did the sister who does the magic train?",
            "In which city did the baker of the pair learn pastry?",
            "Utrecht",
            ("Holwick", "the National Bread Show", "the room above the shop"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many students will the baking school take?",
            "What will the baking school's capacity be?",
            None,
            plausible="fourteen",
        ),
    ),
    P(
        "p025",
        "Lost Property Policy",
        "law",
        "notice",
        False,
        """
        Greyfield Leisure Centre: lost property policy. Items found in the centre are handed
        to the main reception and recorded in the lost property book. Valuable items, such as
        phones, wallets, keys and jewellery, are kept in the office safe. Clothing, towels and
        water bottles are kept for 14 days; valuable items are kept for 60 days. After these
        periods, clothing is given to the Greyfield Community Shop, and unclaimed valuables are
        passed to the local police station. Food and drink containers left in the changing
        rooms are thrown away at the end of each day. To collect an item, you must describe it
        and show photo identification. Items cannot be posted to owners. The centre is not
        responsible for items left in unlocked lockers; lockers cost 1 pound, which is returned
        when the locker is opened. Reception is staffed 15 hours a day. For lost property enquiries, please
        ask at reception or email the duty manager.
        """,
        Q(
            "lookup",
            "number",
            "How long are valuable items kept?",
            "What is the holding period for valuables, the longer of the two?",
            "60 days",
            ("14 days", "1 pound", "15 hours"),
        ),
        Q(
            "negation",
            "other",
            "What will the centre not do with found items?",
            "Which service for returning items is not offered?",
            "Items cannot be posted to owners",
            (
                "must describe it and show photo identification",
                "ask at reception",
                "email the duty manager",
            ),
        ),
        Q(
            "multi_sentence",
            "organization",
            "Where does unclaimed clothing end up?",
            "After the holding period, who receives unclaimed clothes?",
            "the Greyfield Community Shop",
            ("the local police station", "the main reception", "the office safe"),
        ),
        Q(
            "lookup",
            "location",
            "Where are valuable items kept?",
            "In which place does the centre store valuables?",
            "the office safe",
            ("the main reception", "the changing rooms", "unlocked lockers"),
        ),
        Q(
            "paraphrase",
            "thing",
            "What happens to drink bottles left behind in the changing rooms?",
            "What is done with food and drink containers forgotten in the changing rooms?",
            "thrown away at the end of each day",
            ("kept for 14 days", "kept in the office safe", "passed to the local police station"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many lockers does the centre have?",
            "What is the number of lockers at the leisure centre?",
            None,
            plausible="60",
        ),
    ),
    P(
        "p026",
        "The Night Ferry",
        "fiction",
        "short story",
        True,
        """
        The night ferry to Skarra left at eleven, and Ilse was the last passenger to board.
        She carried a violin case and nothing else. In the lounge, an old man in a fisherman's
        jumper was playing cards alone. He looked up when she sat down and asked whether she
        played. Ilse said she played the violin, not cards, and he laughed so hard that the
        barman, a young man called Teodor, came over to see what was wrong. By one in the
        morning the three of them were playing a game the old man called Drowned Kings. The
        old man, whose name turned out to be Aksel, won every hand. At four the ferry reached
        Skarra. As Ilse stepped onto the quay, Teodor ran after her with something she had
        left behind: her violin case. She had been so busy laughing that she had forgotten
        the only thing she had brought.
        """,
        Q(
            "coreference",
            "person",
            "Who asked Ilse whether she played?",
            "Which person wanted to know if Ilse played?",
            "Aksel",
            ("Teodor", "Ilse", "the barman"),
        ),
        Q(
            "lookup",
            "person",
            "What was the name of the man who won every hand?",
            "Who turned out to be the winner of every hand of Drowned Kings?",
            "Aksel",
            ("Teodor", "Ilse", "the barman"),
        ),
        Q(
            "temporal",
            "date",
            "At what time did the ferry reach Skarra?",
            "When did the night ferry arrive at Skarra?",
            "At four",
            ("at eleven", "one in the morning", "By one in the morning"),
        ),
        Q(
            "causal",
            "other",
            "Why had Ilse forgotten her violin case?",
            "What made Ilse leave her violin case behind?",
            "She had been so busy laughing",
            ("he laughed so hard", "to see what was wrong", "she played the violin, not cards"),
        ),
        Q(
            "negation",
            "thing",
            "What did Ilse say she did not play?",
            "Which thing did Ilse tell the old man she did not play?",
            "cards",
            ("the violin", "Drowned Kings", "every hand"),
            at=2,
        ),
        Q(
            "unanswerable",
            "location",
            "Where did Ilse board the ferry?",
            "From which port did Ilse's ferry set out?",
            None,
            plausible="Skarra",
            plausible_at=1,
        ),
        Q(
            "coreference",
            "person",
            "Who had forgotten the only thing she had brought?",
            "Which passenger left behind the one thing she had brought aboard?",
            "Ilse",
            ("Teodor", "Aksel", "the barman"),
            at=3,
        ),
    ),
    P(
        "p027",
        "Volcanic Islands and Hotspots",
        "science",
        "explainer",
        False,
        """
        Some volcanic islands form far from the edges of tectonic plates, above hotspots:
        places where unusually hot rock rises from deep in the mantle and melts near the
        surface. The hotspot stays roughly fixed while the plate above it moves, usually by a
        few centimetres a year. Each new volcano is therefore carried away from the hotspot
        after some time, and a new one forms behind it. Over millions of years this builds a
        chain of islands that get older with distance from the hotspot. The oldest islands in
        a chain are usually the smallest and lowest, because once a volcano is cut off from
        its supply of magma, waves and rain wear it down and its weight slowly sinks it into
        the sea floor. In warm seas, coral reefs may keep growing on a sinking island until
        only a ring-shaped reef called an atoll remains above the water.
        """,
        Q(
            "paraphrase",
            "thing",
            "What is a ring-shaped reef left above the water called?",
            "Which name is given to the ring of reef that remains when an island has sunk?",
            "an atoll",
            ("hotspots", "a chain of islands", "coral reefs"),
        ),
        Q(
            "comparison",
            "other",
            "How do the oldest islands in a chain usually compare in size with the others?",
            "In a hotspot chain, what are the oldest islands usually like compared with younger ones?",
            "the smallest and lowest",
            ("unusually hot", "roughly fixed", "older with distance from the hotspot"),
        ),
        Q(
            "causal",
            "other",
            "Why do old volcanic islands wear down and sink?",
            "What causes an old volcanic island to shrink and sink?",
            "once a volcano is cut off from its supply of magma",
            (
                "the plate above it moves",
                "hot rock rises from deep in the mantle",
                "coral reefs may keep growing",
            ),
        ),
        Q(
            "coreference",
            "thing",
            "In the phrase 'its weight slowly sinks it into the sea floor', what is sunk?",
            "What does 'it' refer to when the passage says its weight sinks it into the sea floor?",
            "a volcano",
            ("the sea floor", "a sinking island", "the hotspot"),
        ),
        Q(
            "lookup",
            "location",
            "Where does the hot rock at a hotspot rise from?",
            "From where does the unusually hot rock come?",
            "deep in the mantle",
            ("the sea floor", "the surface", "the edges of tectonic plates"),
        ),
        Q(
            "unanswerable",
            "thing",
            "What is the name of the largest hotspot island chain?",
            "Which hotspot chain of islands is the biggest?",
            None,
            plausible="a chain of islands",
        ),
    ),
    P(
        "p028",
        "Marathon Debut for Kiprop Sawe",
        "sports",
        "sports report",
        True,
        """
        Twenty-two-year-old Kiprop Sawe won the Lakemouth Marathon on Sunday in his first race
        over the distance, finishing in 2 hours 8 minutes and 41 seconds. The course record,
        2:07:12, set by Elias Brandvold in 2018, survived. Sawe ran in a group of six until
        the 30-kilometre mark, where he pulled away with the defending champion, Tomasz Wrona.
        Wrona dropped back with five kilometres left, complaining of cramp, and finished third
        behind the Canadian Paul Leclair. In the women's race, Hana Iwata led from start to
        finish and won in 2:24:05, almost four minutes ahead of Grace Mwangi. About 11,000
        runners started the race, and warm weather forced the organisers to add two extra
        water stations. Sawe, who trains in the high-altitude town of Iten, said he had
        planned to run only 30 kilometres as practice but felt too good to stop.
        """,
        Q(
            "comparison",
            "person",
            "Who finished second in the men's race?",
            "Which runner came in behind Sawe but ahead of Wrona?",
            "Paul Leclair",
            ("Tomasz Wrona", "Elias Brandvold", "Grace Mwangi"),
        ),
        Q(
            "multi_sentence",
            "person",
            "What is the full name of the runner who finished third in the men's race?",
            "Which man took third place, after dropping back with cramp?",
            "Tomasz Wrona",
            ("Paul Leclair", "Elias Brandvold", "Kiprop Sawe"),
        ),
        Q(
            "causal",
            "other",
            "Why did Wrona drop back?",
            "What made Wrona fall behind with five kilometres left?",
            "complaining of cramp",
            (
                "warm weather",
                "felt too good to stop",
                "planned to run only 30 kilometres as practice",
            ),
        ),
        Q(
            "numerical",
            "number",
            "What was the course record time?",
            "How fast was the course record that Sawe did not break?",
            "2:07:12",
            ("2:24:05", "2 hours 8 minutes and 41 seconds", "almost four minutes"),
        ),
        Q(
            "lookup",
            "person",
            "Who said he had planned to run only 30 kilometres?",
            "Which runner had meant to use the race as a 30-kilometre practice?",
            "Sawe",
            ("Wrona", "Brandvold", "Leclair"),
            at=3,
        ),
        Q(
            "unanswerable",
            "date",
            "When did Hana Iwata win her first marathon?",
            "In which year did Hana Iwata first win a marathon?",
            None,
            plausible="2018",
        ),
    ),
    P(
        "p029",
        "Patient Information: Your Colonoscopy",
        "health",
        "leaflet",
        True,
        """
        A colonoscopy is a test that uses a thin, flexible camera to look inside the large
        bowel. The bowel must be empty for the camera to see clearly, so you will need to take
        a laxative called Movicol Prep the day before. Three days before the test, stop eating
        high-fibre foods such as brown bread, nuts and raw vegetables. The day before, you may
        have a light breakfast before 8 am, but after that only clear fluids such as water,
        clear soup and black tea. Take the first sachet of laxative at 4 pm and the second at
        8 pm. If you take iron tablets, stop them seven days before the test. Do not stop any
        blood-thinning medicine without speaking to the clinic first. The test itself takes
        about 30 minutes. Because you will be given a sedative, you must not drive for 24
        hours afterwards, so please arrange for an adult to take you home.
        """,
        Q(
            "temporal",
            "other",
            "When should you stop eating high-fibre foods?",
            "How long before the test do high-fibre foods have to be cut out?",
            "Three days before the test",
            ("seven days before the test", "The day before", "before 8 am"),
        ),
        Q(
            "comparison",
            "thing",
            "Which must be stopped earlier before the test: high-fibre foods or iron tablets?",
            "Between high-fibre foods and iron tablets, which one do you give up first?",
            "iron tablets",
            ("high-fibre foods", "blood-thinning medicine", "black tea"),
        ),
        Q(
            "negation",
            "thing",
            "Which medicine should you not stop without speaking to the clinic?",
            "What medication must not be stopped before you talk to the clinic?",
            "blood-thinning medicine",
            ("iron tablets", "Movicol Prep", "a sedative"),
        ),
        Q(
            "causal",
            "other",
            "Why must you not drive for 24 hours afterwards?",
            "What is the reason for the 24-hour driving ban after the test?",
            "you will be given a sedative",
            (
                "The bowel must be empty",
                "the camera to see clearly",
                "The test itself takes about 30 minutes",
            ),
        ),
        Q(
            "lookup",
            "date",
            "At what time should the second sachet be taken?",
            "When do you take the second sachet of laxative?",
            "8 pm",
            ("4 pm", "8 am", "24 hours"),
        ),
        Q(
            "unanswerable",
            "number",
            "How long after the first sachet does the laxative start to work?",
            "How soon does the laxative take effect once the first sachet is taken?",
            None,
            plausible="24 hours",
        ),
    ),
    P(
        "p030",
        "Letter of Complaint",
        "correspondence",
        "letter",
        True,
        """
        Dear Customer Services, I am writing about the sofa I ordered from Harbrook Furniture
        on 2 February, order number HF-40277. I was told it would be delivered within four
        weeks. It finally arrived on 19 April, eleven weeks after I ordered it. When the two
        delivery men unwrapped it, I saw that one of the wooden feet was split and the grey
        fabric had a dark stain on the left arm. They agreed that it was damaged and took a
        photograph, but they said they could not take it back. I phoned your helpline the
        same day and spoke to a Mr Dalton, who promised that someone would call me within 48
        hours. Nobody did. I would like you to collect the sofa and refund the full price of
        899 pounds, or replace it within two weeks. I enclose a copy of my receipt. Yours
        faithfully, Beatrice Lowe.
        """,
        Q(
            "numerical",
            "number",
            "How many weeks did the sofa take to arrive?",
            "How long after the order was the sofa delivered?",
            "eleven weeks",
            ("four weeks", "two weeks", "48 hours"),
        ),
        Q(
            "coreference",
            "person",
            "Who agreed that the sofa was damaged?",
            "In the letter, which people are the 'They' who agreed the sofa was damaged?",
            "the two delivery men",
            ("Mr Dalton", "Beatrice Lowe", "Customer Services"),
        ),
        Q(
            "negation",
            "other",
            "What did the delivery men say they could not do?",
            "Which thing did the delivery men refuse because they were not able to do it?",
            "take it back",
            ("took a photograph", "collect the sofa", "replace it within two weeks"),
        ),
        Q(
            "multi_sentence",
            "person",
            "Who promised a call that never came?",
            "Which person said someone would phone within 48 hours, though nobody did?",
            "Mr Dalton",
            ("Beatrice Lowe", "the two delivery men", "Customer Services"),
        ),
        Q(
            "paraphrase",
            "number",
            "What sum does the writer want back?",
            "How much money is Beatrice asking to have refunded?",
            "899 pounds",
            ("40277", "48 hours", "eleven weeks"),
        ),
        Q(
            "unanswerable",
            "date",
            "When did Beatrice Lowe send the letter?",
            "On what date was the complaint letter written?",
            None,
            plausible="19 April",
        ),
    ),
    P(
        "p031",
        "Harvest Festival Programme",
        "community",
        "announcement",
        False,
        """
        The Elmstead Harvest Festival returns to Church Meadow on Saturday 21 September, from
        10 am to 6 pm. Entry is 5 pounds for adults and free for children under 12. The
        farmers' market opens at 10 am with more than 40 stalls. At 11 am the Elmstead Silver
        Band plays on the main stage, followed at noon by the judging of the giant vegetable
        competition; last year's heaviest marrow weighed 31 kilograms. The sheepdog trials
        start at 2 pm in the lower field. Children can try pottery in the craft tent all day,
        run by the potter Nell Ashby. The tug of war between the Fox and Hounds and the Red
        Lion pubs is at 4 pm. Free parking is available at Elmstead School, a ten-minute walk
        away. Dogs on leads are welcome, except in the food hall. All profits go to the
        Elmstead village hall roof fund.
        """,
        Q(
            "temporal",
            "other",
            "What happens straight after the Silver Band plays?",
            "Which event follows the band on the main stage?",
            "the judging of the giant vegetable competition",
            ("The sheepdog trials", "The tug of war", "The farmers' market"),
        ),
        Q(
            "numerical",
            "number",
            "How much did last year's heaviest marrow weigh?",
            "What was the weight of the biggest marrow last year?",
            "31 kilograms",
            ("5 pounds", "more than 40", "12"),
        ),
        Q(
            "negation",
            "location",
            "Where are dogs on leads not welcome?",
            "Which part of the festival is closed to dogs?",
            "the food hall",
            ("the craft tent", "the lower field", "Church Meadow"),
        ),
        Q(
            "paraphrase",
            "organization",
            "Which pub's team is pitted against the Red Lion in the tug of war?",
            "Who do the Red Lion pull against in the tug of war?",
            "the Fox and Hounds",
            ("the Red Lion", "Elmstead School", "the Elmstead Silver Band"),
        ),
        Q(
            "causal",
            "other",
            "What will the festival's profits be used for?",
            "Where does the money raised by the festival go?",
            "the Elmstead village hall roof fund",
            ("the giant vegetable competition", "Free parking", "The farmers' market"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does a pottery session cost for children?",
            "What is the price of the children's pottery in the craft tent?",
            None,
            plausible="5 pounds",
        ),
    ),
    P(
        "p032",
        "The Bridge at Calder Gap",
        "history",
        "encyclopedic",
        True,
        """
        The first bridge at Calder Gap was a wooden toll bridge built in 1798 by the Calder
        Turnpike Company. It was swept away by ice in the hard winter of 1814, and for nine
        years travellers had to use a rope ferry. In 1823 the engineer Miriam Shaw, one of the
        few women working in the profession at the time, designed a stone bridge of three
        arches. Her design was chosen over a cheaper iron bridge proposed by Walter Greaves,
        because the county magistrates feared that iron would crack in the cold. The stone
        bridge opened in 1826 and carried the main road for over a century. In 1931 a concrete
        bridge was built beside it to take heavy lorries, and the old bridge was closed to
        motor traffic. It is now a footpath and a protected monument, and it appears on the
        badge of Calder Gap Primary School.
        """,
        Q(
            "coreference",
            "thing",
            "What was swept away by ice in 1814?",
            "In the winter of 1814, what did the ice carry away?",
            "a wooden toll bridge",
            ("a stone bridge", "a rope ferry", "a concrete bridge"),
        ),
        Q(
            "numerical",
            "number",
            "For how many years did travellers have to use a rope ferry?",
            "How long was the rope ferry the only way across?",
            "nine years",
            ("three arches", "over a century", "1814"),
        ),
        Q(
            "causal",
            "other",
            "Why was Shaw's design chosen over the iron bridge?",
            "What made the magistrates prefer the stone design to the iron one?",
            "the county magistrates feared that iron would crack in the cold",
            (
                "to take heavy lorries",
                "It was swept away by ice",
                "one of the few women working in the profession",
            ),
        ),
        Q(
            "comparison",
            "thing",
            "Which proposed bridge was cheaper?",
            "Between Shaw's and Greaves's designs, which would have cost less?",
            "iron bridge",
            ("stone bridge", "concrete bridge", "wooden toll bridge"),
        ),
        Q(
            "temporal",
            "date",
            "When did the stone bridge open?",
            "In what year was Shaw's bridge opened?",
            "1826",
            ("1823", "1931", "1798"),
        ),
        Q(
            "unanswerable",
            "person",
            "Who built the concrete bridge in 1931?",
            "Which engineer was responsible for the 1931 concrete bridge?",
            None,
            plausible="Walter Greaves",
        ),
        Q(
            "multi_sentence",
            "date",
            "In what year did the bridge that appears on the school badge open?",
            "When was the bridge shown on the Calder Gap Primary School badge opened?",
            "1826",
            ("1798", "1931", "1823"),
        ),
    ),
    P(
        "p033",
        "Quarterly Results at Lantern Games",
        "business",
        "news report",
        True,
        """
        Lantern Games, the Bristow-based video game studio, reported revenue of 48 million
        pounds for the third quarter, up from 35 million a year earlier. The rise was driven
        almost entirely by Tidewater, a sailing adventure released in July, which sold 1.2
        million copies in its first month. Profit rose to 9 million pounds. Chief executive
        Ola Brennan said the company would hire 60 more developers next year and open a second
        studio in the city of Harrowgate, rather than in Kelby or Dunmere as had been rumoured.
        However, the company also said that its long-awaited
        racing game, Redline Nights, would be delayed until the spring because testers had
        found too many bugs. Shares in Lantern fell 6 percent on the news of the delay before
        recovering to close 2 percent higher. Analysts at Pembury Capital described the results
        as strong but warned that the company relied too heavily on a single game.
        """,
        Q(
            "lookup",
            "number",
            "What was Lantern's third-quarter revenue a year earlier?",
            "A year before, how much revenue had Lantern made in the same quarter?",
            "35 million",
            ("48 million pounds", "9 million pounds", "1.2 million"),
        ),
        Q(
            "causal",
            "other",
            "Why was Redline Nights delayed?",
            "For what reason will the racing game come out later than planned?",
            "testers had found too many bugs",
            (
                "the company relied too heavily on a single game",
                "Profit rose to 9 million pounds",
                "released in July",
            ),
        ),
        Q(
            "multi_sentence",
            "thing",
            "Which game was mostly responsible for the revenue increase?",
            "What title drove the jump in revenue?",
            "Tidewater",
            ("Redline Nights", "Lantern Games", "Pembury Capital"),
        ),
        Q(
            "paraphrase",
            "location",
            "Where will the second studio be opened?",
            "In which city does Lantern plan to add another studio?",
            "Harrowgate",
            ("Bristow", "Kelby", "Dunmere"),
        ),
        Q(
            "numerical",
            "number",
            "By how much did shares close higher?",
            "What was the final rise in Lantern's share price for the day?",
            "2 percent",
            ("6 percent", "60", "9 million"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many copies has Redline Nights sold?",
            "What are the sales figures for Redline Nights?",
            None,
            plausible="1.2 million",
        ),
    ),
    P(
        "p034",
        "Riverside Library Opening Hours",
        "community",
        "notice",
        False,
        """
        From 1 October, Riverside Library will change its opening hours. The library will be
        open from 9 am to 7 pm on Mondays, Tuesdays and Thursdays, and from 9 am to 5 pm on
        Wednesdays and Fridays. On Saturdays it will open from 10 am to 4 pm. The library will
        remain closed on Sundays. The late opening on Tuesdays, which used to run until 8 pm,
        will end because very few people used the library after 7 pm. The children's story
        time moves from Friday mornings to Saturday mornings at 10.30 am. The computer room
        will be available for the same hours as the library, but printing will stop 15
        minutes before closing. Books can be returned at any time using the drop box by the
        main door. The changes were agreed by the Thornbury Libraries Board after a public
        survey that received 740 responses.
        """,
        Q(
            "comparison",
            "date",
            "On which day does the library open latest in the morning?",
            "Which day of the week has the latest opening time?",
            "Saturdays",
            ("Mondays", "Wednesdays", "Sundays"),
        ),
        Q(
            "negation",
            "date",
            "On which day will the library not open at all?",
            "Which day of the week is the library closed?",
            "Sundays",
            ("Saturdays", "Fridays", "Tuesdays"),
        ),
        Q(
            "causal",
            "other",
            "Why is the late opening on Tuesdays ending?",
            "What is the reason for stopping the Tuesday late opening?",
            "very few people used the library after 7 pm",
            (
                "printing will stop 15 minutes before closing",
                "a public survey that received 740 responses",
                "Books can be returned at any time",
            ),
        ),
        Q(
            "temporal",
            "date",
            "When will the children's story time take place from October?",
            "After the change, at what time is story time held?",
            "Saturday mornings at 10.30 am",
            ("Friday mornings", "9 am", "4 pm"),
        ),
        Q(
            "numerical",
            "number",
            "How many responses did the public survey receive?",
            "What number of people answered the public survey?",
            "740",
            ("15", "8", "10.30"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many books can a member borrow at once?",
            "What is the maximum number of books one member may take out?",
            None,
            plausible="15",
        ),
    ),
    P(
        "p035",
        "Dear Mr Osei: Your Application",
        "correspondence",
        "letter",
        True,
        """
        Dear Mr Osei, Thank you for applying for the post of assistant curator at the Hollin
        Museum of Clocks. We received 57 applications, and the panel was impressed by your
        experience at the Farrow Town Archive. I am pleased to invite you to an interview on
        Wednesday 9 October at 2 pm. The interview will last about 45 minutes and will be led
        by our director, Dr Sarah Penrose, together with the senior conservator, Ian McBride.
        Before the interview, you will be asked to spend 20 minutes examining an object from our
        collection and to give a short talk about it. You do not need to prepare slides. The
        museum is closed to the public on Wednesdays, so please use the staff entrance on
        Bell Street. Please confirm by 2 October whether you can attend. We will pay travel
        expenses up to 80 pounds. Yours sincerely, Laura Finch, Human Resources.
        """,
        Q(
            "multi_sentence",
            "person",
            "Who will lead the interview?",
            "Which person is in charge of the interview panel?",
            "Dr Sarah Penrose",
            ("Ian McBride", "Laura Finch", "Mr Osei"),
        ),
        Q(
            "negation",
            "thing",
            "What does Mr Osei not need to prepare?",
            "Which thing is he told there is no need to prepare?",
            "slides",
            ("a short talk", "an object", "travel expenses"),
        ),
        Q(
            "causal",
            "other",
            "Why should Mr Osei use the staff entrance?",
            "What is the reason he must come in through the staff entrance?",
            "The museum is closed to the public on Wednesdays",
            (
                "the panel was impressed by your experience",
                "We received 57 applications",
                "We will pay travel expenses",
            ),
        ),
        Q(
            "numerical",
            "number",
            "How many applications did the museum receive?",
            "What was the number of applicants for the post?",
            "57",
            ("45", "20", "80"),
        ),
        Q(
            "temporal",
            "date",
            "By when must Mr Osei confirm whether he can attend?",
            "What is the deadline for confirming attendance?",
            "2 October",
            ("Wednesday 9 October", "2 pm", "Wednesdays"),
        ),
        Q(
            "unanswerable",
            "number",
            "What is the salary for the assistant curator post?",
            "How much does the assistant curator job pay?",
            None,
            plausible="80 pounds",
        ),
    ),
    P(
        "p036",
        "The Cartographer's Apprentice",
        "fiction",
        "short story",
        True,
        """
        Master Orrin Vell drew maps for the Duke of Astermere, and his apprentice, a quiet girl
        named Pell, ground his inks and cleaned his pens. One winter the Duke asked for a map
        of the marshes south of the city, where no surveyor had gone for fifty years. Vell was
        too old to walk the marshes, so he sent Pell with his assistant, a proud young man
        called Doran. Doran measured the paths by day and drank in the inns by night. Pell
        counted her steps, and at night she drew what she had counted. When they returned, the
        two maps did not agree. The Duke sent a rider along both routes. Doran's path ended in
        deep water; hers reached the sea. The next spring, the Duke made her a cartographer
        in her own right, and Doran went back to the city to become a clerk.
        """,
        Q(
            "coreference",
            "person",
            "Whose path reached the sea?",
            "Which traveller's route led all the way to the sea?",
            "Pell",
            ("Doran", "Master Orrin Vell", "the Duke of Astermere"),
            at=3,
        ),
        Q(
            "causal",
            "other",
            "Why did Vell not survey the marshes himself?",
            "What kept Vell from going to the marshes in person?",
            "Vell was too old to walk the marshes",
            (
                "no surveyor had gone for fifty years",
                "the two maps did not agree",
                "drank in the inns by night",
            ),
        ),
        Q(
            "multi_sentence",
            "person",
            "Who became a cartographer in her own right?",
            "Which person did the Duke promote to cartographer the next spring?",
            "Pell",
            ("Doran", "Master Orrin Vell", "a clerk"),
            at=1,
        ),
        Q(
            "temporal",
            "other",
            "What did the Duke do when the two maps did not agree?",
            "After the maps were found to disagree, what action did the Duke take?",
            "The Duke sent a rider along both routes",
            (
                "the Duke made her a cartographer",
                "the Duke asked for a map",
                "he sent Pell with his assistant",
            ),
        ),
        Q(
            "comparison",
            "person",
            "Which of the two travellers made the map that was wrong?",
            "Of the two surveyors, whose map led into deep water?",
            "Doran",
            ("Pell", "Vell", "the Duke"),
            at=3,
        ),
        Q(
            "unanswerable",
            "number",
            "How many days did Pell and Doran spend in the marshes?",
            "For how long were the two of them surveying the marshes?",
            None,
            plausible="fifty years",
        ),
        Q(
            "multi_sentence",
            "other",
            "What did the apprentice who counted her steps become the next spring?",
            "The next spring, what was the girl who counted her steps made?",
            "a cartographer in her own right",
            ("a clerk", "his assistant", "a proud young man"),
        ),
    ),
    P(
        "p037",
        "How Vaccines Train the Immune System",
        "health",
        "explainer",
        False,
        """
        A vaccine trains the immune system to recognise a germ without the person having to
        catch the disease first. Most vaccines contain a weakened or killed form of the germ,
        or just one piece of it, such as a protein from its outer surface. When the vaccine is
        given, white blood cells called B cells make antibodies that fit that piece, and some
        of these cells become memory cells that can last for years. If the real germ arrives
        later, the memory cells recognise it and produce antibodies within a day or two,
        instead of the week or more that a first infection needs. Some vaccines need a booster
        dose because the memory fades over time. Vaccines for influenza must be updated every
        year, because the virus changes its surface proteins quickly. A vaccine cannot cause
        the disease when it contains only a piece of the germ.
        """,
        Q(
            "paraphrase",
            "thing",
            "When the vaccine is given, which white blood cells make antibodies that fit the piece?",
            "What type of white blood cell makes antibodies in response to a vaccine?",
            "B cells",
            ("a protein", "a booster dose", "the real germ"),
        ),
        Q(
            "lookup",
            "other",
            "How long does a first infection need before antibodies are produced?",
            "Compared with memory cells, how slow is the antibody response in a first infection?",
            "the week or more",
            ("within a day or two", "for years", "every year"),
        ),
        Q(
            "causal",
            "other",
            "Why must influenza vaccines be updated every year?",
            "What is the reason flu vaccines are changed annually?",
            "the virus changes its surface proteins quickly",
            (
                "the memory fades over time",
                "memory cells that can last for years",
                "it contains only a piece of the germ",
            ),
        ),
        Q(
            "negation",
            "other",
            "When can a vaccine not cause the disease?",
            "Under what condition is a vaccine unable to give you the disease?",
            "when it contains only a piece of the germ",
            (
                "If the real germ arrives later",
                "the memory fades over time",
                "When the vaccine is given",
            ),
        ),
        Q(
            "multi_sentence",
            "thing",
            "What do some B cells become that let the body respond quickly later?",
            "Which cells, formed from B cells, recognise the real germ when it comes?",
            "memory cells",
            ("antibodies", "white blood cells", "a booster dose"),
            at=1,
        ),
        Q(
            "unanswerable",
            "number",
            "How many doses of the influenza vaccine does an adult need each year?",
            "What number of flu vaccine doses should adults get annually?",
            None,
            plausible="one",
        ),
    ),
    P(
        "p038",
        "Welcome to the Tarn Valley Railway",
        "travel",
        "travel guide",
        True,
        """
        The Tarn Valley Railway runs for 14 miles from the market town of Gellby to the lakeside
        village of Tarnmouth, climbing through pine forest and over the Kestle Viaduct. Steam
        trains run daily from April to October and at weekends in winter. The journey takes
        about 70 minutes each way. Most visitors stop at Hollow Crag, the halfway station,
        to walk up to the waterfall, which takes about 40 minutes on foot; trains stop there
        every two hours, so plan your walk carefully. A return ticket costs 22 pounds for
        adults and 11 pounds for children; a family ticket for two adults and up to three
        children costs 55 pounds. The line was built in 1889 to carry slate, closed in 1962,
        and was reopened by volunteers in 1995. The best seats for the view are on the left
        side of the train when leaving Gellby.
        """,
        Q(
            "numerical",
            "number",
            "How much does an adult return ticket cost?",
            "What is the price of an adult return?",
            "22 pounds",
            ("11 pounds", "55 pounds", "14 miles"),
        ),
        Q(
            "temporal",
            "date",
            "When was the line reopened?",
            "In which year did volunteers bring the railway back into use?",
            "1995",
            ("1889", "1962", "October"),
        ),
        Q(
            "causal",
            "other",
            "Why should walkers to the waterfall plan their walk carefully?",
            "What makes careful planning necessary for the waterfall walk?",
            "trains stop there every two hours",
            (
                "The journey takes about 70 minutes each way",
                "to carry slate",
                "climbing through pine forest",
            ),
        ),
        Q(
            "paraphrase",
            "location",
            "Which station lies midway along the line?",
            "What is the name of the station halfway between the two ends?",
            "Hollow Crag",
            ("Gellby", "Tarnmouth", "the Kestle Viaduct"),
        ),
        Q(
            "lookup",
            "other",
            "Which side of the train has the best seats when leaving Gellby?",
            "For the best view when departing Gellby, where should you sit?",
            "the left side",
            ("the halfway station", "the lakeside village", "the waterfall"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many passengers does the railway carry each year?",
            "What is the annual number of passengers on the Tarn Valley Railway?",
            None,
            plausible="55",
        ),
    ),
    P(
        "p039",
        "Council Approves Cycle Lanes on Ring Road",
        "news",
        "news report",
        True,
        """
        Caverley City Council has voted to build protected cycle lanes along the whole of the
        inner ring road, a distance of 6.5 kilometres. The plan, proposed by transport
        councillor Nadia Hussain, will cost 14 million pounds, of which 9 million will come
        from a national government grant and the remaining 5 million from the council's own budget. Work will
        be done in three phases, starting with the eastern section in January. Hussain said
        that the number of people cycling in the city had doubled since 2019 but that many
        were put off by the busy ring road. The opposition leader, Graham Foley, voted against
        the plan. He argued that removing a traffic lane would cause congestion and hurt shops
        on Mercer Street. The local business association, however, supported the scheme after
        the council agreed to keep loading bays outside shops. The final phase is due to be
        completed in 2027.
        """,
        Q(
            "numerical",
            "number",
            "How much will the council pay from its own budget?",
            "What share of the cost, in pounds, falls on the council's own budget?",
            "5 million",
            ("9 million", "14 million pounds", "6.5 kilometres"),
        ),
        Q(
            "coreference",
            "person",
            "Who argued that removing a traffic lane would cause congestion?",
            "In the report, who is the 'He' worried about congestion?",
            "Graham Foley",
            ("Nadia Hussain", "The local business association", "transport councillor"),
        ),
        Q(
            "negation",
            "person",
            "Which politician named in the report did not support the plan?",
            "Who voted against the cycle lanes?",
            "Graham Foley",
            ("Nadia Hussain", "transport councillor", "The local business association"),
        ),
        Q(
            "causal",
            "other",
            "Why did the business association support the scheme?",
            "What made the local business association back the plan?",
            "the council agreed to keep loading bays outside shops",
            (
                "removing a traffic lane would cause congestion",
                "many were put off by the busy ring road",
                "the number of people cycling in the city had doubled",
            ),
        ),
        Q(
            "temporal",
            "other",
            "Which section will be built first?",
            "Where will work begin in January?",
            "the eastern section",
            ("The final phase", "Mercer Street", "the inner ring road"),
        ),
        Q(
            "unanswerable",
            "date",
            "When did Nadia Hussain become transport councillor?",
            "In what year was Hussain given the transport role?",
            None,
            plausible="2019",
        ),
    ),
    P(
        "p040",
        "Wardrobe Assembly Instructions",
        "technology",
        "manual",
        True,
        """
        Model: Fjell two-door wardrobe. You will need a cross-head screwdriver and a second
        person to help. Assembly takes about 90 minutes. Check that you have all 48 screws,
        12 wooden dowels and 4 hinges before you start. Step 1: lay the back panel on a soft
        surface so it does not get scratched. Step 2: fix the two side panels to the base with
        the long screws. Step 3: slide the back panel into the grooves of the side panels.
        Step 4: attach the top panel; it is the one with four pre-drilled holes. Step 5: fit
        the hinges to the doors and then hang the doors on the frame. Step 6: fix the safety
        strap to the wall, because the wardrobe can tip over if it is not secured. Do not
        use an electric drill for the screws, as it may split the wood. Maximum load on the
        rail: 25 kilograms.
        """,
        Q(
            "temporal",
            "other",
            "What do you do immediately after fixing the side panels to the base?",
            "Which step comes straight after the side panels are fixed to the base?",
            "slide the back panel into the grooves of the side panels",
            (
                "attach the top panel",
                "fit the hinges to the doors",
                "fix the safety strap to the wall",
            ),
        ),
        Q(
            "causal",
            "other",
            "Why must the safety strap be fixed to the wall?",
            "What is the reason for fixing the safety strap?",
            "the wardrobe can tip over if it is not secured",
            (
                "it may split the wood",
                "so it does not get scratched",
                "Assembly takes about 90 minutes",
            ),
        ),
        Q(
            "negation",
            "thing",
            "What tool should not be used for the screws?",
            "Which tool are you told not to use on the screws?",
            "an electric drill",
            ("a cross-head screwdriver", "the long screws", "the safety strap"),
        ),
        Q(
            "coreference",
            "thing",
            "Which panel has four pre-drilled holes?",
            "What does 'it is the one with four pre-drilled holes' refer to?",
            "the top panel",
            ("the back panel", "the base", "the two side panels"),
        ),
        Q(
            "comparison",
            "thing",
            "Which does the kit contain more of, dowels or hinges?",
            "Are there more dowels or more hinges in the kit?",
            "12 wooden dowels",
            ("4 hinges", "48 screws", "two side panels"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does the wardrobe weigh?",
            "What is the weight of the assembled wardrobe?",
            None,
            plausible="25 kilograms",
        ),
    ),
    P(
        "p041",
        "Tomas Rook, Clockmaker",
        "biography",
        "biography",
        True,
        """
        Tomas Rook was born in 1902 in the river town of Aldwick, the son of a blacksmith. At
        fourteen he was apprenticed to the clockmaker Samuel Gale, who had no children of his
        own and later left Rook his workshop. Rook's early clocks were plain and cheap, made
        for railway stations. In 1931 he met the designer Vera Lund, and together they built
        the astronomical clock for Aldwick town hall, which shows the phases of the moon and
        the tides of the river. It took them four years. Lund and Rook married in 1936 and
        moved the workshop to the larger city of Brenport. During the war the workshop made
        instruments for ships instead of clocks. Rook died in 1978; Lund outlived him by
        sixteen years and ran the business until 1990, when their daughter, Edith, took over.
        """,
        Q(
            "coreference",
            "person",
            "Who left Rook his workshop?",
            "Which person passed his workshop on to Rook?",
            "Samuel Gale",
            ("Vera Lund", "Edith", "a blacksmith"),
        ),
        Q(
            "multi_sentence",
            "location",
            "Where is the astronomical clock that Rook and Lund built?",
            "In which town hall does the clock showing moon phases and tides stand?",
            "Aldwick",
            ("Brenport", "the larger city", "railway stations"),
            at=2,
        ),
        Q(
            "numerical",
            "number",
            "How long did it take to build the astronomical clock?",
            "For how many years did Rook and Lund work on the astronomical clock?",
            "four years",
            ("sixteen years", "fourteen", "1931"),
        ),
        Q(
            "comparison",
            "person",
            "Who died later, Rook or Lund?",
            "Of the couple, who lived longer?",
            "Lund",
            ("Rook", "Samuel Gale", "Edith"),
            at=2,
        ),
        Q(
            "temporal",
            "date",
            "When did Edith take over the business?",
            "In what year did the couple's daughter start running the business?",
            "1990",
            ("1978", "1936", "1931"),
        ),
        Q(
            "unanswerable",
            "date",
            "When was Edith born?",
            "In which year was Rook's daughter born?",
            None,
            plausible="1936",
        ),
    ),
    P(
        "p042",
        "Why the Sky Is Blue and Sunsets Are Red",
        "science",
        "explainer",
        False,
        """
        Sunlight looks white but is a mixture of all the colours of the rainbow. When it
        passes through the atmosphere, it meets molecules of nitrogen and oxygen that are much
        smaller than the wavelength of light. These molecules scatter short wavelengths, such
        as blue and violet, far more strongly than long wavelengths, such as red and orange.
        Scattered blue light reaches our eyes from every direction, so the whole sky looks
        blue. Violet is scattered even more than blue, but the sky does not look violet,
        partly because sunlight contains less violet and partly because our eyes are less
        sensitive to it. At sunset, light from the sun travels through much more air before it
        reaches us. Most of the blue is scattered away on the journey, leaving the reds and
        oranges. Dust and smoke in the air can make sunsets even redder.
        """,
        Q(
            "comparison",
            "other",
            "Which colour is scattered even more than blue?",
            "What colour of light is scattered more strongly than blue?",
            "Violet",
            ("red and orange", "white", "the reds and oranges"),
        ),
        Q(
            "negation",
            "other",
            "Why does the sky not look violet?",
            "Although violet is scattered most, what explains the sky not appearing violet?",
            "sunlight contains less violet",
            (
                "Dust and smoke in the air",
                "light from the sun travels through much more air",
                "Scattered blue light reaches our eyes from every direction",
            ),
        ),
        Q(
            "causal",
            "other",
            "Why are sunsets red?",
            "What makes the setting sun look red?",
            "Most of the blue is scattered away on the journey",
            (
                "our eyes are less sensitive to it",
                "Sunlight looks white",
                "Scattered blue light reaches our eyes from every direction",
            ),
        ),
        Q(
            "paraphrase",
            "thing",
            "What can make sunsets redder still?",
            "Which things in the air deepen the red of a sunset?",
            "Dust and smoke",
            ("nitrogen and oxygen", "blue and violet", "red and orange"),
        ),
        Q(
            "lookup",
            "thing",
            "Which molecules in the atmosphere scatter sunlight?",
            "What molecules does sunlight meet in the atmosphere?",
            "nitrogen and oxygen",
            ("Dust and smoke", "red and orange", "blue and violet"),
        ),
        Q(
            "unanswerable",
            "number",
            "What is the wavelength of blue light?",
            "How long is the wavelength of blue light?",
            None,
            plausible="short wavelengths",
        ),
    ),
    P(
        "p043",
        "Memo: Fire Drill on Thursday",
        "business",
        "memo",
        True,
        """
        To: All staff, Orchard House. From: Kevin Achterberg, Facilities Manager. A fire drill
        will take place on Thursday at 11 am. When the alarm sounds, leave the building by the
        nearest exit; do not use the lifts. Do not stop to collect coats or bags. The assembly
        point has moved from the front car park to the grass area behind the canteen, because
        the car park is being resurfaced. Each floor has a fire warden who will check that the
        floor is empty: Alice Moreno on the ground floor, Rahul Shah on the first floor and
        Dana Kerrigan on the second floor. Staff who need help to leave the building should
        tell their warden before Thursday so that a plan can be made. Visitors must be taken
        out by the person they are visiting. The drill should take no more than 15 minutes.
        """,
        Q(
            "causal",
            "other",
            "Why has the assembly point moved?",
            "What is the reason the assembly point is no longer the front car park?",
            "the car park is being resurfaced",
            (
                "Do not stop to collect coats or bags",
                "a plan can be made",
                "The drill should take no more than 15 minutes",
            ),
        ),
        Q(
            "lookup",
            "person",
            "Who is the fire warden for the first floor?",
            "Which person checks that the first floor is empty during the drill?",
            "Rahul Shah",
            ("Alice Moreno", "Dana Kerrigan", "Kevin Achterberg"),
        ),
        Q(
            "negation",
            "thing",
            "What should staff not use when leaving?",
            "Which means of leaving the building is forbidden during the drill?",
            "the lifts",
            ("the nearest exit", "coats or bags", "the front car park"),
        ),
        Q(
            "paraphrase",
            "location",
            "Where should staff gather after leaving the building?",
            "To which place do staff go once they are out?",
            "the grass area behind the canteen",
            ("the front car park", "the ground floor", "the second floor"),
        ),
        Q(
            "lookup",
            "person",
            "Who is responsible for taking a visitor out of the building?",
            "Who must escort visitors out during the drill?",
            "the person they are visiting",
            ("Kevin Achterberg", "Alice Moreno", "their warden"),
        ),
        Q(
            "unanswerable",
            "person",
            "Who is the fire warden for the third floor?",
            "Which member of staff checks the third floor?",
            None,
            plausible="Dana Kerrigan",
        ),
    ),
    P(
        "p044",
        "The Weaver's Guild of Merrow",
        "history",
        "museum label",
        False,
        """
        The Weavers' Guild of Merrow controlled the cloth trade in the town from about 1350
        until 1720. Only guild members could sell cloth in Merrow market, and every bolt had to
        carry the guild's lead seal, shown here, as proof of its quality. A weaver became a
        member after seven years as an apprentice and the payment of a fee of two marks. The
        guild hall on Shuttle Street, built in 1482, still stands and is now the town library.
        Women could not join the guild in their own right, but a weaver's widow could carry on
        his business and keep his apprentices. The guild's power declined after cheaper cloth
        from the northern mills began to reach the market. The banner on the wall opposite was
        carried in the guild's last procession, in 1719.
        """,
        Q(
            "lookup",
            "thing",
            "What did every bolt of cloth have to carry?",
            "What was attached to each bolt as proof of quality?",
            "the guild's lead seal",
            ("The banner", "a fee of two marks", "the town library"),
        ),
        Q(
            "negation",
            "person",
            "Who could not join the guild in their own right?",
            "Which people were barred from becoming members themselves?",
            "Women",
            ("a weaver's widow", "guild members", "an apprentice"),
        ),
        Q(
            "numerical",
            "number",
            "How many years did a weaver spend as an apprentice before joining?",
            "What was the length of the apprenticeship required for membership?",
            "seven years",
            ("two marks", "1482", "1350"),
        ),
        Q(
            "causal",
            "other",
            "Why did the guild's power decline?",
            "What led to the guild losing its power?",
            "cheaper cloth from the northern mills began to reach the market",
            (
                "Women could not join the guild",
                "the payment of a fee of two marks",
                "the guild's last procession",
            ),
        ),
        Q(
            "temporal",
            "date",
            "When was the guild's last procession?",
            "In which year did the guild march in procession for the final time?",
            "1719",
            ("1720", "1482", "1350"),
        ),
        Q(
            "unanswerable",
            "person",
            "Who was the last master of the guild?",
            "Who led the guild at the end?",
            None,
            plausible="a weaver's widow",
        ),
    ),
    P(
        "p045",
        "Hill Walking Safety",
        "travel",
        "leaflet",
        False,
        """
        The Brackenfell hills are beautiful but can be dangerous. The weather changes quickly,
        and the summit of High Scar, at 930 metres, can be ten degrees colder than the valley.
        Always check the mountain forecast before setting out, and carry waterproofs, a warm
        layer, food, water, a map and a compass; a phone is useful but the signal is poor above
        600 metres. Tell someone your route and when you expect to return. In winter, snow can
        lie on the tops until April, and an ice axe and crampons are needed. Do not try to
        descend by the Raven Gully path in mist, as it ends above steep cliffs. If you get lost,
        stay together, keep warm and call 999 and ask for Mountain Rescue. The Brackenfell
        Mountain Rescue Team is made up of 35 unpaid volunteers.
        """,
        Q(
            "lookup",
            "number",
            "How much colder than the valley can the summit of High Scar be?",
            "By how many degrees can High Scar's summit be colder than the valley?",
            "ten degrees",
            ("930 metres", "600 metres", "35"),
        ),
        Q(
            "negation",
            "location",
            "Which path should you not use to descend in mist?",
            "In misty conditions, which descent route must be avoided?",
            "the Raven Gully path",
            ("High Scar", "the valley", "the tops"),
        ),
        Q(
            "causal",
            "other",
            "Why is the Raven Gully path dangerous in mist?",
            "What makes the Raven Gully route unsafe when it is misty?",
            "it ends above steep cliffs",
            (
                "The weather changes quickly",
                "the signal is poor above 600 metres",
                "snow can lie on the tops until April",
            ),
        ),
        Q(
            "paraphrase",
            "other",
            "What equipment is required on the hills in winter?",
            "In the winter months, what gear do you need?",
            "an ice axe and crampons",
            ("waterproofs", "a map and a compass", "a warm layer"),
        ),
        Q(
            "lookup",
            "number",
            "How many volunteers make up the Mountain Rescue Team?",
            "What is the size of the Brackenfell Mountain Rescue Team?",
            "35",
            ("999", "930", "600"),
        ),
        Q(
            "unanswerable",
            "date",
            "When was the Brackenfell Mountain Rescue Team founded?",
            "In what year did the Brackenfell Mountain Rescue Team start?",
            None,
            plausible="April",
        ),
    ),
    P(
        "p046",
        "Merger Talks Between Two Regional Airlines",
        "business",
        "news report",
        True,
        """
        Two regional airlines, Skylark Air and Northwind Aviation, have confirmed that they are
        in talks about a merger. Skylark, based at Ferrisport Airport, flies 22 aircraft on
        mainly domestic routes, while Northwind, based in Castlemere, has 15 aircraft and
        flies to 12 foreign cities. Together they would carry about 4 million passengers a
        year. Skylark's chief executive, Hugo Marsh, would lead the combined company, and
        Northwind's founder, Ingrid Solberg, would become chair. Both airlines lost money last
        year because of high fuel prices. The pilots' union, Aircrew United, said it would
        oppose any job cuts. The deal needs the approval of the national competition regulator,
        the Fair Markets Office, which is expected to study whether fares on the shared route
        between Ferrisport and Castlemere would rise. A decision is not expected before March.
        """,
        Q(
            "comparison",
            "organization",
            "Which airline has more aircraft?",
            "Of the two airlines, which operates the larger fleet?",
            "Skylark Air",
            ("Northwind Aviation", "Aircrew United", "Fair Markets Office"),
        ),
        Q(
            "lookup",
            "person",
            "Who would become chair of the combined company?",
            "Which person would take the chair after the merger?",
            "Ingrid Solberg",
            ("Hugo Marsh", "Aircrew United", "Fair Markets Office"),
        ),
        Q(
            "paraphrase",
            "organization",
            "Which body must approve the deal?",
            "Whose approval does the merger need?",
            "the Fair Markets Office",
            ("Aircrew United", "Skylark Air", "Northwind Aviation"),
        ),
        Q(
            "paraphrase",
            "location",
            "Where is the airline that flies to foreign cities based?",
            "What is the home base of the airline with international routes?",
            "Castlemere",
            ("Ferrisport Airport", "Ferrisport", "12 foreign cities"),
            at=1,
        ),
        Q(
            "causal",
            "other",
            "Why did both airlines lose money last year?",
            "What caused last year's losses at both airlines?",
            "high fuel prices",
            ("any job cuts", "fares on the shared route", "mainly domestic routes"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many people does Northwind employ?",
            "What is the size of Northwind's workforce?",
            None,
            plausible="15",
        ),
    ),
    P(
        "p047",
        "The Lighthouse Keeper's Cat",
        "fiction",
        "short story",
        True,
        """
        When old Mrs Abernethy retired from the lighthouse at Gull Point, she left behind her
        cat, a grey tom called Admiral, because her new flat in the town did not allow pets.
        The new keeper, a nervous young man named Felix Ward, did not like cats. For a week he
        pretended Admiral was not there. Then, on a night of heavy fog, the foghorn failed.
        Felix ran down to the engine room with a lamp, but he could not find the fault. Admiral
        followed him, sat down beside a pipe, and began to hiss. Behind the pipe Felix found a
        loose wire, chewed through by a rat. He fixed it, and the horn sounded again just as
        the lights of a fishing boat appeared close to the rocks. The next morning Felix bought
        a basket and a tin of sardines. He wrote to Mrs Abernethy that Admiral was keeping watch.
        """,
        Q(
            "causal",
            "other",
            "Why did Mrs Abernethy leave her cat behind?",
            "What made Mrs Abernethy leave Admiral at the lighthouse?",
            "her new flat in the town did not allow pets",
            (
                "the foghorn failed",
                "he could not find the fault",
                "a loose wire, chewed through by a rat",
            ),
        ),
        Q(
            "lookup",
            "person",
            "Who followed Felix to the engine room?",
            "Which one went after Felix when he ran to the engine room?",
            "Admiral",
            ("Mrs Abernethy", "a rat", "a fishing boat"),
            at=3,
        ),
        Q(
            "temporal",
            "other",
            "What did Felix do the morning after the fog?",
            "The next day, what did the keeper do first?",
            "bought a basket and a tin of sardines",
            ("ran down to the engine room", "pretended Admiral was not there", "fixed it"),
        ),
        Q(
            "multi_sentence",
            "thing",
            "What had caused the foghorn to fail?",
            "Why had the foghorn stopped working?",
            "a loose wire, chewed through by a rat",
            ("a night of heavy fog", "a pipe", "a lamp"),
        ),
        Q(
            "negation",
            "thing",
            "What animals did Felix not like?",
            "Which animals did the new keeper dislike?",
            "cats",
            ("sardines", "a rat", "pets"),
        ),
        Q(
            "unanswerable",
            "person",
            "Who was the keeper before Mrs Abernethy?",
            "Which keeper ran the lighthouse before Mrs Abernethy?",
            None,
            plausible="Felix Ward",
        ),
        Q(
            "multi_sentence",
            "person",
            "Which animal showed Felix where the fault was?",
            "Who led Felix to the loose wire in the engine room?",
            "Admiral",
            ("a rat", "Felix Ward", "Mrs Abernethy"),
            at=3,
        ),
    ),
    P(
        "p048",
        "Sleep and Teenagers",
        "health",
        "explainer",
        False,
        """
        Teenagers need between eight and ten hours of sleep a night, more than most adults, but
        surveys in many countries find that most get fewer than seven. Part of the reason is
        biological. During puberty the body releases the sleep hormone melatonin about two
        hours later in the evening than it does in childhood, so teenagers do not feel sleepy
        until later, while school still starts early. Screens add to the problem: the blue
        light from phones and tablets delays melatonin further. Lack of sleep is linked to
        poorer memory, lower mood and more accidents. A study at Westmoor High School, where
        classes were moved from 8.15 am to 9.00 am, found that average sleep rose by 34 minutes
        and attendance improved. Sleep experts advise teenagers to keep a regular bedtime,
        even at weekends, and to put screens away an hour before bed.
        """,
        Q(
            "comparison",
            "other",
            "How does teenagers' sleep need compare with adults'?",
            "Compared with most adults, how much sleep do teenagers need?",
            "more than most adults",
            ("fewer than seven", "two hours later", "an hour before bed"),
        ),
        Q(
            "causal",
            "other",
            "Why do teenagers not feel sleepy until later?",
            "What biological change makes teenagers feel sleepy later in the evening?",
            "the body releases the sleep hormone melatonin about two hours later",
            (
                "school still starts early",
                "Lack of sleep is linked to poorer memory",
                "attendance improved",
            ),
        ),
        Q(
            "numerical",
            "number",
            "By how much did average sleep rise at Westmoor High School?",
            "What was the increase in average sleep after the start time changed?",
            "34 minutes",
            ("two hours", "seven", "eight and ten hours"),
        ),
        Q(
            "paraphrase",
            "thing",
            "What delays melatonin further?",
            "Which thing from phones and tablets pushes melatonin back even more?",
            "the blue light",
            ("Screens", "puberty", "a regular bedtime"),
        ),
        Q(
            "temporal",
            "date",
            "What time did classes start at Westmoor after the change?",
            "After the change, when did lessons begin at Westmoor High School?",
            "9.00 am",
            ("8.15 am", "weekends", "the evening"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many students took part in the Westmoor study?",
            "How large was the group studied at Westmoor High School?",
            None,
            plausible="34 minutes",
        ),
    ),
    P(
        "p049",
        "Email: Team Away Day",
        "correspondence",
        "email",
        True,
        """
        Hello all, Our team away day will be on Friday 15 March at Ravensworth Hall, a country
        house about an hour north of the office. A coach will leave the office car park at 8 am
        sharp and return by 6 pm. If you prefer to drive, there is free parking at the hall,
        but please tell Bethany so she can order the right number of lunches. The morning will
        be a planning workshop run by an outside facilitator, Marcus Delaney, who worked with
        the sales team last year. After lunch there is a choice of archery or a guided walk
        around the lake. Please wear comfortable shoes, as the paths can be muddy. Vegetarian
        and vegan meals are available; any other dietary needs should go to Bethany by 1 March.
        Our director, Wendy Cole, will close the day with a short talk. Best wishes, Joe
        """,
        Q(
            "lookup",
            "person",
            "Who needs to know if you plan to drive?",
            "To whom should drivers send word so lunches can be ordered?",
            "Bethany",
            ("Marcus Delaney", "Wendy Cole", "Joe"),
            at=1,
        ),
        Q(
            "lookup",
            "person",
            "Who will run the morning workshop?",
            "Which outside facilitator leads the planning workshop?",
            "Marcus Delaney",
            ("Wendy Cole", "Bethany", "Joe"),
        ),
        Q(
            "causal",
            "other",
            "Why should people wear comfortable shoes?",
            "What is the reason given for comfortable footwear?",
            "the paths can be muddy",
            (
                "there is free parking at the hall",
                "she can order the right number of lunches",
                "Vegetarian and vegan meals are available",
            ),
        ),
        Q(
            "temporal",
            "date",
            "By when must other dietary needs be sent?",
            "What is the deadline for telling Bethany about other dietary needs?",
            "1 March",
            ("Friday 15 March", "8 am", "6 pm"),
        ),
        Q(
            "paraphrase",
            "other",
            "What can people choose between in the afternoon?",
            "Which two activities are offered after lunch?",
            "archery or a guided walk around the lake",
            ("a planning workshop", "a short talk", "Vegetarian and vegan meals"),
        ),
        Q(
            "unanswerable",
            "organization",
            "Which team did Marcus Delaney work with this year?",
            "With which team has the facilitator worked this year?",
            None,
            plausible="the sales team",
        ),
    ),
    P(
        "p050",
        "Regulations for the Use of the Community Hall",
        "law",
        "notice",
        False,
        """
        Hire of Bramley Community Hall is subject to the following rules. Bookings must be made
        at least 14 days in advance through the hall secretary, Mrs Janet Ferris. A deposit of
        50 pounds is payable on booking and will be returned within seven days if the hall is
        left clean and undamaged. The hall may be used between 8 am and 11 pm; music must stop
        by 10.30 pm out of respect for neighbours. The maximum number of people allowed in the
        main hall is 120, and 30 in the small meeting room. Smoking is not permitted anywhere on
        the premises, including the car park. Alcohol may be served only at private functions
        and only with the committee's written permission. The hirer is responsible for any
        damage to the building or equipment. Children under 16 must be supervised by an adult.
        """,
        Q(
            "lookup",
            "number",
            "What is the maximum number of people allowed in the small meeting room?",
            "How many people fit in the smaller of the two rooms?",
            "30",
            ("120", "50", "16"),
            at=2,
        ),
        Q(
            "negation",
            "location",
            "Where is smoking not permitted, including outdoors?",
            "Which outside area, besides the building, is also non-smoking?",
            "the car park",
            ("the main hall", "the small meeting room", "the building"),
        ),
        Q(
            "causal",
            "other",
            "Why must music stop by 10.30 pm?",
            "For what reason does music have to end at 10.30 pm?",
            "out of respect for neighbours",
            (
                "if the hall is left clean and undamaged",
                "with the committee's written permission",
                "must be supervised by an adult",
            ),
        ),
        Q(
            "lookup",
            "number",
            "How long before an event must a booking be made?",
            "What is the minimum notice for a booking?",
            "at least 14 days",
            ("within seven days", "50 pounds", "120"),
        ),
        Q(
            "lookup",
            "person",
            "Who takes bookings for the hall?",
            "Through whom are bookings made?",
            "Mrs Janet Ferris",
            ("The hirer", "an adult", "neighbours"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does it cost to hire the main hall for an evening?",
            "What is the hire charge for the main hall for one evening?",
            None,
            plausible="50 pounds",
        ),
    ),
    P(
        "p051",
        "Label: Portrait of Clara Voss",
        "arts",
        "museum label",
        False,
        """
        Portrait of Clara Voss, 1889. Oil on canvas. Painted by Anton Reisz when he was
        twenty-three, this portrait shows the singer Clara Voss in the green dress she wore for
        her first role at the Lindenau Opera. Reisz was then unknown; the commission came
        through his teacher, Matthias Ebner, who was too ill to take it on. The painting was
        sold in 1921 to the collector Hermann Stolz and was missing for many years after his
        death. It was rediscovered in 1998 in an attic in Veldkirch and bought by the museum
        in 2003. X-rays show that Reisz first painted Voss holding a fan, then painted over it
        with a sheet of music. Gift of the Friends of the Gallery.
        """,
        Q(
            "causal",
            "other",
            "Why did the commission go to Reisz rather than his teacher?",
            "For what reason did Reisz get the commission instead of Ebner?",
            "too ill to take it on",
            (
                "Reisz was then unknown",
                "was missing for many years after his death",
                "painted over it with a sheet of music",
            ),
        ),
        Q(
            "temporal",
            "date",
            "When was the painting rediscovered?",
            "In what year was the portrait found again?",
            "1998",
            ("2003", "1921", "1889"),
        ),
        Q(
            "lookup",
            "thing",
            "What did Reisz paint over the fan with?",
            "What replaced the fan in Clara Voss's hands?",
            "a sheet of music",
            ("the green dress", "an attic", "a fan"),
        ),
        Q(
            "coreference",
            "person",
            "After whose death was the painting missing for many years?",
            "Whose death was followed by the painting going missing?",
            "Hermann Stolz",
            ("Anton Reisz", "Matthias Ebner", "Clara Voss"),
        ),
        Q(
            "numerical",
            "number",
            "How old was Reisz when he painted the portrait?",
            "At what age did Anton Reisz paint this picture?",
            "twenty-three",
            ("1889", "1921", "2003"),
        ),
        Q(
            "unanswerable",
            "location",
            "Where was Clara Voss born?",
            "What was Clara Voss's birthplace?",
            None,
            plausible="Veldkirch",
        ),
    ),
    P(
        "p052",
        "Basil Pesto",
        "food",
        "recipe",
        True,
        """
        Makes one jar, enough for pasta for four. Ingredients: 50 grams of fresh basil leaves,
        30 grams of pine nuts, one clove of garlic, 40 grams of grated hard cheese, 120
        millilitres of olive oil and a pinch of salt. First, toast the pine nuts in a dry pan
        for two or three minutes until golden, then let them cool. Next, crush the garlic with
        the salt. Add the basil and pine nuts and pound or blend them to a rough paste. Stir
        in the cheese, then pour in the oil slowly while mixing. Taste and add more salt if
        needed. Pesto keeps for a week in the fridge if covered with a thin layer of oil,
        which stops the basil from turning dark. Walnuts can be used instead of pine nuts,
        which are expensive.
        """,
        Q(
            "temporal",
            "other",
            "What should you do to the pine nuts straight after toasting them?",
            "Once the pine nuts are golden, what is the next thing to do with them?",
            "let them cool",
            ("crush the garlic with the salt", "Stir in the cheese", "pour in the oil slowly"),
        ),
        Q(
            "comparison",
            "thing",
            "Which weighs more in the recipe, the basil or the cheese?",
            "By weight, is there more basil or more cheese in the pesto?",
            "fresh basil leaves",
            ("grated hard cheese", "pine nuts", "olive oil"),
        ),
        Q(
            "causal",
            "other",
            "Why should pesto in the fridge be covered with oil?",
            "What does the thin layer of oil do for stored pesto?",
            "stops the basil from turning dark",
            ("until golden", "to a rough paste", "which are expensive"),
        ),
        Q(
            "negation",
            "thing",
            "What can be used instead of pine nuts?",
            "If you do not use pine nuts, what can you substitute?",
            "Walnuts",
            ("basil leaves", "hard cheese", "garlic"),
        ),
        Q(
            "paraphrase",
            "other",
            "How long will the pesto last when refrigerated?",
            "For what period does pesto keep in the fridge?",
            "a week",
            ("two or three minutes", "for four", "a pinch"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many calories are in a tablespoon of the pesto?",
            "What is the calorie content of one tablespoon?",
            None,
            plausible="120",
        ),
    ),
    P(
        "p053",
        "Under-11 Netball Tournament Report",
        "sports",
        "sports report",
        True,
        """
        Eight primary schools took part in the Dunholm Under-11 Netball Tournament on Saturday.
        Our team, Fernhill Primary, won three of their four group games, losing only to St
        Aidan's, who went on to win the tournament. In the semi-final we beat Ashgrove 6-4,
        with four goals from our shooter, Molly Tan, and two from Keira Bell. The final against
        St Aidan's was very close: we were level at 5-5 with a minute left, but St Aidan's
        scored just before the whistle. Our captain, Zainab Hussein, was chosen as player of
        the tournament by the umpires. Thank you to Mr Price, who coached the team every
        Wednesday after school, and to the parents who drove us there. Next term the team
        will enter the county league for the first time.
        """,
        Q(
            "numerical",
            "number",
            "How many group games did Fernhill win?",
            "Of their four group matches, how many did Fernhill win?",
            "three",
            ("four", "Eight", "two"),
        ),
        Q(
            "multi_sentence",
            "organization",
            "Which school won the tournament?",
            "Who were the tournament winners?",
            "St Aidan's",
            ("Fernhill Primary", "Ashgrove", "Dunholm"),
            at=1,
        ),
        Q(
            "comparison",
            "person",
            "Which Fernhill player scored more goals in the semi-final?",
            "In the semi-final, who outscored Keira Bell?",
            "Molly Tan",
            ("Keira Bell", "Zainab Hussein", "Mr Price"),
        ),
        Q(
            "lookup",
            "person",
            "Who coached the team every Wednesday?",
            "Which person ran the Wednesday after-school coaching?",
            "Mr Price",
            ("Zainab Hussein", "Molly Tan", "the umpires"),
        ),
        Q(
            "lookup",
            "person",
            "Who was chosen as player of the tournament?",
            "Which player did the umpires name player of the tournament?",
            "Zainab Hussein",
            ("Molly Tan", "Keira Bell", "Mr Price"),
        ),
        Q(
            "unanswerable",
            "number",
            "What was the score in the group game against St Aidan's?",
            "By what score did Fernhill lose to St Aidan's in the group stage?",
            None,
            plausible="6-4",
        ),
    ),
    P(
        "p054",
        "How a Bill Becomes Law in Norvania",
        "law",
        "explainer",
        True,
        """
        In the fictional republic of Norvania, a bill can be introduced by any member of the
        National Assembly or by the government. It is first read aloud and then sent to a
        committee of eleven members, which can propose changes. After the committee reports,
        the whole Assembly debates the bill and votes on each change. A final vote follows; a
        simple majority is enough for most bills, but changes to the constitution need the
        support of two thirds of members. The bill then goes to the Senate, which may approve
        it or send it back once with amendments. If the Assembly rejects the Senate's
        amendments, the Assembly's version stands. Finally the President signs the bill within
        fifteen days. The President cannot veto a bill but may ask the Supreme Court to check
        whether it is constitutional.
        """,
        Q(
            "temporal",
            "organization",
            "Where does a bill go after the final vote in the Assembly?",
            "After the Assembly's final vote, which body receives the bill?",
            "the Senate",
            ("a committee of eleven members", "the Supreme Court", "the government"),
            at=1,
        ),
        Q(
            "negation",
            "other",
            "What is the President not allowed to do with a bill?",
            "Which power does the President lack?",
            "veto a bill",
            (
                "signs the bill within fifteen days",
                "ask the Supreme Court",
                "send it back once with amendments",
            ),
        ),
        Q(
            "lookup",
            "other",
            "What majority do changes to the constitution need?",
            "How large a majority is required for constitutional changes, compared with ordinary bills?",
            "two thirds of members",
            ("a simple majority", "eleven members", "fifteen days"),
        ),
        Q(
            "lookup",
            "other",
            "What happens if the Assembly rejects the Senate's amendments?",
            "When the Assembly turns down amendments from the Senate, what is the result?",
            "the Assembly's version stands",
            (
                "the President signs the bill",
                "a simple majority is enough",
                "The bill then goes to the Senate",
            ),
        ),
        Q(
            "numerical",
            "number",
            "How many members sit on the committee that examines a bill?",
            "What is the size of the committee a bill is sent to?",
            "eleven",
            ("fifteen", "two thirds", "once"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many members does the Senate have?",
            "What is the number of senators?",
            None,
            plausible="eleven",
        ),
    ),
    P(
        "p055",
        "Bird Migration Across the Sendra Strait",
        "nature",
        "explainer",
        False,
        """
        Every autumn, hundreds of thousands of birds cross the Sendra Strait, a stretch of sea
        only 14 kilometres wide, on their way south. Large soaring birds such as storks and
        eagles cannot flap their wings for long, so they rely on warm rising air, called
        thermals, which form over land but not over water. They gather on the northern cliffs
        and wait for a day with light winds before crossing at the narrowest point. Small
        songbirds behave differently: they usually migrate at night, when the air is calmer and
        predators are fewer, and can cross much wider seas without stopping. The busiest day
        for storks is usually in late August, while most eagles pass in early October. Local
        volunteers have counted the birds from Cape Orla every year since 1986.
        """,
        Q(
            "causal",
            "other",
            "Why do storks and eagles cross at the narrowest point?",
            "What explains the soaring birds choosing the narrowest crossing?",
            "thermals, which form over land but not over water",
            (
                "the air is calmer and predators are fewer",
                "a day with light winds",
                "hundreds of thousands of birds",
            ),
        ),
        Q(
            "comparison",
            "thing",
            "Which birds can cross much wider seas without stopping?",
            "What kind of bird is able to fly over far wider stretches of sea?",
            "Small songbirds",
            ("storks", "eagles", "Large soaring birds"),
        ),
        Q(
            "temporal",
            "date",
            "When do most eagles pass the strait?",
            "At what time of year do the majority of eagles cross?",
            "early October",
            ("late August", "autumn", "1986"),
        ),
        Q(
            "paraphrase",
            "thing",
            "What are columns of warm rising air called?",
            "What name is given to the warm air that rises and carries soaring birds?",
            "thermals",
            ("light winds", "the narrowest point", "the northern cliffs"),
        ),
        Q(
            "negation",
            "location",
            "Over what do thermals not form?",
            "Where are thermals absent?",
            "water",
            ("land", "the northern cliffs", "Cape Orla"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many birds were counted last year?",
            "What was last year's bird count at Cape Orla?",
            None,
            plausible="hundreds of thousands",
        ),
    ),
    P(
        "p056",
        "Report from the School Trip to Hallam Castle",
        "education",
        "school report",
        True,
        """
        On Tuesday, 52 pupils from Year 5 at Greenhill School visited Hallam Castle with four
        teachers and six parent helpers. The coach left school at 8.45 am and arrived at 10 am.
        The pupils were split into two groups. Group A, led by Mrs Okoro, first explored the
        dungeons and then tried on armour in the great hall. Group B, led by Mr Fenwick, started
        with a falconry display on the lawn and then visited the kitchens. After lunch the two
        groups swapped. The castle guide, a retired history teacher named Arthur Pym, told the
        children that the castle had been besieged in 1644 and held out for eleven weeks. The
        most popular part of the day was the falconry display, where an owl named Sprout landed
        on Mr Fenwick's head. The coach returned to school at 3.30 pm.
        """,
        Q(
            "numerical",
            "number",
            "How many adults went on the trip?",
            "What was the total number of teachers and parent helpers?",
            "four teachers and six parent helpers",
            ("52 pupils", "eleven weeks", "two groups"),
        ),
        Q(
            "temporal",
            "other",
            "What did Group B do after the falconry display?",
            "Following the falconry display, where did Group B go?",
            "visited the kitchens",
            ("explored the dungeons", "tried on armour in the great hall", "swapped"),
        ),
        Q(
            "lookup",
            "person",
            "On whose head did the owl land?",
            "Which adult had Sprout land on his head?",
            "Mr Fenwick",
            ("Mrs Okoro", "Arthur Pym", "Sprout"),
            at=2,
        ),
        Q(
            "lookup",
            "person",
            "Who led the group that started with the falconry display?",
            "Which teacher was in charge of the group that began with the falconry?",
            "Mr Fenwick",
            ("Mrs Okoro", "Arthur Pym", "Sprout"),
            at=1,
        ),
        Q(
            "comparison",
            "thing",
            "What was the most popular part of the day?",
            "Which activity did the children like best?",
            "the falconry display",
            ("the dungeons", "the kitchens", "the great hall"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much did the trip cost per pupil?",
            "What was the price of the trip for each child?",
            None,
            plausible="52",
        ),
    ),
    P(
        "p057",
        "Interview with a Beekeeper",
        "nature",
        "interview",
        True,
        """
        Gareth Pryce has kept bees on the slopes above Llanvrith for thirty years. He started
        with two hives given to him by his uncle and now has sixty. "People think beekeeping is
        about honey," he says, "but it's mostly about watching." In a good year his hives
        produce around 900 kilograms of honey, most of it sold at the farmers' market in
        Abergarth. The worst year he remembers was 2012, when a wet summer kept the bees inside
        and he had to feed them sugar syrup to keep them alive. His biggest worry now is the
        varroa mite, a parasite that weakens colonies. He checks every hive for mites twice a
        month from spring to autumn. His daughter, Seren, has taken over the hives on the lower
        slopes and sells beeswax candles online.
        """,
        Q(
            "numerical",
            "number",
            "How many hives did Gareth start with?",
            "With how many hives did Gareth's beekeeping begin?",
            "two hives",
            ("sixty", "thirty years", "twice a month"),
        ),
        Q(
            "coreference",
            "person",
            "Who gave Gareth his first hives?",
            "From whom did Gareth receive his first hives?",
            "his uncle",
            ("His daughter", "Seren", "People"),
        ),
        Q(
            "causal",
            "other",
            "Why did Gareth have to feed his bees sugar syrup in 2012?",
            "What forced Gareth to give the bees sugar syrup that year?",
            "a wet summer kept the bees inside",
            (
                "a parasite that weakens colonies",
                "it's mostly about watching",
                "sells beeswax candles online",
            ),
        ),
        Q(
            "paraphrase",
            "thing",
            "What is Gareth most worried about now?",
            "Which threat concerns Gareth the most these days?",
            "the varroa mite",
            ("sugar syrup", "a wet summer", "beeswax candles"),
        ),
        Q(
            "coreference",
            "thing",
            "What does Gareth's daughter sell online?",
            "Which product does Seren sell over the internet?",
            "beeswax candles",
            ("honey", "sugar syrup", "hives"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much honey did the hives produce in 2012?",
            "What was the honey harvest in the worst year?",
            None,
            plausible="900 kilograms",
        ),
    ),
    P(
        "p058",
        "Store Closure Announcement",
        "business",
        "announcement",
        False,
        """
        Pemberton's Department Store on Kings Parade will close on 31 January after 112 years of
        trading. The owners, the Pemberton family, said that rising rents and falling visitor
        numbers had made the store impossible to run at a profit. All 86 staff have been offered
        redundancy payments or jobs at the company's other store in Wexley. A closing-down sale
        begins on 2 January, with up to 70 percent off furniture and electrical goods. Gift
        cards can be used until 20 January, and items bought before the closure can still be
        returned at the Wexley store. The building is owned by Kings Parade Estates, which
        has not said what will replace the store. The rooftop cafe, a popular meeting place,
        will close a week earlier than the rest of the store.
        """,
        Q(
            "temporal",
            "date",
            "Until when can gift cards be used?",
            "What is the last date for spending gift cards?",
            "20 January",
            ("31 January", "2 January", "112 years"),
        ),
        Q(
            "negation",
            "thing",
            "What has Kings Parade Estates not said?",
            "Which question has the building's owner left unanswered?",
            "what will replace the store",
            (
                "rising rents and falling visitor numbers",
                "redundancy payments",
                "jobs at the company's other store",
            ),
        ),
        Q(
            "lookup",
            "location",
            "Where can items bought before the closure be returned?",
            "After the closure, at which store can customers return purchases?",
            "the Wexley store",
            ("Kings Parade", "The rooftop cafe", "Pemberton's Department Store"),
        ),
        Q(
            "numerical",
            "number",
            "How many staff work at the store?",
            "What is the number of employees affected?",
            "86",
            ("112", "70 percent", "31"),
        ),
        Q(
            "comparison",
            "thing",
            "Which part of the store will close earlier than the rest?",
            "What part shuts a week before the rest of the store?",
            "The rooftop cafe",
            ("furniture and electrical goods", "the Wexley store", "Pemberton's Department Store"),
        ),
        Q(
            "unanswerable",
            "date",
            "When did the Wexley store open?",
            "In what year was the store in Wexley opened?",
            None,
            plausible="2 January",
        ),
    ),
    P(
        "p059",
        "The Borrowed Umbrella",
        "fiction",
        "short story",
        True,
        """
        It was raining when Nadia left the bookshop, so the owner, Mr Quinn, lent her an old
        black umbrella with a silver handle shaped like a heron. She promised to bring it back
        on Monday. On Monday, however, Nadia had a fever, and by the time she recovered Mr Quinn
        had gone to visit his sister in Portree for a month. Nadia kept the umbrella by her door.
        One afternoon a stranger stopped her in the street and asked where she had found it.
        He said the heron handle had been made by his grandfather, a silversmith named Elias
        Brandt, and that the umbrella had been stolen from his family fifty years before. When
        Mr Quinn returned, Nadia told him the story. He laughed and said he had bought it at a
        market in Leith for two pounds, and that the stranger should have it back.
        """,
        Q(
            "causal",
            "other",
            "Why did Nadia not return the umbrella on Monday?",
            "What stopped Nadia from bringing the umbrella back on Monday?",
            "Nadia had a fever",
            (
                "It was raining",
                "the umbrella had been stolen from his family",
                "he had bought it at a market",
            ),
        ),
        Q(
            "coreference",
            "person",
            "Whose grandfather made the heron handle?",
            "The silversmith who made the handle was the grandfather of whom?",
            "a stranger",
            ("Mr Quinn", "Nadia", "his sister"),
        ),
        Q(
            "lookup",
            "location",
            "Where did Mr Quinn buy the umbrella?",
            "In which place had Mr Quinn bought the umbrella?",
            "a market in Leith",
            ("Portree", "the bookshop", "the street"),
        ),
        Q(
            "temporal",
            "other",
            "How long was Mr Quinn away visiting his sister?",
            "For what length of time did Mr Quinn visit Portree?",
            "a month",
            ("fifty years", "Monday", "One afternoon"),
        ),
        Q(
            "lookup",
            "person",
            "Who was the silversmith who made the handle?",
            "What was the name of the man who made the heron handle?",
            "Elias Brandt",
            ("Mr Quinn", "Nadia", "the stranger"),
        ),
        Q(
            "unanswerable",
            "person",
            "What was the stranger's name?",
            "What was the name of the man who stopped Nadia in the street?",
            None,
            plausible="Elias Brandt",
        ),
        Q(
            "coreference",
            "person",
            "Who laughed and said that the stranger should have the umbrella back?",
            "Which person, on hearing the story, laughed and wanted the stranger to get the umbrella?",
            "Mr Quinn",
            ("Nadia", "Elias Brandt", "a stranger"),
            at=3,
        ),
    ),
    P(
        "p060",
        "Recycling Changes in Ashby Vale",
        "community",
        "leaflet",
        False,
        """
        From 3 April, Ashby Vale District Council is changing how household waste is collected.
        The blue bin will take paper, card, cans and plastic bottles together; you no longer
        need to separate them. Glass should go in the new green box, which will be delivered
        to every home in March. Food waste goes in the small brown caddy, which holds 7 litres and is
        collected every week. A replacement blue bin costs 25 pounds. The blue bin and the black bin for general waste will be collected on
        alternate weeks. Plastic bags, nappies and polystyrene cannot be recycled and must go
        in the black bin. Garden waste is collected only if you subscribe, at a cost of 45
        pounds a year. Batteries should never be put in any bin because they can start fires
        in collection lorries; take them to a supermarket collection point instead.
        """,
        Q(
            "negation",
            "thing",
            "Which items cannot be recycled and must go in the black bin?",
            "What must be put in the black bin because it is not recyclable?",
            "Plastic bags, nappies and polystyrene",
            ("paper, card, cans and plastic bottles", "Garden waste", "Batteries"),
        ),
        Q(
            "paraphrase",
            "thing",
            "Where should glass be put?",
            "Into which container does glass go?",
            "the new green box",
            ("The blue bin", "the small brown caddy", "the black bin"),
        ),
        Q(
            "comparison",
            "thing",
            "Which container is collected more often than the blue bin?",
            "What is emptied every week rather than every other week?",
            "the small brown caddy",
            ("the black bin", "the new green box", "Garden waste"),
        ),
        Q(
            "causal",
            "other",
            "Why should batteries never be put in a bin?",
            "What is the danger of putting batteries in the bin?",
            "they can start fires in collection lorries",
            (
                "you no longer need to separate them",
                "collected every week",
                "Garden waste is collected only if you subscribe",
            ),
        ),
        Q(
            "numerical",
            "number",
            "How much does the garden waste subscription cost per year?",
            "What is the annual fee for garden waste collection?",
            "45 pounds",
            ("25 pounds", "7 litres", "3 April"),
        ),
        Q(
            "unanswerable",
            "date",
            "When will the brown caddies be delivered?",
            "On what date will the food waste caddies arrive?",
            None,
            plausible="March",
        ),
    ),
    P(
        "p061",
        "The Founding of the Merriweather Prize",
        "arts",
        "encyclopedic",
        True,
        """
        The Merriweather Prize for a first novel was founded in 1974 by the publisher Agnes
        Merriweather, who had been rejected by eleven publishers before her own first book
        was accepted. The prize is worth 10,000 pounds and is judged by a panel of three: a
        novelist, a critic and a bookseller. The first winner was Daniel Okonjo, for The Salt
        Road, a novel about a family of fishermen. In 1989 the prize was not awarded at all,
        because the judges could not agree. Since 2005 the prize has been run by the Stanhope
        Literary Trust, after Merriweather's publishing house was sold. Its most famous winner,
        Lucia Ferro, went on to win many other awards; she has said that the Merriweather gave
        her the confidence to keep writing. The winner is announced each year in November.
        """,
        Q(
            "coreference",
            "person",
            "Who said the Merriweather gave her the confidence to keep writing?",
            "Which author credits the prize with giving her confidence to continue?",
            "Lucia Ferro",
            ("Agnes Merriweather", "Daniel Okonjo", "a critic"),
        ),
        Q(
            "negation",
            "date",
            "In which year was the prize not awarded?",
            "When did no one receive the Merriweather Prize?",
            "1989",
            ("1974", "2005", "November"),
        ),
        Q(
            "lookup",
            "organization",
            "Who has run the prize since Merriweather's publishing house was sold?",
            "Which organisation took over the prize after the sale of Merriweather's publishing house?",
            "the Stanhope Literary Trust",
            ("Merriweather's publishing house", "a panel of three", "eleven publishers"),
        ),
        Q(
            "paraphrase",
            "person",
            "Who won the prize the first time it was given?",
            "Who was the prize's first recipient?",
            "Daniel Okonjo",
            ("Lucia Ferro", "Agnes Merriweather", "a bookseller"),
        ),
        Q(
            "lookup",
            "number",
            "How much is the prize worth?",
            "What is the value of the Merriweather Prize?",
            "10,000 pounds",
            ("eleven", "three", "1974"),
        ),
        Q(
            "unanswerable",
            "date",
            "In what year did Lucia Ferro win the Merriweather Prize?",
            "When was Lucia Ferro the prize winner?",
            None,
            plausible="2005",
        ),
    ),
    P(
        "p062",
        "The Water Cycle",
        "science",
        "explainer",
        True,
        """
        The water cycle is the continuous movement of water between the oceans, the air and the
        land. It is driven by the sun. Heat from sunlight makes water evaporate from oceans,
        lakes and rivers, turning it into water vapour. Plants add more vapour by releasing it
        through their leaves, a process called transpiration. As the moist air rises it cools,
        and the vapour condenses into tiny droplets that form clouds. When the droplets join and
        become too heavy, they fall as rain, or as snow if the air is cold enough. Some of this
        water runs off the land into rivers and back to the sea. Some soaks into the ground and
        is stored as groundwater, which may stay underground for thousands of years before it
        reaches the surface again.
        """,
        Q(
            "paraphrase",
            "thing",
            "What is it called when plants release water vapour through their leaves?",
            "Which process describes plants giving off vapour from their leaves?",
            "transpiration",
            ("condenses", "evaporate", "groundwater"),
        ),
        Q(
            "causal",
            "other",
            "What makes water evaporate from oceans and lakes?",
            "What causes water in oceans, lakes and rivers to evaporate?",
            "Heat from sunlight",
            ("moist air rises", "the droplets join", "the air is cold enough"),
        ),
        Q(
            "temporal",
            "other",
            "What happens to the vapour after the moist air rises and cools?",
            "Once the rising air has cooled, what does the vapour do?",
            "condenses into tiny droplets",
            ("fall as rain", "runs off the land into rivers", "soaks into the ground"),
        ),
        Q(
            "coreference",
            "thing",
            "What may stay underground for thousands of years?",
            "In the last sentence, what is the 'which' that may remain underground so long?",
            "groundwater",
            ("rivers", "clouds", "water vapour"),
        ),
        Q(
            "negation",
            "other",
            "When does the water fall as snow instead of rain?",
            "Under what condition does precipitation come down as snow rather than rain?",
            "if the air is cold enough",
            (
                "When the droplets join",
                "As the moist air rises",
                "before it reaches the surface again",
            ),
        ),
        Q(
            "unanswerable",
            "number",
            "What share of rain soaks into the ground?",
            "What percentage of rainfall becomes groundwater?",
            None,
            plausible="thousands of years",
        ),
    ),
    P(
        "p063",
        "Minutes of the Residents' Association",
        "community",
        "minutes",
        True,
        """
        Holloway Court Residents' Association, meeting held on 12 November in the community
        room. Chair: Peter Kwan. Fourteen residents attended. 1. The minutes of the last
        meeting were approved. 2. Lifts: the east lift has been out of order for three weeks.
        The building manager, Ms Teresa Alvarez, reported that a replacement part has been
        ordered and should arrive by 25 November. Residents asked for a written update;
        she agreed to send one every Friday until the lift is fixed. 3. Parking: a resident
        complained about delivery vans blocking the entrance. The chair will write to the
        property company, Larchfield Homes. 4. Social events: Gemma Reilly offered to organise
        a winter party on 14 December, and the association will contribute 150 pounds. 5. The
        next meeting will be on 10 January.
        """,
        Q(
            "coreference",
            "person",
            "Who agreed to send a written update every Friday?",
            "Which person will send the weekly written updates?",
            "Ms Teresa Alvarez",
            ("Peter Kwan", "Gemma Reilly", "a resident"),
        ),
        Q(
            "multi_sentence",
            "person",
            "Who will write to Larchfield Homes about the vans?",
            "Which named person is going to contact the property company?",
            "Peter Kwan",
            ("Ms Teresa Alvarez", "Gemma Reilly", "a resident"),
        ),
        Q(
            "lookup",
            "date",
            "When is the replacement part expected to arrive?",
            "By what date should the part for the lift arrive?",
            "25 November",
            ("12 November", "14 December", "10 January"),
        ),
        Q(
            "numerical",
            "number",
            "How much will the association contribute to the winter party?",
            "What amount is the association putting towards the party?",
            "150 pounds",
            ("Fourteen", "three weeks", "14"),
        ),
        Q(
            "paraphrase",
            "other",
            "How long has the east lift been broken?",
            "For what length of time has the east lift not been working?",
            "three weeks",
            ("every Friday", "by 25 November", "until the lift is fixed"),
        ),
        Q(
            "unanswerable",
            "person",
            "What is the name of the resident who complained about the delivery vans?",
            "Which resident, by name, raised the problem of the vans?",
            None,
            plausible="Gemma Reilly",
        ),
    ),
    P(
        "p064",
        "A Short History of the Thessaly Tramway",
        "history",
        "encyclopedic",
        True,
        """
        The Thessaly Tramway in the city of Marlow Bay opened in 1896 with horse-drawn cars on a
        single line along the seafront. It was electrified in 1904, when the city built its
        first power station, and by 1925 the network had grown to six lines and 42 kilometres.
        The trams were painted maroon and cream, colours chosen by the first manager, Frederick
        Hale. Motor buses began to replace the trams in the 1950s because they were cheaper to
        run, and the last tram ran on 30 September 1961, driven by Albert Kemp. Thousands of people lined the streets
        to watch it. In 2014 a new light railway, the Bay Line, reopened part of the old
        seafront route. One original tram, car number 17, has been restored and runs on summer
        weekends.
        """,
        Q(
            "temporal",
            "date",
            "When was the tramway electrified?",
            "In what year did the trams switch to electric power?",
            "1904",
            ("1896", "1925", "1961"),
        ),
        Q(
            "causal",
            "other",
            "Why did motor buses replace the trams?",
            "What made buses take over from trams in the 1950s?",
            "they were cheaper to run",
            (
                "the city built its first power station",
                "Thousands of people lined the streets",
                "colours chosen by the first manager",
            ),
        ),
        Q(
            "lookup",
            "person",
            "Who chose the trams' maroon and cream colours?",
            "Which person picked the colour scheme for the trams?",
            "Frederick Hale",
            ("Thousands of people", "Albert Kemp", "the city"),
        ),
        Q(
            "lookup",
            "number",
            "How long was the network at its largest size mentioned?",
            "What length had the network reached by 1925?",
            "42 kilometres",
            ("six lines", "17", "Thousands"),
        ),
        Q(
            "lookup",
            "thing",
            "Which tram still runs on summer weekends?",
            "What restored tram can be ridden at weekends in summer?",
            "car number 17",
            ("the Bay Line", "horse-drawn cars", "Motor buses"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many passengers did the trams carry in 1925?",
            "What was the number of tram passengers in 1925?",
            None,
            plausible="42",
        ),
    ),
    P(
        "p065",
        "Three Days in Caldera Bay",
        "travel",
        "travel guide",
        False,
        """
        Caldera Bay, on the southern coast of the island of Mirrin, is best explored over three
        days. The ferry from the mainland port of Solace takes two hours and docks at the old
        harbour, next to the fish market. Most hotels are in the lower town, but the quieter
        guesthouses are in the upper town, reached by a funicular railway that runs every ten
        minutes until midnight. The town's great sight is the flooded crater that gives it its
        name; boat trips around it leave from the harbour each morning at nine. Walkers should
        follow the Rim Path, a 12-kilometre loop with views over the crater, but it is exposed
        and has no shade, so start early. The black-sand beach at Punta Nera is the best for
        swimming, while Coral Cove, further east, is better for snorkelling. Do not miss the
        grilled octopus at Taverna Lido. Note that most shops close from 1 pm to 5 pm.
        """,
        Q(
            "comparison",
            "location",
            "Which beach is better for snorkelling?",
            "Where should you go to snorkel rather than swim?",
            "Coral Cove",
            ("Punta Nera", "the old harbour", "the upper town"),
        ),
        Q(
            "paraphrase",
            "location",
            "Where are the quieter guesthouses?",
            "In which part of town are the calmer places to stay?",
            "the upper town",
            ("the lower town", "the old harbour", "Solace"),
            at=1,
        ),
        Q(
            "lookup",
            "location",
            "From which port does the ferry to Caldera Bay sail?",
            "What mainland port do ferries to the bay leave from?",
            "Solace",
            ("Mirrin", "the old harbour", "Punta Nera"),
        ),
        Q(
            "causal",
            "other",
            "Why should walkers start the Rim Path early?",
            "What is the reason for starting the Rim Path walk early?",
            "it is exposed and has no shade",
            (
                "runs every ten minutes until midnight",
                "the flooded crater that gives it its name",
                "most shops close from 1 pm to 5 pm",
            ),
        ),
        Q(
            "numerical",
            "number",
            "How long is the Rim Path?",
            "What is the length of the Rim Path loop?",
            "12-kilometre",
            ("two hours", "ten minutes", "three days"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does a boat trip around the crater cost?",
            "What is the price of the crater boat trip?",
            None,
            plausible="nine",
        ),
    ),
    P(
        "p066",
        "Product Recall: Breezy Baby Monitor",
        "technology",
        "notice",
        False,
        """
        Product recall. Hollis Electronics is recalling the Breezy BM-20 baby monitor, sold
        between May 2023 and January 2024, because the parent unit's battery can overheat while
        charging and may cause burns. Only parent units with serial numbers beginning with 23
        are affected; the baby unit is not affected and can still be used with a replacement
        parent unit. If you own an affected monitor, stop charging the parent unit immediately
        and unplug it. Do not throw the battery away with household waste. Contact Hollis
        Electronics on 0800 744 310 or visit any Homewise store for a free replacement or a
        full refund. You do not need a receipt. So far the company has received 14 reports of
        overheating and two reports of minor burns. No other Hollis products are affected.
        """,
        Q(
            "causal",
            "other",
            "Why is the baby monitor being recalled?",
            "What is the reason for the recall of the BM-20?",
            "the parent unit's battery can overheat while charging",
            (
                "You do not need a receipt",
                "No other Hollis products are affected",
                "stop charging the parent unit immediately",
            ),
        ),
        Q(
            "negation",
            "thing",
            "Which part of the monitor is not affected?",
            "Which unit is safe and can still be used?",
            "the baby unit",
            ("the parent unit", "the battery", "a replacement parent unit"),
        ),
        Q(
            "lookup",
            "number",
            "Which serial numbers are affected?",
            "Parent units whose serial numbers begin with which digits are affected?",
            "23",
            ("14", "20", "310"),
        ),
        Q(
            "paraphrase",
            "organization",
            "Where can you go in person to get a replacement?",
            "At which shops can you get a free replacement?",
            "any Homewise store",
            ("Hollis Electronics", "household waste", "Breezy"),
        ),
        Q(
            "numerical",
            "number",
            "How many reports of minor burns has the company received?",
            "How many people have reported minor burns?",
            "two",
            ("14", "23", "20"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many monitors were sold in total?",
            "What is the number of BM-20 monitors that were sold?",
            None,
            plausible="14",
        ),
    ),
    P(
        "p067",
        "Dr Ravi Menon, Volcano Photographer",
        "biography",
        "biography",
        True,
        """
        Ravi Menon trained as a doctor in Chennai and practised for six years before a holiday
        changed his life. In 1998, visiting the island of Stromvik, he watched an eruption from
        a boat and took a photograph that was later printed on the cover of Earthwatch Monthly.
        Within two years he had given up medicine. He has since photographed more than 80
        eruptions on five continents, often working with the volcanologist Petra Lindahl, who
        calls him the calmest person she has ever met near lava. In 2011 he was injured by a
        falling rock on Mount Cavera and spent three months in hospital. His book Fire Diaries,
        published in 2016, includes his own notes on the dangers of volcanic gas. Menon now
        lives in Reykholt with his wife, the geologist Sunna Arnadottir.
        """,
        Q(
            "coreference",
            "person",
            "Who calls Menon the calmest person she has met near lava?",
            "Which colleague describes Menon as unusually calm near lava?",
            "Petra Lindahl",
            ("Sunna Arnadottir", "Ravi Menon", "a doctor"),
        ),
        Q(
            "temporal",
            "date",
            "In what year was Menon injured on Mount Cavera?",
            "When was Menon hurt by a falling rock?",
            "2011",
            ("1998", "2016", "three months"),
        ),
        Q(
            "numerical",
            "number",
            "How many eruptions has Menon photographed?",
            "What is the number of eruptions Menon has captured on camera?",
            "more than 80",
            ("five continents", "six years", "three months"),
        ),
        Q(
            "multi_sentence",
            "location",
            "Where did Menon take the photograph that changed his life?",
            "On which island was the photo that led him to quit medicine taken?",
            "Stromvik",
            ("Chennai", "Mount Cavera", "Reykholt"),
        ),
        Q(
            "paraphrase",
            "organization",
            "Which magazine put Menon's photograph on its cover?",
            "On the cover of which publication did his photo appear?",
            "Earthwatch Monthly",
            ("Fire Diaries", "Stromvik", "Mount Cavera"),
        ),
        Q(
            "unanswerable",
            "date",
            "When did Menon marry Sunna Arnadottir?",
            "In what year did Menon and Sunna Arnadottir get married?",
            None,
            plausible="2016",
        ),
    ),
    P(
        "p068",
        "Notes for New Volunteers at the Food Bank",
        "community",
        "leaflet",
        True,
        """
        Welcome to the Westgate Food Bank. Volunteers work in shifts of three hours, and we ask
        new volunteers to commit to at least one shift a fortnight. Your first shift will be in
        the warehouse, sorting donations, with an experienced volunteer called a buddy. After
        four shifts you may move to the front desk, where clients are welcomed and their
        vouchers checked. Clients must bring a voucher from a referral agency, such as a doctor
        or the Citizens Advice office; we cannot give out food without one. Check the date on
        every tin and packet, and put anything past its use-by date in the red bin. Never
        discuss a client's circumstances outside the food bank. The warehouse manager, Sandra
        Obi, runs the rota; if you cannot make a shift, tell her at least 24 hours before.
        """,
        Q(
            "temporal",
            "other",
            "After how many shifts can a volunteer move to the front desk?",
            "How many shifts must a new volunteer do before working at the front desk?",
            "After four shifts",
            ("at least one shift a fortnight", "three hours", "24 hours before"),
        ),
        Q(
            "negation",
            "other",
            "What can the food bank not do without a voucher?",
            "Without a voucher, what is the food bank unable to do?",
            "give out food",
            (
                "sorting donations",
                "Check the date on every tin",
                "put anything past its use-by date in the red bin",
            ),
        ),
        Q(
            "coreference",
            "person",
            "Whom should you tell if you cannot make a shift?",
            "Who is the 'her' you must tell when you cannot come?",
            "Sandra Obi",
            ("a buddy", "a doctor", "the Citizens Advice office"),
        ),
        Q(
            "paraphrase",
            "thing",
            "Where should out-of-date food be put?",
            "What container is for items past their use-by date?",
            "the red bin",
            ("the warehouse", "the front desk", "the food bank"),
        ),
        Q(
            "lookup",
            "number",
            "How long is each volunteer shift?",
            "What is the length of a volunteer's shift?",
            "three hours",
            ("24 hours", "four shifts", "one shift"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many clients does the food bank serve each week?",
            "What is the weekly number of people helped by the food bank?",
            None,
            plausible="four",
        ),
    ),
    P(
        "p069",
        "The Case of the Missing Ledger",
        "fiction",
        "short story",
        True,
        """
        Inspector Maud Calloway arrived at Finch and Sons, a shipping office of twelve clerks on Quay Street, at
        nine on Monday morning. The senior clerk, Mr Albert Dunn, told her that the company's
        ledger had vanished from the safe over the weekend. Only three people had keys to the
        safe: Dunn himself, the owner's son Rupert Finch, and the cashier, Miss Ada Lowell.
        Dunn said he had spent Saturday at his daughter's wedding in Hexley, forty miles away.
        Miss Lowell said she had been ill in bed all weekend, and her landlady confirmed it.
        Rupert Finch said he had been sailing, but the harbour master told Calloway that no
        boats had gone out on Saturday because of the gale. Calloway asked Rupert why he had
        lied. He said nothing for a long moment, and then admitted that he had taken the ledger
        to hide his gambling debts, which he had paid with the company's money. His father,
        Josiah Finch, asked the inspector to keep the matter quiet, but she refused. Rupert was
        charged the same afternoon, and the ledger was found under the floor of his lodgings.
        """,
        Q(
            "multi_sentence",
            "person",
            "Whose story was shown to be false by the harbour master?",
            "The harbour master's evidence disproved which person's account?",
            "Rupert Finch",
            ("Mr Albert Dunn", "Miss Ada Lowell", "Josiah Finch"),
            at=2,
        ),
        Q(
            "causal",
            "other",
            "Why had no boats gone out on Saturday?",
            "What kept the boats in harbour on Saturday?",
            "because of the gale",
            (
                "to hide his gambling debts",
                "ill in bed all weekend",
                "his daughter's wedding in Hexley",
            ),
        ),
        Q(
            "lookup",
            "person",
            "Who confirmed that Miss Lowell had been ill?",
            "Which person backed up Miss Lowell's account?",
            "her landlady",
            ("the harbour master", "Mr Albert Dunn", "Josiah Finch"),
        ),
        Q(
            "negation",
            "person",
            "Who asked the inspector to keep the matter quiet, a request she did not grant?",
            "Whose request for silence did Calloway refuse?",
            "Josiah Finch",
            ("Rupert Finch", "Mr Albert Dunn", "Miss Ada Lowell"),
        ),
        Q(
            "lookup",
            "location",
            "Where was the ledger found?",
            "In what place was the missing ledger discovered?",
            "under the floor of his lodgings",
            ("the safe", "Quay Street", "Hexley"),
        ),
        Q(
            "numerical",
            "number",
            "How many people had keys to the safe?",
            "What number of people could open the safe?",
            "three",
            ("forty", "nine", "twelve"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much money had Rupert taken from the company?",
            "What sum did Rupert use from the company to pay his debts?",
            None,
            plausible="forty miles",
        ),
        Q(
            "multi_sentence",
            "location",
            "Where did the senior clerk say he spent Saturday?",
            "According to his own account, where was the senior clerk on Saturday?",
            "Hexley",
            ("Quay Street", "the safe", "under the floor of his lodgings"),
        ),
    ),
    P(
        "p070",
        "Understanding Your Electricity Bill",
        "business",
        "explainer",
        False,
        """
        Your Brightvolt electricity bill has three main parts. The standing charge is a fixed
        daily amount, currently 52 pence a day, that you pay whether or not you use any
        electricity; it covers the cost of keeping your home connected to the grid. The unit
        rate is what you pay for each kilowatt hour you use, currently 27 pence. Your usage is
        worked out from the difference between two meter readings. If we do not receive a
        reading from you, we estimate your usage, and the bill will show the letter E next to
        the reading. Estimated bills can be too high or too low, so we recommend sending a
        reading every month through the Brightvolt app. Finally, VAT is added at 5 percent.
        Customers on the Saver Nights tariff pay a lower unit rate of 14 pence between
        midnight and 7 am.
        """,
        Q(
            "lookup",
            "number",
            "What unit rate do Saver Nights customers pay at night?",
            "On the Saver Nights tariff, what is the unit rate between midnight and 7 am?",
            "14 pence",
            ("27 pence", "52 pence", "5 percent"),
        ),
        Q(
            "paraphrase",
            "thing",
            "What does the standing charge pay for?",
            "What cost is covered by the fixed daily charge?",
            "the cost of keeping your home connected to the grid",
            ("each kilowatt hour you use", "the difference between two meter readings", "VAT"),
        ),
        Q(
            "lookup",
            "thing",
            "What does the letter E next to a reading mean?",
            "If you see an E beside the reading, what has happened?",
            "we estimate your usage",
            ("The standing charge", "The unit rate", "a lower unit rate"),
        ),
        Q(
            "negation",
            "other",
            "When do you pay the standing charge even if you do not use electricity?",
            "Is the standing charge paid when you use no electricity?",
            "whether or not you use any electricity",
            ("between midnight and 7 am", "every month", "If we do not receive a reading"),
        ),
        Q(
            "lookup",
            "number",
            "At what rate is VAT added?",
            "What is the VAT rate on the bill?",
            "5 percent",
            ("27 pence", "14 pence", "52 pence"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does the average household pay per year?",
            "What is the typical annual bill for a household?",
            None,
            plausible="52 pence",
        ),
    ),
    P(
        "p071",
        "Bronze Age Boat Found in Fenland Quarry",
        "history",
        "news report",
        True,
        """
        Archaeologists have uncovered a 3,000-year-old wooden boat in a gravel quarry near the
        village of Marsham Fen. The boat, carved from a single oak trunk, is 8.3 metres long
        and remarkably well preserved because it lay in waterlogged clay, which kept out the
        air. It was spotted in March by a quarry worker, Liam Doherty, who noticed a dark curve
        of timber in the side of a trench. A team from the University of Eastmere, led by
        Professor Hannah Gould, spent six weeks excavating it. Inside they found a bronze axe
        and the remains of a fishing net. Professor Gould said the boat was probably used to
        fish and carry goods along a river that has since disappeared. The boat will be kept
        wet in a specially built tank at Eastmere Museum for up to five years while it is
        slowly dried and conserved, before going on display.
        """,
        Q(
            "causal",
            "other",
            "Why is the boat so well preserved?",
            "What protected the boat from decay?",
            "it lay in waterlogged clay, which kept out the air",
            (
                "carved from a single oak trunk",
                "kept wet in a specially built tank",
                "a river that has since disappeared",
            ),
        ),
        Q(
            "lookup",
            "person",
            "Who noticed a dark curve of timber in the trench?",
            "Which person first spotted the boat?",
            "Liam Doherty",
            ("Professor Hannah Gould", "Professor Gould", "Archaeologists"),
        ),
        Q(
            "lookup",
            "location",
            "Where will the boat be kept while it is conserved?",
            "In which place will the boat be slowly dried?",
            "Eastmere Museum",
            ("Marsham Fen", "the University of Eastmere", "a gravel quarry"),
        ),
        Q(
            "numerical",
            "number",
            "How long is the boat?",
            "What is the length of the oak boat?",
            "8.3 metres",
            ("3,000", "six weeks", "five years"),
        ),
        Q(
            "paraphrase",
            "thing",
            "What objects were found inside the boat?",
            "What did the team discover within the boat?",
            "a bronze axe and the remains of a fishing net",
            ("a single oak trunk", "a dark curve of timber", "waterlogged clay"),
        ),
        Q(
            "unanswerable",
            "date",
            "On what date was the boat lifted out of the quarry?",
            "When was the boat taken out of the trench?",
            None,
            plausible="March",
        ),
    ),
    P(
        "p072",
        "Email: Re: Broken Laptop",
        "correspondence",
        "email",
        True,
        """
        Hi Tom, Thanks for sending the laptop back so quickly. Our technician, Aisha, has had a
        look. The screen problem was caused by a loose cable, which she has fixed; that repair
        is covered by your warranty, so there is no charge. However, she also found that the
        keyboard has liquid damage, probably from a spilled drink. Liquid damage is not covered
        by the warranty. A new keyboard would cost 85 pounds including fitting. If you would
        like us to go ahead, reply to this email by Friday and we will return the laptop within
        three working days. If not, we will send it back as it is, with the screen fixed, and
        you will not be charged anything. The laptop is still under warranty until 8 March next
        year. Your repair reference is PX-4471. Kind regards, Lena, Customer Care, Pixelworks Repairs
        """,
        Q(
            "negation",
            "thing",
            "What kind of damage is not covered by the warranty?",
            "Which damage does the warranty exclude?",
            "Liquid damage",
            ("a loose cable", "The screen problem", "the keyboard"),
        ),
        Q(
            "coreference",
            "person",
            "Who fixed the loose cable?",
            "Which person repaired the cable causing the screen problem?",
            "Aisha",
            ("Lena", "Tom", "Customer Care"),
        ),
        Q(
            "numerical",
            "number",
            "How much would a new keyboard cost?",
            "What is the price of a replacement keyboard, with fitting?",
            "85 pounds",
            ("three working days", "8 March", "4471"),
        ),
        Q(
            "temporal",
            "date",
            "Until when is the laptop under warranty?",
            "When does the laptop's warranty end?",
            "8 March next year",
            ("Friday", "three working days", "so quickly"),
        ),
        Q(
            "causal",
            "other",
            "What probably caused the keyboard damage?",
            "How did the keyboard most likely get damaged?",
            "a spilled drink",
            ("a loose cable", "fitting", "The screen problem"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much did Tom pay for the laptop?",
            "What was the original price of Tom's laptop?",
            None,
            plausible="85 pounds",
        ),
    ),
    P(
        "p073",
        "Rivals Agree on Shared Charging Network",
        "technology",
        "news report",
        True,
        """
        Three electric car makers, Voltara, Hesketh Motors and Arrow EV, announced on Wednesday
        that they will build a shared network of 2,500 fast chargers along the country's main
        motorways by 2028. Drivers of any brand will be able to use the chargers by paying with
        a bank card, without an app. The network will be run by a new company, ChargeWay, in
        which each carmaker will hold an equal share. Voltara's chief executive, Simone Achebe,
        said drivers were tired of carrying six different apps. Hesketh Motors had previously
        built its own network of 400 chargers, which will join ChargeWay next year. The
        motoring organisation RoadAid welcomed the plan but said rural areas, where chargers
        are rarest, had been left out. The government's transport minister, Colin Marr, said he
        hoped other makers would join.
        """,
        Q(
            "lookup",
            "organization",
            "Which company will run the shared network?",
            "What is the name of the new company that will operate the chargers?",
            "ChargeWay",
            ("Voltara", "RoadAid", "Hesketh Motors"),
            at=1,
        ),
        Q(
            "multi_sentence",
            "organization",
            "Which carmaker already had its own network of chargers?",
            "Whose existing network of 400 chargers will join ChargeWay?",
            "Hesketh Motors",
            ("Voltara", "Arrow EV", "RoadAid"),
            at=2,
        ),
        Q(
            "lookup",
            "person",
            "Who said he hoped other makers would join?",
            "Which person expressed the hope that more carmakers would sign up?",
            "Colin Marr",
            ("Simone Achebe", "Voltara", "RoadAid"),
        ),
        Q(
            "lookup",
            "number",
            "How many chargers does the shared network plan to build?",
            "What is the larger figure: the planned network or Hesketh's existing chargers?",
            "2,500",
            ("400", "six", "2028"),
        ),
        Q(
            "paraphrase",
            "other",
            "What did RoadAid say had been left out of the plan?",
            "Which areas does RoadAid think the plan ignores?",
            "rural areas",
            ("the country's main motorways", "an app", "six different apps"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much will the network cost to build?",
            "What is the total cost of building the charging network?",
            None,
            plausible="2,500",
        ),
    ),
    P(
        "p074",
        "Identifying Common Garden Birds",
        "nature",
        "explainer",
        False,
        """
        Four birds are seen in almost every garden in the region. The robin is small and round,
        with an orange-red face and breast, and it often follows gardeners to catch worms that
        are dug up. The blackbird is larger; the male is all black with a yellow beak, while the
        female is dark brown. The blue tit is the smallest of the four, with a blue cap, a
        yellow belly and a white face, and it often hangs upside down from feeders. The
        starling looks black from a distance, but close up its feathers shine green and purple,
        and it is covered in pale spots in winter. Starlings are noisy and feed in groups,
        while robins are fiercely territorial and will chase other robins away from their
        patch, even in winter.
        """,
        Q(
            "comparison",
            "thing",
            "Which of the four birds is the smallest?",
            "What is the tiniest of the four garden birds?",
            "The blue tit",
            ("The robin", "The blackbird", "The starling"),
        ),
        Q(
            "negation",
            "thing",
            "Which bird looks black from a distance but is not really all black?",
            "Which bird appears black far away but shows green and purple close up?",
            "The starling",
            ("The blackbird", "The robin", "The blue tit"),
        ),
        Q(
            "paraphrase",
            "thing",
            "Which bird often hangs upside down from feeders?",
            "What bird is frequently seen hanging upside down on feeders?",
            "The blue tit",
            ("The robin", "The blackbird", "The starling"),
        ),
        Q(
            "lookup",
            "other",
            "What colour is the female blackbird?",
            "How is the female blackbird coloured?",
            "dark brown",
            ("all black", "orange-red", "green and purple"),
        ),
        Q(
            "coreference",
            "thing",
            "Which bird often follows gardeners to catch worms?",
            "What does 'it' refer to in 'it often follows gardeners'?",
            "The robin",
            ("The blackbird", "The starling", "The blue tit"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many eggs does a robin lay?",
            "What is the usual number of eggs in a robin's clutch?",
            None,
            plausible="Four",
        ),
    ),
    P(
        "p075",
        "Tenancy Agreement: Key Terms",
        "law",
        "notice",
        False,
        """
        This summary sets out the key terms of the tenancy of Flat 3, 27 Carlow Road, between the
        landlord, Mr Desmond Hughes, and the tenant, Ms Priya Sethi. The tenancy runs for twelve
        months from 1 September. The rent is 950 pounds a month, payable on the first day of
        each month. A deposit of 1,100 pounds is held by the Secure Deposit Scheme. The tenant
        may not keep pets without the landlord's written consent, and smoking is not allowed
        inside the flat. The landlord is responsible for repairs to the structure, heating and
        plumbing; the tenant is responsible for replacing light bulbs and keeping the drains
        clear. Either party may end the tenancy after six months by giving two months' written
        notice. The landlord must give at least 24 hours' notice before visiting, except in an
        emergency.
        """,
        Q(
            "comparison",
            "number",
            "What is the bigger sum: the monthly rent or the deposit?",
            "Which amount is greater, the deposit or one month's rent?",
            "1,100 pounds",
            ("950 pounds", "24 hours", "twelve months"),
        ),
        Q(
            "negation",
            "other",
            "What may the tenant not do without the landlord's written consent?",
            "Which thing needs the landlord's written permission?",
            "keep pets",
            ("replacing light bulbs", "keeping the drains clear", "smoking"),
        ),
        Q(
            "multi_sentence",
            "person",
            "Who is responsible for repairing the heating?",
            "Which party must fix problems with the heating?",
            "Mr Desmond Hughes",
            ("Ms Priya Sethi", "the Secure Deposit Scheme", "Either party"),
        ),
        Q(
            "numerical",
            "number",
            "How much notice must be given to end the tenancy?",
            "What notice period applies when ending the tenancy after six months?",
            "two months",
            ("six months", "twelve months", "24 hours"),
        ),
        Q(
            "paraphrase",
            "organization",
            "Who holds the deposit?",
            "With which scheme is the deposit kept?",
            "the Secure Deposit Scheme",
            ("Mr Desmond Hughes", "Ms Priya Sethi", "Flat 3"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much is the tenant's council tax?",
            "What council tax does Ms Sethi pay?",
            None,
            plausible="950 pounds",
        ),
    ),
    P(
        "p076",
        "Opening Night at the Corn Exchange",
        "arts",
        "review",
        True,
        """
        The Wrenfield Players opened their new production of The Miller's Daughter at the Corn
        Exchange on Thursday, and it deserves a bigger audience than the forty people who saw
        it. Director Kenji Moriarty has moved the old folk tale to a 1950s seaside town, and
        the change mostly works. Eliza Barnes, only seventeen, is outstanding as the daughter,
        Rose; her final song silenced the room. Tom Havers, as the miller, is less convincing,
        and he seemed unsure of his lines in the second act. The set, designed by Joan Pickford,
        uses a single revolving wooden frame that becomes a mill, a pier and a dance hall. The
        show runs for two hours with one interval. Tickets are 12 pounds, or 8 pounds for
        students, and the run ends on Saturday.
        """,
        Q(
            "comparison",
            "person",
            "Which actor does the reviewer find less convincing?",
            "Whose performance does the review rate lower?",
            "Tom Havers",
            ("Eliza Barnes", "Kenji Moriarty", "Joan Pickford"),
        ),
        Q(
            "coreference",
            "person",
            "Who seemed unsure of his lines in the second act?",
            "Which performer appeared not to know his lines well in the second act?",
            "Tom Havers",
            ("Eliza Barnes", "Kenji Moriarty", "Joan Pickford"),
        ),
        Q(
            "multi_sentence",
            "person",
            "Who plays Rose?",
            "Which actress takes the role of the miller's daughter, Rose?",
            "Eliza Barnes",
            ("Joan Pickford", "Tom Havers", "Kenji Moriarty"),
        ),
        Q(
            "paraphrase",
            "location",
            "Where has the director moved the story to?",
            "In what setting has Moriarty placed the folk tale?",
            "a 1950s seaside town",
            ("the Corn Exchange", "a pier", "a dance hall"),
        ),
        Q(
            "lookup",
            "number",
            "How much do student tickets cost?",
            "What is the price of a ticket for students?",
            "8 pounds",
            ("12 pounds", "forty", "seventeen"),
        ),
        Q(
            "unanswerable",
            "person",
            "Who wrote the songs for the production?",
            "Which composer wrote the music for the show?",
            None,
            plausible="Kenji Moriarty",
        ),
    ),
    P(
        "p077",
        "The Oldest Tree in Kelden Forest",
        "nature",
        "museum label",
        False,
        """
        This slice comes from the Kelden Yew, which stood at the edge of Kelden Forest until it
        fell in a storm in 2007. By counting its growth rings, scientists at the Forest Research
        Station estimated that it was about 1,200 years old, making it the oldest tree ever
        recorded in the county. Each ring marks one year of growth. Wide rings show good years
        with plenty of rain; narrow rings show years of drought or cold. The very narrow rings
        marked with pins date from around 1740, when records describe several bitterly cold
        winters. The tree was hollow in its centre, so the oldest rings are missing and its true
        age may be greater. A young yew grown from one of its cuttings now stands on the same
        spot.
        """,
        Q(
            "paraphrase",
            "other",
            "What do narrow rings show?",
            "What kind of years are indicated by thin growth rings?",
            "years of drought or cold",
            (
                "good years with plenty of rain",
                "one year of growth",
                "several bitterly cold winters",
            ),
        ),
        Q(
            "causal",
            "other",
            "Why may the tree's true age be greater than the estimate?",
            "What suggests the yew could be older than 1,200 years?",
            "The tree was hollow in its centre",
            (
                "it fell in a storm in 2007",
                "Each ring marks one year of growth",
                "records describe several bitterly cold winters",
            ),
        ),
        Q(
            "temporal",
            "date",
            "When did the Kelden Yew fall?",
            "In which year was the yew brought down by a storm?",
            "2007",
            ("1740", "1,200", "one year"),
        ),
        Q(
            "comparison",
            "other",
            "How does the Kelden Yew compare in age with other trees recorded in the county?",
            "Among all trees on record in the county, where does the Kelden Yew rank for age?",
            "the oldest tree ever recorded in the county",
            ("A young yew", "good years with plenty of rain", "the same spot"),
        ),
        Q(
            "lookup",
            "organization",
            "Who estimated the tree's age?",
            "Which organisation's scientists worked out how old the yew was?",
            "the Forest Research Station",
            ("Kelden Forest", "the county", "the Kelden Yew"),
        ),
        Q(
            "unanswerable",
            "number",
            "How tall was the Kelden Yew?",
            "What was the height of the yew before it fell?",
            None,
            plausible="1,200",
        ),
    ),
    P(
        "p078",
        "Cycling Club Newsletter: Spring Rides",
        "sports",
        "announcement",
        True,
        """
        The Hartsdale Wheelers' spring programme starts on Sunday 6 April with the Reservoir
        Loop, a flat 40-kilometre ride suitable for new members. On 20 April we tackle the
        Beacon Climb, 75 kilometres with over 1,000 metres of climbing; this ride is for
        experienced riders only, and helmets and lights are required. The longest ride of the
        season is the Coast to Coast on 17 May, a 160-kilometre day with a support van carrying
        food and spare parts. All rides leave from the Market Cross at 8.30 am. Ride leaders
        this spring are Dev Anand, who will lead the Reservoir Loop, and Karen Holt, who leads
        the other two. The club's annual dinner, originally planned for March, has been moved
        to 24 May because the hotel was double-booked.
        """,
        Q(
            "comparison",
            "thing",
            "Which is the longest ride of the season?",
            "What ride covers the greatest distance this spring?",
            "the Coast to Coast",
            ("the Reservoir Loop", "the Beacon Climb", "the Market Cross"),
        ),
        Q(
            "multi_sentence",
            "person",
            "Who leads the Beacon Climb?",
            "Which ride leader is in charge of the Beacon Climb?",
            "Karen Holt",
            ("Dev Anand", "new members", "experienced riders"),
        ),
        Q(
            "causal",
            "other",
            "Why was the annual dinner moved?",
            "What caused the club dinner to be rescheduled?",
            "the hotel was double-booked",
            (
                "helmets and lights are required",
                "a support van carrying food and spare parts",
                "suitable for new members",
            ),
        ),
        Q(
            "temporal",
            "date",
            "When will the annual dinner now take place?",
            "What is the new date of the club's annual dinner?",
            "24 May",
            ("17 May", "20 April", "Sunday 6 April"),
        ),
        Q(
            "numerical",
            "number",
            "How many metres of climbing does the Beacon Climb include?",
            "What is the total climbing on the Beacon Climb?",
            "over 1,000 metres",
            ("75 kilometres", "160-kilometre", "40-kilometre"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many members does the Hartsdale Wheelers club have?",
            "What is the club's membership?",
            None,
            plausible="40-kilometre",
        ),
    ),
    P(
        "p079",
        "Caring for Your Cast Iron Pan",
        "food",
        "manual",
        True,
        """
        A cast iron pan can last for generations if it is looked after. Before first use, wash
        it in warm water and dry it completely over a low flame. Then season it: rub a thin
        layer of vegetable oil over every surface, wipe off the excess, and bake the pan upside
        down in the oven at 220 degrees for one hour. The oil hardens into a smooth, black
        coating that stops food from sticking and protects the iron from rust. After cooking,
        clean the pan while it is still warm with hot water and a stiff brush. Avoid soaking it
        or putting it in the dishwasher, because standing water causes rust. If rust appears,
        scrub it off with steel wool and season the pan again. Acidic foods such as tomatoes
        can wear away the coating if they are cooked for a long time. A 26-centimetre pan is the
        most useful size; after seasoning, let it cool for 30 minutes before handling.
        """,
        Q(
            "temporal",
            "other",
            "What should you do to the pan after rubbing oil over it and wiping off the excess?",
            "Once the excess oil has been wiped off, what comes next?",
            "bake the pan upside down in the oven",
            (
                "wash it in warm water",
                "dry it completely over a low flame",
                "scrub it off with steel wool",
            ),
        ),
        Q(
            "causal",
            "other",
            "Why should you avoid soaking the pan?",
            "What is the danger of leaving the pan to soak?",
            "standing water causes rust",
            ("stops food from sticking", "can wear away the coating", "it is still warm"),
        ),
        Q(
            "negation",
            "thing",
            "Besides soaking, where should the pan not be put?",
            "Which appliance should a cast iron pan be kept out of?",
            "the dishwasher",
            ("the oven", "warm water", "a low flame"),
        ),
        Q(
            "numerical",
            "number",
            "At what temperature is the pan baked when seasoning?",
            "How hot should the oven be for seasoning?",
            "220 degrees",
            ("one hour", "26-centimetre", "30 minutes"),
        ),
        Q(
            "paraphrase",
            "thing",
            "Which foods can wear away the coating?",
            "What type of food may damage the seasoning if cooked for long?",
            "Acidic foods",
            ("vegetable oil", "hot water", "steel wool"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does a cast iron pan weigh?",
            "What is the weight of a typical cast iron pan?",
            None,
            plausible="220 degrees",
        ),
    ),
    P(
        "p080",
        "Letter to the Editor: Save the Swimming Baths",
        "correspondence",
        "letter",
        False,
        """
        Sir, I was dismayed to read that Milbury Council plans to close the Victoria Road
        swimming baths next year. The council says repairs would cost 2.4 million pounds, but
        a new leisure centre on the edge of town will cost more than 11 million. The baths
        are within walking distance of three primary schools, whose pupils have their weekly
        lessons there; the new centre would need a bus journey of twenty minutes each way. The
        baths are also used every morning by the over-sixties swimming club, many of whose
        members do not drive. I learned to swim at Victoria Road in 1962, and so did my
        children and grandchildren. I urge readers to attend the public meeting at the town
        hall on 3 June and to sign the petition at the library. Yours faithfully, Edna Crowther.
        """,
        Q(
            "lookup",
            "number",
            "How much would the new leisure centre cost?",
            "What is the cost of the more expensive option, the new centre?",
            "more than 11 million",
            ("2.4 million pounds", "twenty minutes", "three"),
        ),
        Q(
            "negation",
            "other",
            "Why would the new centre be hard for many club members to reach?",
            "What do many members of the over-sixties club not do?",
            "do not drive",
            ("learned to swim", "sign the petition", "have their weekly lessons there"),
        ),
        Q(
            "lookup",
            "location",
            "Where is the petition?",
            "At which place can readers sign the petition?",
            "the library",
            ("the town hall", "Victoria Road", "the edge of town"),
        ),
        Q(
            "temporal",
            "date",
            "When did the writer learn to swim?",
            "In what year did Edna Crowther learn to swim at Victoria Road?",
            "1962",
            ("3 June", "next year", "every morning"),
        ),
        Q(
            "multi_sentence",
            "other",
            "How long would pupils travel each way to the new centre?",
            "For the schoolchildren, how long would the bus journey to the new centre take in each direction?",
            "twenty minutes",
            ("every morning", "weekly", "next year"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many people have signed the petition?",
            "What number of signatures does the petition have?",
            None,
            plausible="three",
        ),
    ),
    P(
        "p081",
        "The Discovery of Helvine",
        "science",
        "encyclopedic",
        True,
        """
        Helvine is a rare blue mineral first described in 1911 by the chemist Oskar Lindqvist,
        who found it in a copper mine at Brannvik. The mine's owner, Elsa Brandt, and its foreman,
        Nils Ek, helped him collect samples. Lindqvist at first believed it was a form
        of the common mineral azurite, but his assistant, Greta Holm, noticed that the new
        crystals did not fizz in acid as azurite does. Further tests showed that it contained
        the element beryllium. Lindqvist named the mineral after the Helve valley, where the
        mine stood, rather than after himself, which was unusual for the time. The Brannvik mine
        closed in 1934 and flooded soon after. Since then helvine has been found in only two
        other places, both in the Sarn Mountains. The largest known crystal, 4 centimetres
        across, is kept at the National Mineral Collection in Ostby.
        """,
        Q(
            "lookup",
            "person",
            "Who noticed that the crystals did not fizz in acid?",
            "Which person observed the test that separated helvine from azurite?",
            "Greta Holm",
            ("Oskar Lindqvist", "Elsa Brandt", "Nils Ek"),
        ),
        Q(
            "negation",
            "thing",
            "What did the new crystals not do that azurite does?",
            "In acid, what reaction was missing from the new crystals?",
            "fizz",
            ("flooded", "contained the element beryllium", "found"),
        ),
        Q(
            "paraphrase",
            "location",
            "The mineral was named after which place?",
            "Where does the name helvine come from?",
            "the Helve valley",
            ("Brannvik", "the Sarn Mountains", "Ostby"),
        ),
        Q(
            "lookup",
            "location",
            "Where is the largest known helvine crystal kept?",
            "In which collection is the biggest helvine crystal held?",
            "the National Mineral Collection in Ostby",
            ("a copper mine at Brannvik", "the Helve valley", "the Sarn Mountains"),
        ),
        Q(
            "lookup",
            "person",
            "Who at first believed the mineral was a form of azurite?",
            "Which person originally mistook helvine for azurite?",
            "Lindqvist",
            ("Greta Holm", "Elsa Brandt", "Nils Ek"),
            at=2,
        ),
        Q(
            "unanswerable",
            "date",
            "When was helvine found in the Sarn Mountains?",
            "In what year was helvine discovered in the Sarn Mountains?",
            None,
            plausible="1934",
        ),
    ),
    P(
        "p082",
        "A Week in the Diary of a Ship's Cook",
        "fiction",
        "diary",
        True,
        """
        Monday. We left Port Alder at dawn with forty-two men aboard the Merrow Star. Captain
        Hale ordered salt pork for supper, as always on the first night. Tuesday. Heavy seas.
        Half the crew too sick to eat, which saved the biscuits. Wednesday. The second mate,
        Mr Cray, found rats in the flour store. I threw out two sacks and set traps. Thursday.
        Calm at last. The boy Jem caught three mackerel, and I fried them for the captain, who
        said they were the best fish he had eaten in years. Friday. Fresh water is running low
        because a barrel leaked. The captain has cut every man's ration to two cups a day until
        we reach Innis Head on Sunday. Saturday. Mr Cray and the bosun quarrelled over cards;
        the captain stopped all card games until further notice.
        """,
        Q(
            "temporal",
            "date",
            "On which day did the second mate find rats?",
            "When were rats discovered in the flour store?",
            "Wednesday",
            ("Tuesday", "Thursday", "Saturday"),
        ),
        Q(
            "lookup",
            "person",
            "Who caught the fish that the captain praised?",
            "The mackerel the captain called the best in years were caught by whom?",
            "Jem",
            ("Mr Cray", "Captain Hale", "the bosun"),
        ),
        Q(
            "causal",
            "other",
            "Why was the water ration cut?",
            "What led the captain to reduce every man's water?",
            "a barrel leaked",
            (
                "Heavy seas",
                "Mr Cray and the bosun quarrelled over cards",
                "rats in the flour store",
            ),
        ),
        Q(
            "numerical",
            "number",
            "How many sacks of flour did the cook throw out?",
            "What number of sacks were thrown away because of the rats?",
            "two sacks",
            ("three mackerel", "two cups", "forty-two men"),
        ),
        Q(
            "coreference",
            "person",
            "Who said the mackerel were the best fish he had eaten in years?",
            "Which person praised the fried mackerel?",
            "the captain",
            ("Jem", "Mr Cray", "the bosun"),
            at=1,
        ),
        Q(
            "unanswerable",
            "person",
            "Who was the cook writing the diary?",
            "What was the name of the ship's cook?",
            None,
            plausible="Mr Cray",
            plausible_at=1,
        ),
    ),
    P(
        "p083",
        "For Sale: Restored Narrowboat",
        "travel",
        "advertisement",
        False,
        """
        For sale: Kingfisher, a 57-foot steel narrowboat built in 1994 and fully restored last
        year. She sleeps four, with a fixed double bed at the stern and a sofa bed in the
        saloon. New engine fitted in 2021, with fewer than 300 hours of use. The galley has a
        four-ring gas hob, an oven and a 12-volt fridge. The bathroom has a shower and a
        pump-out toilet. Heating comes from a wood-burning stove and a diesel radiator system.
        Solar panels on the roof charge the batteries in summer. The hull was blacked in
        March, and a full survey is available. Currently moored at Lockwood Marina; the
        mooring is not included in the sale. Price: 68,500 pounds. Viewing by appointment only
        with the owner, Roger Haines.
        """,
        Q(
            "lookup",
            "number",
            "How long is the narrowboat?",
            "What is the length of Kingfisher?",
            "57-foot",
            ("68,500", "300 hours", "12-volt"),
        ),
        Q(
            "negation",
            "thing",
            "What is not included in the sale?",
            "Which thing does the buyer not get with the boat?",
            "the mooring",
            ("a full survey", "Solar panels", "a wood-burning stove"),
        ),
        Q(
            "temporal",
            "date",
            "In what year was the new engine fitted?",
            "When was the engine replaced?",
            "2021",
            ("1994", "March", "last year"),
        ),
        Q(
            "paraphrase",
            "number",
            "How many people can sleep on the boat?",
            "What is the sleeping capacity of Kingfisher?",
            "four",
            ("57", "300", "12"),
            at=1,
        ),
        Q(
            "multi_sentence",
            "thing",
            "What charges the batteries in summer?",
            "In summer, what keeps the batteries charged?",
            "Solar panels",
            ("a diesel radiator system", "a wood-burning stove", "New engine"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does the mooring at Lockwood Marina cost per year?",
            "What is the annual fee for the Lockwood Marina mooring?",
            None,
            plausible="68,500 pounds",
        ),
    ),
    P(
        "p084",
        "Headteacher's Letter: New Term",
        "education",
        "letter",
        False,
        """
        Dear Parents and Carers, Welcome back to Oakridge Academy. This term we welcome three
        new teachers: Mr Daniel Osei joins the science department, Ms Fiona Grant will teach
        French and Spanish, and Mrs Leah Cohen becomes head of Year 7. The new sports hall is
        now finished and will be used for PE lessons from next week; the old gym will become a
        drama studio. Please note that school now starts at 8.40 am, instead of 8.50 am as
        last year, to make room for a reading period. Mobile phones must be switched off and
        kept in bags during the school day. The autumn parents' evening is on 16 October, and
        the school will close early, at 1 pm, on 20 December. Thank you for your support.
        Yours sincerely, Dr Alan Whitby, Headteacher.
        """,
        Q(
            "paraphrase",
            "person",
            "Which new teacher will teach languages?",
            "Who is the newly arrived teacher of French and Spanish?",
            "Ms Fiona Grant",
            ("Mr Daniel Osei", "Mrs Leah Cohen", "Dr Alan Whitby"),
        ),
        Q(
            "causal",
            "other",
            "Why does school now start earlier?",
            "What is the reason for the earlier start time?",
            "to make room for a reading period",
            (
                "the old gym will become a drama studio",
                "The new sports hall is now finished",
                "the school will close early",
            ),
        ),
        Q(
            "temporal",
            "date",
            "At what time did school start last year?",
            "Last year, when did the school day begin?",
            "8.50 am",
            ("8.40 am", "1 pm", "16 October"),
        ),
        Q(
            "paraphrase",
            "location",
            "What will the old gym be turned into?",
            "What is the new use for the old gym?",
            "a drama studio",
            ("The new sports hall", "the science department", "Oakridge Academy"),
        ),
        Q(
            "temporal",
            "date",
            "When is the autumn parents' evening?",
            "On what date is the parents' evening this autumn?",
            "16 October",
            ("20 December", "next week", "8.40 am"),
        ),
        Q(
            "unanswerable",
            "person",
            "Who teaches PE at Oakridge Academy?",
            "Which teacher takes the PE lessons?",
            None,
            plausible="Mr Daniel Osei",
        ),
    ),
    P(
        "p085",
        "Dam Collapse Drill Tests Emergency Services",
        "news",
        "news report",
        True,
        """
        More than 300 people took part in a full-scale emergency exercise in the Tarrow valley
        on Saturday, simulating the collapse of the Hensey Dam. The exercise, named Operation
        Deepwater, was organised by the Tarrow Resilience Forum and involved the fire service,
        the ambulance service, the police and 120 volunteers acting as casualties. Sirens sounded
        at 9 am, and residents of the village of Lowater, directly below the dam, were asked to
        walk to the assembly point at St Bride's School. Most arrived within 25 minutes, but the
        forum's coordinator, Helen Marsh, said that some elderly residents had not heard the
        sirens. She said the forum would now consider sending text alerts as well. The dam's
        owner, Tarrow Water, stressed that the dam was inspected last year and is in good
        condition. A report on the exercise will be published in January.
        """,
        Q(
            "lookup",
            "organization",
            "Who organised Operation Deepwater?",
            "Which body arranged the emergency exercise?",
            "the Tarrow Resilience Forum",
            ("Tarrow Water", "the fire service", "the police"),
        ),
        Q(
            "coreference",
            "person",
            "Who said the forum would consider sending text alerts?",
            "Which person mentioned possible text alerts?",
            "Helen Marsh",
            ("120 volunteers", "elderly residents", "Tarrow Water"),
        ),
        Q(
            "causal",
            "other",
            "Why might the forum send text alerts as well?",
            "What problem makes text alerts worth considering?",
            "some elderly residents had not heard the sirens",
            (
                "the dam was inspected last year",
                "Most arrived within 25 minutes",
                "simulating the collapse of the Hensey Dam",
            ),
        ),
        Q(
            "paraphrase",
            "location",
            "Where were Lowater residents asked to go?",
            "To which assembly point should the villagers walk?",
            "St Bride's School",
            ("the Tarrow valley", "Lowater", "the Hensey Dam"),
        ),
        Q(
            "numerical",
            "number",
            "How many volunteers acted as casualties?",
            "What was the number of volunteers pretending to be casualties?",
            "120",
            ("More than 300", "25", "9"),
        ),
        Q(
            "unanswerable",
            "date",
            "When was the Hensey Dam built?",
            "In what year was the Hensey Dam constructed?",
            None,
            plausible="last year",
        ),
    ),
    P(
        "p086",
        "Choosing a Running Shoe",
        "sports",
        "explainer",
        False,
        """
        Running shoes fall into three broad groups. Neutral shoes have even cushioning and suit
        runners whose feet roll inward only slightly when they land. Stability shoes have a
        firmer section of foam on the inner side of the sole, which limits how far the foot
        rolls inward; they suit runners who overpronate. Trail shoes have deeper grips and a
        tougher upper for mud and rocks, but they feel hard on roads. Of the three, neutral
        shoes are usually the lightest and trail shoes the heaviest. Most shoes lose much of
        their cushioning after 500 to 800 kilometres, so a runner who covers 30 kilometres a
        week should expect to replace them about once every five or six months. Try shoes on
        in the afternoon, when feet are slightly swollen, and leave a thumb's width of space in
        front of the longest toe.
        """,
        Q(
            "comparison",
            "thing",
            "Which type of shoe is usually the heaviest?",
            "Of the three groups, which shoes tend to weigh the most?",
            "trail shoes",
            ("neutral shoes", "Stability shoes", "Running shoes"),
        ),
        Q(
            "paraphrase",
            "thing",
            "Which shoes suit runners who overpronate?",
            "What kind of shoe is meant for overpronating runners?",
            "Stability shoes",
            ("Neutral shoes", "Trail shoes", "Running shoes"),
        ),
        Q(
            "causal",
            "other",
            "Why should shoes be tried on in the afternoon?",
            "What makes the afternoon the best time to try on running shoes?",
            "feet are slightly swollen",
            (
                "they feel hard on roads",
                "limits how far the foot rolls inward",
                "lose much of their cushioning",
            ),
        ),
        Q(
            "numerical",
            "other",
            "How often should a runner covering 30 kilometres a week replace their shoes?",
            "For someone running 30 kilometres weekly, what is the replacement interval?",
            "about once every five or six months",
            ("500 to 800 kilometres", "a thumb's width", "in the afternoon"),
        ),
        Q(
            "negation",
            "other",
            "On what surface do trail shoes not feel comfortable?",
            "Where do trail shoes feel hard?",
            "on roads",
            ("mud and rocks", "the inner side of the sole", "in front of the longest toe"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does a pair of stability shoes cost?",
            "What is the price of stability shoes?",
            None,
            plausible="800",
        ),
    ),
    P(
        "p087",
        "The Tale of Two Mills",
        "history",
        "encyclopedic",
        True,
        """
        In the 1820s the town of Ravenholme had two cotton mills. Upper Mill, owned by the Sowerby
        family, stood on the river above the town and was powered by a water wheel. Lower Mill,
        built in 1826 by the newcomer Isaac Pratt, used a steam engine and could run even when
        the river was low. Pratt's mill employed 400 workers, twice as many as Upper Mill. In
        the drought of 1835 Upper Mill stood idle for three months, and many of its workers
        moved to Lower Mill. The Sowerbys never recovered, and they sold Upper Mill to Pratt in
        1840. He turned it into a warehouse. Lower Mill closed in 1932; the building now houses
        the Ravenholme Textile Museum, which has restored the steam engine and runs it on the
        first Sunday of every month.
        """,
        Q(
            "comparison",
            "thing",
            "Which mill employed more workers?",
            "Of the two mills, which had the larger workforce?",
            "Lower Mill",
            ("Upper Mill", "a warehouse", "the Ravenholme Textile Museum"),
            at=1,
        ),
        Q(
            "causal",
            "other",
            "Why did Upper Mill stand idle in 1835?",
            "What caused Upper Mill to stop for three months?",
            "the drought",
            ("a steam engine", "The Sowerbys never recovered", "Lower Mill closed"),
        ),
        Q(
            "coreference",
            "person",
            "Who turned Upper Mill into a warehouse?",
            "Which person converted Upper Mill into a warehouse?",
            "Pratt",
            ("the Sowerby family", "The Sowerbys", "many of its workers"),
            at=3,
        ),
        Q(
            "temporal",
            "date",
            "When did the Sowerbys sell Upper Mill?",
            "In which year was Upper Mill sold?",
            "1840",
            ("1835", "1826", "1932"),
        ),
        Q(
            "numerical",
            "number",
            "How many workers did Lower Mill employ?",
            "What was the size of Pratt's workforce?",
            "400",
            ("three months", "1826", "1835"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much did Pratt pay for Upper Mill?",
            "What price did the Sowerbys get for Upper Mill?",
            None,
            plausible="400",
        ),
        Q(
            "multi_sentence",
            "person",
            "Who owned the water-powered mill when the drought of 1835 stopped it?",
            "At the time of the 1835 drought, whose was the mill driven by a water wheel?",
            "the Sowerby family",
            ("Isaac Pratt", "many of its workers", "the Ravenholme Textile Museum"),
        ),
    ),
    P(
        "p088",
        "Meeting Notes: Website Redesign",
        "business",
        "minutes",
        True,
        """
        Project meeting, website redesign, 9 May. Attendees: Chloe Barker (project lead), Amir
        Haddad (developer), Sofia Reyes (designer), Ben Carter (marketing). 1. Sofia showed two
        designs for the home page. The team preferred design B, with the large search bar, but
        Ben asked for the customer reviews to be moved higher up the page. Sofia will update
        design B by 16 May. 2. Amir reported that the new booking system is 80 percent
        complete; testing will begin on 23 May. He warned that the payment page depends on the
        bank's new software, which is late. 3. Launch date: the team agreed to delay the launch
        from 1 June to 15 June to allow two full weeks of testing. 4. Ben will prepare an email
        to customers announcing the new site. Next meeting: 16 May, 10 am.
        """,
        Q(
            "lookup",
            "thing",
            "Which home page design did the team prefer?",
            "Of the two designs, which one was favoured?",
            "design B",
            ("customer reviews", "the payment page", "two designs"),
            at=1,
        ),
        Q(
            "coreference",
            "person",
            "Who warned that the payment page depends on the bank's software?",
            "Which attendee raised the risk about the bank's software?",
            "Amir",
            ("Sofia", "Ben", "Chloe Barker"),
            at=2,
        ),
        Q(
            "causal",
            "other",
            "Why was the launch delayed?",
            "What is the reason for moving the launch to 15 June?",
            "to allow two full weeks of testing",
            (
                "the bank's new software, which is late",
                "the large search bar",
                "customer reviews to be moved higher up the page",
            ),
        ),
        Q(
            "temporal",
            "date",
            "When will testing of the booking system begin?",
            "On what date does testing start?",
            "23 May",
            ("16 May", "1 June", "15 June"),
        ),
        Q(
            "multi_sentence",
            "person",
            "What is the surname of the person who will prepare the email announcing the new site?",
            "The attendee writing the customer email about the new site has which family name?",
            "Carter",
            ("Haddad", "Reyes", "Barker"),
        ),
        Q(
            "unanswerable",
            "number",
            "What is the budget for the website redesign?",
            "How much money has been set aside for the redesign?",
            None,
            plausible="80 percent",
        ),
    ),
    P(
        "p089",
        "Growing Tomatoes in Pots",
        "nature",
        "manual",
        True,
        """
        Tomatoes grow well in pots on a sunny patio. Sow the seeds indoors in late March, about
        1 centimetre deep, and keep them at around 20 degrees. When the seedlings have two true
        leaves, move each one into its own small pot. In late May, once there is no longer any
        risk of frost, plant them outside in pots at least 30 centimetres wide, and push a cane
        into each pot for support. Water every day in hot weather, because pots dry out
        quickly, but do not let the soil stay soggy. Once the first flowers appear, feed the
        plants every week with a high-potash fertiliser. Pinch out the side shoots that grow
        between the main stem and the leaves, as they take energy from the fruit. Pick the
        tomatoes when they are fully coloured.
        """,
        Q(
            "temporal",
            "other",
            "When should the seedlings be moved into their own small pots?",
            "At what stage are seedlings transplanted into separate pots?",
            "When the seedlings have two true leaves",
            ("In late May", "Once the first flowers appear", "in late March"),
        ),
        Q(
            "causal",
            "other",
            "Why should side shoots be pinched out?",
            "What is the reason for removing side shoots?",
            "they take energy from the fruit",
            ("pots dry out quickly", "no longer any risk of frost", "for support"),
        ),
        Q(
            "negation",
            "other",
            "What should you not let the soil do?",
            "Which soil condition should be avoided?",
            "stay soggy",
            ("dry out quickly", "fully coloured", "take energy from the fruit"),
        ),
        Q(
            "numerical",
            "number",
            "How wide should the outdoor pots be?",
            "What is the minimum width of the pots used outside?",
            "at least 30 centimetres",
            ("1 centimetre", "20 degrees", "two true leaves"),
        ),
        Q(
            "paraphrase",
            "thing",
            "What should the plants be fed with once they flower?",
            "Which fertiliser is recommended after flowering begins?",
            "a high-potash fertiliser",
            ("a cane", "the side shoots", "the seeds"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many tomatoes does one plant produce?",
            "What is the typical yield of tomatoes per plant?",
            None,
            plausible="two",
        ),
    ),
    P(
        "p090",
        "Profile: Judge Harriet Okwu",
        "biography",
        "biography",
        True,
        """
        Harriet Okwu grew up in the port town of Selby Haven, where her mother ran a grocery and
        her father worked on the docks. She was the first in her family to go to university,
        studying law at Crossley College on a scholarship from the Dockworkers' Union. After
        qualifying in 1985 she worked for ten years at the Selby Haven Law Centre, giving free
        advice to tenants and workers. In 1995 she joined the barristers' chambers of Grant and
        Mbeki, where she became known for employment cases. She was appointed a judge in 2008
        and moved to the Court of Appeal in 2017. Colleagues describe her as patient but
        impossible to flatter. Her brother, Samuel, still runs the family grocery, which she
        visits every Christmas.
        """,
        Q(
            "lookup",
            "organization",
            "Who paid for Okwu's scholarship?",
            "Which organisation funded Harriet Okwu's university scholarship?",
            "the Dockworkers' Union",
            ("Crossley College", "the Selby Haven Law Centre", "Grant and Mbeki"),
        ),
        Q(
            "lookup",
            "person",
            "Who runs the family grocery today?",
            "Which family member still keeps the grocery going?",
            "Samuel",
            ("her mother", "her father", "Harriet Okwu"),
        ),
        Q(
            "temporal",
            "date",
            "When did Okwu move to the Court of Appeal?",
            "In what year did she join the Court of Appeal?",
            "2017",
            ("2008", "1995", "1985"),
        ),
        Q(
            "multi_sentence",
            "organization",
            "Where did Okwu work immediately after qualifying?",
            "After she qualified in 1985, which organisation did she work for?",
            "the Selby Haven Law Centre",
            ("Grant and Mbeki", "Crossley College", "the Dockworkers' Union"),
        ),
        Q(
            "paraphrase",
            "other",
            "What kind of cases made Okwu's name as a barrister?",
            "For which area of law did Okwu become known at the chambers?",
            "employment cases",
            ("free advice to tenants and workers", "law", "the Court of Appeal"),
        ),
        Q(
            "unanswerable",
            "date",
            "When did Okwu's mother open the grocery?",
            "In what year was the family grocery started?",
            None,
            plausible="1985",
        ),
    ),
    P(
        "p091",
        "The Clockwork Fox",
        "fiction",
        "short story",
        True,
        """
        Every evening at six, the clockwork fox in the window of Dorrit's toyshop ran once around
        its little wooden forest and then sat down. Children pressed their noses to the glass to
        watch. One December the fox stopped running. Old Mr Dorrit opened it up and found a worn
        spring, but the maker, a man named Ambrose Tell, had died years ago, and no one else
        made springs of that size. Dorrit's granddaughter, Lily, who was eleven, wrote a letter
        to every clockmaker in the city. Only one replied: Mrs Ingrid Sorensen, who had been
        Tell's apprentice. She came on Christmas Eve with a spring in her pocket that she had
        kept for forty years. At six o'clock the fox ran again, and Mrs Sorensen cried, because
        she had helped build it when she was Lily's age.
        """,
        Q(
            "lookup",
            "person",
            "Who wrote to every clockmaker in the city?",
            "Which person sent letters to all the city's clockmakers?",
            "Lily",
            ("Mr Dorrit", "Mrs Ingrid Sorensen", "Ambrose Tell"),
            at=1,
        ),
        Q(
            "multi_sentence",
            "person",
            "Who had made the clockwork fox's original spring?",
            "Who was the maker whose springs no one else made?",
            "Ambrose Tell",
            ("Mrs Ingrid Sorensen", "Mr Dorrit", "Lily"),
        ),
        Q(
            "causal",
            "other",
            "Why did Mrs Sorensen cry?",
            "What made Mrs Sorensen cry when the fox ran again?",
            "she had helped build it when she was Lily's age",
            (
                "the fox stopped running",
                "no one else made springs of that size",
                "Children pressed their noses to the glass",
            ),
        ),
        Q(
            "numerical",
            "number",
            "How old was Mrs Sorensen when she helped build the fox?",
            "At what age did Mrs Sorensen help build the fox, since she was then Lily's age?",
            "eleven",
            ("forty", "six", "Only one"),
        ),
        Q(
            "lookup",
            "person",
            "Which clockmaker was the only one to reply to Lily?",
            "Who alone answered Lily's letters?",
            "Mrs Ingrid Sorensen",
            ("Ambrose Tell", "Mr Dorrit", "Lily"),
        ),
        Q(
            "unanswerable",
            "date",
            "In what year did Ambrose Tell die?",
            "When did the fox's maker die?",
            None,
            plausible="Christmas Eve",
        ),
    ),
    P(
        "p092",
        "Blood Donation: What to Expect",
        "health",
        "leaflet",
        True,
        """
        Thank you for offering to give blood. To donate you must be aged between 17 and 66 (or
        up to 70 if you have given blood before), weigh at least 50 kilograms and be in good
        health. When you arrive, a nurse will ask you some questions and test a drop of blood
        from your finger to check your iron level. The donation itself takes about ten minutes,
        and around 470 millilitres of blood is collected. Afterwards, rest for 15 minutes and
        have a drink and a snack. Avoid heavy exercise and alcohol for the rest of the day. Men
        can give blood every 12 weeks and women every 16 weeks, because women's iron stores
        usually take longer to recover. You should not donate if you have had a tattoo in the
        last four months.
        """,
        Q(
            "lookup",
            "other",
            "How often can women give blood?",
            "What is the minimum gap between donations for women, which is longer than for men?",
            "every 16 weeks",
            ("every 12 weeks", "15 minutes", "four months"),
        ),
        Q(
            "causal",
            "other",
            "Why must women wait longer between donations than men?",
            "What is the reason for the longer interval for women?",
            "women's iron stores usually take longer to recover",
            (
                "to check your iron level",
                "Avoid heavy exercise and alcohol",
                "if you have had a tattoo in the last four months",
            ),
        ),
        Q(
            "negation",
            "other",
            "In what circumstance should you not donate?",
            "When are you told not to give blood?",
            "if you have had a tattoo in the last four months",
            ("if you have given blood before", "in good health", "at least 50 kilograms"),
        ),
        Q(
            "numerical",
            "number",
            "How much blood is collected?",
            "What volume of blood is taken in a donation?",
            "around 470 millilitres",
            ("50 kilograms", "about ten minutes", "15 minutes"),
        ),
        Q(
            "multi_sentence",
            "number",
            "Up to what age can someone who has given blood before donate?",
            "For a returning donor, what is the upper age limit?",
            "70",
            ("66", "17", "16"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many people give blood each year?",
            "What is the number of blood donors per year?",
            None,
            plausible="470",
        ),
    ),
    P(
        "p093",
        "Guide to the Hollin Botanical Garden",
        "travel",
        "travel guide",
        False,
        """
        The Hollin Botanical Garden covers 16 hectares on the south bank of the River Aske. Enter
        through the Lion Gate on Garden Street; the ticket office is just inside. The Palm House,
        a Victorian glasshouse built in 1868, holds tropical plants and is kept at 25 degrees all
        year. Next to it, the smaller Cactus House holds desert plants from three continents.
        The Rose Garden is at its best in June, while the Japanese Garden, with its pond and
        stone lanterns, is loveliest in autumn when the maples turn red. The Garden Cafe by the
        lake serves lunches until 3 pm. Guided tours leave from the Lion Gate at 11 am and 2 pm
        and are included in the ticket. Dogs are not allowed, except assistance dogs. The garden
        closes at 6 pm in summer and 4 pm in winter.
        """,
        Q(
            "comparison",
            "location",
            "Which glasshouse is smaller?",
            "Of the two glasshouses, which is the smaller one?",
            "Cactus House",
            ("Palm House", "Japanese Garden", "Rose Garden"),
        ),
        Q(
            "lookup",
            "location",
            "Where do guided tours leave from?",
            "From what point do the guided tours start?",
            "the Lion Gate",
            ("the ticket office", "The Garden Cafe", "The Rose Garden"),
            at=2,
        ),
        Q(
            "temporal",
            "date",
            "When is the Rose Garden at its best?",
            "In which month does the Rose Garden look finest?",
            "June",
            ("autumn", "summer", "winter"),
        ),
        Q(
            "negation",
            "thing",
            "Which dogs are allowed in the garden?",
            "Despite the ban on dogs, which dogs may enter?",
            "assistance dogs",
            ("tropical plants", "maples", "desert plants"),
        ),
        Q(
            "paraphrase",
            "number",
            "At what temperature is the Palm House kept?",
            "How warm is the Palm House throughout the year?",
            "25 degrees",
            ("16 hectares", "1868", "three continents"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does a ticket cost?",
            "What is the admission price?",
            None,
            plausible="16",
        ),
    ),
    P(
        "p094",
        "Parking Permit Notice",
        "law",
        "notice",
        False,
        """
        Residents' parking zone K. From 1 March, parking on streets in zone K is for permit
        holders only, Monday to Saturday, 8 am to 6 pm. Each household may buy up to two
        permits. The first permit costs 60 pounds a year and the second 110 pounds. Visitor
        permits cost 2 pounds a day and are sold in books of ten. Blue Badge holders may park
        without a permit. Permits are not valid in other zones. Vehicles parked without a valid
        permit will receive a penalty charge of 70 pounds, reduced to 35 pounds if paid within
        14 days. Apply online at the Harton Borough Council website or by post.
        """,
        Q(
            "lookup",
            "number",
            "How much does the second permit cost?",
            "What is the price of a household's second permit, which costs more than the first?",
            "110 pounds",
            ("60 pounds", "70 pounds", "35 pounds"),
        ),
        Q(
            "negation",
            "other",
            "Where are the permits not valid?",
            "In which places can a zone K permit not be used?",
            "in other zones",
            ("streets in zone K", "Monday to Saturday", "online"),
        ),
        Q(
            "lookup",
            "number",
            "How much is the penalty if paid within 14 days?",
            "If paid promptly, what does the penalty charge come down to?",
            "35 pounds",
            ("70 pounds", "2 pounds", "60 pounds"),
        ),
        Q(
            "lookup",
            "other",
            "Who may park without a permit?",
            "Which drivers do not need a permit?",
            "Blue Badge holders",
            ("permit holders", "Residents", "Vehicles"),
        ),
        Q(
            "numerical",
            "number",
            "How many visitor permits are in a book?",
            "What number of visitor permits does each book contain?",
            "ten",
            ("two", "14", "60"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many households are in zone K?",
            "What number of households does zone K cover?",
            None,
            plausible="two",
        ),
    ),
    P(
        "p095",
        "The Dust Bowl Summers of Carrow County",
        "history",
        "encyclopedic",
        True,
        """
        Between 1931 and 1937, Carrow County suffered six summers of drought. The county's
        farmers had ploughed up the native grasses in the boom years of the 1920s to plant
        wheat, and when the rains failed, nothing held the dry soil in place. The worst storm,
        on 14 April 1935, carried dust as far as the coastal city of Port Avery, 600 kilometres
        away; residents called it Black Sunday. About a third of the county's families left,
        most heading west to the fruit farms of the Delmar valley. Those who stayed were helped
        by a government programme that paid farmers to plant rows of trees as windbreaks and to
        plough along the contours of the land. The county agent who ran the programme, Ellen
        Ruckert, later wrote that the farmers trusted her only after she lost her own farm.
        By 1940 crops had recovered.
        """,
        Q(
            "causal",
            "other",
            "Why was the soil blown away when the rains failed?",
            "What had left the dry soil with nothing to hold it?",
            "The county's farmers had ploughed up the native grasses",
            ("a government programme", "she lost her own farm", "most heading west"),
        ),
        Q(
            "temporal",
            "date",
            "On what date was the worst storm?",
            "When did Black Sunday happen?",
            "14 April 1935",
            ("1931", "1937", "1940"),
        ),
        Q(
            "lookup",
            "location",
            "Where did most of the families who left go?",
            "To which place did most departing families head?",
            "the fruit farms of the Delmar valley",
            ("Port Avery", "Carrow County", "the coastal city"),
        ),
        Q(
            "coreference",
            "person",
            "Who lost her own farm?",
            "Which person, by her own account, lost her farm?",
            "Ellen Ruckert",
            ("residents", "the farmers", "Those who stayed"),
        ),
        Q(
            "paraphrase",
            "other",
            "What did the government pay farmers to plant?",
            "Which plantings did the programme fund?",
            "rows of trees as windbreaks",
            ("wheat", "the native grasses", "crops"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many families lived in Carrow County before the drought?",
            "What was the number of families in the county before 1931?",
            None,
            plausible="About a third",
        ),
    ),
    P(
        "p096",
        "Interview: The Woman Who Mends Violins",
        "arts",
        "interview",
        True,
        """
        In a narrow workshop above a bakery on Fell Street, Marguerite Aubel repairs violins,
        violas and cellos for players across the region. She trained in Mirecourt for four
        years and opened her own shop in 1999. She has repaired more than 3,000 instruments since. Asked what the most common repair is, she laughs:
        "Cracks. Instruments hate central heating. The wood dries out in winter and splits." She
        recommends that players keep a humidifier in the case. Her most unusual job was a cello
        that had been run over by a taxi; it took her seven months to rebuild, and its owner,
        the cellist Tobias Wren, still plays it in concerts. Aubel does not make new
        instruments. "Making is for people who are patient with themselves," she says. "I am
        only patient with other people's violins." Her apprentice, Jonas Pike, will take over
        the workshop when she retires next year.
        """,
        Q(
            "causal",
            "other",
            "Why do instruments crack in winter, according to Aubel?",
            "What makes the wood split in winter?",
            "central heating",
            ("a humidifier", "a taxi", "other people's violins"),
        ),
        Q(
            "negation",
            "thing",
            "What does Aubel not make?",
            "Which work does Aubel not do in her workshop?",
            "new instruments",
            ("violins, violas and cellos", "Cracks", "a humidifier"),
        ),
        Q(
            "coreference",
            "person",
            "Who still plays the rebuilt cello in concerts?",
            "Which musician continues to perform on the cello that was run over?",
            "Tobias Wren",
            ("Jonas Pike", "Marguerite Aubel", "players"),
        ),
        Q(
            "numerical",
            "number",
            "How long did it take to rebuild the cello?",
            "How many months did the cello rebuild require?",
            "seven months",
            ("four years", "1999", "more than 3,000"),
        ),
        Q(
            "multi_sentence",
            "person",
            "Who will run the workshop after Aubel retires?",
            "When Aubel retires next year, who takes over?",
            "Jonas Pike",
            ("Tobias Wren", "Marguerite Aubel", "the cellist"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does Aubel charge to repair a crack?",
            "What is the price of a crack repair at Aubel's workshop?",
            None,
            plausible="seven months",
        ),
    ),
    P(
        "p097",
        "Tide Tables Explained",
        "science",
        "explainer",
        False,
        """
        Tides are caused mainly by the pull of the moon's gravity on the oceans, with a smaller
        contribution from the sun. Most coasts have two high tides and two low tides roughly
        every 24 hours and 50 minutes, so high tide comes about 50 minutes later each day. When
        the sun, moon and earth are in line, at new moon and full moon, their pulls combine to
        give spring tides, which have the greatest range between high and low water. Spring
        tides have nothing to do with the season. When the sun and moon pull at right angles,
        about a week later, the range is smallest; these are neap tides. A tide table lists the
        time and height of each high and low water for a place. Heights are given in metres
        above chart datum, a level close to the lowest tide expected. The largest tidal range in the region, 11
        metres, is found at Carrick Bay.
        """,
        Q(
            "comparison",
            "thing",
            "Which tides have the smallest range?",
            "What are the tides with the least difference between high and low water called?",
            "neap tides",
            ("spring tides", "high tides", "low tides"),
        ),
        Q(
            "negation",
            "thing",
            "What do spring tides have nothing to do with?",
            "Spring tides are unrelated to what?",
            "the season",
            ("new moon and full moon", "the moon's gravity", "chart datum"),
        ),
        Q(
            "numerical",
            "number",
            "About how much later does high tide come each day?",
            "By roughly how many minutes does high tide shift daily?",
            "about 50 minutes",
            ("24 hours", "11 metres", "two"),
        ),
        Q(
            "paraphrase",
            "thing",
            "What mainly causes the tides?",
            "What is the chief force behind tides?",
            "the pull of the moon's gravity",
            ("the sun", "chart datum", "the season"),
        ),
        Q(
            "lookup",
            "thing",
            "What level are tide heights measured above?",
            "Heights in a tide table are given relative to what?",
            "chart datum",
            ("the lowest tide", "low water", "the oceans"),
            at=1,
        ),
        Q(
            "unanswerable",
            "number",
            "How high is the highest tide ever recorded?",
            "What is the record height of a tide?",
            None,
            plausible="11 metres",
        ),
    ),
    P(
        "p098",
        "Staff Announcement: New Head of Research",
        "business",
        "announcement",
        True,
        """
        I am delighted to announce that Dr Yusuf Demir will become Head of Research at Calloway
        Pharmaceuticals on 1 September. Yusuf joined us in 2012 as a laboratory scientist and
        has led the vaccine team since 2018, during which time the team brought two products to
        market. He replaces Dr Margaret Ellison, who retires in August after 26 years with the
        company. Margaret built our research department from a staff of five to more than 200,
        and she will remain an adviser to the board for one year. Yusuf's former role as head of
        the vaccine team will be filled by Dr Lin Zhao, currently his deputy. Please join me in
        congratulating Yusuf and Lin and in thanking Margaret for everything she has done. A
        farewell lunch for Margaret will be held on 28 August in the staff restaurant. Anita
        Kaur, Chief Executive.
        """,
        Q(
            "coreference",
            "person",
            "Who will remain an adviser to the board for one year?",
            "Which person will advise the board for a year?",
            "Margaret",
            ("Yusuf", "Lin", "Anita Kaur"),
            at=1,
        ),
        Q(
            "multi_sentence",
            "person",
            "Who will lead the vaccine team from September?",
            "Who takes over Yusuf's old job as head of the vaccine team?",
            "Dr Lin Zhao",
            ("Dr Yusuf Demir", "Dr Margaret Ellison", "Anita Kaur"),
        ),
        Q(
            "lookup",
            "number",
            "How large is the research department now compared with when Margaret started it?",
            "From five staff, what size has the research department grown to?",
            "more than 200",
            ("five", "26 years", "two products"),
        ),
        Q(
            "temporal",
            "date",
            "Since when has Yusuf led the vaccine team?",
            "In what year did Yusuf start leading the vaccine team?",
            "2018",
            ("2012", "1 September", "28 August"),
        ),
        Q(
            "lookup",
            "location",
            "Where will the farewell lunch be held?",
            "In what place is Margaret's farewell lunch?",
            "the staff restaurant",
            ("Calloway Pharmaceuticals", "the board", "the vaccine team"),
        ),
        Q(
            "unanswerable",
            "date",
            "When did Margaret Ellison join the board?",
            "In what year did Margaret become a board member?",
            None,
            plausible="2012",
        ),
    ),
    P(
        "p099",
        "Folk Tale: The Miller and the River Spirit",
        "fiction",
        "short story",
        True,
        """
        Long ago a miller named Gorran lived beside the River Tey. One dry summer the river fell
        so low that his wheel stopped turning. That night a woman in a green cloak knocked at
        his door and said she was the spirit of the river. She promised to bring back the water
        if he would give her the first thing that greeted him when he came home the next day.
        Gorran thought of his dog, who always ran to meet him, and agreed. But the next evening
        it was his young son, Bryn, who ran out to greet him, because the dog had gone lame.
        Gorran begged the spirit to take the mill instead. She looked at the boy for a long time
        and then laughed. She said she had only wanted to know what Gorran valued most, and she
        let the river run again.
        """,
        Q(
            "lookup",
            "person",
            "Who ran out to greet Gorran the next evening?",
            "Who was the first to greet the miller when he came home?",
            "his young son, Bryn",
            ("his dog", "a woman in a green cloak", "the spirit of the river"),
        ),
        Q(
            "causal",
            "other",
            "Why did the dog not run to meet Gorran?",
            "What stopped the dog from greeting the miller?",
            "the dog had gone lame",
            ("the river fell so low", "his wheel stopped turning", "she had only wanted to know"),
        ),
        Q(
            "multi_sentence",
            "thing",
            "What did Gorran expect to give the spirit when he agreed?",
            "When he made the promise, what was Gorran thinking he would hand over?",
            "his dog",
            ("the mill", "his young son", "the water"),
            at=1,
        ),
        Q(
            "negation",
            "thing",
            "What did Gorran offer the spirit instead of his son?",
            "Rather than the boy, what did the miller beg the spirit to take?",
            "the mill",
            ("his dog", "the water", "his wheel"),
        ),
        Q(
            "temporal",
            "other",
            "What did the spirit do right after looking at the boy for a long time?",
            "After her long look at the boy, how did the spirit react?",
            "laughed",
            ("knocked at his door", "let the river run again", "begged"),
        ),
        Q(
            "unanswerable",
            "person",
            "What was the name of Gorran's wife?",
            "Who was the miller married to?",
            None,
            plausible="Bryn",
        ),
        Q(
            "coreference",
            "person",
            "Who looked at the boy for a long time and then laughed?",
            "After a long look at the boy, who laughed?",
            "the spirit of the river",
            ("Gorran", "Bryn", "his dog"),
        ),
    ),
    P(
        "p100",
        "Sea Level Rise at Hallow Point",
        "science",
        "news report",
        False,
        """
        A tide gauge at Hallow Point has recorded a rise in average sea level of 21 centimetres
        since 1920, according to a report by the Coastal Observatory of Wendmark. The rise has
        speeded up: over the last 30 years the sea has risen by about 4 millimetres a year,
        compared with about 1.5 millimetres a year in the early twentieth century. The report's
        author, Dr Nkechi Obi, said the main causes were water expanding as it warms and melting
        glaciers and ice sheets. The land at Hallow Point is also sinking slowly, by around 1
        millimetre a year, which makes local flooding worse. High tides now reach the coast
        road several times each winter, something that happened only once a decade in the
        1950s. The town council plans to raise the sea wall by 60 centimetres by 2030.
        """,
        Q(
            "lookup",
            "number",
            "How fast has the sea risen over the last 30 years?",
            "What is the recent yearly rate of sea level rise, compared with the early twentieth century?",
            "about 4 millimetres a year",
            ("about 1.5 millimetres a year", "around 1 millimetre a year", "21 centimetres"),
        ),
        Q(
            "multi_sentence",
            "other",
            "What makes local flooding worse at Hallow Point besides rising seas?",
            "Apart from the sea rising, what else worsens flooding there?",
            "The land at Hallow Point is also sinking slowly",
            (
                "water expanding as it warms",
                "melting glaciers and ice sheets",
                "High tides now reach the coast road",
            ),
        ),
        Q(
            "paraphrase",
            "person",
            "Which person wrote the report?",
            "Who is the individual author of the Coastal Observatory's report?",
            "Dr Nkechi Obi",
            ("The town council", "the Coastal Observatory of Wendmark", "Hallow Point"),
        ),
        Q(
            "numerical",
            "number",
            "By how much will the sea wall be raised?",
            "What height will be added to the sea wall?",
            "60 centimetres",
            ("21 centimetres", "30 years", "4 millimetres"),
        ),
        Q(
            "temporal",
            "other",
            "How often did high tides reach the coast road in the 1950s?",
            "In the 1950s, how frequently did the coast road flood at high tide?",
            "only once a decade",
            ("several times each winter", "a year", "by 2030"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many homes are at risk of flooding at Hallow Point?",
            "What number of houses could be flooded?",
            None,
            plausible="60",
        ),
    ),
    P(
        "p101",
        "Match Report: Fenwick Falcons 24, Dunmore Rams 19",
        "sports",
        "sports report",
        True,
        """
        Fenwick Falcons came from behind to beat the Dunmore Rams 24-19 in the county rugby final
        at Lindley Park on Saturday. The Rams dominated the first half and led 16-3 at the break,
        with a try from their winger Owen Bates and three penalties from fly-half Rhys Caddick.
        Falcons coach Mark Doyle made two changes at half time, bringing on the young scrum-half
        Ellis Grant, and the game turned. Grant set up a try for centre Sam Okafor within five
        minutes, and the Falcons' captain, Liam Redd, scored himself after a long drive from the
        forwards. Caddick kicked a fourth penalty to put the Rams ahead again, but with two
        minutes left Grant broke through and scored the winning try under the posts. Doyle said
        afterwards that Grant had been left out of the starting team only because he had been
        ill during the week.
        """,
        Q(
            "comparison",
            "organization",
            "Which team led at half time?",
            "Who was ahead at the break?",
            "The Rams",
            ("Fenwick Falcons", "the Falcons", "Lindley Park"),
        ),
        Q(
            "lookup",
            "person",
            "Who scored the winning try?",
            "Which player crossed for the decisive try under the posts?",
            "Grant",
            ("Caddick", "Doyle", "Liam Redd"),
            at=3,
        ),
        Q(
            "causal",
            "other",
            "Why had Grant been left out of the starting team?",
            "What was the reason Grant did not start the match?",
            "he had been ill during the week",
            (
                "The Rams dominated the first half",
                "after a long drive from the forwards",
                "the game turned",
            ),
        ),
        Q(
            "numerical",
            "number",
            "How many penalties did Rhys Caddick kick in total?",
            "Counting the one in the second half, how many penalties did Caddick score?",
            "a fourth penalty",
            ("three penalties", "two changes", "five minutes"),
        ),
        Q(
            "lookup",
            "person",
            "Which player set up Sam Okafor's try?",
            "Who created the try scored by the Falcons' centre?",
            "Grant",
            ("Liam Redd", "Owen Bates", "Mark Doyle"),
            at=2,
        ),
        Q(
            "unanswerable",
            "number",
            "How many spectators watched the final?",
            "What was the crowd at Lindley Park?",
            None,
            plausible="24-19",
        ),
    ),
    P(
        "p102",
        "How Noise-Cancelling Headphones Work",
        "technology",
        "explainer",
        False,
        """
        Noise-cancelling headphones use small microphones on each ear cup to pick up sound from
        the world around you. A chip inside the headphones analyses this sound and produces a
        matching wave that is exactly out of step with it: where the incoming wave rises, the
        new wave falls. When the two waves meet, they cancel each other out, and you hear much
        less of the outside noise. This works best for steady, low-pitched sounds such as the
        hum of an aircraft engine or an air conditioner. It works less well for sudden or
        high-pitched sounds, such as voices or a baby crying, because the chip cannot react
        quickly enough. For those, the padding of the ear cups does most of the work by
        physically blocking sound. Noise cancelling uses battery power, so it stops when the
        battery runs out.
        """,
        Q(
            "comparison",
            "thing",
            "For which sounds does noise cancelling work best?",
            "Which kind of sound is cancelled most effectively?",
            "steady, low-pitched sounds",
            ("sudden or high-pitched sounds", "voices", "a baby crying"),
        ),
        Q(
            "causal",
            "other",
            "Why does noise cancelling work less well for voices?",
            "What limits the headphones' ability to cancel voices?",
            "the chip cannot react quickly enough",
            (
                "they cancel each other out",
                "it stops when the battery runs out",
                "physically blocking sound",
            ),
        ),
        Q(
            "paraphrase",
            "thing",
            "What blocks high-pitched sounds physically?",
            "For sudden sounds, which part of the headphones does most of the blocking?",
            "the padding of the ear cups",
            ("small microphones", "A chip", "the battery"),
        ),
        Q(
            "lookup",
            "thing",
            "What produces the wave that is out of step with outside sound?",
            "Which component creates the cancelling wave?",
            "A chip",
            ("small microphones", "the padding of the ear cups", "an air conditioner"),
        ),
        Q(
            "negation",
            "other",
            "When does noise cancelling stop working?",
            "What makes noise cancelling cease to function?",
            "when the battery runs out",
            ("When the two waves meet", "where the incoming wave rises", "the new wave falls"),
        ),
        Q(
            "unanswerable",
            "number",
            "How long does the battery last?",
            "For how many hours can the headphones cancel noise on one charge?",
            None,
            plausible="two",
        ),
    ),
    P(
        "p103",
        "Neighbourhood Watch Bulletin",
        "community",
        "announcement",
        True,
        """
        Dear neighbours, there have been three break-ins on Alder Close and Birch Road in the
        past month, all through back doors left unlocked during the day. Police Constable Jenna
        Morris, our community officer, will give a free talk on home security at the scout hut
        on Tuesday 4 February at 7 pm. She will also bring free timer switches for lamps, which
        make a house look occupied in the evening. On 11 February, volunteers from the fire
        service will check smoke alarms for anyone over 70; book with our coordinator, Pat
        Nolan, on 01632 960 118. Please report anything suspicious to the police on 101, or on
        999 if a crime is in progress. Our next street litter pick is on Sunday 23 February,
        meeting at the corner of Alder Close at 10 am.
        """,
        Q(
            "multi_sentence",
            "person",
            "Who will bring free timer switches?",
            "Which person is handing out free lamp timers?",
            "Police Constable Jenna Morris",
            ("Pat Nolan", "volunteers from the fire service", "neighbours"),
        ),
        Q(
            "causal",
            "other",
            "How did the burglars get in?",
            "By what means were the break-ins carried out?",
            "through back doors left unlocked during the day",
            ("make a house look occupied", "if a crime is in progress", "at the scout hut"),
        ),
        Q(
            "lookup",
            "number",
            "What number should you call to report something suspicious that is not a crime in progress?",
            "For suspicious activity that is not an ongoing crime, which police number do you ring?",
            "101",
            ("999", "70", "118"),
        ),
        Q(
            "temporal",
            "date",
            "When is the next litter pick?",
            "On what date is the next street litter pick?",
            "Sunday 23 February",
            ("Tuesday 4 February", "11 February", "the past month"),
        ),
        Q(
            "lookup",
            "person",
            "Who should people over 70 book with to have their smoke alarms checked?",
            "Which coordinator takes bookings for smoke alarm checks?",
            "Pat Nolan",
            ("Police Constable Jenna Morris", "volunteers from the fire service", "neighbours"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many houses are on Alder Close?",
            "What is the number of homes on Alder Close?",
            None,
            plausible="three",
        ),
    ),
    P(
        "p104",
        "Letter from an Exchange Student",
        "education",
        "letter",
        True,
        """
        Dear Mrs Albright, I have now been in Kyoto for six weeks, and I wanted to thank you for
        encouraging me to apply for the exchange. My host family, the Tanakas, have two children:
        Haruto, who is fourteen, and Mei, who is nine. Mr Tanaka teaches music and plays the
        shakuhachi, a bamboo flute, every evening. School starts at 8.30 and finishes at 3.30,
        but most students stay for club activities until six. I joined the calligraphy club,
        because my handwriting is so bad even in English! Lessons are harder than I expected,
        especially Japanese literature, but my classmate Yuki helps me every lunchtime. Last
        weekend Haruto took me to see the temples in Nara, where deer walk freely in the park.
        I will be home on 20 July. With best wishes, Rachel
        """,
        Q(
            "comparison",
            "person",
            "Which of the Tanaka children is older?",
            "Who is the elder of the two Tanaka children?",
            "Haruto",
            ("Mei", "Yuki", "Rachel"),
            at=1,
        ),
        Q(
            "causal",
            "other",
            "Why did Rachel join the calligraphy club?",
            "What was Rachel's reason for choosing calligraphy?",
            "my handwriting is so bad even in English",
            (
                "Lessons are harder than I expected",
                "most students stay for club activities",
                "deer walk freely in the park",
            ),
        ),
        Q(
            "lookup",
            "person",
            "Who took Rachel to see the temples in Nara?",
            "Which person went with Rachel to Nara?",
            "Haruto",
            ("Yuki", "Mr Tanaka", "Mei"),
            at=2,
        ),
        Q(
            "paraphrase",
            "thing",
            "What instrument does Mr Tanaka play every evening?",
            "What does Rachel's host father play each night?",
            "the shakuhachi",
            ("calligraphy", "Japanese literature", "deer"),
        ),
        Q(
            "numerical",
            "number",
            "How long has Rachel been in Kyoto?",
            "For how many weeks has Rachel been in Kyoto?",
            "six weeks",
            ("fourteen", "nine", "20"),
        ),
        Q(
            "unanswerable",
            "date",
            "When did Rachel arrive in Kyoto?",
            "On what date did Rachel reach Kyoto?",
            None,
            plausible="20 July",
        ),
    ),
    P(
        "p105",
        "Warranty Terms for the Aster Washing Machine",
        "law",
        "manual",
        False,
        """
        Your Aster WM7 washing machine is covered by a guarantee for two years from the date of
        purchase. The motor is covered for ten years. During the guarantee period, Aster will
        repair or replace faulty parts free of charge, including labour. The guarantee does not
        cover damage caused by misuse, by incorrect installation, or by foreign objects such as
        coins left in pockets. It does not cover consumable items such as filters and hoses.
        The machine must be used in a private household; commercial use, for example in a
        launderette, ends the guarantee. To make a claim, call Aster Care on 0345 600 2207 and
        have your proof of purchase and the serial number ready. The serial number is on a
        label inside the door. The guarantee is valid only in the country where the machine
        was bought.
        """,
        Q(
            "comparison",
            "thing",
            "Which part is covered for longer than the rest of the machine?",
            "What component has a longer guarantee than the two-year general cover?",
            "The motor",
            ("filters and hoses", "faulty parts", "the door"),
        ),
        Q(
            "negation",
            "thing",
            "Which consumable items are not covered?",
            "What consumables does the guarantee exclude?",
            "filters and hoses",
            ("faulty parts", "The motor", "coins"),
        ),
        Q(
            "multi_sentence",
            "location",
            "Where can you find the serial number you need for a claim?",
            "For a claim, the serial number is needed; where is it located?",
            "on a label inside the door",
            ("in pockets", "in a launderette", "in a private household"),
        ),
        Q(
            "lookup",
            "organization",
            "Whom should you call to make a claim?",
            "Which service do you phone to claim under the guarantee?",
            "Aster Care",
            ("a launderette", "WM7", "a private household"),
        ),
        Q(
            "causal",
            "other",
            "What would end the guarantee?",
            "Which kind of use brings the guarantee to an end?",
            "commercial use",
            ("incorrect installation", "misuse", "foreign objects"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does a replacement filter cost?",
            "What is the price of a new filter?",
            None,
            plausible="ten years",
        ),
    ),
    P(
        "p106",
        "The Lost Expedition of Captain Verity",
        "history",
        "encyclopedic",
        True,
        """
        In 1871 Captain Adela Verity led an expedition of eighteen people to map the upper Sarra
        River. The party left the trading post of Fort Kell in April with four canoes and food
        for five months. In June two canoes were lost in rapids below the Ember Falls, along
        with most of the flour. Verity sent the surveyor Thomas Ake and three others back to
        Fort Kell for supplies, while the rest built a winter camp. Ake reached the fort in
        August, but an early winter froze the river and the relief party could not set out
        until the following May. When it reached the camp, it found only a journal and the
        graves of four men. The journal showed that Verity and the survivors had tried to walk
        north to the coast in March. No trace of them was ever found.
        """,
        Q(
            "temporal",
            "date",
            "When did Thomas Ake reach Fort Kell?",
            "In which month did the surveyor get back to the fort?",
            "August",
            ("April", "June", "March"),
        ),
        Q(
            "causal",
            "other",
            "Why could the relief party not set out until May?",
            "What delayed the relief party until the following May?",
            "an early winter froze the river",
            (
                "two canoes were lost in rapids",
                "most of the flour",
                "No trace of them was ever found",
            ),
        ),
        Q(
            "multi_sentence",
            "location",
            "Where had two canoes been lost?",
            "In what place did the expedition lose half of its canoes?",
            "in rapids below the Ember Falls",
            ("Fort Kell", "the upper Sarra River", "the coast"),
        ),
        Q(
            "numerical",
            "number",
            "How many people did Verity send back to Fort Kell?",
            "Counting Ake, how many went back for supplies?",
            "Thomas Ake and three others",
            ("eighteen people", "four canoes", "four men"),
        ),
        Q(
            "coreference",
            "organization",
            "What found only a journal and the graves of four men?",
            "In 'it found only a journal', what does 'it' refer to?",
            "the relief party",
            ("the river", "the fort", "the rest"),
        ),
        Q(
            "unanswerable",
            "location",
            "Where did Verity die?",
            "At what place did Captain Verity die?",
            None,
            plausible="the coast",
        ),
    ),
    P(
        "p107",
        "Email: Conference Travel Arrangements",
        "correspondence",
        "email",
        True,
        """
        Dear Dr Fischer, Thank you for agreeing to speak at the Northern Ecology Conference. Your
        talk is on Thursday 12 June at 11.15 am in the Elm Room and should last 25 minutes,
        followed by 10 minutes of questions. We have booked you a room at the Harbour Hotel for
        the nights of 11 and 12 June; breakfast is included. Your train from Leeds arrives at
        Wexport station at 4.50 pm on 11 June, and a taxi will meet you there. Please keep your
        train ticket, as we will refund it along with any other travel costs up to 200 pounds.
        The conference dinner is on the evening of 12 June at the Maritime Museum. If you have
        slides, please send them to my colleague, Oliver Grant, by 5 June so that he can load
        them in advance. Kind regards, Nadia Petrova, Conference Organiser.
        """,
        Q(
            "numerical",
            "number",
            "How long will Dr Fischer's talk and questions last in total?",
            "Including questions, how much time is set aside for the talk?",
            "25 minutes, followed by 10 minutes of questions",
            ("200 pounds", "4.50 pm", "11.15 am"),
        ),
        Q(
            "coreference",
            "person",
            "Who will load the slides in advance?",
            "Which person is going to load the slides before the talk?",
            "Oliver Grant",
            ("Nadia Petrova", "Dr Fischer", "a taxi"),
        ),
        Q(
            "lookup",
            "location",
            "Where is the conference dinner?",
            "At what venue will the conference dinner be held?",
            "the Maritime Museum",
            ("the Harbour Hotel", "the Elm Room", "Wexport station"),
        ),
        Q(
            "multi_sentence",
            "other",
            "Why should Dr Fischer keep the train ticket?",
            "What will happen to the train fare if the ticket is kept?",
            "we will refund it",
            ("a taxi will meet you there", "breakfast is included", "he can load them in advance"),
        ),
        Q(
            "temporal",
            "date",
            "By when should slides be sent?",
            "What is the deadline for sending slides?",
            "5 June",
            ("11 June", "Thursday 12 June", "12 June"),
        ),
        Q(
            "unanswerable",
            "person",
            "Who will chair Dr Fischer's session?",
            "Which person is chairing the session where Dr Fischer speaks?",
            None,
            plausible="Oliver Grant",
        ),
    ),
    P(
        "p108",
        "Fishing Quotas Cut for Northern Fleet",
        "news",
        "news report",
        True,
        """
        The Fisheries Ministry has cut the cod quota for the northern fleet by 20 percent for
        next year, following scientific advice that stocks in the Grey Sea are at their lowest
        level since records began in 1962. The haddock quota will stay the same, while the
        herring quota rises by 8 percent because herring stocks have recovered. Fishing leaders
        reacted angrily. Morag Innes, chair of the Northern Fishermen's Association, said the
        cut would put small family boats out of business and that scientists had underestimated
        the number of young cod. The minister, Alastair Grieve, said he understood the anger but
        that without action there might be no cod fishery at all within a decade. Boats that
        lose income will be able to apply to a 12 million pound support fund from March.
        """,
        Q(
            "comparison",
            "thing",
            "Which quota is going up?",
            "For which fish will the quota increase?",
            "the herring quota",
            ("The haddock quota", "the cod quota", "support fund"),
        ),
        Q(
            "lookup",
            "person",
            "Who said he understood the anger?",
            "Which person acknowledged the fishermen's anger?",
            "Alastair Grieve",
            ("Morag Innes", "Fishing leaders", "scientists"),
        ),
        Q(
            "causal",
            "other",
            "Why is the herring quota rising?",
            "What is the reason for the larger herring quota?",
            "herring stocks have recovered",
            (
                "stocks in the Grey Sea are at their lowest level",
                "without action there might be no cod fishery",
                "scientists had underestimated the number of young cod",
            ),
        ),
        Q(
            "negation",
            "thing",
            "Which quota will not change?",
            "Which fish's quota stays at the same level?",
            "The haddock quota",
            ("the herring quota", "the cod quota", "12 million"),
        ),
        Q(
            "numerical",
            "number",
            "By how much has the cod quota been cut?",
            "What is the size of the cut to the cod quota?",
            "20 percent",
            ("8 percent", "12 million", "1962"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many boats are in the northern fleet?",
            "What is the number of vessels in the northern fleet?",
            None,
            plausible="12 million",
        ),
    ),
    P(
        "p109",
        "Making Bread by Hand",
        "food",
        "recipe",
        True,
        """
        For one loaf you need 500 grams of strong white flour, 7 grams of dried yeast, 10 grams
        of salt and 320 millilitres of lukewarm water. Mix the flour, yeast and salt in a large
        bowl, keeping the salt and yeast on opposite sides at first, since salt in direct contact
        can slow the yeast. Add the water and mix to a rough dough. Knead it on a lightly floured
        surface for ten minutes, until it is smooth and springs back when pressed. Put it back in
        the bowl, cover it, and leave it somewhere warm for about an hour, until it has doubled
        in size. Then knock it back, shape it into a loaf and put it in a greased tin. Leave it
        to rise again for 30 minutes while the oven heats to 230 degrees. Bake for 30 to 35
        minutes, until the loaf sounds hollow when tapped underneath.
        """,
        Q(
            "causal",
            "other",
            "Why are the salt and yeast kept apart at first?",
            "What is the reason for keeping the salt away from the yeast?",
            "salt in direct contact can slow the yeast",
            (
                "until it has doubled in size",
                "springs back when pressed",
                "sounds hollow when tapped",
            ),
        ),
        Q(
            "temporal",
            "other",
            "What should you do after the dough has doubled in size?",
            "Once the dough has doubled, what is the next step?",
            "knock it back",
            ("Knead it", "Add the water", "Bake"),
        ),
        Q(
            "comparison",
            "number",
            "How much does the heavier of the yeast and the salt weigh?",
            "Of the yeast and the salt, how many grams does the heavier one weigh?",
            "10 grams",
            ("7 grams", "500 grams", "320 millilitres"),
        ),
        Q(
            "paraphrase",
            "other",
            "How can you tell the loaf is baked?",
            "What sign shows that the bread is done?",
            "sounds hollow when tapped underneath",
            ("springs back when pressed", "doubled in size", "smooth"),
        ),
        Q(
            "numerical",
            "number",
            "How long should the dough be kneaded?",
            "For how many minutes is the dough kneaded?",
            "ten minutes",
            ("30 minutes", "230 degrees", "30 to 35"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many slices does the loaf make?",
            "Into how many slices can the loaf be cut?",
            None,
            plausible="ten",
        ),
    ),
    P(
        "p110",
        "Medication Guide: Amoxil Junior Syrup",
        "health",
        "leaflet",
        False,
        """
        Amoxil Junior is an antibiotic syrup for children, used to treat infections of the ear,
        throat and chest. It does not work against colds or flu, which are caused by viruses.
        The usual dose for a child aged one to five is 5 millilitres three times a day; for a
        child aged six to twelve it is 10 millilitres three times a day. Use the measuring spoon
        provided, not a kitchen spoon. Give the syrup for the full course, usually seven days,
        even if your child seems better sooner, because stopping early can let the infection
        return. Common side effects include an upset stomach and diarrhoea. Stop the medicine
        and contact a doctor at once if your child develops a rash or swelling of the face.
        Store the syrup in the fridge and throw away any left after 14 days.
        """,
        Q(
            "negation",
            "thing",
            "Against which illnesses does Amoxil Junior not work?",
            "Which illnesses can the syrup not treat?",
            "colds or flu",
            ("infections of the ear, throat and chest", "an upset stomach", "diarrhoea"),
        ),
        Q(
            "numerical",
            "number",
            "What is the dose for a child aged eight?",
            "For a child in the six-to-twelve group, how much syrup per dose?",
            "10 millilitres",
            ("5 millilitres", "seven days", "14 days"),
        ),
        Q(
            "causal",
            "other",
            "Why should the full course be given even if the child seems better?",
            "What is the risk of stopping the course early?",
            "stopping early can let the infection return",
            (
                "which are caused by viruses",
                "Common side effects include an upset stomach",
                "if your child develops a rash",
            ),
        ),
        Q(
            "paraphrase",
            "thing",
            "What should be used to measure the syrup?",
            "Which spoon is the right one for measuring a dose?",
            "the measuring spoon provided",
            ("a kitchen spoon", "the fridge", "the full course"),
        ),
        Q(
            "lookup",
            "number",
            "After how many days should leftover syrup be thrown away?",
            "How long can opened syrup be kept in the fridge before disposal?",
            "14 days",
            ("seven days", "three times a day", "5 millilitres"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does a bottle of Amoxil Junior cost?",
            "What is the price of the syrup?",
            None,
            plausible="10 millilitres",
        ),
    ),
    P(
        "p111",
        "A Walk Through Greyfriars Quarter",
        "travel",
        "travel guide",
        False,
        """
        Greyfriars Quarter is the oldest part of the city of Kesterburgh and is best seen on
        foot. Start at the Corn Market, where a farmers' market is held on Wednesdays and
        Saturdays. Walk north along Cobbler's Lane, the narrowest street in the city, to reach
        St Oswin's Church, whose tower can be climbed for 3 pounds. From the church, turn east
        to the Guildhall, now home to the City Museum, which is free and open every day except
        Monday. Behind the Guildhall is Printers' Yard, a courtyard of craft shops and a small
        bookbinder's workshop. Finish at the Old Bridge, the only one of the city's five bridges
        to survive the great flood of 1771. The whole walk is about two kilometres and takes an
        hour without stops.
        """,
        Q(
            "lookup",
            "location",
            "Which is the narrowest street in the city?",
            "What is the name of Kesterburgh's narrowest street?",
            "Cobbler's Lane",
            ("Corn Market", "Printers' Yard", "Greyfriars Quarter"),
        ),
        Q(
            "negation",
            "date",
            "On which day is the City Museum not open?",
            "Which day is the museum closed?",
            "Monday",
            ("Wednesdays", "Saturdays", "every day"),
        ),
        Q(
            "lookup",
            "location",
            "Where is the City Museum?",
            "In which building is the City Museum housed?",
            "the Guildhall",
            ("St Oswin's Church", "Printers' Yard", "the Old Bridge"),
            at=1,
        ),
        Q(
            "lookup",
            "location",
            "Which bridge survived the great flood of 1771?",
            "Of the city's five bridges, which one still stands after the flood?",
            "the Old Bridge",
            ("Cobbler's Lane", "Corn Market", "the Guildhall"),
        ),
        Q(
            "numerical",
            "number",
            "How much does it cost to climb the church tower?",
            "What is the fee for climbing St Oswin's tower?",
            "3 pounds",
            ("two kilometres", "five", "1771"),
        ),
        Q(
            "unanswerable",
            "date",
            "When was St Oswin's Church built?",
            "In what year was the church constructed?",
            None,
            plausible="1771",
        ),
    ),
    P(
        "p112",
        "The Apprentice Who Built a Bridge",
        "fiction",
        "short story",
        True,
        """
        When the flood took the footbridge at Wren's Ford, the village council asked three
        builders to propose a new one. Master Kell wanted stone, which would take a year. Master
        Ruddock wanted iron, which would have to be brought from the city at great cost. The
        third builder was sick, so he sent his apprentice, a girl called Tansy who was barely
        sixteen. Tansy said the village did not need a grand bridge but a quick one, because the
        children could not reach the school on the far bank. She proposed a rope bridge of oak
        planks, using timber from the fallen trees the flood had left behind. The council
        laughed, but when she built a small model that held the weight of the mayor's dog, they
        agreed. The bridge was finished in nine days, and it stood for twenty years.
        """,
        Q(
            "comparison",
            "person",
            "Which builder's bridge would have had to be brought from the city at great cost?",
            "Whose proposal needed expensive materials from the city?",
            "Master Ruddock",
            ("Master Kell", "Tansy", "the mayor"),
        ),
        Q(
            "causal",
            "other",
            "Why did the village need a quick bridge?",
            "What made speed more important than grandeur?",
            "the children could not reach the school on the far bank",
            ("The third builder was sick", "The council laughed", "the flood took the footbridge"),
        ),
        Q(
            "lookup",
            "person",
            "Who was sick?",
            "Which person could not come and sent an apprentice instead?",
            "The third builder",
            ("Master Kell", "Master Ruddock", "Tansy"),
        ),
        Q(
            "multi_sentence",
            "thing",
            "What did Tansy's model hold the weight of?",
            "What convinced the council when placed on Tansy's model?",
            "the mayor's dog",
            ("oak planks", "the fallen trees", "the school"),
        ),
        Q(
            "numerical",
            "number",
            "How long did it take to finish the bridge?",
            "In how many days was the rope bridge built?",
            "nine days",
            ("twenty years", "three", "sixteen"),
        ),
        Q(
            "unanswerable",
            "person",
            "What was the name of Tansy's master?",
            "Who was the builder Tansy worked for?",
            None,
            plausible="Master Kell",
        ),
        Q(
            "multi_sentence",
            "number",
            "How old was the person whose model held the weight of the mayor's dog?",
            "What age was the builder of the model that carried the mayor's dog?",
            "sixteen",
            ("nine", "twenty", "three"),
        ),
        Q(
            "coreference",
            "person",
            "Who built the small model that held the weight of the mayor's dog?",
            "The model that carried the mayor's dog was built by whom?",
            "Tansy",
            ("Master Kell", "Master Ruddock", "The third builder"),
            at=2,
        ),
    ),
    P(
        "p113",
        "Annual Report of the Lowmoor Primary School Governors",
        "education",
        "school report",
        True,
        """
        This has been a year of change at Lowmoor Primary School. In September, Mrs Carol Dunne
        retired after fourteen years as headteacher, and the governors appointed Mr Isaac Boateng,
        previously deputy head at Fernside School, to replace her. The school roll rose from 212
        to 236 pupils, the highest number in its history, and a new Reception class was opened
        in the former library. The library itself moved to a refurbished classroom, paid for by
        a grant of 18,000 pounds from the Harwell Education Trust. In the national tests in May,
        81 percent of pupils in Year 6 reached the expected standard in reading, up from 74
        percent the year before; results in mathematics stayed level at 77 percent. The
        governors thank the Parents' Association, which raised 6,400 pounds for new playground
        equipment through its summer fair and sponsored walk. The main priority for next year is
        to improve writing, where results fell slightly. Attendance was 95.8 percent. The
        governors also welcome two new members: Dr Fatima Rahman, a local GP, and Mr Geoff Lyle,
        a retired engineer.
        """,
        Q(
            "coreference",
            "person",
            "Whom did Mr Isaac Boateng replace?",
            "Who was the headteacher before Mr Boateng?",
            "Mrs Carol Dunne",
            ("Dr Fatima Rahman", "Mr Geoff Lyle", "Mr Isaac Boateng"),
        ),
        Q(
            "numerical",
            "number",
            "How many pupils are on the school roll now?",
            "What is the current number of pupils at Lowmoor?",
            "236",
            ("212", "81 percent", "fourteen"),
        ),
        Q(
            "comparison",
            "thing",
            "Which subject's results improved in the national tests?",
            "In which subject did Year 6 results go up?",
            "reading",
            ("mathematics", "writing", "Attendance"),
        ),
        Q(
            "lookup",
            "organization",
            "Who paid for the library's move to a refurbished classroom?",
            "Which body funded the new library room?",
            "the Harwell Education Trust",
            ("the Parents' Association", "Fernside School", "the governors"),
        ),
        Q(
            "negation",
            "thing",
            "In which area did results fall?",
            "Where did results not hold up, falling slightly?",
            "writing",
            ("reading", "mathematics", "playground equipment"),
            at=1,
        ),
        Q(
            "lookup",
            "number",
            "How much did the Parents' Association raise?",
            "What sum did the parents' group collect for playground equipment?",
            "6,400 pounds",
            ("18,000 pounds", "95.8 percent", "77 percent"),
        ),
        Q(
            "unanswerable",
            "date",
            "When did Mr Boateng become deputy head at Fernside School?",
            "In what year was Boateng made deputy head of Fernside?",
            None,
            plausible="September",
        ),
    ),
    P(
        "p114",
        "Profile: Chef Amara Nwankwo",
        "biography",
        "biography",
        True,
        """
        Amara Nwankwo learned to cook in her grandmother's kitchen in Enugu before moving to the
        city of Calderport at the age of nineteen to study chemistry. She worked in a laboratory
        for six years, cooking for friends at weekends, until a supper club she ran in her flat
        was reviewed in the Calderport Evening Post. In 2015 she opened her first restaurant,
        Ube, in a former garage. It won a Golden Fork award within two years. She says her
        training as a chemist helps her in the kitchen, especially with fermentation, which she
        uses to make her own vinegars and sauces. Her second restaurant, Ogbono, opened in 2021
        and is larger, with 80 seats to Ube's 30. Nwankwo is also known for her work with the
        charity Full Plate, which teaches cooking to young people leaving care.
        """,
        Q(
            "comparison",
            "organization",
            "Which of Nwankwo's restaurants is larger?",
            "Between Ube and Ogbono, which has more seats?",
            "Ogbono",
            ("Ube", "Full Plate", "Calderport Evening Post"),
        ),
        Q(
            "lookup",
            "other",
            "What did Nwankwo study in Calderport?",
            "Which subject brought her to Calderport as a student?",
            "chemistry",
            ("fermentation", "cooking", "vinegars and sauces"),
        ),
        Q(
            "causal",
            "other",
            "What led to Nwankwo leaving laboratory work for cooking?",
            "What happened that launched her cooking career?",
            "a supper club she ran in her flat was reviewed in the Calderport Evening Post",
            (
                "It won a Golden Fork award",
                "her training as a chemist helps her",
                "teaches cooking to young people leaving care",
            ),
        ),
        Q(
            "temporal",
            "date",
            "When did Ogbono open?",
            "In what year was Nwankwo's second restaurant opened?",
            "2021",
            ("2015", "nineteen", "six years"),
        ),
        Q(
            "paraphrase",
            "organization",
            "Which charity does Nwankwo work with?",
            "What is the name of the charity she supports?",
            "Full Plate",
            ("Golden Fork", "Ube", "Ogbono"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many staff does Ogbono employ?",
            "What is the number of employees at Ogbono?",
            None,
            plausible="80",
        ),
    ),
    P(
        "p115",
        "Gallery Notice: The Blue Hours Exhibition",
        "arts",
        "announcement",
        False,
        """
        The Tessaly Gallery presents The Blue Hours, an exhibition of 46 night-time paintings
        by the landscape painter Ivo Marsh, from 3 March to 28 May. Marsh, who died in 2009,
        painted mostly outdoors after sunset, using a small lamp clipped to his easel. The
        exhibition brings together works from eleven private collections, many of which have
        never been shown in public. The largest painting, Harbour at Midnight, is almost four
        metres wide. Tickets cost 12 pounds, with free entry for under-18s and for everyone on
        the first Thursday of each month. Photography is not permitted in the exhibition rooms.
        A free talk by the curator, Beatrix Lowe, takes place on 15 March at 6.30 pm; places are
        limited and must be booked.
        """,
        Q(
            "lookup",
            "person",
            "Who is the curator of the exhibition?",
            "Which person curated The Blue Hours?",
            "Beatrix Lowe",
            ("Ivo Marsh", "under-18s", "everyone"),
        ),
        Q(
            "negation",
            "other",
            "What is not permitted in the exhibition rooms?",
            "Which activity is banned in the exhibition rooms?",
            "Photography",
            ("free entry", "A free talk", "places are limited"),
        ),
        Q(
            "comparison",
            "thing",
            "Which is the largest painting in the exhibition?",
            "What is the biggest work on show?",
            "Harbour at Midnight",
            ("The Blue Hours", "a small lamp", "46 night-time paintings"),
        ),
        Q(
            "lookup",
            "date",
            "On which day is entry free for everyone?",
            "When can adults visit without paying?",
            "the first Thursday of each month",
            ("15 March", "3 March", "28 May"),
        ),
        Q(
            "numerical",
            "number",
            "How many private collections lent works?",
            "From how many private collections do the paintings come?",
            "eleven",
            ("46", "12", "four"),
        ),
        Q(
            "unanswerable",
            "number",
            "How many visitors are expected?",
            "What number of visitors does the gallery expect for the show?",
            None,
            plausible="46",
        ),
    ),
    P(
        "p116",
        "Town Council Minutes: Market Square Redevelopment",
        "community",
        "minutes",
        True,
        """
        Minutes of the meeting of Brackley Town Council held on 8 October at the Town Hall.
        Present: Councillors Joan Marsh (mayor, in the chair), Ahmed Rauf, Diane Cole, Peter
        Lund, Grace Obeng and Tom Fairley. Also present: the town clerk, Susan Hartley, and
        eleven members of the public. 1. Apologies were received from Councillor Nigel Brent,
        who is in hospital; the council sent its best wishes. 2. Market Square redevelopment:
        the architect, Mr Rowan Yates of Yates and Partners, presented revised plans. The new
        plans keep the war memorial in its present position, after objections to the earlier
        proposal to move it, and reduce the number of parking spaces from 60 to 35 to make room
        for a children's play area. Councillor Cole asked whether the market traders had been
        consulted. Mr Yates said that he had met the traders' representative, Kath Bellamy,
        twice, and that the market would continue on Saturdays during the works, using the car
        park behind the library. Councillor Fairley proposed that the revised plans be
        approved; this was seconded by Councillor Obeng and carried by five votes to one, with
        Councillor Lund voting against. 3. The clerk reported that the Christmas lights will be
        switched on by the mayor on 29 November. The meeting closed at 9.10 pm.
        """,
        Q(
            "multi_sentence",
            "person",
            "Which councillor voted against the revised plans?",
            "Who was the one vote against approval?",
            "Councillor Lund",
            ("Councillor Cole", "Councillor Fairley", "Councillor Obeng"),
        ),
        Q(
            "causal",
            "other",
            "Why do the new plans keep the war memorial where it is?",
            "What led the architect to leave the war memorial in place?",
            "after objections to the earlier proposal to move it",
            (
                "to make room for a children's play area",
                "who is in hospital",
                "using the car park behind the library",
            ),
        ),
        Q(
            "numerical",
            "number",
            "How many parking spaces will the square have under the new plans?",
            "To what number are the parking spaces reduced?",
            "35",
            ("60", "eleven", "five"),
        ),
        Q(
            "lookup",
            "person",
            "Who met the traders' representative twice?",
            "Which person says he met Kath Bellamy on two occasions?",
            "Mr Yates",
            ("Councillor Cole", "Susan Hartley", "Joan Marsh"),
        ),
        Q(
            "negation",
            "person",
            "Which councillor was not present because he is in hospital?",
            "Who sent apologies for being absent?",
            "Councillor Nigel Brent",
            ("Tom Fairley", "Peter Lund", "Ahmed Rauf"),
        ),
        Q(
            "lookup",
            "location",
            "Where will the market be held during the works?",
            "While the square is being rebuilt, where does the Saturday market go?",
            "the car park behind the library",
            ("the Town Hall", "Market Square", "the war memorial"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much will the redevelopment cost?",
            "What is the budget for redeveloping Market Square?",
            None,
            plausible="60",
        ),
    ),
    P(
        "p117",
        "Why Bread Goes Stale",
        "science",
        "explainer",
        False,
        """
        Many people think bread goes stale because it dries out, but that is only part of the
        story. The main cause is a change in the starch. When bread is baked, starch grains
        absorb water and lose their orderly structure, which gives fresh bread its soft crumb.
        As the bread cools and sits, the starch molecules slowly line up again into crystals,
        squeezing out water and making the crumb firm and crumbly. This process, called
        retrogradation, happens fastest at fridge temperatures, so bread kept in the fridge goes
        stale about three times faster than bread kept at room temperature. Freezing stops the
        process almost completely. Gently reheating stale bread in an oven reverses it for a
        while, because heat breaks up the crystals again, but the effect lasts only a few hours.
        """,
        Q(
            "paraphrase",
            "thing",
            "What is the process of starch molecules lining up into crystals called?",
            "What name is given to the recrystallising of starch in bread?",
            "retrogradation",
            ("Freezing", "the starch", "soft crumb"),
        ),
        Q(
            "comparison",
            "other",
            "Where does bread go stale fastest?",
            "At which storage temperature does bread stale most quickly?",
            "at fridge temperatures",
            ("at room temperature", "in an oven", "Freezing"),
        ),
        Q(
            "negation",
            "other",
            "If drying out is not the main reason bread goes stale, what is?",
            "According to the passage, what mainly causes staleness, rather than the bread drying out?",
            "a change in the starch",
            ("it dries out", "squeezing out water", "heat breaks up the crystals"),
        ),
        Q(
            "causal",
            "other",
            "Why does reheating stale bread soften it?",
            "What makes reheating reverse staleness for a while?",
            "heat breaks up the crystals again",
            ("Freezing stops the process", "starch grains absorb water", "it dries out"),
        ),
        Q(
            "numerical",
            "other",
            "How much faster does bread go stale in the fridge?",
            "Compared with room temperature, how much quicker does refrigerated bread go stale?",
            "about three times faster",
            ("only a few hours", "almost completely", "fastest"),
        ),
        Q(
            "unanswerable",
            "number",
            "At what temperature should bread be reheated?",
            "How hot should the oven be when reheating stale bread?",
            None,
            plausible="three",
        ),
    ),
    P(
        "p118",
        "Email: Change to Your Flight",
        "travel",
        "email",
        True,
        """
        Dear Mr Hollis, We are writing to tell you about a change to your booking with Skyward
        Airways. Your flight SW 412 from Brennport to Lisvane on 14 August was due to depart at
        7.40 am. Because of a change to our summer timetable, it will now depart at 10.15 am and
        arrive at 1.30 pm local time. Your seat, 14C, and your checked baggage allowance of 23
        kilograms are unchanged. If the new time does not suit you, you can move to another
        Skyward flight within seven days of the original date at no extra cost, or cancel and
        receive a full refund. To do either, use Manage My Booking on our website before 1
        August. Check-in opens 24 hours before departure. We apologise for any inconvenience.
        Yours sincerely, Customer Relations, Skyward Airways
        """,
        Q(
            "temporal",
            "date",
            "When will flight SW 412 now depart?",
            "What is the new departure time of the flight?",
            "10.15 am",
            ("7.40 am", "1.30 pm", "1 August"),
        ),
        Q(
            "causal",
            "other",
            "Why has the departure time changed?",
            "What is behind the change to the flight time?",
            "a change to our summer timetable",
            (
                "If the new time does not suit you",
                "receive a full refund",
                "Check-in opens 24 hours before departure",
            ),
        ),
        Q(
            "negation",
            "thing",
            "What is unchanged apart from the seat?",
            "Besides the seat, which part of the booking stays the same?",
            "your checked baggage allowance",
            ("flight SW 412", "Manage My Booking", "the original date"),
        ),
        Q(
            "multi_sentence",
            "other",
            "What must Mr Hollis use before 1 August to move or cancel his flight?",
            "To change to another flight or get a refund, what should he use?",
            "Manage My Booking",
            ("Customer Relations", "Check-in", "another Skyward flight"),
        ),
        Q(
            "numerical",
            "number",
            "How much checked baggage is allowed?",
            "What is the checked baggage allowance in kilograms?",
            "23 kilograms",
            ("24 hours", "seven days", "14C"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much did Mr Hollis pay for his ticket?",
            "What was the price of the ticket?",
            None,
            plausible="23 kilograms",
        ),
    ),
    P(
        "p119",
        "Court Report: Landlord Fined for Unsafe Flats",
        "law",
        "news report",
        True,
        """
        A landlord has been fined 24,000 pounds for letting flats in dangerous condition, after a
        case brought by Dunford Borough Council. Mr Gerald Pike, 58, admitted six offences at
        Dunford Magistrates' Court on Tuesday relating to a building on Station Road that he
        had divided into five flats. Council inspectors found that the fire alarm did not work,
        one of the two fire escapes was blocked with rubbish, and there was damp and mould in
        every flat. One tenant, a young mother, told the court that her son's asthma had become
        much worse since they moved in. Magistrate Helen Drury said Mr Pike had ignored three
        written warnings over eighteen months. As well as the fine, he must pay the council's
        costs of 3,200 pounds. The council's housing officer, Raj Mehta, said the flats have now
        been repaired and inspected.
        """,
        Q(
            "lookup",
            "person",
            "Who said Mr Pike had ignored three written warnings?",
            "Which person noted the ignored warnings?",
            "Magistrate Helen Drury",
            ("Raj Mehta", "a young mother", "Mr Gerald Pike"),
        ),
        Q(
            "numerical",
            "number",
            "How many flats had the building been divided into?",
            "Into how many flats was the Station Road building split?",
            "five flats",
            ("six offences", "three written warnings", "two fire escapes"),
        ),
        Q(
            "negation",
            "thing",
            "What did not work in the building?",
            "Which safety device was found not to be working?",
            "the fire alarm",
            ("one of the two fire escapes", "damp and mould", "written warnings"),
        ),
        Q(
            "lookup",
            "number",
            "What amount was Mr Pike fined?",
            "How large was the fine imposed on the landlord?",
            "24,000 pounds",
            ("3,200 pounds", "58", "eighteen months"),
        ),
        Q(
            "coreference",
            "person",
            "Whose son's asthma had become worse?",
            "The child with worsening asthma belonged to whom?",
            "a young mother",
            ("Magistrate Helen Drury", "Council inspectors", "Raj Mehta"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much rent did the tenants pay?",
            "What was the monthly rent for the flats?",
            None,
            plausible="3,200 pounds",
        ),
    ),
    P(
        "p120",
        "The Two Clocks of Saint Ulric",
        "history",
        "museum label",
        True,
        """
        For almost a century the town of Saint Ulric kept two different times. The church
        clock, set by the priest using a sundial, showed local solar time, which was eleven
        minutes behind the time used by the railway. The railway station clock, installed in
        1852, showed Capital Time, sent each morning by telegraph. Travellers who trusted the
        church clock often missed their trains. In 1880 the town council voted to set the church
        clock to Capital Time as well, but the priest, Father Anselm, refused, saying that God's
        sun kept better time than any telegraph. The two clocks were finally brought into line
        only in 1931, after his death, by his successor, Father Mateus. The church clock's
        original face, with its eleven-minute mark painted in red, is shown in this case.
        """,
        Q(
            "lookup",
            "other",
            "How far behind the railway time was the church clock?",
            "By how much did local solar time lag the railway's time?",
            "eleven minutes",
            ("a century", "each morning", "1852"),
        ),
        Q(
            "causal",
            "other",
            "Why did travellers often miss their trains?",
            "What made travellers miss trains?",
            "trusted the church clock",
            (
                "the priest, Father Anselm, refused",
                "sent each morning by telegraph",
                "God's sun kept better time",
            ),
        ),
        Q(
            "coreference",
            "person",
            "After whose death were the two clocks brought into line?",
            "The clocks were aligned after the death of which person?",
            "Father Anselm",
            ("Father Mateus", "the town council", "Travellers"),
        ),
        Q(
            "temporal",
            "date",
            "When was the church clock finally set to Capital Time?",
            "In what year did the two clocks finally show the same time?",
            "1931",
            ("1880", "1852", "each morning"),
        ),
        Q(
            "lookup",
            "person",
            "Who brought the two clocks into line?",
            "Which priest finally set the church clock to match the railway?",
            "Father Mateus",
            ("Father Anselm", "the priest", "the town council"),
        ),
        Q(
            "unanswerable",
            "person",
            "Who installed the railway station clock?",
            "Which person put up the station clock in 1852?",
            None,
            plausible="Father Anselm",
        ),
    ),
    P(
        "p121",
        "Product Manual: Rover 3 Robot Vacuum",
        "technology",
        "manual",
        True,
        """
        Getting started with your Rover 3. First, remove the protective film from the bumper and
        fit the two side brushes; they click into place. Place the charging dock against a wall
        with at least half a metre of clear space on each side and one metre in front. Put the
        Rover on the dock and charge it fully before the first clean; this takes about four
        hours, and the light turns steady white when it is done. Press the Clean button once to
        start. The Rover maps your home on its first run, so the first clean may take longer
        than later ones. It returns to the dock by itself when the battery is low and carries on
        where it stopped after recharging. Empty the dust bin after every clean and wash the
        filter once a month; never put the filter in the dishwasher. Replace the side brushes
        every six months.
        """,
        Q(
            "temporal",
            "other",
            "Once the Rover is on its dock, what must be done before the first clean?",
            "After placing the Rover on the dock, what should you do before it cleans for the first time?",
            "charge it fully",
            ("Empty the dust bin", "wash the filter", "Replace the side brushes"),
        ),
        Q(
            "causal",
            "other",
            "Why may the first clean take longer than later ones?",
            "What makes the first run slower?",
            "The Rover maps your home on its first run",
            ("the battery is low", "this takes about four hours", "they click into place"),
        ),
        Q(
            "negation",
            "thing",
            "Where should the filter never be put?",
            "Which appliance must the filter be kept out of?",
            "the dishwasher",
            ("the dock", "the dust bin", "the bumper"),
        ),
        Q(
            "lookup",
            "other",
            "How much clear space is needed in front of the dock?",
            "The space in front of the dock must be larger than at the sides; how much is needed?",
            "one metre",
            ("half a metre", "four hours", "six months"),
        ),
        Q(
            "coreference",
            "thing",
            "What returns to the dock by itself when the battery is low?",
            "In 'It returns to the dock by itself', what is 'It'?",
            "the Rover",
            ("the charging dock", "the dust bin", "the filter"),
            at=1,
        ),
        Q(
            "unanswerable",
            "number",
            "How long does the battery last on a full charge?",
            "For how many minutes can the Rover clean before recharging?",
            None,
            plausible="about four hours",
        ),
    ),
    P(
        "p122",
        "The Night Market at Lanterne",
        "food",
        "travel guide",
        False,
        """
        Every Friday and Saturday from May to September, the car park behind Lanterne's old fish
        hall turns into a night market. More than 60 stalls open at 6 pm and close at midnight.
        The busiest stall is Madame Chen's dumpling cart, where the queue can take half an hour;
        go before 7 pm to avoid the worst of it. For something sweet, the crepe stall run by the
        Moreau brothers is the local favourite. Vegetarians should look for the green flags,
        which mark stalls with meat-free dishes. Most stalls take cards, but a few older traders
        accept only cash, and the nearest cash machine is on Quay Street, five minutes away.
        Seating is limited, so many people eat on the harbour wall. Live music starts at 8 pm
        on Saturdays only.
        """,
        Q(
            "lookup",
            "thing",
            "What do the green flags mark?",
            "Which stalls are shown by green flags?",
            "stalls with meat-free dishes",
            ("Madame Chen's dumpling cart", "the crepe stall", "the harbour wall"),
        ),
        Q(
            "comparison",
            "thing",
            "Which is the busiest stall?",
            "What stall has the longest queue?",
            "Madame Chen's dumpling cart",
            ("the crepe stall", "the nearest cash machine", "the green flags"),
        ),
        Q(
            "negation",
            "thing",
            "What do a few older traders not accept?",
            "Which payment are some older stalls unable to take, leaving only cash?",
            "cards",
            ("cash", "the green flags", "Live music"),
        ),
        Q(
            "paraphrase",
            "location",
            "Where do many people eat because seating is scarce?",
            "With few seats available, where do lots of visitors eat?",
            "on the harbour wall",
            ("on Quay Street", "the car park", "old fish hall"),
        ),
        Q(
            "temporal",
            "date",
            "On which nights is there live music?",
            "When does the market have live music?",
            "Saturdays only",
            ("Every Friday and Saturday", "from May to September", "before 7 pm"),
        ),
        Q(
            "unanswerable",
            "number",
            "How much does a plate of dumplings cost?",
            "What is the price of Madame Chen's dumplings?",
            None,
            plausible="60",
        ),
    ),
    # --- end of passages ---
]


# --- validation and building ------------------------------------------------------


def occurrences(text: str, span: str) -> list[int]:
    """Start offsets of ``span`` in ``text`` as a whole phrase (not inside a longer word)."""
    pattern = r"(?<!\w)" + re.escape(span) + r"(?!\w)"
    return [match.start() for match in re.finditer(pattern, text)]


def locate(text: str, span: str, at: int | None, what: str, problems: list[str]) -> int | None:
    starts = occurrences(text, span)
    if not starts:
        problems.append(f"{what} {span!r} is not in the passage")
        return None
    if at is None:
        if len(starts) > 1:
            problems.append(f"{what} {span!r} occurs {len(starts)} times; say which with at=")
            return None
        return starts[0]
    if not 1 <= at <= len(starts):
        problems.append(f"{what} {span!r}: at={at} but it occurs {len(starts)} times")
        return None
    return starts[at - 1]


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _phrase_in(part: str, whole: str) -> bool:
    return re.search(r"\b" + re.escape(part) + r"\b", whole) is not None


def check_question(passage: Passage, number: int, q: Q, problems: list[str]) -> None:
    where = f"{passage.id} q{number}"
    local: list[str] = []
    if q.reasoning not in REASONING_TYPES:
        local.append(f"unknown reasoning type {q.reasoning!r}")
    if q.answer_type not in ANSWER_TYPES:
        local.append(f"unknown answer type {q.answer_type!r}")
    for name, sentence in (("question", q.question), ("paraphrase", q.paraphrase)):
        if sentence != sentence.strip() or not sentence.endswith("?") or not sentence.isascii():
            local.append(f"untidy {name} {sentence!r}")
    if _normal(q.question) == _normal(q.paraphrase):
        local.append("the paraphrase repeats the question")
    if q.reasoning == "unanswerable":
        if q.answer is not None or q.distractors or q.at is not None:
            local.append("an unanswerable question has no answer, distractors or at=")
        if q.plausible is None:
            local.append("an unanswerable question names its plausible wrong candidate")
        else:
            locate(passage.text, q.plausible, q.plausible_at, "plausible", local)
    else:
        if q.answer is None or q.plausible is not None:
            local.append("an answerable question has an answer and no plausible candidate")
        else:
            locate(passage.text, q.answer, q.at, "answer", local)
            if len(q.distractors) != 3:
                local.append(f"{len(q.distractors)} distractors, not 3")
            options = [q.answer, *q.distractors]
            if len({_normal(option) for option in options}) != len(options):
                local.append(f"choices are not distinct: {options!r}")
            for distractor in q.distractors:
                if not occurrences(passage.text, distractor):
                    local.append(f"distractor {distractor!r} is not in the passage")
                # Part of the gold span (or a span holding it) would be a second right answer.
                gold, other = _normal(q.answer), _normal(distractor)
                if other != gold and (_phrase_in(other, gold) or _phrase_in(gold, other)):
                    local.append(f"distractor {distractor!r} overlaps the answer")
            if q.answer_type == "number":
                local += [
                    f"number choice without a number: {option!r}"
                    for option in options
                    if not NUMBER_WORDS.search(option)
                ]
    problems += [f"{where}: {problem}" for problem in local]


def check_passages(passages: list[Passage]) -> None:
    """Refuse malformed source data before anything is written."""
    problems: list[str] = []
    ids = Counter(passage.id for passage in passages)
    problems += [f"passage id {pid} used {count} times" for pid, count in ids.items() if count > 1]
    titles = Counter(passage.title for passage in passages)
    problems += [f"title {t!r} used {count} times" for t, count in titles.items() if count > 1]
    for passage in passages:
        if not re.fullmatch(r"p\d{3}", passage.id):
            problems.append(f"{passage.id}: ids look like p001")
        if passage.domain not in DOMAINS:
            problems.append(f"{passage.id}: unknown domain {passage.domain!r}")
        if passage.register not in REGISTERS:
            problems.append(f"{passage.id}: unknown register {passage.register!r}")
        words = len(passage.text.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            problems.append(f"{passage.id}: {words} words, not {MIN_WORDS}-{MAX_WORDS}")
        if not passage.text.isascii():
            problems.append(f"{passage.id}: non-ASCII text")
        if len(passage.questions) < MIN_QUESTIONS_PER_PASSAGE:
            problems.append(f"{passage.id}: {len(passage.questions)} questions")
        questions = Counter(_normal(q.question) for q in passage.questions)
        problems += [
            f"{passage.id}: question asked twice: {q!r}" for q, n in questions.items() if n > 1
        ]
        for number, q in enumerate(passage.questions, start=1):
            check_question(passage, number, q, problems)
    if problems:
        raise SystemExit("rc-core source data is invalid:\n  " + "\n  ".join(problems))


def split_of(passages: list[Passage]) -> dict[str, str]:
    """Passage id -> split: a seeded third of the passages of each domain goes to test."""
    rng = random.Random(SEED)
    split: dict[str, str] = {}
    carry = 0.0
    for domain in DOMAINS:
        ids = sorted(passage.id for passage in passages if passage.domain == domain)
        rng.shuffle(ids)
        # Carry the fractional part across domains so the overall share stays at a third.
        carry += len(ids) * TEST_SHARE
        n_test = int(carry)
        carry -= n_test
        for index, pid in enumerate(ids):
            split[pid] = "test" if index < n_test else "train"
    return split


def make_row(passage: Passage, number: int, q: Q) -> dict[str, Any]:
    qid = f"rc-core:{passage.id}:q{number}"
    problems: list[str] = []
    answers: list[dict[str, Any]] = []
    plausible = None
    choices = None
    answer_index = None
    if q.answer is not None:
        start = locate(passage.text, q.answer, q.at, "answer", problems)
        assert start is not None, problems
        answers = [{"text": q.answer, "start": start}]
        options = [q.answer, *q.distractors]
        random.Random(qid).shuffle(options)
        choices = options
        answer_index = options.index(q.answer)
    else:
        assert q.plausible is not None
        start = locate(passage.text, q.plausible, q.plausible_at, "plausible", problems)
        assert start is not None, problems
        plausible = {"text": q.plausible, "start": start}
    return {
        "id": qid,
        "passage_id": passage.id,
        "title": passage.title,
        "domain": passage.domain,
        "register": passage.register,
        "context": passage.text,
        "question": q.question,
        "answers": answers,
        "reasoning_type": q.reasoning,
        "answer_type": q.answer_type,
        "plausible_answer": plausible,
        "question_paraphrase": q.paraphrase,
        "order_matters": passage.order_matters,
        "choices": choices,
        "answer_index": answer_index,
    }


def build(passages: list[Passage] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Rows per split, in passage then question order."""
    passages = PASSAGES if passages is None else passages
    check_passages(passages)
    split = split_of(passages)
    splits: dict[str, list[dict[str, Any]]] = {"train": [], "test": []}
    for passage in sorted(passages, key=lambda p: p.id):
        for number, q in enumerate(passage.questions, start=1):
            splits[split[passage.id]].append(make_row(passage, number, q))
    check_splits(splits)
    return splits


def check_splits(splits: dict[str, list[dict[str, Any]]]) -> None:
    """The guarantees the README promises, checked on the built rows."""
    problems: list[str] = []
    rows = splits["train"] + splits["test"]
    passages = {row["passage_id"] for row in rows}
    types = Counter(row["reasoning_type"] for row in rows)
    for kind in REASONING_TYPES:
        floor = MIN_UNANSWERABLE if kind == "unanswerable" else MIN_PER_TYPE
        if types[kind] < floor:
            problems.append(f"{kind}: {types[kind]} questions, fewer than {floor}")
        in_test = sum(row["reasoning_type"] == kind for row in splits["test"])
        if in_test < MIN_TEST_PER_TYPE:
            problems.append(f"test has {in_test} {kind} questions")
    by_split = {name: {row["passage_id"] for row in part} for name, part in splits.items()}
    problems += [f"passage in both splits: {p}" for p in by_split["train"] & by_split["test"]]
    share = len(by_split["test"]) / max(len(passages), 1)
    if abs(share - TEST_SHARE) > 0.05:
        problems.append(f"test holds {share:.0%} of the passages")
    if len(passages) < MIN_PASSAGES or len(rows) < MIN_QUESTIONS:
        problems.append(f"{len(passages)} passages and {len(rows)} questions")
    if problems:
        raise SystemExit("rc-core splits are invalid:\n  " + "\n  ".join(problems))


def readme(splits: dict[str, list[dict[str, Any]]]) -> str:
    """The dataset card, with every count taken from the built rows."""
    rows = splits["train"] + splits["test"]

    def passages_in(part: list[dict[str, Any]]) -> int:
        return len({row["passage_id"] for row in part})

    def table(key: str, values: tuple[str, ...]) -> list[str]:
        lines = [f"| {key} | train | test | total |", "|---|---:|---:|---:|"]
        for value in values:
            counts = [sum(r[key] == value for r in part) for part in (*splits.values(), rows)]
            if counts[-1]:
                lines.append(f"| `{value}` | " + " | ".join(map(str, counts)) + " |")
        return lines

    def passage_table(key: str, values: tuple[str, ...]) -> list[str]:
        lines = [f"| {key} | train | test | total |", "|---|---:|---:|---:|"]
        for value in values:
            counts = [
                passages_in([r for r in part if r[key] == value])
                for part in (*splits.values(), rows)
            ]
            if counts[-1]:
                lines.append(f"| {value} | " + " | ".join(map(str, counts)) + " |")
        return lines

    ordered = sum(1 for pid in {row["passage_id"] for row in rows if row["order_matters"]})
    words = [len(row["context"].split()) for row in rows]
    lines = [
        *README_HEAD,
        "| split | passages | questions | answerable | unanswerable |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, part in (*splits.items(), ("total", rows)):
        unanswerable = sum(not row["answers"] for row in part)
        lines.append(
            f"| {name} | {passages_in(part)} | {len(part)} | {len(part) - unanswerable} "
            f"| {unanswerable} |"
        )
    lines += [
        "",
        f"Passages are {min(words)}-{max(words)} words long; {ordered} of "
        f"{passages_in(rows)} are marked `order_matters`.",
        "",
        "### Questions per reasoning type",
        "",
        *table("reasoning_type", REASONING_TYPES),
        "",
        "### Questions per answer type (unanswerable: the plausible candidate's type)",
        "",
        *table("answer_type", ANSWER_TYPES),
        "",
        "### Passages per domain",
        "",
        *passage_table("domain", DOMAINS),
        "",
        "### Passages per register",
        "",
        *passage_table("register", REGISTERS),
        "",
        *README_TAIL,
    ]
    return "\n".join(lines) + "\n"


README_HEAD = [
    "# rc-core",
    "",
    "A small built-in reading-comprehension dataset that ships with harness: short",
    "passages in many domains and registers, each with questions tagged by the reasoning",
    "they need. It serves extractive QA (answers are spans with character offsets, or none",
    "for unanswerable questions), multiple choice (four options per answerable question)",
    "and robustness tests (a paraphrase of every question; a flag for passages whose",
    "sentences may be reordered).",
    "",
    "Every passage and question was written by hand for this project. The people, places,",
    "companies and events are fictional; nothing is copied from SQuAD, RACE, NewsQA or any",
    "other dataset or web page. Licence: the project's licence.",
    "",
    "Use it in a suite as `{source: builtin, name: rc-core, split: test}` (or `split: train`)",
    "with an `extractive_qa` task (input fields `context` and `question`, target `answers`).",
    "The other columns become slice tags (`reasoning_type`, `answer_type`, `domain`, ...).",
    "Unanswerable rows have no `choices`, so a multiple-choice test over this data has to",
    "leave them out.",
    "",
    "## Format",
    "",
    "Two JSON Lines files, `train.jsonl` and `test.jsonl`, one row per question:",
    "",
    "- `id`: `rc-core:<passage_id>:q<k>`; `passage_id` (`p001`...), `title`, `domain`,",
    "  `register`: the passage and where it comes from.",
    "- `context`: the passage, 80-250 words, one line, ASCII.",
    "- `question`, and `question_paraphrase`: the same question in other words.",
    '- `answers`: `[{"text", "start"}]` with `context[start:start+len(text)] == text`;',
    "  `[]` when the passage does not answer the question.",
    "- `reasoning_type`: `lookup`, `paraphrase`, `multi_sentence`, `numerical`, `temporal`,",
    "  `negation`, `coreference`, `comparison`, `causal` or `unanswerable`.",
    "- `answer_type`: `person`, `number`, `date`, `location`, `organization`, `thing` or",
    "  `other`; for an unanswerable question, the type of its plausible candidate.",
    '- `plausible_answer`: unanswerable questions only: `{"text", "start"}`, a span of',
    "  the passage of the asked type that a model matching words would pick, but which does",
    "  not answer the question. `null` otherwise.",
    "- `order_matters`: true when reordering the passage's sentences would change its meaning",
    "  or break a reference (narratives, numbered steps, pronouns pointing back).",
    "- `choices` and `answer_index`: the multiple-choice view: the gold answer and three",
    "  distractors, all spans of the passage of the same answer type, in a seeded order;",
    "  `null` for unanswerable questions.",
    "",
    "| reasoning type | what answering takes |",
    "|---|---|",
    "| `lookup` | finding a fact stated in one sentence whose wording is close to the question |",
    "| `paraphrase` | matching a question worded differently from the passage |",
    "| `multi_sentence` | combining facts from two sentences (the answer's sentence does not name what the question asks about) |",
    "| `numerical` | a quantity: a count, amount, duration or age, sometimes found through a range or another sentence |",
    "| `temporal` | a date or time, or the order of events (what happened right after, before, until when) |",
    "| `negation` | reading what did *not* happen, or the one item a negation leaves |",
    "| `coreference` | the answer is reached through a pronoun or description (*she*, *it*, *its owner*) |",
    "| `comparison` | picking the larger, older, cheaper... of two or more things the passage describes |",
    "| `causal` | finding a reason, cause or purpose |",
    "| `unanswerable` | noticing that the passage does not say, despite a tempting candidate |",
    "",
    "## Counts",
    "",
]

README_TAIL = [
    "## How it is built",
    "",
    "`scripts/build_rc_core.py` holds the passages and questions as Python data and is the",
    "source of truth: it checks every passage (word count, ASCII, at least five questions)",
    "and question (the answer, the plausible candidate and each distractor occur in the",
    "passage as whole words; an answer that occurs more than once names its occurrence;",
    "four distinct choices; the paraphrase differs from the question), computes the",
    "character offsets, shuffles the choices with a generator seeded by the question id,",
    "and splits by passage: a seeded third of each domain's passages goes to `test`. It",
    "refuses to write anything when a check fails. Running it again writes byte-identical",
    "files; `tests/datasets/test_rc_core.py` checks that the shipped files are its output.",
    "",
    "```",
    "python scripts/build_rc_core.py",
    "```",
    "",
    "Answers are the shortest span that answers the question, and there is one gold span per",
    "question. An extractive answer must be a span, so a numerical question either asks for a",
    "quantity the passage states (possibly one found by combining sentences: an age given as",
    "\"Lily's age\" and Lily's age given elsewhere) or takes as its answer the span that states",
    'the quantities ("four teachers and six parent helpers"). Scoring compares the text with',
    "SQuAD normalisation, so `start` matters only for position slices and highlighting.",
    "",
    "Unanswerable questions are of three kinds: the passage never gives the fact (the price of",
    "a ticket, when a character was born), it gives the same kind of fact for something else",
    "(last year's attendance when this year's is stated), or the question's premise is false",
    "(where replies were found that were never found). In each case `plausible_answer` is a",
    "span of the asked type that a model matching words would be tempted to give.",
    "",
    "Known limits: one annotator wrote both passages and questions, so question wording",
    "may share the annotator's habits; the multiple-choice distractors have the gold",
    "answer's type but were not checked for difficulty with models.",
]


def write(splits: dict[str, list[dict[str, Any]]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for split, rows in splits.items():
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        (out / f"{split}.jsonl").write_text(text, encoding="utf-8", newline="\n")
    (out / "README.md").write_text(readme(splits), encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="directory for train.jsonl, test.jsonl and README.md (default: harness/datasets/rc-core)",
    )
    args = parser.parse_args(argv)
    splits = build()
    write(splits, args.out)
    for split, rows in splits.items():
        passages = len({row["passage_id"] for row in rows})
        print(f"{split}: {passages} passages, {len(rows)} questions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
