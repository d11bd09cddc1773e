"""The parts of the rule-based person-name recognizer (:mod:`recognizers.se_person_name`), shared
with the NER layer (:mod:`recognizers.se_ner_person`): word folding, lexicon, gazetteers, context
triggers, word classification, tokenization, runs, scoring and the span finders. Each module has
one job; the recognizers put them together."""
