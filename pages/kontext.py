"""Kontext: official statistics beside the Gemeinde's own figures, as context and not as results of its work. A
thin view: ui.kontext reads the filters, asks monitor.views.kontext for the page and renders it.

The Gemeinde's own counts per 1,000 inhabitants are, for the public and the council, the published set's only
(a withheld count stays withheld, and so does its rate); the official figures are the same for everyone.
"""

from __future__ import annotations

from ui import kontext

kontext.show()
