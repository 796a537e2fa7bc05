"""Situation triage: which difficult situations a client's message shows, its tone and urgency.

The engine (``accord.triage.engine``) is plain Python with no Django imports; the Django side
(models, tasks, views) stores results and corrections.
"""
