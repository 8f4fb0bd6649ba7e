"""Word lists for the counterfactual swaps, written for this project.

First names are grouped by the gender they are most often given to, so a swap keeps
pronoun agreement ("Mary ... she" stays coherent). Names that are also common English
words when capitalised at a sentence start (Will, May, Rose, Mark, Bill, Grace, ...)
are left out: a swap must never touch an ordinary word. Locations are grouped by type
(city, country) so a city never becomes a country.
"""

from __future__ import annotations

FEMALE_FIRST_NAMES = (
    "Aisha", "Alice", "Amara", "Ana", "Anna", "Camila", "Chloe", "Elena", "Emily", "Emma",
    "Fatima", "Hannah", "Ingrid", "Keiko", "Laura", "Leila", "Lucia", "Maria", "Mary",
    "Mei", "Nadia", "Olga", "Priya", "Rachel", "Sarah", "Sofia", "Susan", "Yuki", "Zainab",
    "Zoe",
)  # fmt: skip

MALE_FIRST_NAMES = (
    "Ahmed", "Alejandro", "Andrew", "Carlos", "Daniel", "David", "Diego", "Dmitri", "Hiroshi",
    "Ibrahim", "James", "John", "Juan", "Kenji", "Kwame", "Lars", "Luca", "Mateo", "Michael",
    "Mohammed", "Omar", "Paul", "Peter", "Rahul", "Raj", "Robert", "Samuel", "Thomas", "Tomas",
    "Yusuf",
)  # fmt: skip

CITIES = (
    "Accra", "Amsterdam", "Athens", "Bangkok", "Berlin", "Boston", "Buenos Aires", "Cairo",
    "Chicago", "Delhi", "Dublin", "Havana", "Istanbul", "Jakarta", "Lagos", "Lima", "Lisbon",
    "London", "Madrid", "Manila", "Melbourne", "Mexico City", "Montreal", "Mumbai", "Nairobi",
    "New York", "Oslo", "Paris", "Rome", "San Francisco", "Seoul", "Sydney", "Tokyo", "Toronto",
    "Vienna", "Warsaw",
)  # fmt: skip

COUNTRIES = (
    "Argentina", "Australia", "Brazil", "Canada", "Chile", "China", "Egypt", "Ethiopia",
    "France", "Germany", "Ghana", "Greece", "India", "Indonesia", "Ireland", "Italy", "Japan",
    "Kenya", "Mexico", "Morocco", "Nigeria", "Norway", "Peru", "Poland", "Portugal", "Russia",
    "South Africa", "South Korea", "Spain", "Sweden", "Thailand", "Turkey", "Vietnam",
)  # fmt: skip

#: Number words swapped by ``number_change`` ("one" is left out: it is singular).
NUMBER_WORDS = (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
)  # fmt: skip
