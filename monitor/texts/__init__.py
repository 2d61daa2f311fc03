"""All German texts of the product, in one package, so that a translation can follow.

ui: the dashboard; kpis: the KPIs' names and definitions; controls: Streamlit's and plotly's own controls in
German; errors: import validation messages; cli: command-line output.
"""
