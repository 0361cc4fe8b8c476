"""Arabic named-entity recognition (PERS/LOC/ORG/MISC): tokenizer, BiLSTM-CRF tagger (CRF fallback)
and evaluation.

>>> from marsad.ner import tokenize, NerTagger
>>> tagger = NerTagger.load()
>>> tagger.entities("قال الرئيس الروسي فلاديمير بوتين في موسكو")  # doctest: +SKIP
[(18, 32, 'PERS'), (36, 41, 'LOC')]
"""
from marsad.ner.model import NerTagger
from marsad.ner.tokenize import sentences, tokenize

__all__ = ["NerTagger", "tokenize", "sentences"]
