"""Scores of the rule-based name recognizer (the shipped policies mask at 0.4)."""

from __future__ import annotations

SCORE_PAIR = 0.9  # known first name + known or surname-like token (Anna Andersson)
SCORE_PAIR_HOMOGRAPHS = 0.85  # ... where both words are also common words (Bo Ek)
SCORE_PAIR_CONTEXT = 0.95  # a sure name with a context trigger
SCORE_INITIAL_SURNAME = 0.85  # A. Andersson, P-O Larsson
SCORE_INITIAL_WEAK = 0.75  # initial + homograph or morphology-only surname (A. Berg)
SCORE_INITIAL_UNKNOWN = 0.45  # initial + unknown capitalised word
SCORE_LIST_FORM = 0.85  # Andersson, Anna
SCORE_FIRST_UNKNOWN = 0.7  # known first name + unknown capitalised word (Anna Xhakaj)
SCORE_UNKNOWN_SURNAME = 0.7  # unknown capitalised word + known surname (Xhiljola Andersson)
SCORE_WEAK_PAIR = 0.5  # the same where the known word is also a common word
SCORE_GIVEN_NAMES = 0.6  # two known first names (Anna Karin)
SCORE_GIVEN_NAMES_3 = 0.75  # three or more (Somali/Arabic name chains)
SCORE_TWO_SURNAMES = 0.6  # two known surnames (Warsame Farah, patronymic chains)
SCORE_HOMOGRAPH_NAMES = 0.5  # two first names that are also words, mid-sentence (Linnea Saga)
SCORE_MORPH_STRONG = 0.45  # unknown word(s) + a surname-like last word (Kjelle Bergström)
SCORE_FIRST_WORD = 0.5  # known first name + capitalised common word mid-sentence (Anna Svan)
SCORE_SAME_DOCUMENT = 0.85  # a lone word that is part of a sure name elsewhere in the text
SCORE_SAME_DOCUMENT_WORD = 0.6  # ... where the word is also a common word or a place (Berg, Lund)
SCORE_PARTICLE_LED = 0.5  # von Sydow, af Klint
SCORE_PARTICLE_JOINED = 0.6  # two unknown capitalised words joined by a name particle (Amadou de Bravard)
SCORE_SINGLE = 0.35  # one known name alone
SCORE_SINGLE_MID_SENTENCE = 0.45  # a known given name alone (no surname, word or place too) inside a Swedish sentence
SCORE_SINGLE_STRONG_SURNAME = 0.45  # a known surname alone with a distinctive ending (Erikssons, Hirvonen)
SCORE_SINGLE_GENITIVE = 0.45  # a known name in s/x/z alone before a word (Jennings brev: a genitive without an extra s)
SCORE_SINGLE_SUBJECT = 0.5  # a known given name alone before a verb of a person (Florence ringde)
SCORE_SINGLE_HOMOGRAPH = 0.3  # one name that is also a common word, mid-sentence
SCORE_CONTEXT_KNOWN = 0.6  # context + one known or surname-like word (Hej Anna, maken Lars)
SCORE_CONTEXT_UNKNOWN = 0.55  # context + unknown capitalised word(s) (Hej Xhiljola)
SCORE_LOWER_PAIR = 0.45  # anna andersson
SCORE_LOWER_CONTEXT = 0.45  # hej anna
SCORE_CELL = 0.5  # a table cell or line holding only two or three name-like words
SCORE_CELL_EVIDENCE = 0.6  # ... beside a personnummer, phone number or street address
SCORE_LABEL_VALUE = 0.85  # the whole value after "Namn:" with a known name word in it
SCORE_LABEL_VALUE_UNKNOWN = 0.6  # ... with unknown words only
SCORE_DISPLAY_NAME = 0.85  # the name before <address> with a word of the address's local part
SCORE_DISPLAY_NAME_KNOWN = 0.6  # ... two or more known names, not in the address
SCORE_AGE = 0.7  # a capitalised word followed by an age: "Nikola (6 år)", "Nikola, 6 år"

MAX_RUN = 6  # name words in one span; longer capitalised runs are headings or lists
SURE = 0.6  # names at or above this score teach their words to the rest of the document
