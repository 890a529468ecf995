"""The one definition of the input workbook: sheets, columns, value kinds and aliases."""

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
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    """One canonical sheet (or CSV file) of the input workbook."""

    name: str
    description: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    id_column: str | None = None
    optional: bool = True
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


# Aliases include the fields of the federal Application Rationalization Data Dictionary v2.0
# (../reference) that mean what our columns mean: mission_criticality (3.1.2) -> criticality,
# effectiveness (3.1.1) -> functional_fit, TCO (4.0.1, annual) and
# OpEx_software_maintenance_support (4.1.10) -> annual_om_cost,
# refactoring_replatforming_cost (6.3.7) -> one_time_cost. security_standards (3.1.12) is
# deliberately not an alias: 5 means well protected there, but severe risk in security_risk.
SYSTEMS = Sheet(
    name="Systems",
    description="One row per IT system in the inventory.",
    aliases=("systems", "applications", "application inventory", "apps", "inventory",
             "app inventory", "it inventory", "system inventory", "it systems",
             "application portfolio", "software inventory"),
    id_column="system_id",
    columns=(
        Column("system_id", Kind.ID, "Unique id of the system, e.g. S-001.", True,
               ("system id", "app id", "application id", "id", "asset id", "inventory id", "app #",
                "system #", "system no", "application number")),
        Column("name", Kind.TEXT, "Name of the system.", True,
               ("system name", "app name", "application", "application name", "system",
                "name of system", "software name", "application title")),
        Column("department", Kind.TEXT, "Owning department.",
               aliases=("dept", "owner", "department name", "owning department", "business owner",
                        "division", "agency", "program office")),
        Column("vendor", Kind.TEXT, "Vendor or maker.",
               aliases=("supplier", "manufacturer", "vendor name", "provider", "publisher")),
        Column("platform", Kind.TEXT, "Platform or language (AS/400, COBOL, SaaS ...).",
               aliases=("technology", "language", "hosting", "programming language", "tech stack",
                        "hosting model")),
        Column("year_implemented", Kind.YEAR, "Year the system went live.",
               aliases=("yr implemented", "go-live year", "year installed", "implemented",
                        "implementation year", "install year", "year deployed", "go-live",
                        "go live date", "in service since", "year acquired")),
        Column("end_of_support", Kind.DATE_OR_YEAR, "Date or year vendor support ends.",
               aliases=("end of support", "eos", "support ends", "end of life", "eol",
                        "end of support date", "eos date", "eol date", "support end date",
                        "vendor support ends", "sunset date")),
        Column("annual_om_cost", Kind.MONEY, "Annual operations and maintenance cost ($).",
               aliases=("o&m cost", "annual maint. ($)", "annual maintenance", "annual cost",
                        "annual o&m", "annual o&m cost", "o&m", "maintenance cost",
                        "annual operating cost", "tco", "annual tco",
                        "total cost of ownership", "opex software maintenance support")),
        Column("staff_users", Kind.INTEGER, "Number of staff who use it.",
               aliases=("users", "staff users", "internal users", "number of users", "# of users",
                        "# users", "user count", "employee users")),
        Column("residents_served", Kind.NUMBER, "Residents served per year.",
               aliases=("residents", "public users", "customers", "residents served per year",
                        "constituents served", "population served", "external users")),
        Column("criticality", Kind.SCALE_1_5, "1-5, 5 = mission critical.",
               aliases=("mission criticality", "business criticality", "criticality rating")),
        Column("security_risk", Kind.SCALE_1_5, "1-5, 5 = severe.",
               aliases=("security", "cyber risk", "security rating", "cybersecurity risk",
                        "vulnerability rating")),
        Column("technical_condition", Kind.SCALE_1_5, "1-5, 5 = excellent.",
               aliases=("technical fit", "condition", "technical health", "technical rating",
                        "tech condition")),
        Column("functional_fit", Kind.SCALE_1_5, "1-5, 5 = excellent.",
               aliases=("business fit", "functional", "fit", "effectiveness", "functional rating")),
        Column("notes", Kind.TEXT, "Free text.", aliases=("comments", "remarks")),
    ),
)

PROCESSES = Sheet(
    name="Processes",
    description="One row per paper or manual process.",
    aliases=("processes", "paper processes", "manual processes", "paper", "business processes",
             "paper forms", "workflows"),
    id_column="process_id",
    columns=(
        Column("process_id", Kind.ID, "Unique id of the process, e.g. P-001.", True,
               ("process id", "id", "form id", "process #", "process no")),
        Column("name", Kind.TEXT, "Name of the process.", True,
               ("process", "process name", "form", "form name", "service")),
        Column("department", Kind.TEXT, "Owning department.", aliases=("dept", "owner")),
        Column("annual_volume", Kind.NUMBER, "Transactions per year.",
               aliases=("volume", "transactions per year", "annual transactions", "transactions",
                        "requests per year", "forms per year", "annual count")),
        Column("minutes_per_transaction", Kind.NUMBER, "Staff minutes per transaction.",
               aliases=("minutes", "minutes each", "handling time (min)", "minutes per request",
                        "processing time (min)", "staff minutes", "time per transaction")),
        Column("resident_facing", Kind.BOOLEAN, "Does a resident fill it in? yes/no.",
               aliases=("public facing", "resident-facing", "customer facing", "external")),
        Column("turnaround_days", Kind.NUMBER, "Days from request to answer.",
               aliases=("turnaround", "days to complete", "turnaround time (days)",
                        "processing days")),
        Column("error_rate", Kind.PERCENT, "Share of transactions needing rework (%).",
               aliases=("error %", "rework rate", "error rate %")),
        Column("legal_mandate", Kind.BOOLEAN, "Required by law? yes/no.",
               aliases=("mandated", "statutory", "legally required", "required by law")),
        Column("annual_paper_cost", Kind.MONEY, "Printing, postage and storage per year ($).",
               aliases=("paper cost", "printing cost", "printing and postage",
                        "annual printing cost")),
        Column("notes", Kind.TEXT, "Free text.", aliases=("comments", "remarks")),
    ),
)

CANDIDATES = Sheet(
    name="Candidates",
    description="One row per modernization option; cost_FY#### columns fix a schedule.",
    aliases=("candidates", "projects", "candidate projects", "options", "initiatives",
             "project requests", "modernization projects", "project list", "proposals"),
    id_column="candidate_id",
    columns=(
        Column("candidate_id", Kind.ID, "Unique id of the candidate, e.g. C-001.", True,
               ("candidate id", "project id", "id", "project #", "project no", "request id")),
        Column("name", Kind.TEXT, "Name of the project.", True,
               ("project", "project name", "project title", "initiative")),
        Column("targets", Kind.LIST, "System and process ids it modernizes (comma separated).",
               aliases=("target", "systems", "modernizes", "target systems", "replaces",
                        "systems affected")),
        Column("approach", Kind.APPROACH,
               "retire, retain, rehost, replatform, repurchase, refactor, replace or digitize.",
               aliases=("disposition", "strategy", "7r", "7 rs", "modernization approach",
                        "treatment")),
        Column("one_time_cost", Kind.MONEY, "One-time capital cost ($).", True,
               ("cost", "capital cost", "project cost", "one-time cost", "estimated cost",
                "total cost", "implementation cost", "est. cost",
                "refactoring replatforming cost")),
        Column("duration_months", Kind.INTEGER, "Months from start to go-live.",
               aliases=("duration", "months")),
        Column("annual_operating_cost", Kind.MONEY, "New recurring cost after go-live ($/yr).",
               aliases=("operating cost", "new o&m", "subscription", "new annual cost",
                        "ongoing cost", "annual subscription")),
        Column("annual_savings", Kind.MONEY, "Recurring savings after go-live ($/yr).",
               aliases=("savings", "cost savings", "expected savings", "annual cost savings")),
        Column("staff_fte", Kind.NUMBER, "IT staff (FTE) needed while it runs.",
               aliases=("fte", "staff", "it fte", "it staff (fte)")),
        Column("delivery_risk", Kind.SCALE_1_5, "1-5, 5 = very risky.",
               aliases=("risk", "implementation risk", "project risk")),
        Column("strategic_alignment", Kind.SCALE_1_5, "1-5, 5 = central to the strategy.",
               aliases=("alignment", "strategic fit", "strategic priority")),
        Column("requires", Kind.LIST, "Candidate ids that must finish first.",
               aliases=("depends on", "prerequisites", "dependencies", "predecessors")),
        Column("alternative_group", Kind.TEXT, "Candidates sharing a label are either/or.",
               aliases=("alternatives", "either/or group", "group")),
        Column("mandatory", Kind.BOOLEAN, "Must be funded? yes/no.",
               aliases=("must fund", "required")),
        Column("earliest_start", Kind.FISCAL_YEAR, "First fiscal year it may start.",
               aliases=("start no earlier than", "earliest fy", "start fy", "earliest start fy")),
        Column("must_finish_by", Kind.FISCAL_YEAR, "Fiscal year by which it must be done.",
               aliases=("deadline", "finish by", "deadline fy", "complete by")),
        Column("funding_sources", Kind.LIST, "Eligible funds (blank = any).",
               aliases=("funds", "eligible funds", "funding source", "fund source",
                        "eligible funding")),
        Column("notes", Kind.TEXT, "Free text.", aliases=("comments", "remarks")),
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
               True, ("fy", "year", "fiscal yr", "budget year")),
        Column("fund", Kind.TEXT, "Fund name.", True,
               ("fund name", "source", "funding source", "fund source")),
        Column("capital_budget", Kind.MONEY, "Capital money available ($).", True,
               ("budget", "amount", "capital", "capital budget", "available", "budget amount",
                "amount available", "appropriation")),
        Column("operating_budget_increase", Kind.MONEY,
               "Cap on new recurring operating cost starting that year ($).",
               aliases=("operating increase", "new operating cap", "operating budget increase",
                        "operating cap")),
        Column("staff_fte_capacity", Kind.NUMBER, "IT staff FTE available that year.",
               aliases=("staff capacity", "fte capacity", "staff fte capacity", "it staff fte",
                        "staff fte")),
    ),
)

CRITERIA = Sheet(
    name="Criteria",
    description="Scoring criteria and weights (optional; presets otherwise).",
    aliases=("criteria", "weights", "scoring", "scoring criteria"),
    id_column="criterion",
    columns=(
        Column("criterion", Kind.TEXT, "Criterion name as shown to the council.", True,
               ("name",)),
        Column("column", Kind.TEXT, "Derived metric or Candidates column it reads.", True,
               ("metric", "field")),
        Column("direction", Kind.DIRECTION, "max (higher is better) or min.",
               aliases=("goal", "sense")),
        Column("weight", Kind.NUMBER, "Relative importance (any positive number).",
               aliases=("importance",)),
        Column("scale_min", Kind.NUMBER, "Anchored scale: the value scoring 0.",
               aliases=("min", "worst")),
        Column("scale_max", Kind.NUMBER, "Anchored scale: the value scoring 1.",
               aliases=("max", "best")),
    ),
)

SETTINGS = Sheet(
    name="Settings",
    description="Two columns, key and value.",
    aliases=("settings", "options", "parameters", "config", "configuration"),
    id_column="key",
    columns=(
        Column("key", Kind.TEXT, "Setting name.", True, ("setting", "parameter", "name")),
        Column("value", Kind.TEXT, "Setting value.", aliases=("val",)),
    ),
)

PAIRWISE_NAME = "Pairwise"
PAIRWISE_ALIASES = ("pairwise", "ahp", "pairwise comparisons")

SHEETS: tuple[Sheet, ...] = (SYSTEMS, PROCESSES, CANDIDATES, BUDGET, CRITERIA, SETTINGS)
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


def header_lookup(sheet: Sheet) -> dict[str, str]:
    """Map every normalized canonical name and alias to its canonical column."""
    lookup: dict[str, str] = {}
    for column in sheet.columns:
        lookup.setdefault(normalize_header(column.name), column.name)
    for column in sheet.columns:
        for alias in column.aliases:
            lookup.setdefault(normalize_header(alias), column.name)
    return lookup


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
