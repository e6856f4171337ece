"""The pure steps behind build_quiz.py: load (source), validate, render.

Nothing here talks to MkDocs or the command line; build_quiz.py is the thin shell around it.
"""
