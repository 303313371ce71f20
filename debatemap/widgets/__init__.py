"""Dockable panels around the canvas (documents first); they read the model and emit intent."""
