"""The Settings keys, defined once: how each is read, its default, its bounds and its meaning.

`SETTING_KEYS` drives the pydantic `Settings` model, the importer's reading of the Settings
sheet, the template's help texts and dropdowns and the canonical writer. A key whose allowed
values belong to a registry further down the pipeline (scoring methods, criteria presets)
names that registry in `choices`; core may not import score, so planner.validate.settings
resolves the name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from planner.core.schema import Kind

UNNAMED_CITY = "Our City"  # shown only when neither the file nor the user names the city
METHODS_REGISTRY = "methods"
PRESETS_REGISTRY = "presets"
WEIGHTINGS_REGISTRY = "weightings"

_PYTHON_TYPES: dict[Kind, type] = {
    Kind.TEXT: str, Kind.INTEGER: int, Kind.FISCAL_YEAR: int, Kind.MONEY: float,
    Kind.NUMBER: float, Kind.BOOLEAN: bool,
}


@dataclass(frozen=True)
class SettingKey:
    """One Settings key: its name, the kind its cell is read as, default, bounds and help."""

    name: str
    kind: Kind
    default: Any
    help: str
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    choices: str | None = None  # the registry holding the allowed values, when there is one

    @property
    def annotation(self) -> Any:
        """The Python type of the value (optional when the default is None)."""
        base = _PYTHON_TYPES[self.kind]
        return base | None if self.default is None else base

    @property
    def bounds(self) -> dict[str, float]:
        """The numeric bounds given, as pydantic Field keywords."""
        given = {"ge": self.ge, "gt": self.gt, "le": self.le}
        return {name: bound for name, bound in given.items() if bound is not None}


SETTING_KEYS: tuple[SettingKey, ...] = (
    SettingKey("city_name", Kind.TEXT, "",
               "The city's or county's name, on every page and on the council workbook."),
    SettingKey("scenario_name", Kind.TEXT, "Baseline", "Name of this scenario."),
    SettingKey("method", Kind.TEXT, "wsm", "Scoring method.", choices=METHODS_REGISTRY),
    SettingKey("preset", Kind.TEXT, "balanced",
               "Criteria preset used when there is no Criteria sheet.", choices=PRESETS_REGISTRY),
    SettingKey("weighting", Kind.TEXT, None,
               "How the criteria are weighed: direct, ahp, rank, swing, entropy or critic "
               "(blank: ahp with a Pairwise sheet, else direct).", choices=WEIGHTINGS_REGISTRY),
    SettingKey("first_fiscal_year", Kind.FISCAL_YEAR, None,
               "First fiscal year of the plan, e.g. 2027.", ge=1990, le=2200),
    SettingKey("horizon_years", Kind.INTEGER, 5, "Number of fiscal years planned.", ge=1, le=30),
    SettingKey("fiscal_year_start_month", Kind.INTEGER, 7,
               "Month the fiscal year starts (7 = July).", ge=1, le=12),
    SettingKey("staff_hourly_cost", Kind.MONEY, 45.0, "Loaded cost of one staff hour ($).", ge=0),
    SettingKey("time_weighting", Kind.BOOLEAN, False,
               "yes: a project's value counts for the share of the horizon it is in service "
               "(replaces delivery_discount)."),
    SettingKey("delivery_discount", Kind.NUMBER, 0.03,
               "Yearly discount that chooses when the funded projects go live: of the "
               "schedules of the most valuable set, the one worth most at value / "
               "(1 + discount) ^ years after the plan's first year (0.03 = 3% a year; 0: "
               "any schedule).", ge=0, le=0.5),
    SettingKey("cost_escalation", Kind.NUMBER, 0.0,
               "Yearly cost escalation, compounding from the plan's first fiscal year "
               "(0.03 = 3% a year); explicit cost_FY columns are not escalated.", ge=0, le=0.5),
    SettingKey("carry_over", Kind.BOOLEAN, False, "yes: unspent budget carries to the next year."),
    SettingKey("solver_time_limit_s", Kind.NUMBER, 10.0, "Seconds the optimizer may spend.",
               gt=0, le=3600),
    SettingKey("mip_gap", Kind.NUMBER, 0.001,
               "Optimality gap the optimizer may stop at (0.001 = 0.1%).", ge=0, le=1),
    SettingKey("propose_candidates", Kind.BOOLEAN, False,
               "yes: propose candidates for untargeted systems and processes."),
    # The user's overrides, as text (Overrides.from_settings reads them): ids separated by
    # commas, and pinned starts as ID=YEAR.
    SettingKey("force_in", Kind.TEXT, "",
               "Candidates always funded, ids separated by commas (e.g. C-004, C-010)."),
    SettingKey("force_out", Kind.TEXT, "", "Candidates never funded, ids separated by commas."),
    SettingKey("pin_start", Kind.TEXT, "",
               "Candidates funded from a given year, as ID=YEAR (e.g. C-004=2028, C-010=2029)."),
)
SETTING_KEYS_BY_NAME: dict[str, SettingKey] = {spec.name: spec for spec in SETTING_KEYS}
OVERRIDE_KEYS = ("force_in", "force_out", "pin_start")


class _SettingsBase(BaseModel):
    """What every Settings model shares besides its fields."""

    model_config = ConfigDict(frozen=True, extra="allow")

    @property
    def city(self) -> str:
        """The city's name as pages and the workbook show it: city_name, else 'Our City'."""
        return " ".join(str(getattr(self, "city_name", "") or "").split()) or UNNAMED_CITY

    @property
    def extras(self) -> dict[str, Any]:
        """Settings the file gave that this version does not know (kept for reproduction)."""
        return dict(self.model_extra or {})


# Fields come from the table, so a key added there is a model field, an importer kind, a
# template row and a canonical row at once.
Settings = create_model(
    "Settings",
    __base__=_SettingsBase,
    __module__=__name__,
    __doc__="Everything besides the tables that a plan needs to be reproduced.",
    **{spec.name: (spec.annotation, Field(default=spec.default, description=spec.help,
                                          **spec.bounds))
       for spec in SETTING_KEYS},
)
