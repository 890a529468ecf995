"""The exports cities already have: ServiceNow APM / CMDB business applications and LeanIX
application fact sheets import as Systems with no mapping file, the mapping reported.

The headers are the field labels and names those products document (ServiceNow's business
application form and list export; LeanIX's Excel export, which heads columns with the fact
sheet's field keys), and the cells use their value vocabularies.
"""

from __future__ import annotations

import datetime as dt

from planner.core.issues import Issue
from planner.service import load_files
from planner.validate.portfolio import Validated
from tests.factories import workbook_bytes

SERVICENOW = [
    ["Number", "Name", "Application type", "Architecture type", "Install type",
     "Business criticality", "Department", "Vendor", "Technology stack", "Installed",
     "Contract end date", "Life-Cycle Stage", "Description"],
    ["APM0001001", "Utility Billing", "COTS", "Client-server", "On-premise",
     "1 - most critical", "Public Works", "Tyler Technologies", "AS/400",
     dt.datetime(1998, 7, 1), dt.datetime(2027, 6, 30), "Operational", "Water and sewer bills"],
    ["APM0001002", "Permit Tracker", "Custom", "Web-based", "On-premise",
     "2 - somewhat critical", "Planning", "In-house", ".NET",
     dt.datetime(2009, 3, 15), None, "Operational", "Building permits"],
    ["APM0001003", "Park Reservations", "SaaS", "Cloud", "Cloud",
     "4 - not critical", "Parks", "ActiveNet", "SaaS",
     dt.datetime(2018, 1, 10), dt.datetime(2029, 12, 31), "Operational", None],
]

LEANIX = [
    ["id", "type", "name", "description", "lifecycle:active", "lifecycle:endOfLife",
     "businessCriticality", "functionalSuitability", "technicalSuitability"],
    ["5b0d7a1e-3c1f-4d0e-9f1a-0a1b2c3d4e01", "Application", "Records Retention",
     "Access database", "2004-01-01", "2026-12-31", "businessOperational", "insufficient",
     "unreasonable"],
    ["5b0d7a1e-3c1f-4d0e-9f1a-0a1b2c3d4e02", "Application", "911 Dispatch (CAD)",
     "Computer-aided dispatch", "2012-05-01", "2030-06-30", "missionCritical",
     "perfect", "fullyAppropriate"],
    ["5b0d7a1e-3c1f-4d0e-9f1a-0a1b2c3d4e03", "Application", "Payroll",
     None, "1995-07-01", None, "businessCritical", "appropriate", "inappropriate"],
]


def _codes(validated: Validated, code: str) -> list[Issue]:
    return [i for i in validated.log.items if i.code.value == code]


def test_a_servicenow_business_application_export_imports_as_systems() -> None:
    validated = load_files([("cmdb_ci_business_app.xlsx", workbook_bytes({"Page 1": SERVICENOW}))])
    assert validated.mapping["Systems"] == {
        "Number": "system_id", "Name": "name", "Business criticality": "criticality",
        "Department": "department", "Vendor": "vendor", "Technology stack": "platform",
        "Installed": "year_implemented", "Contract end date": "end_of_support",
        "Description": "notes"}
    systems = validated.portfolio.systems
    assert set(systems) == {"APM0001001", "APM0001002", "APM0001003"}
    # ServiceNow counts 1 as the most critical; on our scale 5 is.
    assert systems["APM0001001"].criticality > systems["APM0001002"].criticality \
        > systems["APM0001003"].criticality
    assert systems["APM0001001"].criticality == 5
    assert systems["APM0001001"].year_implemented == 1998
    assert systems["APM0001001"].platform == "AS/400"
    [mapped] = [i for i in _codes(validated, "value-mapped") if i.column == "Business criticality"]
    assert "1 - most critical" in mapped.message
    assert not [i for i in validated.log.items if i.severity.value == "error"]


def test_a_leanix_application_export_imports_as_systems() -> None:
    validated = load_files([("leanix_export.xlsx", workbook_bytes({"Application": LEANIX}))])
    mapping = validated.mapping["Systems"]
    assert mapping["id"] == "system_id" and mapping["name"] == "name"
    assert mapping["businessCriticality"] == "criticality"
    assert mapping["functionalSuitability"] == "functional_fit"
    assert mapping["technicalSuitability"] == "technical_condition"
    assert mapping["lifecycle:endOfLife"] == "end_of_support"
    assert len(validated.portfolio.systems) == 3
    by_name = {s.name: s for s in validated.portfolio.systems.values()}
    cad, records, payroll = by_name["911 Dispatch (CAD)"], by_name["Records Retention"], \
        by_name["Payroll"]
    assert cad.criticality > payroll.criticality > records.criticality
    # Functional fit runs perfect, appropriate, insufficient, unreasonable.
    assert cad.functional_fit > payroll.functional_fit > records.functional_fit
    # LeanIX technical fit runs fullyAppropriate, adequate, unreasonable, inappropriate.
    assert cad.technical_condition > records.technical_condition > payroll.technical_condition
    assert records.end_of_support is not None
    mapped = {i.column for i in _codes(validated, "value-mapped")}
    assert {"businessCriticality", "functionalSuitability", "technicalSuitability"} <= mapped
    assert not [i for i in validated.log.items if i.severity.value == "error"]
