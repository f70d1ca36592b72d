"""Helpers shared by the course book's notebooks: offline mirror, set-up, grading, widgets."""

from .notebook import setup

__all__ = ["setup"]
