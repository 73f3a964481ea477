"""cxlib: the arithmetic, plots and what-if widgets of the customer-service quality course.

One module per tool, pure functions (numbers in, numbers out):

- ``cxlib.triangle``   satisfaction = experience - expectation (lesson 01)
- ``cxlib.rater``      the RATER index (lesson 02)
- ``cxlib.servqual``   SERVQUAL gaps, weights, reliability, zone of tolerance (lesson 03)
- ``cxlib.gaps``       the 5GAP service-quality gap model (lesson 04)
- ``cxlib.complaints`` complaint iceberg, pyramid and handling methods (lessons 05-06)
- ``cxlib.measure``    measuring satisfaction: fuzzy, PCA, drivers, indicators (lesson 07)

plus ``cxlib.data`` (the course datasets), ``cxlib.plots``, ``cxlib.widgets``, ``cxlib.show``
(numbers, counts and text tables as a reader should see them) and ``cxlib.exercises``
(``check`` and ``hint``). Import what a lesson needs::

    from cxlib import triangle, data
"""

from ._validate import InputError

__version__ = "0.1.0"
__all__ = ["InputError", "__version__"]
