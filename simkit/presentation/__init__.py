"""Presentation: how simkit shows a table to a person, shared by the report and the widgets.

- :mod:`~simkit.presentation.label` — column headers, table titles and labels of vocabulary ids
  (Bahasa Indonesia first, English on request);
- :mod:`~simkit.presentation.format` — numbers, percents, rupiah and parameter values as text;
- :mod:`~simkit.presentation.tabel_html` — a table as HTML with those labels and formats.

It depends on the i18n catalogues only, so every layer above may use it.
"""
