"""Loaded first by ``make test`` (``-p tests._quickstart``), before pytest's other plugins.

nbval imports nbformat, whose validator imports jsonschema, whose optional IRI format check
imports ``rfc3987_syntax``, which compiles a grammar for most of a second on import, in the
main process and in every worker. Notebook schemas never use that check, so it is left out
(``exercises/grade_runner.py`` does the same for each graded notebook).
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # jsonschema then skips the IRI check it would back
