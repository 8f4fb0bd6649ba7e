"""The judge's control set: sentence pairs with known NLI labels, written for this project.

Before a judge's verdicts on generated text are read, it judges these pairs, so a
reader sees how far "contradicts itself" and "answers consistently" can be trusted
(``harness.coherence.judge.judge_reliability``). The sentences are in the style of
generated text (plain statements from stories, explanations and factual answers),
and many premises appear with all three labels, so a judge cannot score well by
reacting to the premise alone:

* ``contradiction``: the two cannot both be true (a negation, an exclusive
  alternative, another number or date, incompatible events);
* ``entailment``: the second follows from the first (a paraphrase, a summary, a
  generalisation);
* ``neutral``: the second neither follows nor conflicts, on the same topic
  (``same_topic``) or another (``unrelated``).

No pair is taken from an NLI dataset. Fields per pair: premise, hypothesis, label,
and ``kind`` (what makes the label).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ControlPair:
    premise: str
    hypothesis: str
    label: str
    kind: str


_CONTRADICTION = (
    ("The museum opens at nine o'clock every morning.", "The museum never opens before noon.", "time"),
    ("Water boils at 100 degrees Celsius at sea level.", "At sea level, water boils at 70 degrees Celsius.", "number"),
    ("Maria had lived in the village her whole life.", "Maria moved to the village only last year.", "event"),
    ("The old bridge was built in 1920.", "The old bridge was built in 1985.", "number"),
    ("Tom was an only child.", "Tom grew up with his two older sisters.", "event"),
    ("The meeting was cancelled because of the storm.", "The meeting went ahead as planned despite the storm.", "event"),
    ("The Pacific is the largest ocean on Earth.", "The Atlantic is the largest ocean on Earth.", "exclusive"),
    ("She has never been to Paris.", "She visited Paris twice last summer.", "negation"),
    ("The shop is closed on Sundays.", "The shop is open every day of the week.", "exclusive"),
    ("The cat was asleep on the sofa the whole afternoon.", "The cat spent the whole afternoon chasing birds in the garden.", "event"),
    ("Photosynthesis needs sunlight.", "Photosynthesis does not need any light.", "negation"),
    ("The train to Leeds left on time.", "The train to Leeds left two hours late.", "time"),
    ("The village has no school.", "Children in the village walk to the village school every morning.", "negation"),
    ("Jonas is a vegetarian and never eats meat.", "Jonas had a steak for dinner every night this week.", "event"),
    ("The box was empty when they opened it.", "When they opened the box, it was full of old letters.", "antonym"),
    ("Mount Everest is the highest mountain in the world.", "Mount Everest is not the highest mountain in the world.", "negation"),
    ("The experiment failed.", "The experiment was a complete success.", "antonym"),
    ("Anna arrived before the guests.", "Anna arrived after all the guests had left.", "time"),
    ("The river is too shallow for boats.", "Large boats sail up the river every day.", "event"),
    ("The company has three employees.", "The company employs more than five hundred people.", "number"),
    ("It was a hot, dry day.", "It rained heavily all day.", "antonym"),
    ("The door was locked.", "The door was unlocked.", "antonym"),
    ("He left his keys at home.", "He had his keys with him.", "negation"),
    ("The recipe uses no sugar.", "The recipe calls for two cups of sugar.", "negation"),
    ("The author wrote only one novel.", "The author wrote more than twenty novels.", "number"),
    ("The library is in the basement.", "The library is on the fifth floor.", "exclusive"),
    ("Sam won the race.", "Sam lost the race.", "antonym"),
    ("The lake freezes every winter.", "The lake has never frozen.", "negation"),
    ("The soup was cold by the time it reached the table.", "The soup was still steaming hot when it reached the table.", "antonym"),
    ("Dogs are mammals.", "Dogs are not mammals.", "negation"),
)  # fmt: skip

_ENTAILMENT = (
    ("The museum opens at nine o'clock every morning.", "The museum opens in the morning.", "generalisation"),
    ("Maria bought three red apples at the market.", "Maria bought apples.", "generalisation"),
    ("The old bridge was built in 1920.", "The bridge was built in the twentieth century.", "generalisation"),
    ("Tom has two older sisters.", "Tom has siblings.", "generalisation"),
    ("The meeting was cancelled because of the storm.", "There was a storm.", "presupposition"),
    ("Water boils at 100 degrees Celsius at sea level.", "At sea level, water boils at one hundred degrees Celsius.", "paraphrase"),
    ("She visited Paris twice last summer.", "She has been to Paris.", "generalisation"),
    ("The shop is closed on Sundays.", "On Sundays the shop does not open.", "paraphrase"),
    ("The cat slept on the sofa all afternoon.", "The cat was asleep in the afternoon.", "generalisation"),
    ("Photosynthesis turns sunlight, water and carbon dioxide into sugar.", "Photosynthesis produces sugar.", "summary"),
    ("The train to Leeds left two hours late.", "The train to Leeds was delayed.", "paraphrase"),
    ("Jonas never eats meat.", "Jonas does not eat meat.", "paraphrase"),
    ("When they opened the box, it was full of old letters.", "The box contained letters.", "summary"),
    ("Mount Everest is the highest mountain in the world.", "No mountain in the world is higher than Mount Everest.", "paraphrase"),
    ("The experiment was a complete success.", "The experiment succeeded.", "paraphrase"),
    ("Anna arrived an hour before the guests.", "Anna arrived before the guests.", "generalisation"),
    ("Large boats sail up the river every day.", "Boats sail on the river.", "generalisation"),
    ("The company employs more than five hundred people.", "The company has over five hundred employees.", "paraphrase"),
    ("It rained heavily all day.", "It rained.", "generalisation"),
    ("The door was locked from the inside.", "The door was locked.", "generalisation"),
    ("The recipe calls for two cups of sugar and a pinch of salt.", "The recipe includes sugar.", "summary"),
    ("The author wrote more than twenty novels.", "The author wrote many novels.", "generalisation"),
    ("Sam won the race by a few seconds.", "Sam won the race.", "generalisation"),
    ("The lake freezes every winter.", "The lake freezes in winter.", "paraphrase"),
    ("The children built a snowman in the garden.", "A snowman was built by the children.", "paraphrase"),
    ("The doctor told him to rest for a week.", "He was told to rest.", "summary"),
    ("Lisa sold her car to pay for the trip.", "Lisa sold her car.", "summary"),
    ("The Amazon River flows through Brazil.", "A river flows through Brazil.", "generalisation"),
    ("Dogs are mammals.", "Dogs are animals.", "generalisation"),
    ("The storm knocked down several trees in the park.", "Trees in the park were knocked down.", "paraphrase"),
)  # fmt: skip

_NEUTRAL = (
    ("The museum opens at nine o'clock every morning.", "The museum has a large collection of paintings.", "same_topic"),
    ("Maria bought three red apples at the market.", "Maria paid with a credit card.", "same_topic"),
    ("The old bridge was built in 1920.", "The old bridge is made of stone.", "same_topic"),
    ("Tom has two older sisters.", "Tom's sisters both live in Berlin.", "same_topic"),
    ("The meeting was cancelled because of the storm.", "The meeting was about the new budget.", "same_topic"),
    ("She visited Paris twice last summer.", "She speaks fluent French.", "same_topic"),
    ("The cat slept on the sofa all afternoon.", "The cat is ten years old.", "same_topic"),
    ("The train to Leeds left two hours late.", "The train to Leeds was full.", "same_topic"),
    ("The experiment was a complete success.", "The experiment was expensive.", "same_topic"),
    ("It rained heavily all day.", "The football match was played in the evening.", "same_topic"),
    ("The company employs more than five hundred people.", "The company was founded by two brothers.", "same_topic"),
    ("Sam won the race.", "Sam trained every morning for a year.", "same_topic"),
    ("The lake freezes every winter.", "Many people fish in the lake in summer.", "same_topic"),
    ("The recipe calls for two cups of sugar.", "The recipe was written by my grandmother.", "same_topic"),
    ("Jonas never eats meat.", "Jonas works as a teacher.", "same_topic"),
    ("The museum opens at nine o'clock every morning.", "Penguins cannot fly.", "unrelated"),
    ("Water boils at 100 degrees Celsius at sea level.", "My brother plays the guitar in a band.", "unrelated"),
    ("The old bridge was built in 1920.", "Bananas are a good source of potassium.", "unrelated"),
    ("She has never been to Paris.", "The printer on the second floor is out of paper.", "unrelated"),
    ("The shop is closed on Sundays.", "Jupiter has dozens of moons.", "unrelated"),
    ("Photosynthesis needs sunlight.", "The bus to the airport runs every twenty minutes.", "unrelated"),
    ("The door was locked.", "Chess was invented long ago.", "unrelated"),
    ("Sam won the race.", "The soup needs more salt.", "unrelated"),
    ("Dogs are mammals.", "The concert starts at eight.", "unrelated"),
    ("The author wrote only one novel.", "Our neighbours painted their fence blue.", "unrelated"),
    ("The river is too shallow for boats.", "Coffee prices rose last year.", "unrelated"),
    ("Anna arrived before the guests.", "Volcanoes can erupt without warning.", "unrelated"),
    ("The box was empty when they opened it.", "The city council approved a new park.", "unrelated"),
    ("Mount Everest is the highest mountain in the world.", "She ordered a cup of tea.", "unrelated"),
    ("The lake freezes every winter.", "The new phone has a larger screen.", "unrelated"),
)  # fmt: skip

#: The control set: 30 pairs of each label.
CONTROL_PAIRS: tuple[ControlPair, ...] = tuple(
    ControlPair(premise, hypothesis, label, kind)
    for label, rows in (
        ("contradiction", _CONTRADICTION),
        ("entailment", _ENTAILMENT),
        ("neutral", _NEUTRAL),
    )
    for premise, hypothesis, kind in rows
)
