"""Integrationsmonitor: the domain package (importable without Streamlit)."""

__version__ = "0.1.0"
