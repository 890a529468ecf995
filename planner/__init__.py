"""Legacy modernization portfolio planner for local government.

The names below are the public API the app, the command line and scripts use. Each is loaded
on first use (PEP 562), so `import planner` stays light: it loads neither pandas, SciPy nor
HiGHS until a name that needs them is asked for.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("civic-portfolio-planner")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

# Module -> the public names it provides, in pipeline order.
_PROVIDERS: dict[str, tuple[str, ...]] = {
    "planner.errors": ("PlannerError", "UsageError", "UnreadableFileError",
                       "UnwritableFileError", "InputError", "ScoringError",
                       "InfeasiblePlanError", "SolverError"),
    "planner.core.models": ("Portfolio", "Candidate", "System", "Process", "BudgetLine",
                            "Criterion", "Settings", "Severity"),
    "planner.core.plans": ("Plan", "PlanResult", "PlanStatus", "Overrides"),
    "planner.core.issues": ("Issue", "IssueLog", "issues_frame"),
    # The method and preset registries come from their own light modules: the command line
    # checks --method and --preset while parsing, before any scoring.
    "planner.score.mcda": ("METHOD_DESCRIPTIONS",),
    "planner.score.methods": ("METHOD_KEYS", "METHOD_LABELS", "method_key"),
    "planner.score.criteria": ("PRESETS", "column_key"),
    "planner.score.scoring": ("ScoreResult", "score_portfolio"),
    "planner.score.weights": ("ahp_weights", "aggregate_stakeholders"),
    "planner.score.stakeholders": ("STAKEHOLDER_RULE",),
    "planner.score.rank_robustness": ("SMAAResult", "MethodComparison", "smaa",
                                      "compare_methods", "compare_scores"),
    "planner.score.weighting": ("WEIGHTING_MODES", "Weighing", "weighting_key",
                                "weigh_portfolio"),
    "planner.validate.portfolio": ("Validated",),
    "planner.validate.canonical": ("candidates_frame",),
    "planner.propose.proposals": ("Proposals", "ensure_candidates", "ProposalShare",
                                  "proposal_share"),
    "planner.propose.frames": ("proposals_frame", "apply_proposals_frame"),
    "planner.propose.assumptions": ("Assumptions", "read_assumptions", "assumptions_frame"),
    "planner.explain.frontier": ("DEFAULT_SCALES", "efficient_frontier"),
    "planner.explain.robustness": ("FundingRobustness", "funding_robustness", "AROUND", "CORE",
                                   "CONTESTED", "OUT"),
    "planner.explain.sensitivity": ("OneWaySensitivity",),
    "planner.explain.budget_sensitivity": ("BudgetSensitivity",),
    "planner.export.workbook": ("export_workbook",),
    "planner.export.template": ("template_bytes",),
    "planner.brief.render": ("Brief", "council_brief"),
    "planner.service": ("load_book", "load_files", "load_paths", "run_plan", "Roadmap",
                        "plan_portfolio", "council_workbook", "weight_and_budget_sensitivity"),
    "planner.store.store": ("Store",),
    "planner.store.audit": ("AuditFilter",),
    "planner.store.errors": ("StoreError", "NotFoundError", "StaleScenarioError",
                             "ScenarioExistsError"),
    "planner.store.replay": ("choices_document", "summary_of", "replay_scenario"),
    "planner.store.computed": ("ComputedPlans", "plan_digest"),
    "planner.store.settings": ("database_url", "user_name"),
    "planner.views.workspace": ("Workspace", "read_workspace", "validate_workspace",
                                "all_issues", "sheets_frame", "with_settings"),
    "planner.views.cells": ("apply_delta",),
    "planner.views.mapping": ("column_label", "mapping_choices", "mapping_frame",
                              "mapping_problems", "profile_json", "apply_profile",
                              "unread_candidates", "edit_mapping", "unclear_scales",
                              "unclear_scale_note", "SCALE", "SCALE_OPTIONS"),
    "planner.views.inputs": ("STAFF", "OPERATING", "PER_YEAR", "SAATY", "budget_grid",
                             "grid_to_json", "adjust_portfolio", "choices_key",
                             "systems_view", "processes_view", "quadrant_points",
                             "risk_by_department", "pair_key", "judgment_label",
                             "judgments_from_weights", "pairwise_matrix", "stakeholder_seed",
                             "stakeholder_sets", "rank_moves", "candidate_label",
                             "ranking_table", "contributions_long", "acceptability_frame",
                             "method_ranks"),
    "planner.views.editing": ("edit_sheet", "edit_budget_grid", "edit_rows"),
    "planner.views.stakeholders": ("stakeholder_frame", "add_stakeholder",
                                   "fill_blank_weights", "table_stakeholders",
                                   "stakeholder_changes", "same_weights"),
    "planner.views.rules": ("RULE_KINDS", "RULE_SCOPES", "rules_table", "edit_rules",
                            "group_columns", "group_values", "rules_standing"),
    "planner.views.plans": ("PLAN_LABELS", "plan_headlines", "gantt_frame",
                            "spend_and_caps", "compare_plans", "plan_differences",
                            "unfunded_frame", "scenario_record", "scenario_summary",
                            "scenario_spend", "scenario_funding", "scenario_changes",
                            "file_stem"),
    "planner.views.history": ("History", "change_words", "weight_changes", "set_changes",
                              "pin_changes", "grid_changes", "joined"),
    "planner.views.scenario_state": ("SessionChoices", "session_choices",
                                     "restored_session", "same_choices"),
    "planner.views.scenario_library": ("workspace_name", "scenario_label", "stored_record",
                                       "scenarios_frame", "plan_of_record_words"),
    "planner.views.audit_trail": ("ACTION_LABELS", "audit_change", "action_label",
                                  "audit_table", "record_lines", "filter_entries"),
    "planner.views.isolation": ("UploadLimits", "read_upload_isolated"),
    "planner.views.roles": ("Role", "Action", "User", "LOCAL_USER", "read_roles",
                            "roles_from_json", "refusal"),
}

# Public modules, used as namespaces: `words.money(amount)`, `charts.gantt(...)`.
_MODULES: dict[str, str] = {"words": "planner.core.words", "charts": "planner.export.chart_specs"}

# Public name -> the module that defines it (for a public module, its own path).
_MODULE_OF: dict[str, str] = {**{name: module for module, names in _PROVIDERS.items()
                                 for name in names}, **_MODULES}

__all__ = list(_MODULE_OF)


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use, then keep it here."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'planner' has no attribute '{name}'")
    loaded = importlib.import_module(module)
    value = loaded if name in _MODULES else getattr(loaded, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names beside the module's own attributes."""
    return sorted({*globals(), *__all__})
