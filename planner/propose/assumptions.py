"""Editable assumptions behind proposed candidates, kept as `assume_*` keys in Settings."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from planner.core.issues import Issue, IssueCode
from planner.core.models import Approach, Settings, Severity
from planner.values.parse import CellError, is_missing, parse_integer, parse_number, parse_percent

PREFIX = "assume_"
SETTINGS_SHEET = "Settings"

# Approaches the planner proposes for systems; each has its own cost, duration and risk keys.
SYSTEM_APPROACHES: tuple[Approach, ...] = (
    Approach.RETIRE, Approach.REHOST, Approach.REPLATFORM, Approach.REPURCHASE, Approach.REPLACE,
)


def _f(default: float, text: str, *, ge: float = 0, le: float | None = None) -> Any:
    return Field(default=default, ge=ge, le=le, description=text)


def _share(default: float, text: str) -> Any:
    return Field(default=default, ge=0, le=1, description=text)


def _rating(default: int, text: str) -> Any:
    return Field(default=default, ge=1, le=5, description=text)


class Assumptions(BaseModel):
    """Every rule threshold and cost driver used to propose candidates, with its default."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # Disposition rules.
    default_rating: int = _rating(
        3, "Rating (1-5) assumed when technical condition, functional fit, criticality or "
           "security risk is blank; 3 is the neutral middle of the scale.")
    high_rating: int = _rating(
        3, "Technical condition or functional fit at or above this counts as high when placing "
           "a system in a TIME quadrant.")
    security_risk_high: int = _rating(
        4, "Security risk at or above this calls for action even on a healthy system.")
    retire_max_criticality: int = _rating(
        2, "A low-condition, low-fit system with criticality at or below this may be retired.")
    eos_near_years: int = Field(
        default=1, ge=0, le=10,
        description="Vendor support ending within this many fiscal years after the first "
                    "fiscal year counts as 'near' (0 = only during the first year).")
    mandatory_criticality: int = _rating(
        4, "A system past or near end of support with criticality at or above this gets a "
           "mandatory candidate.")
    mandatory_budget_share: float = _share(
        0.5, "Mandatory items together may use at most this share of the capital budget, of "
             "IT staff capacity and of the operating budget increase over the horizon; beyond "
             "it the least urgent are left to the optimizer.")
    # Systems: one-time cost = max(floor, multiple x annual O&M).
    retire_cost_multiple: float = _f(0.25, "Retire (archive data, decommission): x annual O&M.")
    retire_cost_floor: float = _f(25_000, "Retire: minimum one-time cost ($).")
    retire_months: int = _f(6, "Retire: months to complete.", ge=1, le=240)
    retire_operating_share: float = _f(0.0, "Retire: new operating cost as a share of O&M.")
    retire_delivery_risk: int = _rating(1, "Retire: delivery risk (1-5).")
    retire_staff_fte: float = _f(0.25, "Retire: IT staff (FTE) while it runs.")
    rehost_cost_multiple: float = _f(1.5, "Rehost (lift to supported infrastructure): x O&M.")
    rehost_cost_floor: float = _f(50_000, "Rehost: minimum one-time cost ($).")
    rehost_months: int = _f(9, "Rehost: months to complete.", ge=1, le=240)
    rehost_operating_share: float = _f(0.9, "Rehost: new operating cost as a share of O&M.")
    rehost_delivery_risk: int = _rating(2, "Rehost: delivery risk (1-5).")
    rehost_staff_fte: float = _f(0.5, "Rehost: IT staff (FTE) while it runs.")
    replatform_cost_multiple: float = _f(2.0, "Replatform (upgrade to a supported version): x O&M.")
    replatform_cost_floor: float = _f(75_000, "Replatform: minimum one-time cost ($).")
    replatform_months: int = _f(12, "Replatform: months to complete.", ge=1, le=240)
    replatform_operating_share: float = _f(0.85, "Replatform: new operating cost / O&M.")
    replatform_delivery_risk: int = _rating(2, "Replatform: delivery risk (1-5).")
    replatform_staff_fte: float = _f(1.0, "Replatform: IT staff (FTE) while it runs.")
    repurchase_cost_multiple: float = _f(3.0, "Repurchase (move to a SaaS product): x O&M.")
    repurchase_cost_floor: float = _f(100_000, "Repurchase: minimum one-time cost ($).")
    repurchase_months: int = _f(12, "Repurchase: months to complete.", ge=1, le=240)
    repurchase_operating_share: float = _f(1.0, "Repurchase: subscription as a share of O&M.")
    repurchase_delivery_risk: int = _rating(3, "Repurchase: delivery risk (1-5).")
    repurchase_staff_fte: float = _f(1.0, "Repurchase: IT staff (FTE) while it runs.")
    replace_cost_multiple: float = _f(5.0, "Replace (new system, full implementation): x O&M.")
    replace_cost_floor: float = _f(250_000, "Replace: minimum one-time cost ($).")
    replace_months: int = _f(24, "Replace: months to complete.", ge=1, le=240)
    replace_operating_share: float = _f(0.8, "Replace: new operating cost as a share of O&M.")
    replace_delivery_risk: int = _rating(4, "Replace: delivery risk (1-5).")
    replace_staff_fte: float = _f(2.0, "Replace: IT staff (FTE) while it runs.")
    # Processes: one-time cost = base + per transaction x annual volume (+ resident extra).
    digitize_cost_base: float = _f(50_000, "Digitize: fixed one-time cost ($).")
    digitize_cost_per_transaction: float = _f(5.0, "Digitize: one-time $ per yearly transaction.")
    digitize_resident_extra: float = _f(
        25_000, "Digitize: extra one-time cost for a resident-facing process (public online "
                "form, accessibility, e-payment) ($).")
    digitize_time_reduction: float = _share(0.5, "Digitize: share of staff minutes saved.")
    digitize_paper_reduction: float = _share(0.8, "Digitize: share of paper cost saved.")
    digitize_operating_share: float = _f(
        0.15, "Digitize: yearly operating cost as a share of the one-time cost.")
    digitize_months: int = _f(9, "Digitize: months to complete.", ge=1, le=240)
    digitize_delivery_risk: int = _rating(2, "Digitize: delivery risk (1-5).")
    digitize_staff_fte: float = _f(0.5, "Digitize: IT staff (FTE) while it runs.")

    def approach(self, approach: Approach) -> ApproachCosts:
        """The cost drivers of one approach."""
        name = approach.value

        def get(suffix: str) -> Any:
            return getattr(self, f"{name}_{suffix}")

        multiple = get("cost_multiple") if approach is not Approach.DIGITIZE else 0.0
        floor = get("cost_floor") if approach is not Approach.DIGITIZE else 0.0
        share = get("operating_share")
        return ApproachCosts(approach, multiple, floor, get("months"), share,
                             get("delivery_risk"), get("staff_fte"))

    def to_settings_rows(self) -> list[tuple[str, float | int]]:
        """(key, value) rows for the Settings sheet, every assumption with its prefix."""
        return [(PREFIX + name, getattr(self, name)) for name in type(self).model_fields]

    def changed(self) -> dict[str, float | int]:
        """Assumptions that differ from the defaults, keyed by settings key."""
        default = Assumptions()
        return {PREFIX + name: getattr(self, name) for name in type(self).model_fields
                if getattr(self, name) != getattr(default, name)}

    def apply_to(self, settings: Settings) -> Settings:
        """Settings with these assumptions written in (the decision record keeps them)."""
        data = settings.model_dump()
        data.update(dict(self.to_settings_rows()))
        return Settings(**data)


@dataclass(frozen=True)
class ApproachCosts:
    """Cost, duration and risk drivers of one approach."""

    approach: Approach
    cost_multiple: float
    cost_floor: float
    months: int
    operating_share: float
    delivery_risk: int
    staff_fte: float


PERCENT_FIELDS = frozenset({"mandatory_budget_share", "digitize_time_reduction",
                            "digitize_paper_reduction"})


def _parse(name: str, raw: Any) -> Any:
    if Assumptions.model_fields[name].annotation is int:
        return parse_integer(raw).value
    if name in PERCENT_FIELDS:
        return parse_percent(raw).value
    if isinstance(raw, str) and raw.strip().endswith("%"):
        return parse_number(raw.strip()[:-1]).value / 100.0
    return parse_number(raw).value


def read_assumptions(settings: Settings) -> tuple[Assumptions, list[Issue]]:
    """Assumptions from `assume_*` settings; a bad or unknown key is reported, defaults kept."""
    return assumptions_from_rows(settings.extras.items())


def assumptions_from_frame(frame: pd.DataFrame) -> tuple[Assumptions, list[Issue]]:
    """Assumptions from an edited key/value table such as `assumptions_frame` returns."""
    return assumptions_from_rows(zip(frame["key"], frame["value"], strict=True))


def assumptions_from_rows(rows: Iterable[tuple[str, Any]]) -> tuple[Assumptions, list[Issue]]:
    """Assumptions from (key, value) pairs; keys without the `assume_` prefix are skipped."""
    values: dict[str, Any] = {}
    issues: list[Issue] = []
    fields = list(Assumptions.model_fields)
    for key, raw in rows:
        key = str(key).strip().lower().replace(" ", "_")
        if hasattr(raw, "item") and not isinstance(raw, str):
            raw = raw.item()  # numpy scalars from an edited table
        if not key.startswith(PREFIX) or is_missing(raw):
            continue
        name = key[len(PREFIX):]
        if name not in Assumptions.model_fields:
            close = difflib.get_close_matches(name, fields, n=1)
            hint = f" Did you mean '{PREFIX}{close[0]}'?" if close else ""
            issues.append(_issue(key, IssueCode.UNKNOWN_SETTING,
                                 f"'{key}' is not a known assumption; it is ignored.{hint}", raw))
            continue
        try:
            value = _parse(name, raw)
            Assumptions(**{name: value})
        except (CellError, ValidationError) as exc:
            message = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            default = Assumptions.model_fields[name].default
            issues.append(_issue(key, IssueCode.TYPE_ERROR,
                                 f"Assumption {key}: {message}; the default {default} is used.",
                                 raw))
            continue
        values[name] = value
    return Assumptions(**values), issues


def _issue(key: str, code: IssueCode, message: str, value: Any) -> Issue:
    return Issue(SETTINGS_SHEET, None, key, code, Severity.WARNING, message, value)


def assumption_kind(key: str) -> str:
    """How an assumption's value reads: "money", "percent", "integer" or "number"."""
    name = key[len(PREFIX):] if key.startswith(PREFIX) else key
    if name in PERCENT_FIELDS:
        return "percent"
    if name.endswith(("_floor", "_cost_base", "_resident_extra")):
        return "money"
    return "integer" if Assumptions.model_fields[name].annotation is int else "number"


def assumptions_frame(assumptions: Assumptions) -> pd.DataFrame:
    """The assumptions as a table: key, value, default, description (for the app and export)."""
    default = Assumptions()
    rows = [
        (PREFIX + name, getattr(assumptions, name), getattr(default, name), info.description)
        for name, info in Assumptions.model_fields.items()
    ]
    return pd.DataFrame(rows, columns=["key", "value", "default", "description"])
