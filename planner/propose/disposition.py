"""What to do with one system: TIME quadrant, vendor support and the 7 Rs, with a reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from planner.core.models import Approach, Portfolio, System
from planner.propose.assumptions import Assumptions


class Quadrant(StrEnum):
    """Gartner TIME: technical condition x functional fit."""

    TOLERATE = "tolerate"  # sound technically, poor fit
    INVEST = "invest"  # sound and a good fit
    MIGRATE = "migrate"  # a good fit on poor technology
    ELIMINATE = "eliminate"  # poor on both


class Support(StrEnum):
    """Where vendor support stands at the start of the plan."""

    PAST = "past"
    NEAR = "near"
    SUPPORTED = "supported"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Ratings:
    """A system's 1-5 ratings with blanks filled by the neutral default."""

    technical_condition: int
    functional_fit: int
    criticality: int
    security_risk: int
    defaulted: tuple[str, ...] = ()


@dataclass(frozen=True)
class SupportStatus:
    """Vendor support: its state, the fiscal year it ends, and how to say it."""

    state: Support
    phrase: str
    end_fiscal_year: int | None = None

    @property
    def urgent(self) -> bool:
        """True when support is already over or ends soon."""
        return self.state in (Support.PAST, Support.NEAR)


@dataclass(frozen=True)
class Disposition:
    """The suggested treatment of one system; `options` empty means retain."""

    system_id: str
    name: str
    quadrant: Quadrant
    support: SupportStatus
    ratings: Ratings
    options: tuple[Approach, ...]
    mandatory: bool
    reason: str

    @property
    def approach(self) -> Approach:
        """The first (primary) option, or retain."""
        return self.options[0] if self.options else Approach.RETAIN


def fiscal_year_of(day: dt.date, start_month: int) -> int:
    """The fiscal year (named by the calendar year it ends in) that contains a date."""
    if start_month == 1:
        return day.year
    return day.year + 1 if day.month >= start_month else day.year


def reference_year(portfolio: Portfolio, today: dt.date | None = None) -> tuple[int, str | None]:
    """The fiscal year treated as 'now': the plan's first year; the clock only as a last resort."""
    years = portfolio.fiscal_years
    if years:
        return years[0], None
    year = fiscal_year_of(today or dt.date.today(), portfolio.settings.fiscal_year_start_month)
    return year, (f"No first_fiscal_year in Settings and no Budget: end of support is judged "
                  f"against FY{year}, the current fiscal year; set first_fiscal_year to make "
                  "the proposals reproducible.")


def _when(day: dt.date) -> str:
    # A year typed alone is read as 31 December; say it back as the year the user wrote.
    return str(day.year) if (day.month, day.day) == (12, 31) else day.isoformat()


def support_status(system: System, first_year: int, start_month: int,
                   near_years: int) -> SupportStatus:
    """Past, near or later end of vendor support, judged against the first fiscal year."""
    end = system.end_of_support
    if end is None:
        return SupportStatus(Support.UNKNOWN, "end of support not given (assumed supported)")
    year = fiscal_year_of(end, start_month)
    if year < first_year:
        return SupportStatus(Support.PAST, f"unsupported since {_when(end)}", year)
    if year <= first_year + near_years:
        return SupportStatus(Support.NEAR, f"support ends {_when(end)} (FY{year})", year)
    return SupportStatus(Support.SUPPORTED, f"supported until {_when(end)}", year)


def ratings(system: System, assumptions: Assumptions) -> Ratings:
    """The four ratings, each blank one replaced by the default rating."""
    names = ("technical_condition", "functional_fit", "criticality", "security_risk")
    values = {n: getattr(system, n) for n in names}
    defaulted = tuple(n for n in names if values[n] is None)
    filled = {n: assumptions.default_rating if v is None else v for n, v in values.items()}
    return Ratings(**filled, defaulted=defaulted)


def quadrant(r: Ratings, assumptions: Assumptions) -> Quadrant:
    """Place the system in its TIME quadrant."""
    sound = r.technical_condition >= assumptions.high_rating
    fits = r.functional_fit >= assumptions.high_rating
    if sound:
        return Quadrant.INVEST if fits else Quadrant.TOLERATE
    return Quadrant.MIGRATE if fits else Quadrant.ELIMINATE


def options_for(where: Quadrant, act: bool, urgent: bool, r: Ratings,
                assumptions: Assumptions) -> tuple[Approach, ...]:
    """The reasonable approaches, primary first; empty means keep the system as it is."""
    A = Approach
    if where is Quadrant.INVEST:
        return (A.REPLATFORM,) if act else ()
    if where is Quadrant.TOLERATE:
        return (A.REPURCHASE, A.REPLATFORM) if act else ()
    if where is Quadrant.MIGRATE:
        # Rehosting unsupported software on new servers leaves it unsupported.
        return (A.REPLATFORM, A.REPLACE) if urgent else (A.REHOST, A.REPLACE)
    if r.criticality <= assumptions.retire_max_criticality:
        return (A.RETIRE, A.REPURCHASE)
    return (A.REPLACE, A.REPURCHASE)


def _rating_phrase(label: str, field: str, value: int, r: Ratings, high: bool) -> str:
    level = "high" if high else "low"
    if field in r.defaulted:
        return f"{label} not rated ({value} assumed: {level})"
    return f"{level} {label} ({value})"


def _verdict(where: Quadrant, options: tuple[Approach, ...]) -> str:
    if not options:
        return "retain" if where is Quadrant.INVEST else "tolerate, retain for now"
    if len(options) == 1:
        return options[0].value
    words = [o.value + (" now" if o is Approach.REHOST else "") for o in options]
    return " or ".join(words) + " (either/or)"


def dispose(system: System, assumptions: Assumptions, first_year: int,
            start_month: int) -> Disposition:
    """The disposition of one system, with a one-line reason that names every deciding fact."""
    a = assumptions
    r = ratings(system, a)
    where = quadrant(r, a)
    support = support_status(system, first_year, start_month, a.eos_near_years)
    insecure = r.security_risk >= a.security_risk_high
    options = options_for(where, support.urgent or insecure, support.urgent, r, a)
    mandatory = bool(options) and support.urgent and r.criticality >= a.mandatory_criticality

    facts = [support.phrase]
    facts.append(_rating_phrase("technical condition", "technical_condition",
                                r.technical_condition, r, r.technical_condition >= a.high_rating))
    facts.append(_rating_phrase("fit", "functional_fit", r.functional_fit, r,
                                r.functional_fit >= a.high_rating))
    if where is Quadrant.ELIMINATE or mandatory or "criticality" in r.defaulted:
        low = r.criticality <= a.retire_max_criticality
        if "criticality" in r.defaulted:
            facts.append(f"criticality not rated ({r.criticality} assumed)")
        else:
            facts.append(f"low criticality ({r.criticality})" if low
                         else f"criticality {r.criticality}")
    if insecure or "security_risk" in r.defaulted:
        facts.append(f"security risk not rated ({r.security_risk} assumed)"
                     if "security_risk" in r.defaulted else
                     f"high security risk ({r.security_risk})")
    reason = ", ".join(facts) + ": " + _verdict(where, options)
    return Disposition(system.system_id, system.name, where, support, r, options, mandatory,
                       reason)
