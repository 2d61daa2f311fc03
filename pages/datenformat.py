"""Datenformat: the data contract for the staff who export the files, with a template per kind to download.

Only the contract (monitor.contract) is shown here, never data.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor import contract, contract_docs
from monitor.texts import ui
from ui import downloads, session


def render() -> None:
    session.require("datenformat")
    st.title(ui.CONTRACT_TITLE)
    st.text(ui.CONTRACT_INTRO)
    st.download_button(ui.DOWNLOAD_DOCS, contract_docs.render_markdown().encode("utf-8"), file_name="datenformat.md",
                       mime="text/markdown", icon=":material/download:", key="docs")
    for kind in contract.KINDS:
        file_name = f"{kind.slug}.csv"
        with st.expander(f"{kind.label} ({file_name})"):
            st.text(kind.description)
            st.caption(ui.CONTRACT_KEY.format(key=", ".join(kind.field(n).header for n in kind.key)))
            # a static table: the descriptions wrap and are read in full, with no English toolbar
            fields = pd.DataFrame(contract_docs.field_rows(kind))
            name = ui.CONTRACT_TABLE.format(kind=kind.label)
            st.table(fields, hide_index=True, alt=name)
            csv_col, xlsx_col = st.columns(2)
            csv_col.download_button(ui.DOWNLOAD_TEMPLATE.format(file=file_name), contract_docs.template_bytes(kind),
                                    file_name=file_name, mime="text/csv", icon=":material/download:", key=kind.slug)
            xlsx_name = f"{kind.slug}.xlsx"
            xlsx_col.download_button(ui.DOWNLOAD_TEMPLATE.format(file=xlsx_name), contract_docs.template_xlsx(kind),
                                     file_name=xlsx_name, icon=":material/download:", key=f"{kind.slug}-xlsx",
                                     mime=downloads.XLSX_MIME)
            downloads.download_buttons(fields, name, exact=False, key=f"fields-{kind.slug}")  # the contract, no data


render()
