"""Shared test setup.

The scenario builders and probes live in ``tests/helpers.py``; this conftest sits in
``tests/`` so that pytest (default ``prepend`` import mode) puts that folder on
``sys.path`` and every test module can ``import helpers``.
"""
