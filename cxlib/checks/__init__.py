"""The exercise checks, one module per lesson (``l01_triangle.py``, ``l02_rater.py``, ...).

Importing this package imports every lesson module, which registers its questions with
``cxlib.exercises.question``. Each checker recomputes the expected answer with cxlib from
the course data, so no answer is hard-coded here.
"""

import importlib
import pkgutil

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name.startswith("l"):
        importlib.import_module(f"{__name__}.{_info.name}")
