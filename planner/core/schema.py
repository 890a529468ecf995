"""The one definition of the input workbook: sheets, columns, value kinds and sheet names.

The header synonyms of each column live in planner/recognize/synonyms.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """How a cell's text is read."""

    ID = "id"
    TEXT = "text"
    MONEY = "money"
    NUMBER = "number"
    INTEGER = "integer"
    SCALE_1_5 = "scale_1_5"
    YEAR = "year"
    FISCAL_YEAR = "fiscal_year"
    DATE_OR_YEAR = "date_or_year"
    PERCENT = "percent"
    BOOLEAN = "boolean"
    LIST = "list"
    APPROACH = "approach"
    DIRECTION = "direction"


@dataclass(frozen=True)
class Column:
    """One canonical column of a sheet."""

    name: str
    kind: Kind
    description: str
    required: bool = False


@dataclass(frozen=True)
class Sheet:
    """One canonical sheet (or CSV file) of the input workbook."""

    name: str
    description: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    id_column: str | None = None
    optional: bool = True
    header_columns: int = 2  # recognized headers a row needs to be taken for the header row
    column_index: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_index", {c.name: c for c in self.columns})

    @property
    def required_columns(self) -> tuple[str, ...]:
        """Names of the columns every row needs."""
        return tuple(c.name for c in self.columns if c.required)


SPEND_COLUMN = re.compile(r"^cost[_ ]?FY ?(\d{2}|\d{4})$", re.IGNORECASE)
_SPEND_LOOSE = re.compile(
    r"^(?:(?:cost|spend|spending)[_ ]*(?:in[_ ]+)?FY[_ ]?'?(\d{2}|\d{4})"
    r"|FY[_ ]?'?(\d{2}|\d{4})[_ ]+(?:cost|spend|spending))$",
    re.IGNORECASE)


def spend_column_year(header: str) -> int | None:
    """Fiscal year of an explicit spend column such as `cost_FY2027`, else None."""
    match = SPEND_COLUMN.match(header.strip()) or _SPEND_LOOSE.match(header.strip())
    if not match:
        return None
    digits = next(g for g in match.groups() if g)
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


SYSTEMS = Sheet(
    name="Systems",
    description="One row per IT system in the inventory.",
    aliases=("systems", "applications", "application inventory", "apps", "inventory",
             "app inventory", "it inventory", "system inventory", "it systems",
             "application portfolio", "software inventory"),
    id_column="system_id",
    columns=(
        Column("system_id", Kind.ID, "Unique id of the system, e.g. S-001.", True),
        Column("name", Kind.TEXT, "Name of the system.", True),
        Column("department", Kind.TEXT, "Owning department."),
        Column("vendor", Kind.TEXT, "Vendor or maker."),
        Column("platform", Kind.TEXT, "Platform or language (AS/400, COBOL, SaaS ...)."),
        Column("year_implemented", Kind.YEAR, "Year the system went live."),
        Column("end_of_support", Kind.DATE_OR_YEAR, "Date or year vendor support ends."),
        Column("annual_om_cost", Kind.MONEY, "Annual operations and maintenance cost ($)."),
        Column("staff_users", Kind.INTEGER, "Number of staff who use it."),
        Column("residents_served", Kind.NUMBER, "Residents served per year."),
        Column("criticality", Kind.SCALE_1_5, "1-5, 5 = mission critical."),
        Column("security_risk", Kind.SCALE_1_5, "1-5, 5 = severe."),
        Column("technical_condition", Kind.SCALE_1_5, "1-5, 5 = excellent."),
        Column("functional_fit", Kind.SCALE_1_5, "1-5, 5 = excellent."),
        Column("notes", Kind.TEXT, "Free text."),
    ),
)

PROCESSES = Sheet(
    name="Processes",
    description="One row per paper or manual process.",
    aliases=("processes", "paper processes", "manual processes", "paper", "business processes",
             "paper forms", "workflows"),
    id_column="process_id",
    columns=(
        Column("process_id", Kind.ID, "Unique id of the process, e.g. P-001.", True),
        Column("name", Kind.TEXT, "Name of the process.", True),
        Column("department", Kind.TEXT, "Owning department."),
        Column("annual_volume", Kind.NUMBER, "Transactions per year."),
        Column("minutes_per_transaction", Kind.NUMBER, "Staff minutes per transaction."),
        Column("resident_facing", Kind.BOOLEAN, "Does a resident fill it in? yes/no."),
        Column("turnaround_days", Kind.NUMBER, "Days from request to answer."),
        Column("error_rate", Kind.PERCENT, "Share of transactions needing rework (%)."),
        Column("legal_mandate", Kind.BOOLEAN, "Required by law? yes/no."),
        Column("annual_paper_cost", Kind.MONEY, "Printing, postage and storage per year ($)."),
        Column("notes", Kind.TEXT, "Free text."),
    ),
)

CANDIDATES = Sheet(
    name="Candidates",
    description="One row per modernization option; cost_FY#### columns fix a schedule.",
    aliases=("candidates", "projects", "candidate projects", "options", "initiatives",
             "project requests", "modernization projects", "project list", "proposals"),
    id_column="candidate_id",
    columns=(
        Column("candidate_id", Kind.ID, "Unique id of the candidate, e.g. C-001.", True),
        Column("name", Kind.TEXT, "Name of the project.", True),
        Column("targets", Kind.LIST, "System and process ids it modernizes (comma separated)."),
        Column("approach", Kind.APPROACH,
               "retire, retain, rehost, replatform, repurchase, refactor, replace or digitize."),
        Column("one_time_cost", Kind.MONEY, "One-time capital cost ($).", True),
        Column("duration_months", Kind.INTEGER, "Months from start to go-live."),
        Column("annual_operating_cost", Kind.MONEY, "New recurring cost after go-live ($/yr)."),
        Column("annual_savings", Kind.MONEY, "Recurring savings after go-live ($/yr)."),
        Column("staff_fte", Kind.NUMBER, "IT staff (FTE) needed while it runs."),
        Column("delivery_risk", Kind.SCALE_1_5, "1-5, 5 = very risky."),
        Column("strategic_alignment", Kind.SCALE_1_5, "1-5, 5 = central to the strategy."),
        Column("requires", Kind.LIST, "Candidate ids that must finish first."),
        Column("alternative_group", Kind.TEXT, "Candidates sharing a label are either/or."),
        Column("mandatory", Kind.BOOLEAN, "Must be funded? yes/no."),
        Column("earliest_start", Kind.FISCAL_YEAR, "First fiscal year it may start."),
        Column("must_finish_by", Kind.FISCAL_YEAR, "Fiscal year by which it must be done."),
        Column("funding_sources", Kind.LIST, "Eligible funds (blank = any)."),
        Column("notes", Kind.TEXT, "Free text."),
    ),
)

BUDGET = Sheet(
    name="Budget",
    description="Capital budget per fiscal year and fund (long form).",
    aliases=("budget", "budgets", "capital budget", "funding", "capital plan", "funding plan",
             "cip", "available funding"),
    optional=True,
    columns=(
        Column("fiscal_year", Kind.FISCAL_YEAR, "Fiscal year, named by the year it ends in.",
               True),
        Column("fund", Kind.TEXT, "Fund name.", True),
        Column("capital_budget", Kind.MONEY, "Capital money available ($).", True),
        Column("operating_budget_increase", Kind.MONEY,
               "Cap on new recurring operating cost starting that year ($)."),
        Column("staff_fte_capacity", Kind.NUMBER, "IT staff FTE available that year."),
        Column("fund_kind", Kind.TEXT,
               "Kind of fund: general, enterprise, grant, reserve or bond. All but general "
               "are restricted: only candidates naming the fund may use it."),
        Column("restricted", Kind.BOOLEAN,
               "Restricted fund? yes/no (wins over the kind). Blank funding_sources never "
               "draw on restricted money."),
    ),
)

CRITERIA = Sheet(
    name="Criteria",
    description="Scoring criteria and weights (optional; presets otherwise).",
    aliases=("criteria", "weights", "scoring", "scoring criteria"),
    id_column="criterion",
    columns=(
        Column("criterion", Kind.TEXT, "Criterion name as shown to the council.", True),
        Column("column", Kind.TEXT, "Derived metric or Candidates column it reads.", True),
        Column("direction", Kind.DIRECTION, "max (higher is better) or min."),
        Column("weight", Kind.NUMBER, "Relative importance (any positive number)."),
        Column("scale_min", Kind.NUMBER, "Anchored scale: the value scoring 0."),
        Column("scale_max", Kind.NUMBER, "Anchored scale: the value scoring 1."),
        Column("rank", Kind.NUMBER, "Rank, 1 = most important (read when Settings "
                                    "weighting is rank)."),
        Column("swing", Kind.NUMBER, "Swing points 0-100, the most important swing 100 (read "
                                     "when Settings weighting is swing)."),
    ),
)

SETTINGS = Sheet(
    name="Settings",
    description="Two columns, key and value.",
    aliases=("settings", "options", "parameters", "config", "configuration"),
    id_column="key",
    columns=(
        Column("key", Kind.TEXT, "Setting name.", True),
        Column("value", Kind.TEXT, "Setting value."),
    ),
)

STAKEHOLDERS = Sheet(
    name="Stakeholders",
    description="One row of weights per person or body; one column per criterion, named as "
                "in the Criteria sheet or the preset.",
    aliases=("stakeholders", "stakeholder", "stakeholder weights", "weights by stakeholder",
             "stakeholders weights", "stakeholder survey", "group weights", "panel weights"),
    id_column="stakeholder",
    header_columns=1,  # the criterion columns are the user's own, so the name may stand alone
    columns=(
        Column("stakeholder", Kind.TEXT, "Name of the person or body whose weights these are.",
               True),
        Column("role", Kind.TEXT, "What they speak for (finance, IT, residents ...)."),
    ),
)

RULES = Sheet(
    name="Rules",
    description="Balance rules: one row per rule on a share, amount or count of capital for "
                "the candidates with one value in one column.",
    aliases=("rules", "balance rules", "balance", "policy rules", "allocation rules",
             "capital rules", "portfolio rules", "constraints"),
    id_column="rule",
    columns=(
        Column("rule", Kind.TEXT, "Name of the rule, as the plan reports it.", True),
        Column("column", Kind.TEXT, "Candidates column that forms the group (department, "
                                    "approach, alternative_group or any custom column).", True),
        Column("value", Kind.TEXT, "The value of that column the group's candidates have.",
               True),
        Column("kind", Kind.TEXT, "min share, max share, min amount, max amount, exactly one "
                                  "or at least one.", True),
        Column("limit", Kind.TEXT, "A share (40%) or an amount ($2M); blank for exactly one "
                                   "and at least one."),
        Column("scope", Kind.TEXT, "all years (the default), each year, or one fiscal year "
                                   "(FY2028)."),
    ),
)

PAIRWISE_NAME = "Pairwise"
PAIRWISE_ALIASES = ("pairwise", "ahp", "pairwise comparisons")

SHEETS: tuple[Sheet, ...] = (SYSTEMS, PROCESSES, CANDIDATES, BUDGET, CRITERIA, SETTINGS,
                             STAKEHOLDERS, RULES)
SHEETS_BY_NAME: dict[str, Sheet] = {s.name: s for s in SHEETS}


def normalize_header(text: str) -> str:
    """Lower-case, collapse spaces and underscores, drop surrounding punctuation."""
    text = str(text).replace("\u00a0", " ").strip().lower()
    text = re.sub(r"[_\s]+", " ", text)
    return text.strip(" :*")


def sheet_for_name(title: str) -> Sheet | None:
    """Canonical sheet whose name or alias matches a workbook sheet title or file stem."""
    key = normalize_header(title)
    for sheet in SHEETS:
        if key == normalize_header(sheet.name) or key in sheet.aliases:
            return sheet
    return None


def loose_header(text: str) -> str:
    """A header without units, brackets and punctuation: 'Annual Maint. ($)' -> 'annual maint'."""
    text = normalize_header(text)
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    return " ".join(re.sub(r"[^\w&%]+", " ", text).split())


def sheet_hint(title: str) -> Sheet | None:
    """The sheet a title suggests by containing a sheet name or alias ('FY27 App Inventory')."""
    words = f" {loose_header(title)} "
    best: tuple[int, Sheet] | None = None
    for sheet in SHEETS:
        for alias in (sheet.name, *sheet.aliases):
            key = loose_header(alias)
            if key and f" {key} " in words and (best is None or len(key) > best[0]):
                best = (len(key), sheet)
    return best[1] if best else None
