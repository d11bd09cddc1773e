"""Word classes (bit flags) and word shapes: the vocabulary the classifier answers in."""

from __future__ import annotations

FN = 1  # known first name
SN = 2  # known surname
MORPH = 4  # surname-like ending or prefix
UNK = 8  # capitalised, unknown, not a common word
HOMO = 16  # a known name that is also a common word
PLACE = 32  # a place name
GEN = 64  # genitive form of a name
PARTICLE = 128  # von, af, de, al, bin ...
LEX = 256  # a common word (not a name)
STOP = 512  # never a name: agencies, headings, months, context words, streets
STREET = 1024  # a street name (Storgatan)
INITIAL = 2048  # A. / P-O
STRONG = 4096  # a distinctive surname ending (-sson, -ström, -ović, -zadeh ...)
MULTI = 8192  # first word of a multi-word stop entry (Hong Kong, Röda Korset)
ENG = 16384  # an English word that is not a known name (Changelog is not, Usage is)
ORG = 32768  # a word that makes a name an organisation's (Institute, University, AB, kommun)

# token shapes
LOWER, TITLE, UPPER, LETTER, OTHER = range(5)
