"""All German texts of the product, in one package, so that a translation can follow.

ui: the dashboard; errors: import validation messages; cli: command-line output.
"""
