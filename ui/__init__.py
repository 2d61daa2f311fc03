"""The presentation layer beside pages/: what the pages share, above the domain (monitor) and the import (etl).

- session: who is looking: login state, the role check every page makes, messages kept for the next run.
  With dashboard.py and pages/, the only code that imports Streamlit.
- uploads: what the upload page shows of etl's import report and of the stored imports, as plain data.

ui may import monitor and etl; neither of them imports ui or Streamlit (the contracts in .importlinter).
"""
