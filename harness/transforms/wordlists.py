"""Word lists for the counterfactual swaps, written for this project.

First names are grouped by the gender they are most often given to, so a swap keeps
pronoun agreement ("Mary ... she" stays coherent). Names that are also common English
words when capitalised at a sentence start (Will, May, Rose, Mark, Bill, Grace, ...)
are left out: a swap must never touch an ordinary word. Locations are grouped by type
(city, country) so a city never becomes a country.
"""

from __future__ import annotations

FEMALE_FIRST_NAMES = (
    "Aisha", "Alice", "Amara", "Amira", "Ana", "Anna", "Anya", "Camila", "Carla", "Chloe",
    "Elena", "Emily", "Emma", "Fatima", "Hannah", "Ingrid", "Irene", "Keiko", "Laura", "Leila",
    "Lena", "Lucia", "Maria", "Marta", "Mary", "Mei", "Mia", "Nadia", "Olga", "Priya",
    "Rachel", "Rina", "Sara", "Sarah", "Sofia", "Susan", "Yuki", "Zainab", "Zoe",
)  # fmt: skip

MALE_FIRST_NAMES = (
    "Ahmed", "Alejandro", "Andrew", "Ben", "Carlos", "Daniel", "David", "Diego", "Dmitri",
    "Felix", "Hiroshi", "Hugo", "Ibrahim", "James", "John", "Jonah", "Juan", "Kenji", "Kwame",
    "Lars", "Leo", "Liam", "Luca", "Marcus", "Mateo", "Michael", "Mohammed", "Noah", "Omar",
    "Oskar", "Paolo", "Paul", "Peter", "Rahul", "Raj", "Robert", "Samuel", "Thomas", "Tom",
    "Tomas", "Yusuf",
)  # fmt: skip

CITIES = (
    "Accra", "Amsterdam", "Athens", "Bangkok", "Berlin", "Boston", "Buenos Aires", "Cairo",
    "Chicago", "Delhi", "Denver", "Dublin", "Havana", "Istanbul", "Jakarta", "Lagos", "Lima",
    "Lisbon", "London", "Madrid", "Manila", "Melbourne", "Mexico City", "Montreal", "Moscow",
    "Mumbai", "Nairobi", "New York", "Oslo", "Paris", "Rome", "San Francisco", "Seoul",
    "Sydney", "Tokyo", "Toronto", "Vienna", "Warsaw",
)  # fmt: skip

COUNTRIES = (
    "Argentina", "Australia", "Brazil", "Canada", "Chile", "China", "Egypt", "Ethiopia",
    "France", "Germany", "Ghana", "Greece", "India", "Indonesia", "Ireland", "Italy", "Japan",
    "Kenya", "Mexico", "Morocco", "Nigeria", "Norway", "Peru", "Poland", "Portugal", "Russia",
    "South Africa", "South Korea", "Spain", "Sweden", "Thailand", "Turkey", "Vietnam",
)  # fmt: skip

#: The country of each listed city, where the country is listed too: a location swap
#: keeps "Paris ... France" consistent by moving both to another listed pair.
COUNTRY_OF_CITY = {
    "Accra": "Ghana", "Athens": "Greece", "Bangkok": "Thailand", "Berlin": "Germany",
    "Buenos Aires": "Argentina", "Cairo": "Egypt", "Delhi": "India", "Dublin": "Ireland",
    "Istanbul": "Turkey", "Jakarta": "Indonesia", "Lagos": "Nigeria", "Lima": "Peru",
    "Lisbon": "Portugal", "Madrid": "Spain", "Melbourne": "Australia",
    "Mexico City": "Mexico", "Montreal": "Canada", "Moscow": "Russia", "Mumbai": "India",
    "Nairobi": "Kenya", "Oslo": "Norway", "Paris": "France", "Rome": "Italy",
    "Seoul": "South Korea", "Sydney": "Australia", "Tokyo": "Japan", "Toronto": "Canada",
    "Warsaw": "Poland",
}  # fmt: skip

#: Words whose truth depends on where a place is: languages and nationalities ("fluent in
#: Russian because he grew up in Moscow"), climate and seasons ("snow on Christmas morning
#: in Oslo" is summer in Sydney), geography ("crossed the ocean") and landmarks ("passed
#: the Colosseum"). A location swap leaves examples that use them.
PLACE_BOUND_WORDS = frozenset(
    [
        # languages and nationalities
        "american", "arabic", "australian", "brazilian", "british", "canadian", "chinese",
        "dutch", "egyptian", "english", "french", "german", "greek", "hindi", "indian",
        "irish", "italian", "japanese", "kenyan", "korean", "mexican", "nigerian",
        "norwegian", "polish", "portuguese", "russian", "spanish", "swahili", "swedish",
        "thai", "turkish", "vietnamese",
        # climate and seasons
        "snow", "snowy", "snowed", "ice", "frozen", "winter", "summer", "spring", "autumn",
        "christmas", "monsoon", "tropical", "desert", "heat", "heatwave",
        # geography and landmarks
        "ocean", "sea", "coast", "island", "border", "capital", "continent", "mountains",
        "alps", "andes", "colosseum", "eiffel", "kremlin", "pyramids", "thames", "seine",
        "nile", "acropolis", "vatican", "louvre", "broadway",
    ]
)  # fmt: skip
