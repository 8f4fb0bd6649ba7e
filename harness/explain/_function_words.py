"""English function words left out of the per-slice word summary.

Articles, prepositions, pronouns, auxiliaries, conjunctions and similar glue carry
most of any sentence's attribution mass simply because every sentence has them, so a
summary that keeps them says "the, a, is" for every slice.

Deliberately *kept* (absent from this list): negation (``not``, ``no``, ``never``,
``nobody``, ``nothing``, ``none``, ``n't`` forms) and quantifiers (``all``, ``some``,
``every``, ``any``, ``each``, ``many``, ``few``, ``most``, ``only``), and ``without``.
They decide entailment, and a model that leans on them (negation words as a cue for
contradiction are the best-known annotation artefact of NLI datasets, Gururangan et
al. 2018) is exactly what the summary is for.
"""

from __future__ import annotations

_LISTED = """
    a an the this that these those
    i me my mine myself you your yours yourself yourselves he him his himself she her
    hers herself it its itself we us our ours ourselves they them their theirs themselves
    who whom whose which what
    am is are was were be been being
    have has had having do does did doing
    will would shall should can could may might must
    's 're 've 'd 'll 'm
    and or but nor so yet if then than because while whereas although though as
    of in on at by for with about against between into through during before after
    above below to from up down out off over under again further once onto upon
    within along across behind beyond near toward towards around among
    there here where when why how
    just also very too quite rather
    """
FUNCTION_WORDS: frozenset[str] = frozenset(_LISTED.split())
