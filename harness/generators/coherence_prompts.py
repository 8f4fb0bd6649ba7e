"""Prompts for the ``coherence`` kind: 100 requests for generated text, written here.

Four genres, 25 prompts each (``meta.genre``):

* ``continuation``: the opening of a passage to continue;
* ``explanation``: a request to explain something in a few sentences;
* ``story``: a request for a short story;
* ``factual``: a question with one short answer, asked three ways: the item's prompt
  and two paraphrases (``meta.paraphrases``, whole prompts; ``meta.question`` is the
  question the judge reads before each answer). A model that knows the answer gives
  the same one each time; the paraphrases change the wording, never what is asked.

Prompts end where a base language model should go on ("Answer:", "Story:"), so that
they suit base and instruction-tuned models alike. Fields: ``prompt``.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from harness.core import Example, stable_id
from harness.options import Options

GENRES = ("continuation", "explanation", "story", "factual")

CONTINUATIONS = (
    "The old lighthouse keeper climbed the stairs one last time and",
    "When the power went out across the city that night,",
    "The letter had been hidden under the floorboards for fifty years. When Clara finally opened it,",
    "Every morning at six, the baker on Elm Street",
    "The first thing you notice when you arrive in the mountain village is",
    "After the storm passed, the fishermen walked down to the harbour and",
    "My grandfather kept a small notebook in his coat pocket. In it,",
    "The train stopped in the middle of the desert, and the conductor announced that",
    "Scientists studying the frozen lake were surprised to find that",
    "The museum guard had worked the night shift for twenty years, but on this night",
    "Nobody in the town remembered who had planted the enormous oak tree in the square, but",
    "The new teacher walked into the classroom, put down her bag, and",
    "By the time the rescue team reached the cave,",
    "The market opens before sunrise, when the farmers arrive with",
    "Most people think of deserts as empty places, but",
    "The robot had been designed to sort letters, yet one day it",
    "On the last day of summer, the two friends rode their bicycles to the river and",
    "The ship's captain studied the map carefully, because",
    "In the small kitchen of the restaurant, the chef",
    "The village had no doctor, so every month a nurse",
    "When the old factory closed, the workers",
    "The children found a narrow path behind the school that led",
    "The mayor stood on the steps of the town hall and announced that",
    "High in the Andes, farmers have grown potatoes for thousands of years, and",
    "The violinist lifted her bow, waited for the audience to fall silent, and",
)

EXPLANATIONS = (
    "Explain in a few sentences why the sky is blue.",
    "Explain in a few sentences how a rainbow forms.",
    "Explain in a few sentences why ice floats on water.",
    "Explain in a few sentences how vaccines protect people from disease.",
    "Explain in a few sentences why we have seasons on Earth.",
    "Explain in a few sentences how a bicycle stays upright while moving.",
    "Explain in a few sentences what causes the tides.",
    "Explain in a few sentences how plants make their own food.",
    "Explain in a few sentences why bread rises when it is baked.",
    "Explain in a few sentences how a refrigerator keeps food cold.",
    "Explain in a few sentences why leaves change colour in autumn.",
    "Explain in a few sentences how an airplane wing produces lift.",
    "Explain in a few sentences what a leap year is and why we have them.",
    "Explain in a few sentences how the heart pumps blood around the body.",
    "Explain in a few sentences why metal feels colder than wood at the same temperature.",
    "Explain in a few sentences how a compass shows which way is north.",
    "Explain in a few sentences why the Moon appears to change shape during the month.",
    "Explain in a few sentences how recycling paper saves resources.",
    "Explain in a few sentences what causes thunder.",
    "Explain in a few sentences how a solar panel turns sunlight into electricity.",
    "Explain in a few sentences why salt is spread on icy roads.",
    "Explain in a few sentences how bees help flowers reproduce.",
    "Explain in a few sentences why people need sleep.",
    "Explain in a few sentences how a dam produces electricity.",
    "Explain in a few sentences why sound travels faster in water than in air.",
)

STORIES = (
    "a girl who finds a key in the snow",
    "a lighthouse that stops working on the night of a storm",
    "two neighbours who have not spoken for ten years",
    "a dog that walks to the train station every evening",
    "a boy who is afraid of the dark and a friendly owl",
    "a baker who accidentally bakes a cake that makes people sing",
    "an astronaut who hears music on the radio in space",
    "a lost wallet that is returned by a stranger",
    "a village that wakes up to find the river has disappeared",
    "a grandmother teaching her grandson to fish",
    "a painter who can only paint the colour blue",
    "a small robot that wants to become a gardener",
    "a student who finds an old map in a library book",
    "a cat that lives on a sailing ship",
    "a musician who loses her voice the day before a concert",
    "a farmer who finds a strange egg in the barn",
    "a city where it has not rained for a year",
    "a postman who delivers a letter to the wrong house",
    "two friends who get lost in a forest at night",
    "a clock maker whose clocks all stop at the same minute",
    "a girl who trains a horse that nobody else can ride",
    "an old man who plants a tree every spring",
    "a family moving to a house by the sea",
    "a chess game between a child and a champion",
    "a bridge that a whole town builds together",
)

#: (question, paraphrase, paraphrase): each asks for the same short answer.
FACTUAL = (
    ("What is the capital of France?", "Which city is the capital of France?", "France's capital city is which city?"),
    ("How many legs does a spider have?", "What is the number of legs on a spider?", "A spider has how many legs?"),
    ("What is the largest planet in the solar system?", "Which planet in the solar system is the biggest?", "Name the biggest planet in our solar system."),
    ("Who wrote the play Romeo and Juliet?", "Which writer is the author of Romeo and Juliet?", "Romeo and Juliet was written by whom?"),
    ("What is the chemical symbol for gold?", "Which chemical symbol stands for gold?", "Gold is written with which chemical symbol?"),
    ("How many days are there in a week?", "What is the number of days in one week?", "A week has how many days?"),
    ("What is the freezing point of water in degrees Celsius?", "At how many degrees Celsius does water freeze?", "Water freezes at what temperature in Celsius?"),
    ("Which ocean is the largest?", "What is the biggest ocean on Earth?", "Name the largest ocean in the world."),
    ("What is the capital of Japan?", "Which city is the capital of Japan?", "Japan's capital is which city?"),
    ("How many continents are there?", "What is the number of continents on Earth?", "Earth has how many continents?"),
    ("What gas do plants take in from the air to make food?", "Which gas from the air do plants use to make their food?", "Plants absorb which gas from the air for photosynthesis?"),
    ("Who painted the Mona Lisa?", "Which artist painted the Mona Lisa?", "The Mona Lisa was painted by whom?"),
    ("What is the tallest mountain in the world?", "Which mountain is the highest on Earth?", "Name the world's highest mountain."),
    ("How many hours are there in a day?", "What is the number of hours in one day?", "A day lasts how many hours?"),
    ("What is the largest animal on Earth?", "Which living animal is the biggest on Earth?", "Name the largest animal in the world."),
    ("In which country are the pyramids of Giza?", "The pyramids of Giza are in which country?", "Which country is home to the pyramids of Giza?"),
    ("What is the boiling point of water at sea level in degrees Celsius?", "At sea level, water boils at how many degrees Celsius?", "How many degrees Celsius does it take for water to boil at sea level?"),
    ("Which planet is known as the Red Planet?", "What planet is called the Red Planet?", "The Red Planet is which planet?"),
    ("What is the longest river in South America?", "Which river is the longest in South America?", "Name the longest river in South America."),
    ("How many sides does a hexagon have?", "What is the number of sides of a hexagon?", "A hexagon has how many sides?"),
    ("What is the main language spoken in Brazil?", "Which language do most people in Brazil speak?", "People in Brazil mainly speak which language?"),
    ("Who was the first person to walk on the Moon?", "Which person walked on the Moon first?", "The first human to step onto the Moon was who?"),
    ("What is the hardest natural substance?", "Which natural material is the hardest?", "Name the hardest substance found in nature."),
    ("How many minutes are there in an hour?", "What is the number of minutes in one hour?", "An hour has how many minutes?"),
    ("What is the capital of Australia?", "Which city is the capital of Australia?", "Australia's capital city is which city?"),
)  # fmt: skip


def _question_prompt(question: str) -> str:
    return f"Question: {question}\nAnswer:"


class CoherencePromptsGenerator:
    """The built-in coherence prompts, optionally only some genres."""

    description: ClassVar[str] = (
        "100 prompts: continuations, explanations, stories, factual questions asked 3 ways"
    )

    class Options(Options):
        genres: list[Literal["continuation", "explanation", "story", "factual"]] | None = Field(
            default=None, min_length=1
        )

    def generate(self, options: Options, seed: int) -> list[Example]:
        wanted = set(options.genres or GENRES)
        examples: list[Example] = []

        def add(genre: str, prompt: str, **meta: object) -> None:
            if genre in wanted:
                examples.append(
                    Example(
                        id=stable_id("coherence_prompts", genre, prompt),
                        fields={"prompt": prompt},
                        meta={"genre": genre, **meta},
                    )
                )

        for opening in CONTINUATIONS:
            add("continuation", opening)
        for request in EXPLANATIONS:
            add("explanation", f"{request}\nExplanation:")
        for topic in STORIES:
            add("story", f"Write a short story about {topic}.\nStory:")
        for question, *paraphrases in FACTUAL:
            add(
                "factual",
                _question_prompt(question),
                question=question,
                paraphrases=[_question_prompt(p) for p in paraphrases],
            )
        return examples
