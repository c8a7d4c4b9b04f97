"""Interactive faces of simkit (ipywidgets views on plain classes)."""
