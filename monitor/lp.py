"""Linear programming for the privacy audit (docs/datenschutz.md, rule 6): the least and the greatest value a
hidden count can take, given the published counts and the identities between them.

One HiGHS model (highspy) holds a group of identities, ``A x = b`` with lower bounds on x; ``Ranges.of(j)`` solves
it twice for variable j, minimising and maximising. Between calls only the objective changes, so the solver starts
from its last basis instead of building the problem anew: for the thousands of small problems of an audit that
is most of the time (scipy's ``linprog`` rebuilt the model on every call).
"""

from __future__ import annotations

import os
import sys

import highspy
import numpy as np

_MIN, _MAX = highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize
_UNBOUNDED = (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible)


def _first_instance_quietly() -> None:
    """HiGHS prints its banner on standard output when the first model of a process is made, before any option
    can be set; it would break output that is data (``python -m monitor kpis --json``). The first model is made
    here, at import, with standard output closed for that moment."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
            highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


_first_instance_quietly()


class Ranges:
    """The identities ``a_eq @ x = b_eq``, ``x >= lower`` (no upper bound) of one group of hidden counts."""

    def __init__(self, a_eq: np.ndarray, b_eq: np.ndarray, lower: list[float]) -> None:
        rows, cols = a_eq.shape
        model = highspy.HighsLp()
        model.num_col_, model.num_row_ = cols, rows
        model.col_cost_ = np.zeros(cols)
        model.col_lower_ = np.asarray(lower, dtype=float)
        model.col_upper_ = np.full(cols, highspy.kHighsInf)
        model.row_lower_ = model.row_upper_ = np.asarray(b_eq, dtype=float)
        nonzero = a_eq.T != 0  # column by column
        model.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        model.a_matrix_.start_ = np.concatenate([[0], np.cumsum(nonzero.sum(axis=1))]).astype(np.int32)
        model.a_matrix_.index_ = np.nonzero(nonzero)[1].astype(np.int32)
        model.a_matrix_.value_ = a_eq.T[nonzero].astype(float)
        self._highs = highspy.Highs()
        self._highs.setOptionValue("output_flag", False)
        self._highs.passModel(model)
        self._objective: int | None = None

    def of(self, j: int) -> tuple[float, float]:
        """(least, greatest) value of variable j; the greatest is inf where nothing bounds it from above."""
        if self._objective is not None:
            self._highs.changeColCost(self._objective, 0.0)
        self._highs.changeColCost(j, 1.0)
        self._objective = j
        return self._solve(_MIN), self._solve(_MAX)

    def _solve(self, sense) -> float:
        self._highs.changeObjectiveSense(sense)
        self._highs.run()
        status = self._highs.getModelStatus()
        if status not in (highspy.HighsModelStatus.kOptimal, *_UNBOUNDED):
            # from the last basis an unbounded maximum can end as "unknown"; from scratch it is told apart
            self._highs.clearSolver()
            self._highs.run()
            status = self._highs.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            return float(self._highs.getInfo().objective_function_value)
        if status in _UNBOUNDED and sense == _MAX:
            return np.inf
        raise RuntimeError(f"audit LP: {self._highs.modelStatusToString(status)}")  # the published values solve it
