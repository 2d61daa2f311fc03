"""The presentation layer beside pages/: what the pages share, above the domain (monitor) and the import (etl).

Streamlit lives here and in pages/ only: session and login state, flash messages, the check every page makes.
"""
