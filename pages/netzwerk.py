"""Netzwerk (K16, K5): a thin view. Read the filters, ask monitor.views.netzwerk, render (ui.measures), and the
referral flow from the referral counts by partner (views.netzwerk.referral_flow).

Every number arrives formatted; for the public and the council from the published set only. The subgroup filter
of the exact views restricts the referrals (counted from the contacts of cases), not the partners and meetings.
"""

from __future__ import annotations

from monitor.views import netzwerk as view
from ui import measures

page = measures.show(view.PAGE)
if page is not None:
    measures.flow(view.referral_flow(*view.referral_counts(page)))
