"""Build the built-in NLI dataset ``nli-core`` (harness/datasets/nli-core/{train,test}.jsonl).

Every pair below was written by hand for this project. Each item is a tuple
``(premise, entailment, neutral, contradiction)``: one premise with one hypothesis per
label, so both splits are exactly balanced over the three labels. Items are grouped by the
reasoning phenomenon they exercise.

The split is by premise (all three hypotheses of a premise land in the same split), drawn
per phenomenon with a seeded ``random.Random("nli-core-split")``, so the test split measures
generalisation to unseen premises. Running the script again writes byte-identical files.

Usage::

    python scripts/build_nli_core.py              # writes into harness/datasets/nli-core/
    python scripts/build_nli_core.py --out DIR    # writes DIR/train.jsonl and DIR/test.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

Item = tuple[str, str, str, str]  # (premise, entailment, neutral, contradiction)

LABELS = ("entailment", "neutral", "contradiction")
SEED = "nli-core-split"
TEST_PREMISES_PER_PHENOMENON = 6
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "harness" / "datasets" / "nli-core"

# --- lexical_overlap: the hypothesis reuses most of the premise's words; sometimes that
# is entailed (a sub-clause that really holds), often it is not (roles swapped, a relative
# clause's subject promoted, a word changed).
LEXICAL_OVERLAP: list[Item] = [
    (
        "The nurse who helped the old farmer was wearing a green coat.",
        "The nurse was wearing a green coat.",
        "The old farmer was wearing a green coat.",
        "The nurse who helped the old farmer was not wearing a coat.",
    ),
    (
        "The lawyer thanked the baker after the trial ended.",
        "After the trial ended, the baker was thanked by the lawyer.",
        "The baker thanked the lawyer after the trial ended.",
        "Nobody thanked the baker after the trial ended.",
    ),
    (
        "The students near the window ignored the teacher.",
        "The students ignored the teacher.",
        "The teacher ignored the students near the window.",
        "The students near the window listened closely to the teacher.",
    ),
    (
        "Although the chef was tired, the waiter stayed late to clean the kitchen.",
        "The waiter stayed late to clean the kitchen.",
        "The chef stayed late to clean the kitchen.",
        "The waiter left early instead of cleaning the kitchen.",
    ),
    (
        "The man holding the umbrella pointed at the dog.",
        "A man with an umbrella pointed at a dog.",
        "The man holding the umbrella owned the dog.",
        "The man pointing at the dog had nothing in his hands.",
    ),
    (
        "The doctor believed that the patient was lying.",
        "The doctor did not think the patient was telling the truth.",
        "The patient was lying to the doctor.",
        "The doctor believed that the patient was being honest.",
    ),
    (
        "The painter and the singer visited the museum on Sunday.",
        "The singer visited the museum on Sunday.",
        "The painter visited the museum on Saturday.",
        "Only the painter visited the museum on Sunday.",
    ),
    (
        "The girl who the boy pushed started to cry.",
        "The boy pushed the girl.",
        "The boy who pushed the girl started to cry.",
        "The girl the boy pushed stayed completely calm.",
    ),
    (
        "Without the manager's approval, the clerk refunded the customer.",
        "The clerk refunded the customer.",
        "The clerk refunded the customer without asking the manager.",
        "The clerk refunded the customer with the manager's approval.",
    ),
    (
        "The pilot who met the senator was born in Ohio.",
        "The pilot was born in Ohio.",
        "The senator was born in Ohio.",
        "The pilot who met the senator was born in Texas.",
    ),
    (
        "The cat chased the mouse across the yard.",
        "A mouse was chased by the cat.",
        "The cat caught the mouse in the yard.",
        "The cat slept in the yard while the mouse ran across it.",
    ),
    (
        "The tall woman next to the short man is a dentist.",
        "The woman next to the man is a dentist.",
        "The short man next to the tall woman is a dentist.",
        "The short man is next to a tall woman who has never worked in dentistry.",
    ),
    (
        "The professor who the students admired retired last spring.",
        "The students admired the professor.",
        "The professor admired the students.",
        "The professor who the students admired is still teaching full time.",
    ),
    (
        "The bank near the river lent the farmer some money.",
        "The farmer was lent some money.",
        "The farmer lent the bank near the river some money.",
        "The bank near the river refused to lend the farmer any money.",
    ),
    (
        "The actor that the journalist interviewed was nervous.",
        "The journalist interviewed the actor.",
        "The journalist who interviewed the actor was nervous.",
        "The actor the journalist interviewed was perfectly relaxed.",
    ),
    (
        "The hikers saw the bear before the bear saw the hikers.",
        "The hikers saw the bear.",
        "The bear did not run away from the hikers.",
        "The bear saw the hikers before the hikers saw the bear.",
    ),
    (
        "Since the plumber arrived late, the tenant fixed the sink herself.",
        "The tenant fixed the sink.",
        "The tenant was annoyed that the plumber arrived late.",
        "The plumber arrived early, so the tenant left the sink to him.",
    ),
    (
        "The senator did not meet the reporter who wrote the article.",
        "The senator did not meet the reporter.",
        "The senator did not read the article the reporter wrote.",
        "The senator met the reporter who wrote the article.",
    ),
]

NEGATION: list[Item] = [
    (
        "Omar did not lock the front door when he left for work.",
        "Omar left for work without locking the front door.",
        "Omar forgot his keys when he left for work.",
        "Omar locked the front door when he left for work.",
    ),
    (
        "None of the guests at the wedding wore a hat.",
        "No guest at the wedding had a hat on.",
        "Some of the guests at the wedding wore sunglasses.",
        "Two guests at the wedding wore matching hats.",
    ),
    (
        "The museum is never open on Mondays.",
        "You cannot visit the museum on a Monday.",
        "The museum stays open late on Fridays.",
        "The museum opens at nine on Mondays.",
    ),
    (
        "It is not true that Priya failed her driving test.",
        "Priya did not fail her driving test.",
        "Priya passed her driving test on the first try.",
        "Priya failed her driving test.",
    ),
    (
        "The bakery has no gluten-free bread today.",
        "Gluten-free bread is unavailable at the bakery today.",
        "The bakery has no rye bread today.",
        "The bakery is selling gluten-free bread today.",
    ),
    (
        "Hardly anyone came to the library's poetry reading.",
        "The poetry reading at the library was poorly attended.",
        "The library will not host another poetry reading.",
        "The library's poetry reading drew a huge crowd.",
    ),
    (
        "Lucas isn't unhappy with his new job.",
        "Lucas recently started a new job.",
        "Lucas is thrilled with his new job.",
        "Lucas is miserable in his new job.",
    ),
    (
        "The children didn't eat any of the vegetables on their plates.",
        "The vegetables on the children's plates were left uneaten.",
        "The children didn't eat any of their dessert either.",
        "The children ate some of the vegetables on their plates.",
    ),
    (
        "No one in the office speaks Japanese except Keiko.",
        "Keiko is the only one in the office who speaks Japanese.",
        "Keiko does not speak Korean.",
        "Nobody in the office speaks Japanese.",
    ),
    (
        "The ferry did not run yesterday because of the storm.",
        "There was a storm yesterday.",
        "The ferry will not run tomorrow either.",
        "The ferry ran on schedule yesterday.",
    ),
    (
        "Mr. Alvarez has never been to Canada.",
        "Canada is a country Mr. Alvarez has yet to visit.",
        "Mr. Alvarez has never been to Mexico.",
        "Mr. Alvarez spent last winter in Toronto.",
    ),
    (
        "The printer is not broken; it is just out of paper.",
        "The only problem with the printer is the lack of paper.",
        "The printer is out of ink as well.",
        "The printer is broken and needs repair.",
    ),
    (
        "Not every runner finished the marathon.",
        "At least one runner did not finish the marathon.",
        "Most runners finished the marathon.",
        "Every runner finished the marathon.",
    ),
    (
        "Sofia refused to sign the contract.",
        "The contract remained unsigned by Sofia.",
        "Sofia's lawyer advised her not to sign the contract.",
        "Sofia signed the contract without hesitation.",
    ),
    (
        "The soup wasn't hot, but it wasn't cold either.",
        "The soup was somewhere between hot and cold.",
        "The soup was too salty.",
        "The soup was boiling hot.",
    ),
    (
        "There is no milk left in the fridge.",
        "The fridge is out of milk.",
        "There is no butter left in the fridge.",
        "There is a full carton of milk in the fridge.",
    ),
    (
        "Daniel rarely drinks coffee after lunch.",
        "Daniel seldom has coffee once lunch is over.",
        "Daniel drinks tea after lunch.",
        "Daniel always drinks coffee after lunch.",
    ),
    (
        "The witness did not see who broke the window.",
        "The window was broken by someone.",
        "The witness heard the window break.",
        "The witness saw exactly who broke the window.",
    ),
]

QUANTIFIERS: list[Item] = [
    (
        "All of the apples in the basket are ripe.",
        "Every apple in the basket is ripe.",
        "The basket contains twelve apples.",
        "Some of the apples in the basket are still green and unripe.",
    ),
    (
        "Some of the students passed the chemistry exam.",
        "At least one student passed the chemistry exam.",
        "Most of the students passed the chemistry exam.",
        "None of the students passed the chemistry exam.",
    ),
    (
        "Most of the houses on Elm Street have solar panels.",
        "Some houses on Elm Street have solar panels.",
        "Every house on Elm Street has a garden.",
        "Only a few houses on Elm Street have solar panels.",
    ),
    (
        "Every employee received a bonus this year.",
        "Each worker got a bonus this year.",
        "The bonuses were larger than last year's.",
        "Several employees went without a bonus this year.",
    ),
    (
        "No dogs are allowed in the park.",
        "Dogs are banned from the park.",
        "Cats are allowed in the park.",
        "Small dogs are welcome in the park.",
    ),
    (
        "Both of Leila's brothers are engineers.",
        "Leila has at least one brother who is an engineer.",
        "Leila is not an engineer herself.",
        "Only one of Leila's brothers is an engineer.",
    ),
    (
        "Few people in the village own a car.",
        "Most people in the village do not own a car.",
        "Most people in the village own a bicycle.",
        "Nearly everyone in the village owns a car.",
    ),
    (
        "At least three tables in the restaurant were empty.",
        "More than one table in the restaurant was empty.",
        "Exactly five tables in the restaurant were empty.",
        "Only one table in the restaurant was empty.",
    ),
    (
        "Each of the four players scored a goal.",
        "All four players scored at least once.",
        "One of the players scored twice.",
        "One of the four players failed to score.",
    ),
    (
        "Many of the flights from Denver were delayed this morning.",
        "Some flights from Denver were delayed.",
        "All of the flights from Denver were delayed this morning.",
        "Not a single flight from Denver was delayed this morning.",
    ),
    (
        "Neither of the twins likes spicy food.",
        "One of the twins does not like spicy food.",
        "Both twins have a sweet tooth.",
        "One of the twins loves spicy food.",
    ),
    (
        "All the lights in the building were switched off at midnight.",
        "Every light in the building was turned off at midnight.",
        "The lights in the building were not switched on again until seven.",
        "One light in the building stayed on all night.",
    ),
    (
        "Only two of the ten candidates spoke French.",
        "Eight of the candidates did not speak French.",
        "Most of the candidates spoke Spanish.",
        "Half of the candidates spoke French.",
    ),
    (
        "Some of the cookies contain nuts.",
        "Not all of the cookies are nut-free.",
        "Some of the cookies contain raisins.",
        "None of the cookies contain nuts.",
    ),
    (
        "Everyone on the bus was wearing a seatbelt.",
        "Every passenger on the bus had a seatbelt on.",
        "The bus was full of passengers.",
        "One passenger on the bus rode unbuckled.",
    ),
    (
        "Several of the paintings in the gallery were damaged in the flood.",
        "At least two paintings in the gallery were damaged.",
        "Most of the damaged paintings have been repaired.",
        "The flood left every painting in the gallery undamaged.",
    ),
    (
        "All but one of the seeds sprouted.",
        "At least one seed did not sprout.",
        "Only two seeds were planted.",
        "Every single one of the seeds sprouted.",
    ),
    (
        "Half of the club's members voted for the new rule.",
        "Some of the club's members voted for the new rule.",
        "The new rule was adopted by the club.",
        "Fewer than a quarter of the club's members voted for the new rule.",
    ),
]

NUMBERS_COMPARATIVES: list[Item] = [
    (
        "Amir is taller than his father, who is six feet tall.",
        "Amir is over six feet tall.",
        "Amir is taller than his mother.",
        "Amir's father is taller than Amir.",
    ),
    (
        "The blue bicycle costs 300 dollars and the red one costs 450 dollars.",
        "The red bicycle is more expensive than the blue one.",
        "The red bicycle is faster than the blue one.",
        "The blue bicycle costs more than the red one.",
    ),
    (
        "The meeting started at ten in the morning and lasted exactly two hours.",
        "The meeting ended at noon.",
        "The meeting was held in the main conference room.",
        "The meeting was over by eleven.",
    ),
    (
        "Grace has three children and Tom has five.",
        "Tom has more children than Grace.",
        "Tom's children are older than Grace's.",
        "Grace and Tom have the same number of children.",
    ),
    (
        "The river is about forty meters wide at the bridge.",
        "The river is wider than ten meters at the bridge.",
        "The river is deeper than five meters at the bridge.",
        "At the bridge, the river is only a few meters across.",
    ),
    (
        "Nadia ran the race in 52 minutes, beating her sister by four minutes.",
        "Nadia's sister took 56 minutes.",
        "Nadia's sister is at least two years older than Nadia.",
        "Nadia finished behind her sister.",
    ),
    (
        "The hotel has fewer than twenty rooms.",
        "The hotel does not have fifty rooms.",
        "The hotel has exactly twelve rooms.",
        "The hotel has over a hundred rooms.",
    ),
    (
        "Chen's flat is on the fourth floor, two floors above Mia's.",
        "Mia lives on the second floor.",
        "Chen's flat is larger than Mia's.",
        "Mia lives on a higher floor than Chen.",
    ),
    (
        "The package weighs twice as much as the envelope, which weighs 200 grams.",
        "The package weighs 400 grams.",
        "The package is bigger than the envelope.",
        "The envelope is heavier than the package.",
    ),
    (
        "Over a thousand people attended the outdoor concert.",
        "More than 500 people went to the concert.",
        "Every ticket for the outdoor concert was sold.",
        "Fewer than three hundred people came to the concert.",
    ),
    (
        "Sam is the youngest of the four siblings.",
        "Sam's siblings are all older than Sam.",
        "Sam is the shortest of the four siblings.",
        "Sam has a younger brother.",
    ),
    (
        "The shop opens at 9 a.m. and closes eight hours later.",
        "The shop closes at 5 p.m.",
        "The shop doesn't sell newspapers.",
        "The shop stays open until 9 p.m.",
    ),
    (
        "Lena scored 85 on the test, the highest mark in her class.",
        "No one in Lena's class scored above 85.",
        "Lena's class has only thirty students.",
        "Another student in Lena's class scored 92.",
    ),
    (
        "The new phone's battery lasts longer than the old one's.",
        "The old phone's battery runs out sooner than the new one's.",
        "The new phone is lighter than the old one.",
        "The old phone's battery outlasts the new one's.",
    ),
    (
        "The recipe calls for three eggs, but Paolo used only two.",
        "Paolo used fewer eggs than the recipe asked for.",
        "The cake Paolo made came out flat.",
        "Paolo used more eggs than the recipe required.",
    ),
    (
        "Kiona's garden is smaller than Ray's, and Ray's is smaller than Ben's.",
        "Ben's garden is bigger than Kiona's.",
        "Ben's garden has more flowers than Ray's.",
        "Kiona has the largest garden of the three.",
    ),
    (
        "The bus takes 45 minutes, while the train takes 25.",
        "The train is quicker than the bus.",
        "The train is more expensive than the bus.",
        "The bus gets there faster than the train.",
    ),
    (
        "The temperature dropped from 20 degrees to 8 degrees overnight.",
        "By morning it was twelve degrees colder.",
        "It rained heavily during the night.",
        "The temperature rose during the night.",
    ),
]

SYNONYMS_ANTONYMS: list[Item] = [
    (
        "The old man was furious when the bus left without him.",
        "The elderly man was very angry when the bus left without him.",
        "The old man still made it home on time.",
        "The old man was calm when the bus left without him.",
    ),
    (
        "The hallway was extremely narrow.",
        "There was not much room to pass in the hallway.",
        "The hallway was poorly lit.",
        "The hallway was very wide.",
    ),
    (
        "Fatima purchased a used car last week.",
        "Fatima bought a secondhand car last week.",
        "Fatima sold her old car last week.",
        "Fatima bought a brand-new car last week.",
    ),
    (
        "The exam was surprisingly easy.",
        "The test was simpler than expected.",
        "Everyone in the class passed the exam.",
        "The exam was incredibly difficult.",
    ),
    (
        "The shop assistant was rude to the customers.",
        "The shop assistant was impolite to customers.",
        "The customers complained to the owner.",
        "The shop assistant was courteous to the customers.",
    ),
    (
        "The streets were empty at dawn.",
        "At daybreak the streets were deserted.",
        "The streets were wet at dawn.",
        "At dawn the streets were crowded.",
    ),
    (
        "Marco is a very cautious driver.",
        "Marco drives with great care.",
        "Marco drives a small car.",
        "Marco is a reckless driver.",
    ),
    (
        "The instructions for the shelf were vague.",
        "The instructions for the shelf were unclear.",
        "The instructions for the shelf came in a small booklet.",
        "The instructions for the shelf were precise and easy to follow.",
    ),
    (
        "Hana arrived at the station early.",
        "Hana got to the station ahead of time.",
        "Hana took a taxi to the station.",
        "Hana was late getting to the station.",
    ),
    (
        "The bridge into town is temporarily closed.",
        "The bridge into town is shut for now.",
        "The bridge into town is being repainted.",
        "The bridge into town is permanently closed.",
    ),
    (
        "The soup at the cafe tasted bland.",
        "The soup did not have much flavor.",
        "The soup at the cafe had gone cold.",
        "The soup at the cafe was full of flavor.",
    ),
    (
        "The manager praised the new intern.",
        "The manager complimented the new intern.",
        "The new intern was not expecting the praise.",
        "The manager had nothing good to say about the new intern.",
    ),
    (
        "The lake was frozen solid by January.",
        "By January the lake was completely iced over.",
        "By January people were skating on the lake.",
        "At the start of January the lake was open water, with boats sailing on it.",
    ),
    (
        "Joel is an honest accountant.",
        "Joel is a truthful accountant.",
        "Joel is a wealthy accountant.",
        "Joel is a dishonest accountant.",
    ),
    (
        "The path up the hill is steep.",
        "The trail up the hill rises sharply.",
        "The path up the hill is rocky.",
        "The path up the hill is nearly flat.",
    ),
    (
        "The restaurant was almost empty on Tuesday night.",
        "Few diners were in the restaurant on Tuesday night.",
        "The restaurant is closed on Wednesdays.",
        "The restaurant was packed on Tuesday night.",
    ),
    (
        "Aisha whispered the answer to her friend.",
        "Aisha quietly told her friend the answer.",
        "Aisha's friend wrote down the answer.",
        "Aisha shouted the answer to her friend.",
    ),
    (
        "The town's population has increased since 1990.",
        "The town has grown since 1990.",
        "The town's population has doubled since 1990.",
        "Fewer people live in the town now than in 1990.",
    ),
]

HYPERNYMY: list[Item] = [
    (
        "Mrs. Duarte is slicing carrots at the kitchen counter.",
        "Mrs. Duarte is cutting up vegetables.",
        "Mrs. Duarte is making soup for her family.",
        "Mrs. Duarte has no vegetables in front of her.",
    ),
    (
        "Raj adopted a beagle from the shelter.",
        "Raj adopted a dog from the shelter.",
        "Raj adopted a puppy from the shelter.",
        "The pet Raj adopted from the shelter was a kitten.",
    ),
    (
        "Elena plays the cello in a string quartet.",
        "Elena plays a musical instrument.",
        "Elena has never played the piano.",
        "Elena has never played an instrument.",
    ),
    (
        "The boys from the youth club are playing soccer in the rain.",
        "Some kids are playing a sport.",
        "The boys from the youth club are playing in a tournament.",
        "The boys from the youth club are playing chess indoors.",
    ),
    (
        "Wearing a blue jacket, Mr. Haddad rode his motorcycle down the highway.",
        "A person rode a vehicle down the road.",
        "Mr. Haddad rode his motorcycle to work.",
        "Wearing a blue jacket, Mr. Haddad walked along the highway on foot.",
    ),
    (
        "Kofi ate an orange after his run.",
        "Kofi ate a piece of fruit.",
        "Kofi drank some water after his run.",
        "Kofi skipped eating after his run.",
    ),
    (
        "The gardener planted three oak trees by the fence.",
        "Some trees were planted near the fence.",
        "The gardener did not plant any flowers.",
        "All the trees the gardener planted by the fence were pines.",
    ),
    (
        "Tanya wrote a sonnet for her grandmother's birthday.",
        "Tanya wrote a poem for a relative.",
        "Tanya's grandmother cried when she read the sonnet.",
        "Tanya didn't write anything for her grandmother's birthday.",
    ),
    (
        "A sparrow landed on the windowsill.",
        "A bird landed on the windowsill.",
        "The sparrow was startled by a cat.",
        "No animal came near the windowsill.",
    ),
    (
        "Ingrid is drinking a cup of green tea.",
        "Ingrid is drinking a beverage.",
        "Ingrid is drinking green tea with honey.",
        "Ingrid's cup is full of black coffee.",
    ),
    (
        "The courier delivered a laptop to the office.",
        "A computer was delivered to the office.",
        "The laptop was a gift for the director.",
        "The courier delivered a printer to the office, and nothing else.",
    ),
    (
        "Victor drove his pickup truck to the lake.",
        "Victor drove a vehicle to the lake.",
        "Victor went fishing at the lake.",
        "Victor rode his bicycle to the lake.",
    ),
    (
        "The chef is frying salmon for tonight's dinner.",
        "The chef is cooking fish.",
        "The chef is frying salmon for twenty guests.",
        "Tonight's dinner is strictly vegetarian.",
    ),
    (
        "A surgeon examined the patient's knee.",
        "A doctor examined the patient.",
        "The surgeon will operate on the patient's knee.",
        "The surgeon examined the patient's shoulder but left the knee alone.",
    ),
    (
        "The children built a snowman with a carrot nose.",
        "The kids made something out of snow.",
        "The children built a snowman in the park.",
        "The children built a sandcastle instead of a snowman.",
    ),
    (
        "My uncle collects stamps from Brazil.",
        "A relative of mine collects stamps.",
        "My uncle has lived in Brazil.",
        "My uncle has never collected anything.",
    ),
    (
        "Paula bought tulips at the market.",
        "Paula bought some flowers at the market.",
        "Paula bought red tulips at the market.",
        "Paula came home from the market without buying any flowers.",
    ),
    (
        "A violinist performed at the hospital's fundraiser.",
        "A musician performed at a fundraiser.",
        "The fundraiser raised a lot of money.",
        "There was no music at the hospital's fundraiser.",
    ),
]

COREFERENCE: list[Item] = [
    (
        "When Anna called her brother, he was at the gym.",
        "Anna's brother was at the gym when she called.",
        "Anna's brother goes to the gym every day.",
        "Anna's brother was at home when she called him.",
    ),
    (
        "The mechanic told Mr. Patel that his car needed a new battery.",
        "Mr. Patel's car needed a new battery.",
        "Mr. Patel bought the new battery from the mechanic.",
        "The mechanic said Mr. Patel's car battery was fine.",
    ),
    (
        "Julia gave her old laptop to Marcus because he needed one for school.",
        "Marcus received a laptop from Julia.",
        "Marcus had never owned a laptop before.",
        "Julia kept her old laptop for herself.",
    ),
    (
        "Rosa couldn't lift the box onto the shelf because it was too heavy.",
        "The box was too heavy.",
        "The shelf was too high for Rosa.",
        "The box was light, but Rosa still couldn't lift it.",
    ),
    (
        "Kenji met his neighbor's daughter at the bakery, and she recognized him immediately.",
        "The neighbor's daughter recognized Kenji.",
        "Kenji recognized his neighbor's daughter immediately.",
        "The neighbor's daughter had no idea who Kenji was.",
    ),
    (
        "The nurse handed the baby to its mother, who smiled.",
        "The mother of the baby smiled.",
        "The nurse smiled at the baby.",
        "The nurse handed the baby to its father.",
    ),
    (
        "Dr. Okafor treated the boxer after he broke his wrist.",
        "The boxer broke his wrist.",
        "The boxer broke his wrist during a fight.",
        "The boxer's wrist was never injured.",
    ),
    (
        "Ms. Lindqvist fired her assistant because he kept missing deadlines.",
        "The assistant kept missing deadlines.",
        "The assistant found a new job soon afterwards.",
        "Ms. Lindqvist's assistant always met his deadlines.",
    ),
    (
        "Ahmed lent Sara his umbrella, so she stayed dry on the way home.",
        "Sara walked home under Ahmed's umbrella.",
        "Ahmed got wet on the way home.",
        "Sara got soaked on the way home.",
    ),
    (
        "The cat knocked the glass off the table, and it shattered on the floor.",
        "The glass broke into pieces.",
        "The cat was scared by the noise.",
        "The glass landed on the floor without breaking.",
    ),
    (
        "Before Lucia moved to Lisbon, she taught music in Rome.",
        "Lucia used to teach music in Rome.",
        "Lucia teaches music in Lisbon now.",
        "Lucia has never taught music.",
    ),
    (
        "The players thanked their coach after she led them to the final.",
        "The players' coach is a woman.",
        "The team won the final.",
        "The players blamed their coach after losing in the first round.",
    ),
    (
        "Mrs. Green asked her son to water the plants, but he forgot.",
        "The plants were not watered by Mrs. Green's son.",
        "The plants in Mrs. Green's house died.",
        "Mrs. Green's son remembered to water the plants.",
    ),
    (
        "Tomas and his wife sold their house, and they moved into a small apartment.",
        "Tomas now lives in an apartment.",
        "The apartment is in the city center.",
        "Tomas and his wife are living in their old house.",
    ),
    (
        "The pianist waved to the audience as they stood up to applaud.",
        "The audience stood up to applaud.",
        "The pianist bowed to the audience.",
        "The audience stayed seated as the pianist waved.",
    ),
    (
        "Zoe told Liam that his presentation was the best one.",
        "Zoe had high praise for Liam's presentation.",
        "Liam thanked Zoe for the compliment.",
        "Zoe said Liam's presentation was the weakest one.",
    ),
    (
        "After the dog bit the mail carrier, its owner apologized.",
        "The owner of the dog said sorry.",
        "The mail carrier needed stitches.",
        "The dog's owner refused to apologize.",
    ),
    (
        "Helena's grandfather taught her to sail when she was seven.",
        "Helena learned to sail as a child.",
        "Helena's grandfather owned a sailboat.",
        "Helena learned to sail in her forties.",
    ),
]

TEMPORAL_ORDER: list[Item] = [
    (
        "Nina finished her homework before she went to the cinema.",
        "Nina went to the cinema after finishing her homework.",
        "Nina went to the cinema before dinner.",
        "Nina did her homework after she came back from the cinema.",
    ),
    (
        "The store closed an hour before the storm hit.",
        "The storm hit after the store had closed.",
        "The storm damaged the store's roof.",
        "The store was still open when the storm hit.",
    ),
    (
        "After graduating from college, Pedro joined the navy.",
        "Pedro was a college graduate when he joined the navy.",
        "Pedro studied engineering in college.",
        "Pedro joined the navy before going to college.",
    ),
    (
        "The guests had already left by the time the cake arrived.",
        "The guests left before the cake arrived.",
        "The cake was made of chocolate.",
        "The guests ate the cake together before leaving.",
    ),
    (
        "Yusuf ate breakfast, then he took the dog for a walk.",
        "Yusuf walked the dog after breakfast.",
        "Yusuf walked the dog before going to work.",
        "Yusuf walked the dog before having breakfast.",
    ),
    (
        "The bridge was built in 1932, long before the highway.",
        "The highway is newer than the bridge.",
        "The highway was built in the 1960s.",
        "The highway was there before the bridge.",
    ),
    (
        "Clara only started painting after she retired from the bank.",
        "Clara used to work at a bank.",
        "Clara sells her paintings online.",
        "Clara painted throughout her years at the bank.",
    ),
    (
        "The lecture began while students were still finding their seats.",
        "Some students were not seated when the lecture started.",
        "The lecture ran over time.",
        "All the students were seated well before the lecture began.",
    ),
    (
        "Once the water boiled, Irene added the pasta.",
        "The pasta went in after the water boiled.",
        "Irene did not add salt to the water.",
        "Irene put the pasta in cold water.",
    ),
    (
        "By the time the firefighters arrived, the barn had burned down.",
        "The barn burned down before the firefighters got there.",
        "Lightning started the fire in the barn.",
        "The firefighters arrived in time to save the barn.",
    ),
    (
        "Ali learned to swim long before he learned to ride a bike.",
        "Ali could swim by the time he learned to ride a bike.",
        "Ali learned to swim at the age of four.",
        "Ali learned to ride a bike first.",
    ),
    (
        "The movie had already started when Hugo found his seat.",
        "Hugo missed the start of the movie.",
        "Hugo bought popcorn before the movie.",
        "Hugo was seated before the movie started.",
    ),
    (
        "Priscilla moved to Chicago in 2015 and has lived there ever since.",
        "Priscilla still lives in Chicago.",
        "Priscilla moved to Chicago for a job.",
        "Priscilla left Chicago in 2017.",
    ),
    (
        "The baby fell asleep just before the guests rang the doorbell.",
        "The baby was asleep when the doorbell rang.",
        "The baby was still asleep when the guests left.",
        "The baby was wide awake when the guests rang the doorbell.",
    ),
    (
        "Lars repaired the roof last summer, three months after the flood.",
        "The flood happened before Lars repaired the roof.",
        "The flood damaged the roof.",
        "Lars repaired the roof last summer, before the flood came.",
    ),
    (
        "Mei will start her new job the week after her wedding.",
        "Mei's wedding comes before her new job.",
        "Mei's wedding will be held in the spring.",
        "Mei will begin the new job before getting married.",
    ),
    (
        "The alarm went off while Jordan was in the shower.",
        "Jordan was showering when the alarm sounded.",
        "Jordan was late for work.",
        "Jordan had already dressed and left when the alarm went off.",
    ),
    (
        "The old library was torn down, and a park was built in its place.",
        "The park was built after the library was demolished.",
        "The park has a playground.",
        "The park was built before the library was demolished.",
    ),
]

ACTIVE_PASSIVE: list[Item] = [
    (
        "The letter was written by the mayor's secretary.",
        "The mayor's secretary wrote the letter.",
        "The mayor signed the letter.",
        "The mayor wrote the letter himself.",
    ),
    (
        "A storm destroyed the old barn.",
        "The old barn was destroyed by a storm.",
        "The old barn was rebuilt by the farmer.",
        "The old barn was destroyed by a fire.",
    ),
    (
        "The report was reviewed by two editors before publication.",
        "Two editors reviewed the report.",
        "The editors found several errors in the report.",
        "Nobody reviewed the report before it was published.",
    ),
    (
        "The goalkeeper blocked the penalty kick.",
        "The penalty kick was blocked by the goalkeeper.",
        "The penalty kick was taken by the team captain.",
        "The penalty kick was scored past the goalkeeper.",
    ),
    (
        "Dozens of volunteers cleaned the beach on Saturday.",
        "The beach was cleaned by volunteers.",
        "The beach was cleaned again on Sunday.",
        "The beach was left dirty on Saturday because nobody came.",
    ),
    (
        "The thief was caught by a security guard.",
        "A security guard caught the thief.",
        "The security guard was praised by the police.",
        "The thief escaped from the security guard.",
    ),
    (
        "The award was presented to Dr. Mensah by the university president.",
        "The university president gave Dr. Mensah the award.",
        "Dr. Mensah gave a short speech.",
        "Dr. Mensah presented the award to the university president.",
    ),
    (
        "The windows were washed by the landlord, not the tenants.",
        "The landlord washed the windows.",
        "The tenants complained about the dirty windows.",
        "The tenants washed the windows themselves.",
    ),
    (
        "Farmers in the valley grow most of the region's rice.",
        "Most of the region's rice is grown by farmers in the valley.",
        "Rice is also imported into the region.",
        "Very little of the region's rice is grown in the valley.",
    ),
    (
        "The concert was cancelled by the organizers because of the heat.",
        "The organizers cancelled the concert.",
        "The organizers refunded all the tickets.",
        "The concert went ahead despite the heat.",
    ),
    (
        "A young engineer designed the new stadium.",
        "The new stadium was designed by an engineer.",
        "The new stadium was built by a foreign company.",
        "The new stadium was designed by a retired architect in his eighties.",
    ),
    (
        "The children were taught to read by their grandmother.",
        "Their grandmother taught the children to read.",
        "Their grandmother taught the children to write.",
        "The children taught themselves to read.",
    ),
    (
        "Two suspects were arrested by the police on Friday night.",
        "The police arrested two suspects.",
        "The suspects were released on Saturday.",
        "The police did not arrest anyone on Friday night.",
    ),
    (
        "The orchestra was conducted by a guest conductor from Vienna.",
        "A guest conductor from Vienna led the orchestra.",
        "The guest conductor had never visited the city before.",
        "The orchestra's regular conductor led the performance.",
    ),
    (
        "The bread is baked fresh by the owner every morning.",
        "The owner bakes the bread every morning.",
        "The owner does not bake any cakes.",
        "The bread is delivered frozen from a factory.",
    ),
    (
        "A falling branch damaged Carla's car.",
        "Carla's car was damaged by a branch.",
        "Carla's insurance paid for the repairs.",
        "Carla's car was not damaged at all.",
    ),
    (
        "The new law was approved by a large majority in parliament.",
        "A large majority in parliament supported the new law.",
        "The new law will take effect next year.",
        "Parliament rejected the new law.",
    ),
    (
        "The puppy was found by a jogger near the river.",
        "A jogger found the puppy.",
        "The jogger kept the puppy.",
        "A fisherman found the puppy near the river.",
    ),
]

WORLD_KNOWLEDGE: list[Item] = [
    (
        "Hiroshi spent his vacation in Paris.",
        "Hiroshi spent his vacation in France.",
        "Hiroshi visited the Louvre museum.",
        "Hiroshi spent his whole vacation in Japan.",
    ),
    (
        "Elif was born in 1998.",
        "Elif was born in the twentieth century.",
        "Elif was born in Istanbul.",
        "Elif was born in the 1980s.",
    ),
    (
        "The water in the pot has been boiling for ten minutes.",
        "The water in the pot is hot.",
        "The pot is on a gas stove.",
        "The water in the pot is ice cold.",
    ),
    (
        "Gabriel is a pediatrician at the city hospital.",
        "Gabriel treats children at the hospital.",
        "Gabriel usually works night shifts.",
        "Gabriel has no medical training.",
    ),
    (
        "It was midnight and the sky over the desert was full of stars.",
        "It was nighttime in the desert.",
        "It was cold in the desert.",
        "The sun was shining brightly over the desert.",
    ),
    (
        "The ship sank in the middle of the Atlantic Ocean.",
        "The ship went down at sea.",
        "The ship was carrying cargo.",
        "The ship sank in a lake.",
    ),
    (
        "Marta's grandson is five years old.",
        "Marta is a grandmother to someone.",
        "Marta's grandson goes to kindergarten.",
        "Marta does not have any grandchildren.",
    ),
    (
        "Ivan is fluent in Russian because he grew up in Moscow.",
        "Ivan is able to speak Russian.",
        "Ivan cannot speak a word of German.",
        "Ivan grew up in Buenos Aires.",
    ),
    (
        "The streets were covered in snow on Christmas morning in Oslo.",
        "It was winter in Oslo.",
        "Children were sledding in Oslo on Christmas morning.",
        "It was the middle of summer in Oslo.",
    ),
    (
        "Sunita is a vegetarian and never eats meat.",
        "Sunita avoids eating chicken and pork.",
        "Sunita does not eat eggs.",
        "Sunita had a beef burger for lunch.",
    ),
    (
        "The flight from London to New York crossed the ocean overnight.",
        "The plane flew over the Atlantic.",
        "The flight landed early in New York.",
        "The flight from London to New York went over land the whole way.",
    ),
    (
        "Dmitri's daughter is a high school senior.",
        "Dmitri is the parent of a teenager.",
        "Dmitri's daughter plans to study law.",
        "Dmitri has never had any children.",
    ),
    (
        "The ice cream melted within minutes in the August sun.",
        "It was warm outside in August.",
        "The ice cream was vanilla.",
        "It was freezing cold outside that day.",
    ),
    (
        "Owen has been a widower since last year.",
        "Owen's wife has passed away.",
        "Owen has two grown sons.",
        "Owen's wife is alive and well.",
    ),
    (
        "Bea celebrated her fortieth birthday last week.",
        "Bea is forty years old.",
        "Bea had a party at a restaurant.",
        "Bea is still a teenager.",
    ),
    (
        "The marathon runners passed the Colosseum during the race.",
        "The marathon took place in Rome.",
        "The marathon was held in the spring.",
        "The marathon took place in Madrid.",
    ),
    (
        "The final was played at Wimbledon on grass.",
        "The final was played in England.",
        "The final lasted five sets.",
        "The final was played on a clay court.",
    ),
    (
        "Luis bought a round-trip ticket from Madrid to Lima.",
        "Luis's ticket includes a return journey to Madrid.",
        "Luis is visiting relatives in Lima.",
        "Luis bought a one-way ticket to Lima.",
    ),
]

CONDITIONALS_MODALITY: list[Item] = [
    (
        "If it rains tomorrow, the picnic will be moved indoors.",
        "Rain tomorrow would send the picnic indoors.",
        "It is going to rain tomorrow.",
        "The picnic will stay outdoors even if it rains tomorrow.",
    ),
    (
        "Jana might come to the party, but she isn't sure yet.",
        "Jana is still undecided about the party.",
        "Jana will come to the party.",
        "Jana has already promised she will definitely be at the party.",
    ),
    (
        "Visitors must show an ID to enter the building.",
        "Entering the building requires an ID.",
        "Most visitors carry an ID.",
        "Visitors can enter the building without showing any ID.",
    ),
    (
        "Unless the bus is late, Felix will arrive by noon.",
        "If the bus is on time, Felix will arrive by noon.",
        "The bus will be late.",
        "Felix will arrive after noon even if the bus is on time.",
    ),
    (
        "You can park here only on weekends.",
        "Parking here on a Tuesday is not allowed.",
        "Parking here is free of charge.",
        "You are allowed to park here every weekday.",
    ),
    (
        "The doctor said Amira should rest for a week.",
        "Amira was advised to rest.",
        "Amira will rest for a week.",
        "The doctor told Amira to go straight back to work.",
    ),
    (
        "If Noah had studied, he would have passed the exam.",
        "Noah did not pass the exam.",
        "Noah will retake the exam.",
        "Noah passed the exam easily.",
    ),
    (
        "The package may arrive on Thursday.",
        "It is possible that the package will arrive on Thursday.",
        "The package will arrive on Thursday morning.",
        "The package cannot possibly arrive on Thursday.",
    ),
    (
        "Students who finish early are allowed to leave the room.",
        "A student who finishes early may leave the room.",
        "Not many students finish early.",
        "Students who finish early have to stay in the room.",
    ),
    (
        "If the light is red, the cars must stop.",
        "Cars are required to stop at a red light.",
        "The light is red right now.",
        "Cars may drive through when the light is red.",
    ),
    (
        "Leon can play the guitar, but he has never played on stage.",
        "Leon knows how to play the guitar.",
        "Leon plays the guitar every day.",
        "Leon often plays guitar on stage.",
    ),
    (
        "Employees are required to wear helmets on the construction site.",
        "Workers on the site have to wear helmets.",
        "Employees on the construction site also wear gloves.",
        "Wearing a helmet on the construction site is optional.",
    ),
    (
        "If the museum is closed, we will go to the aquarium instead.",
        "Should the museum be closed, the aquarium is our backup plan.",
        "The museum is closed today.",
        "We will skip the aquarium even if the museum is closed.",
    ),
    (
        "Ruth must have left already, because her coat is gone.",
        "Ruth's coat is not where it was.",
        "Ruth left to catch a train.",
        "Ruth's coat is hanging by the door.",
    ),
    (
        "Children under twelve cannot ride the roller coaster.",
        "A nine-year-old would be turned away from the roller coaster.",
        "Children under twelve can ride the carousel.",
        "Eight-year-olds are permitted to ride the roller coaster.",
    ),
    (
        "Whenever Grandpa visits, he brings oranges.",
        "If Grandpa visits next week, he will bring oranges.",
        "Grandpa visits them every Sunday.",
        "Grandpa sometimes visits without bringing oranges.",
    ),
    (
        "Tickets may be exchanged but not refunded.",
        "You cannot get your money back for a ticket.",
        "Tickets can be exchanged online.",
        "Tickets can be returned for a full refund.",
    ),
    (
        "If Oskar wins the next match, he will qualify for the final.",
        "Winning the next match would put Oskar in the final.",
        "Oskar will win the next match.",
        "Oskar cannot reach the final even if he wins the next match.",
    ),
]

CONJUNCTION_DISJUNCTION: list[Item] = [
    (
        "Hamid bought bread and cheese at the market.",
        "Hamid also bought cheese at the market.",
        "Hamid bought bread, cheese, and olives at the market.",
        "Hamid left the market with bread but without cheese.",
    ),
    (
        "The meeting will be on Monday or Tuesday.",
        "The meeting will be early in the week.",
        "The meeting will be on Monday.",
        "The meeting will be on Friday.",
    ),
    (
        "Both Anya and Dev passed the audition.",
        "Dev passed the audition too.",
        "Anya and Dev will perform together.",
        "Anya did badly and failed the audition.",
    ),
    (
        "Either Leo or his sister fed the cat this morning.",
        "Someone fed the cat this morning.",
        "Leo fed the cat this morning.",
        "The cat went without food this morning.",
    ),
    (
        "The cafe serves coffee but not tea.",
        "Tea is unavailable at the cafe.",
        "The cafe doesn't serve pastries.",
        "The cafe serves tea as well as coffee.",
    ),
    (
        "Neither the printer nor the scanner is working.",
        "The scanner is out of order.",
        "The printer and scanner are both new.",
        "The printer is working fine.",
    ),
    (
        "Olga speaks Polish and Ukrainian fluently.",
        "Olga is fluent in Ukrainian.",
        "Olga doesn't speak any English.",
        "Olga speaks Polish but can't speak Ukrainian.",
    ),
    (
        "You can pay by card or in cash.",
        "Paying in cash is an option.",
        "Most customers pay by card.",
        "Only card payments are accepted.",
    ),
    (
        "The soup contains onions, carrots, and celery.",
        "The soup has carrots in it.",
        "There is no garlic in the soup.",
        "The soup is made without carrots.",
    ),
    (
        "Kim went hiking and then had dinner with friends.",
        "Kim had dinner with friends.",
        "Kim went hiking with friends.",
        "Kim went hiking but skipped dinner.",
    ),
    (
        "For the job, experience in either Python or Java is enough.",
        "Someone who knows only Java has enough experience for the job.",
        "The job comes with a good salary.",
        "The job demands experience in both Python and Java.",
    ),
    (
        "Pablo plays tennis, but his brother doesn't.",
        "Pablo's brother does not play tennis.",
        "Pablo's brother plays golf instead.",
        "Pablo and his brother both play tennis.",
    ),
    (
        "The hotel offers free breakfast and free parking.",
        "Parking at the hotel is free.",
        "The hotel offers free Wi-Fi.",
        "Guests pay extra for breakfast at the hotel.",
    ),
    (
        "Either the key is in the drawer or Rina took it with her.",
        "If the key is not in the drawer, Rina has it.",
        "Rina took the key with her.",
        "The key is neither in the drawer nor with Rina.",
    ),
    (
        "Yosef and Miriam both work at the hospital, but only Yosef is a surgeon.",
        "Miriam works at the hospital.",
        "Miriam is a nurse there.",
        "Miriam is a surgeon at the hospital.",
    ),
    (
        "The museum is open on Saturdays and Sundays, but not on Mondays.",
        "The museum is open on weekends.",
        "The museum is open on Wednesdays.",
        "The museum opens every day of the week.",
    ),
    (
        "Rain or snow is expected in the mountains tonight.",
        "Some kind of precipitation is expected in the mountains tonight.",
        "Snow is expected in the mountains tonight.",
        "Clear, dry skies are expected in the mountains tonight.",
    ),
    (
        "Fiona wants a dog, and so does her husband.",
        "Fiona's husband wants a dog.",
        "Fiona and her husband will get a dog soon.",
        "Fiona wants a dog, but her husband is against the idea.",
    ),
]

PARAPHRASE: list[Item] = [
    (
        "The committee postponed the vote until next month.",
        "The vote was pushed back to next month by the committee.",
        "The committee will approve the proposal next month.",
        "The committee held the vote as planned this month.",
    ),
    (
        "Sergio has lived in the same apartment for twenty years.",
        "For two decades, Sergio has not changed apartments.",
        "Sergio owns the apartment he lives in.",
        "Sergio moved into his apartment last year.",
    ),
    (
        "The company laid off a third of its staff in March.",
        "In March, the company let go of one in three employees.",
        "The company hired new staff in June.",
        "The company kept all of its staff in March.",
    ),
    (
        "Beatriz couldn't stop laughing during the comedy show.",
        "Beatriz found the comedy show very funny.",
        "Beatriz went to the comedy show with her coworkers.",
        "Beatriz didn't laugh once during the comedy show.",
    ),
    (
        "The road to the village is impassable after heavy rain.",
        "After heavy rain, nobody can get through on the road to the village.",
        "It rains heavily in the village every spring.",
        "Cars can use the road to the village whatever the weather.",
    ),
    (
        "The new manager made a lot of changes in her first week.",
        "Many things changed in the new manager's first week.",
        "The staff liked the new manager's changes.",
        "The new manager left everything as it was during her first week.",
    ),
    (
        "Yuki ran out of money before the end of her trip.",
        "Yuki's money was gone before her trip was over.",
        "Yuki had to borrow money from a friend.",
        "Yuki came home from her trip with plenty of money left.",
    ),
    (
        "The bakery sold out of croissants by eight o'clock.",
        "By eight, there were no croissants left at the bakery.",
        "The bakery makes more croissants on weekends.",
        "At eight o'clock the bakery had plenty of croissants.",
    ),
    (
        "Oliver takes after his mother.",
        "Oliver is similar to his mother.",
        "Oliver no longer lives with his mother.",
        "Oliver is nothing like his mother.",
    ),
    (
        "The professor gave the class an extra week to finish the project.",
        "The deadline for the project was extended by a week.",
        "The students asked the professor for more time.",
        "The professor shortened the time the class had to finish the project.",
    ),
    (
        "Ana turned down the job offer from the bank.",
        "Ana declined the bank's job offer.",
        "Ana accepted a job offer from a school.",
        "Ana accepted the job at the bank.",
    ),
    (
        "Most of the audience left before the speech ended.",
        "By the end of the speech, most of the audience had gone.",
        "The speech was about climate policy.",
        "Nearly the whole audience stayed until the speech was over.",
    ),
    (
        "It took Jonah three attempts to pass his driving test.",
        "Jonah failed his driving test twice before passing.",
        "Jonah now drives to work every day.",
        "Jonah passed his driving test on his first attempt.",
    ),
    (
        "The library extended its opening hours during exam week.",
        "During exam week, the library stayed open longer.",
        "The library was crowded during exam week.",
        "The library cut its opening hours during exam week.",
    ),
    (
        "Maya always keeps her promises.",
        "Maya does what she says she will do.",
        "Maya is a good friend to her neighbors.",
        "Maya often breaks her promises.",
    ),
    (
        "The mechanic said the repair would cost less than we feared.",
        "The repair was cheaper than we expected, according to the mechanic.",
        "The mechanic finished the repair the same day.",
        "According to the mechanic, the repair would be even more expensive than we feared.",
    ),
    (
        "Rashid is not a morning person.",
        "Rashid doesn't like getting up early.",
        "Rashid works the night shift.",
        "Rashid loves waking up at dawn.",
    ),
    (
        "The twins look alike but have very different personalities.",
        "The twins are similar in appearance.",
        "The twins go to different schools.",
        "The twins have nearly identical personalities.",
    ),
]

SPATIAL_RELATIONS: list[Item] = [
    (
        "The lamp is on the desk, to the left of the computer.",
        "The computer is to the right of the lamp.",
        "The computer is turned on.",
        "The lamp is on the floor next to the desk.",
    ),
    (
        "Ines sat between her father and her aunt at dinner.",
        "Ines sat next to her aunt at dinner.",
        "Ines sat across from her grandmother.",
        "Ines sat at the far end of the table, away from her father.",
    ),
    (
        "The bakery is across the street from the post office.",
        "The post office is across the street from the bakery.",
        "The bakery is next to a bank.",
        "The bakery and the post office are in the same building.",
    ),
    (
        "The cat is hiding under the bed.",
        "The cat is beneath the bed.",
        "The cat under the bed is asleep.",
        "The cat is lying on top of the bed.",
    ),
    (
        "Our cabin is north of the lake, about a mile from the shore.",
        "The lake is south of our cabin.",
        "Our cabin has a view of the lake.",
        "Our cabin sits right on the south shore of the lake.",
    ),
    (
        "The keys are inside the blue box on the top shelf.",
        "The blue box contains the keys.",
        "The top shelf is too high for the children to reach.",
        "The keys are lying on the floor next to the blue box.",
    ),
    (
        "Hugo parked behind the delivery truck.",
        "The delivery truck was in front of Hugo's car.",
        "The delivery truck was unloading furniture.",
        "Hugo parked in front of the delivery truck.",
    ),
    (
        "The school is between the church and the hospital on Main Street.",
        "The church is also on Main Street.",
        "The church is older than the school.",
        "The hospital is next to the church, and the school is further down the street.",
    ),
    (
        "Lena's apartment is directly above the bakery.",
        "The bakery is below Lena's apartment.",
        "Lena can smell bread in the morning.",
        "Lena's apartment is in the basement under the bakery.",
    ),
    (
        "The painting hangs above the fireplace.",
        "The fireplace is below the painting.",
        "The painting shows a winter landscape.",
        "The painting is propped against the wall beside the fireplace.",
    ),
    (
        "The children lined up in front of the bus.",
        "The children stood in a line outside the bus.",
        "The bus was painted yellow.",
        "The children were already sitting inside the bus.",
    ),
    (
        "Mateo left his bike outside the library.",
        "Mateo's bike was not inside the library.",
        "Mateo didn't even lock his bike.",
        "Mateo brought his bike into the library.",
    ),
    (
        "The village lies at the bottom of a deep valley.",
        "The village is in a valley.",
        "The village has a small church.",
        "The village sits on top of the mountain.",
    ),
    (
        "The coffee shop is on the ground floor of the office tower.",
        "You don't need to take the elevator to reach the coffee shop.",
        "The coffee shop is not open on weekends.",
        "The coffee shop is on the top floor of the office tower.",
    ),
    (
        "A tall hedge runs along the back of the garden.",
        "There is a hedge at the back of the garden.",
        "Nobody has trimmed the hedge this year.",
        "There isn't a hedge anywhere in the garden.",
    ),
    (
        "Rivka stood at the front of the line at the bank.",
        "Nobody was ahead of Rivka in the line.",
        "Rivka was waiting to deposit a check.",
        "Rivka was the last person in the line at the bank.",
    ),
    (
        "The map shows the airport to the east of the city.",
        "According to the map, the city is west of the airport.",
        "According to the map, the airport is far from the city.",
        "According to the map, the airport lies west of the city.",
    ),
    (
        "Toby hid the gift behind the sofa.",
        "The gift was behind the sofa.",
        "The gift was a board game.",
        "Toby put the gift on the kitchen table.",
    ),
]

PHENOMENA: dict[str, list[Item]] = {
    "lexical_overlap": LEXICAL_OVERLAP,
    "negation": NEGATION,
    "quantifiers": QUANTIFIERS,
    "numbers_comparatives": NUMBERS_COMPARATIVES,
    "synonyms_antonyms": SYNONYMS_ANTONYMS,
    "hypernymy": HYPERNYMY,
    "coreference": COREFERENCE,
    "temporal_order": TEMPORAL_ORDER,
    "active_passive": ACTIVE_PASSIVE,
    "world_knowledge": WORLD_KNOWLEDGE,
    "conditionals_modality": CONDITIONALS_MODALITY,
    "conjunction_disjunction": CONJUNCTION_DISJUNCTION,
    "paraphrase": PARAPHRASE,
    "spatial_relations": SPATIAL_RELATIONS,
}


def _words(sentence: str) -> int:
    return len(sentence.split())


def check_items() -> None:
    """Refuse malformed source data before anything is written."""
    problems: list[str] = []
    seen_premises: dict[str, str] = {}
    for phenomenon, items in PHENOMENA.items():
        if len(items) <= TEST_PREMISES_PER_PHENOMENON:
            problems.append(f"{phenomenon}: too few premises for a train split")
        for item in items:
            if len(item) != 4:
                problems.append(f"{phenomenon}: item is not (premise, e, n, c): {item!r}")
                continue
            premise, *hypotheses = item
            if premise in seen_premises:
                problems.append(f"premise repeated ({seen_premises[premise]}): {premise!r}")
            seen_premises[premise] = phenomenon
            if len(set(hypotheses)) != 3 or premise in hypotheses:
                problems.append(f"{phenomenon}: repeated sentence in item {premise!r}")
            for sentence in item:
                if sentence != sentence.strip() or not sentence.endswith((".", "?", "!")):
                    problems.append(f"{phenomenon}: untidy sentence {sentence!r}")
                if not 5 <= _words(sentence) <= 30:
                    problems.append(f"{phenomenon}: {_words(sentence)} words: {sentence!r}")
                if not sentence.isascii():
                    problems.append(f"{phenomenon}: non-ASCII sentence {sentence!r}")
    if problems:
        raise SystemExit("nli-core source data is invalid:\n  " + "\n  ".join(problems))


def build() -> dict[str, list[dict[str, str]]]:
    """Rows per split, ids assigned, in a deterministic shuffled order."""
    check_items()
    rng = random.Random(SEED)
    grouped: dict[str, list[tuple[str, str, str, str]]] = {"train": [], "test": []}
    for phenomenon, items in PHENOMENA.items():
        order = list(range(len(items)))
        rng.shuffle(order)
        test_indices = set(order[:TEST_PREMISES_PER_PHENOMENON])
        for index, (premise, *hypotheses) in enumerate(items):
            split = "test" if index in test_indices else "train"
            for label, hypothesis in zip(LABELS, hypotheses, strict=True):
                grouped[split].append((premise, hypothesis, label, phenomenon))
    splits: dict[str, list[dict[str, str]]] = {}
    for split in ("train", "test"):
        rows = grouped[split]
        rng.shuffle(rows)
        splits[split] = [
            {
                "id": f"nc-{split}-{number:04d}",
                "premise": premise,
                "hypothesis": hypothesis,
                "label": label,
                "phenomenon": phenomenon,
            }
            for number, (premise, hypothesis, label, phenomenon) in enumerate(rows, start=1)
        ]
    check_splits(splits)
    return splits


def check_splits(splits: dict[str, list[dict[str, str]]]) -> None:
    """The guarantees the dataset's README promises, checked on the built rows."""
    problems: list[str] = []
    premises = {split: {row["premise"] for row in rows} for split, rows in splits.items()}
    problems += [f"premise in both splits: {p!r}" for p in premises["train"] & premises["test"]]
    for split, rows in splits.items():
        counts = Counter(row["label"] for row in rows)
        for label in LABELS:
            share = counts[label] / len(rows)
            if abs(share - 1 / 3) > 0.02:
                problems.append(f"{split}: {label} is {share:.1%} of rows")
        by_phenomenon = Counter((row["phenomenon"], row["label"]) for row in rows)
        for phenomenon in PHENOMENA:
            for label in LABELS:
                if not by_phenomenon[phenomenon, label]:
                    problems.append(f"{split}: {phenomenon} has no {label} row")
    pairs = Counter((row["premise"], row["hypothesis"]) for rows in splits.values() for row in rows)
    problems += [f"duplicate pair: {pair!r}" for pair, count in pairs.items() if count > 1]
    if problems:
        raise SystemExit("nli-core splits are invalid:\n  " + "\n  ".join(problems))


def write(splits: dict[str, list[dict[str, str]]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for split, rows in splits.items():
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        (out / f"{split}.jsonl").write_text(text, encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="directory for train.jsonl and test.jsonl (default: harness/datasets/nli-core)",
    )
    args = parser.parse_args(argv)
    splits = build()
    write(splits, args.out)
    for split, rows in splits.items():
        counts = Counter(row["label"] for row in rows)
        summary = ", ".join(f"{label} {counts[label]}" for label in LABELS)
        print(f"{split}: {len(rows)} rows ({summary})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
