"""Playbooks: one YAML file per situation id of the catalogue, each in ru, pl and en."""
