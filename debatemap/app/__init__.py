"""The application: startup, the main window and its actions, settings (the composition root)."""
