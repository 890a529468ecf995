"""The Settings `weighting` against the sheets it needs, each problem on the row it is on.

`rank` needs a whole-number rank from 1 on every Criteria row, no two alike; `swing` needs
swing points from 0 to 100 on every row, not all zero (the most important swing gets 100);
`ahp` needs a Pairwise sheet; `rank` and `swing` need a Criteria sheet, since the presets
carry neither. Entropy and CRITIC read the candidates' values: what they cannot weigh is
said when scoring.
"""

from __future__ import annotations

from planner.core.issues import IssueCode, IssueLog
from planner.core.models import Criterion, Portfolio
from planner.core.schema import SETTINGS
from planner.recognize.tables import RawTable
from planner.score.weighting import WEIGHTING_MODES, weighting_key
from planner.score.weights import SWING_TOP
from planner.validate.settings import settings_headers, settings_rows


def _setting_row(table: RawTable | None) -> tuple[str, int | None, str | None]:
    """Where the weighting setting sits: sheet title, row number, value header."""
    if table is None:
        return SETTINGS.name, None, None
    number = next((n for n, key, _ in settings_rows(table) if key == "weighting"), None)
    return table.title, number, settings_headers(table)[1]


def check_weighting(portfolio: Portfolio, tables: dict[str, RawTable],
                    rows: dict[tuple[str, str], int], log: IssueLog) -> None:
    """Report what the chosen weighting lacks: a sheet, a column, or a value on some row."""
    given = getattr(portfolio.settings, "weighting", None)
    if not given:
        return
    mode = weighting_key(given)  # read_settings kept only known modes
    sheet, number, header = _setting_row(tables.get("Settings"))
    label = WEIGHTING_MODES[mode].label
    if mode == "ahp" and portfolio.pairwise is None:
        log.error(sheet, number, header, IssueCode.MISSING_SHEET,
                  f"Setting weighting is ahp ({label}), but there is no Pairwise sheet of "
                  "judgments; add one, or choose another weighting.", given)
        return
    if mode not in ("rank", "swing"):
        return
    column = WEIGHTING_MODES[mode].column
    table = tables.get("Criteria")
    if not portfolio.criteria or table is None:
        log.error(sheet, number, header, IssueCode.MISSING_SHEET,
                  f"Setting weighting is {mode} ({label}), which reads the Criteria sheet's "
                  f"{column} column, but there is no Criteria sheet; add one with a {column} "
                  "for each criterion.", given)
        return
    user_header = next((h for h, c in table.mapping.items() if c == column), None)
    if user_header is None:
        log.error(table.title, table.header_row, None, IssueCode.MISSING_COLUMN,
                  f"Setting weighting is {mode} ({label}), but the Criteria sheet has no "
                  f"{column} column; add one with a {column} for each criterion.", given)
        return
    where = {c.criterion: rows.get(("Criteria", c.criterion)) for c in portfolio.criteria}
    check = _check_ranks if mode == "rank" else _check_swings
    check(portfolio.criteria, where, table.title, user_header, log)


def _missing(crit: Criterion, what: str, title: str, row: int | None, header: str,
             log: IssueLog) -> bool:
    if getattr(crit, what) is not None:
        return False
    log.error(title, row, header, IssueCode.MISSING_VALUE,
              f"Criterion '{crit.criterion}' has no {what}; with weighting {what} every "
              f"criterion needs one.")
    return True


def _check_ranks(criteria: tuple[Criterion, ...], where: dict[str, int | None], title: str,
                 header: str, log: IssueLog) -> None:
    seen: dict[float, Criterion] = {}
    for crit in criteria:
        row = where[crit.criterion]
        if _missing(crit, "rank", title, row, header, log):
            continue
        rank = float(crit.rank)
        if rank < 1 or rank != int(rank):
            log.error(title, row, header, IssueCode.OUT_OF_RANGE,
                      f"The rank of '{crit.criterion}' is {rank:g}; ranks are whole numbers "
                      "from 1 (most important).", crit.rank)
            continue
        if rank in seen:
            other = seen[rank]
            log.error(title, row, header, IssueCode.INCONSISTENT_VALUE,
                      f"'{crit.criterion}' and '{other.criterion}' (row "
                      f"{where[other.criterion]}) share rank {rank:g}; rank-order weights need "
                      "a strict order. To weigh them alike, use swing or direct weights.",
                      crit.rank)
            continue
        seen[rank] = crit


def _check_swings(criteria: tuple[Criterion, ...], where: dict[str, int | None], title: str,
                  header: str, log: IssueLog) -> None:
    good: list[Criterion] = []
    for crit in criteria:
        row = where[crit.criterion]
        if _missing(crit, "swing", title, row, header, log):
            continue
        if not 0 <= crit.swing <= SWING_TOP:
            log.error(title, row, header, IssueCode.OUT_OF_RANGE,
                      f"The swing of '{crit.criterion}' is {crit.swing:g}; swings run from 0 "
                      f"to {SWING_TOP:g}, the most important swing {SWING_TOP:g} and the "
                      "others a share of it.", crit.swing)
            continue
        good.append(crit)
    if len(good) < len(criteria) or not good:
        return
    top = max(good, key=lambda c: c.swing)
    if top.swing <= 0:
        log.error(title, where[top.criterion], header, IssueCode.OUT_OF_RANGE,
                  f"Every swing is 0, so no criterion counts; give the most important swing "
                  f"{SWING_TOP:g} and the others their share.", top.swing)
    elif top.swing < SWING_TOP:
        log.warning(title, where[top.criterion], header, IssueCode.INCONSISTENT_VALUE,
                    f"No swing is {SWING_TOP:g}; the largest, '{top.criterion}' at "
                    f"{top.swing:g}, stands for the most important swing. Only the proportions "
                    "count, so the weights are the same.", top.swing)

