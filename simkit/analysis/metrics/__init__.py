"""One small module per comparison output; each function returns a tidy DataFrame.

Every module that produces tables declares them in ``KELUARAN`` (a tuple of
:class:`~simkit.analysis.registri.Tabel`) with its place ``URUTAN`` in the order of outputs;
:mod:`simkit.analysis.registri` finds the modules of this package and holds the one list of
outputs. A new metric is a new module here (plus its i18n texts and, optionally, its chart).
"""
