"""统一社会信用代码 (unified social credit code), GB 32100-2015.

Eighteen characters from 0-9 and the capital letters without I, O, Z, S and V: the
registering authority (1), the kind of body (1), the administrative division (6 digits),
the organisation code (9) and a check character (1). The check character is
31 - (sum of value x weight over the first 17) mod 31, written with the same alphabet
(31 is written 0).
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18
# The shape the schema checks; the check character needs `check_character`.
PATTERN = f"^[0-9A-HJ-NPQRTUWXY]{{2}}[0-9]{{6}}[{ALPHABET}]{{10}}$"
PATTERN_MESSAGE = (
    "应为 18 位统一社会信用代码：数字和大写英文字母（不含 I、O、Z、S、V），"
    "第 3～8 位是行政区划代码（数字）；请照营业执照填写"
)


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (which must be from ALPHABET)."""
    total = sum(
        ALPHABET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True)
    )
    return ALPHABET[(31 - total % 31) % 31]


def is_valid(code: str) -> bool:
    return (
        len(code) == LENGTH
        and all(char in ALPHABET for char in code)
        and check_character(code[:17]) == code[17]
    )
