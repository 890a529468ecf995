"""The public API: the names `planner` offers, each resolving, and an import that stays light."""

from __future__ import annotations

import json
import subprocess
import sys
import types

import pytest

import planner

# Changing this list changes what the app, the command line and scripts may rely on.
PUBLIC = (
    # errors
    "PlannerError", "UsageError", "UnreadableFileError", "UnwritableFileError", "InputError",
    "ScoringError", "InfeasiblePlanError", "SolverError",
    # the domain
    "Portfolio", "Candidate", "System", "Process", "BudgetLine", "Criterion", "Settings",
    "Severity", "Plan", "PlanResult", "PlanStatus", "Overrides", "Issue", "IssueLog",
    "issues_frame", "words",
    # scoring
    "METHOD_DESCRIPTIONS", "METHOD_KEYS", "METHOD_LABELS", "method_key", "PRESETS", "column_key",
    "ScoreResult", "score_portfolio",
    "ahp_weights", "aggregate_stakeholders", "SMAAResult", "MethodComparison", "smaa",
    "compare_methods", "compare_scores", "WEIGHTING_MODES", "Weighing", "weighting_key",
    "weigh_portfolio",
    # validation and proposals
    "Validated", "candidates_frame", "Proposals", "ensure_candidates", "ProposalShare",
    "proposal_share", "proposals_frame",
    "apply_proposals_frame", "Assumptions", "read_assumptions", "assumptions_frame",
    # analyses and the workbook
    "DEFAULT_SCALES", "efficient_frontier", "FundingRobustness", "funding_robustness",
    "AROUND", "CORE", "CONTESTED", "OUT", "OneWaySensitivity", "BudgetSensitivity",
    "export_workbook", "template_bytes", "charts",
    # the council brief
    "Brief", "council_brief",
    # the service
    "load_book", "load_files", "load_paths", "run_plan", "Roadmap", "plan_portfolio",
    "council_workbook", "weight_and_budget_sensitivity",
    # the store: workspaces, scenarios, the plan of record and the audit trail
    "Store", "AuditFilter", "StoreError", "NotFoundError", "StaleScenarioError",
    "ScenarioExistsError", "choices_document", "summary_of", "replay_scenario",
    "ComputedPlans", "plan_digest",
    "database_url", "user_name",
    # views: the session as a stored scenario, the library of scenarios, the audit trail
    "SessionChoices", "session_choices", "restored_session", "same_choices",
    "workspace_name", "scenario_label", "stored_record", "scenarios_frame",
    "plan_of_record_words", "ACTION_LABELS", "audit_change", "action_label", "audit_table",
    "record_lines", "filter_entries",
    # views: the workspace
    "Workspace", "read_workspace", "validate_workspace", "all_issues", "sheets_frame",
    "apply_delta", "with_settings",
    # views: the column mapping
    "column_label", "mapping_choices", "mapping_frame", "mapping_problems", "profile_json",
    "apply_profile", "unread_candidates", "edit_mapping", "unclear_scales",
    "unclear_scale_note", "SCALE", "SCALE_OPTIONS",
    # views: keyed edits of every grid, with their plain words
    "edit_sheet", "edit_budget_grid", "edit_rows",
    # views: inputs, weights and rankings
    "STAFF", "OPERATING", "PER_YEAR", "SAATY", "budget_grid", "grid_to_json",
    "adjust_portfolio", "choices_key", "systems_view", "processes_view", "quadrant_points",
    "risk_by_department", "pair_key", "judgment_label", "judgments_from_weights",
    "pairwise_matrix", "stakeholder_seed", "stakeholder_sets", "rank_moves", "candidate_label",
    "ranking_table", "contributions_long", "acceptability_frame", "method_ranks",
    # views: the stakeholders' table
    "STAKEHOLDER_RULE", "stakeholder_frame", "add_stakeholder", "fill_blank_weights",
    "table_stakeholders", "stakeholder_changes", "same_weights",
    # views: plans and scenarios
    "PLAN_LABELS", "plan_headlines", "gantt_frame", "spend_and_caps", "compare_plans",
    "plan_differences", "unfunded_frame", "scenario_record", "scenario_summary",
    "scenario_spend", "scenario_funding", "scenario_changes", "file_stem",
    # views: the session's history of changes
    "History", "change_words", "weight_changes", "set_changes", "pin_changes", "grid_changes",
    "joined",
    # views: balance rules, edited as the workspace's Rules sheet
    "RULE_KINDS", "RULE_SCOPES", "rules_table", "edit_rules", "group_columns", "group_values",
    "rules_standing",
    # views: reading an upload in a worker process with memory and time limits
    "UploadLimits", "read_upload_isolated",
    # views: who may do what on a shared deployment (sign-in)
    "Role", "Action", "User", "LOCAL_USER", "read_roles", "roles_from_json", "refusal",
)

HEAVY = ("pandas", "scipy", "skcriteria")


def test_all_lists_exactly_the_public_names_once() -> None:
    assert len(planner.__all__) == len(set(planner.__all__))
    assert sorted(planner.__all__) == sorted(PUBLIC)


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_resolves(name: str) -> None:
    value = getattr(planner, name)
    assert value is not None
    assert getattr(planner, name) is value  # loaded once, then kept


def test_a_public_name_is_the_object_its_module_defines() -> None:
    from planner.service import plan_portfolio
    from planner.views.workspace import Workspace

    assert planner.plan_portfolio is plan_portfolio
    assert planner.Workspace is Workspace
    assert isinstance(planner.words, types.ModuleType) and planner.words.money(2_500) == "$2K"
    assert planner.METHOD_LABELS["wsm"] == "Weighted sum"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'run_everything'"):
        planner.run_everything  # noqa: B018
    with pytest.raises(ImportError):
        exec("from planner import run_everything", {})


def test_dir_offers_every_public_name_and_the_version() -> None:
    listed = dir(planner)
    assert set(PUBLIC) <= set(listed) and "__version__" in listed


def test_importing_planner_loads_neither_pandas_scipy_nor_scikit_criteria() -> None:
    script = ("import json, sys, planner; "
              f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert json.loads(done.stdout) == []


def test_asking_for_an_error_class_loads_nothing_heavy() -> None:
    script = ("import json, sys, planner; planner.PlannerError; planner.InputError; "
              f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert json.loads(done.stdout) == []
