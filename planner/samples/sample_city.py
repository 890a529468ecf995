"""Deterministic generator of the fictional sample city of Riverton (canonical tables + xlsx)."""

import io
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import tostring

CITY_NAME = "City of Riverton"
FISCAL_YEARS: tuple[int, ...] = (2027, 2028, 2029, 2030, 2031)
SPEND_COLUMNS: list[str] = [f"cost_FY{fy}" for fy in FISCAL_YEARS]

GENERAL = "General Fund"
UTILITY = "Enterprise Fund (Utilities)"
GRANT = "ARPA/Federal Grant"
RESERVE = "IT Replacement Reserve"
FUNDS: tuple[str, ...] = (GENERAL, UTILITY, GRANT, RESERVE)

# Eligible-fund lists used on the Candidates sheet (None = any fund).
GF_IT = f"{GENERAL}; {RESERVE}"
UT = UTILITY
GRANT_OK = f"{GRANT}; {GENERAL}; {RESERVE}"
SHARED = f"{GENERAL}; {RESERVE}; {UTILITY}"

SYSTEM_COLUMNS = [
    "system_id", "name", "department", "vendor", "platform", "year_implemented",
    "end_of_support", "annual_om_cost", "staff_users", "residents_served", "criticality",
    "security_risk", "technical_condition", "functional_fit", "notes",
]
PROCESS_COLUMNS = [
    "process_id", "name", "department", "annual_volume", "minutes_per_transaction",
    "resident_facing", "turnaround_days", "error_rate", "legal_mandate", "annual_paper_cost",
    "notes",
]
CANDIDATE_COLUMNS = [
    "candidate_id", "name", "targets", "approach", "one_time_cost", "duration_months",
    "annual_operating_cost", "annual_savings", "staff_fte", "delivery_risk",
    "strategic_alignment", "requires", "alternative_group", "mandatory", "earliest_start",
    "must_finish_by", "funding_sources", "notes", *SPEND_COLUMNS,
]
BUDGET_COLUMNS = [
    "fiscal_year", "fund", "capital_budget", "operating_budget_increase", "staff_fte_capacity",
]
SETTINGS_COLUMNS = ["key", "value"]

# fmt: off
# (id, name, department, vendor, platform, year_implemented, end_of_support, annual_om_cost,
#  staff_users, residents_served, criticality, security_risk, technical_condition,
#  functional_fit, notes)
_SYSTEMS: list[tuple[Any, ...]] = [
    ("S-001", "ERP Financials (GL/AP/AR)", "Finance", "Cascade Public Software",
     "IBM AS/400 (RPG III)", 1996, 2026, 410_000, 140, 0, 5, 4, 1, 2,
     "Heavily customized; two RPG programmers, one retiring in 2027"),
    ("S-002", "Utility Billing (CIS)", "Utilities", "In-house",
     "IBM z/OS mainframe (COBOL, VSAM)", 1988, 2027, 880_000, 65, 150_000, 5, 4, 1, 2,
     "52,000 water/sewer accounts; mainframe lease ends 2027"),
    ("S-003", "Payroll", "Human Resources", "Cascade Public Software", "IBM AS/400 (RPG)",
     1998, 2026, 160_000, 25, 0, 5, 4, 2, 2, "Tax tables patched by hand each January"),
    ("S-004", "Personnel Records", "Human Resources", "In-house", "Microsoft Access 2010",
     2004, 2020, 15_000, 12, 0, 3, 5, 1, 2, "Contains SSNs; no audit trail"),
    ("S-005", "Timekeeping", "Human Resources", "TimeWise", "PowerBuilder 9 client/server",
     2003, 2019, 45_000, 1_100, 0, 4, 4, 2, 2, "Only sworn staff use it; others on paper"),
    ("S-006", "Budget Preparation", "Finance", "In-house", "Excel workbooks + Access",
     2006, 2021, 20_000, 45, 0, 3, 3, 2, 2, "Budget book assembled by hand"),
    ("S-007", "Procurement / Purchasing", "Finance", "Cascade Public Software",
     "IBM AS/400 (RPG)", 1999, 2026, 60_000, 220, 0, 3, 3, 2, 2, "Green-screen requisitions"),
    ("S-008", "Cashiering / Point of Sale", "Finance", "TillPoint",
     "Windows 7 thick client (.NET 3.5)", 2009, date(2020, 1, 14), 55_000, 30, 90_000,
     4, 5, 2, 3, "PCI compliance findings in last audit"),
    ("S-009", "Permitting & Inspections", "Community Development", "PermitPro",
     "Oracle Forms 6i / Oracle 11g", 2002, 2025, 240_000, 85, 6_500, 4, 4, 2, 2,
     "Requires Internet Explorer mode"),
    ("S-010", "Business Licensing", "Finance", "In-house", "Microsoft Access 2013", 2011, 2023,
     18_000, 8, 9_000, 2, 4, 2, 2, "Renewal notices mailed from a mail merge"),
    ("S-011", "Code Enforcement", "Community Development", "PermitPro",
     "Oracle Forms 6i module", 2005, 2025, 40_000, 18, 4_000, 3, 3, 2, 2, None),
    ("S-012", "311 / Citizen Request CRM", "City Manager's Office", "CivicDesk", "SaaS",
     2019, 2030, 95_000, 120, 38_000, 3, 2, 4, 4, "Healthy; no integration with work orders"),
    ("S-013", "Police & Fire CAD", "Police", "DispatchOne",
     ".NET 2.0 client/server, SQL Server 2008", 2007, date(2026, 6, 30), 520_000, 60,
     150_000, 5, 5, 2, 3, "Vendor ends support June 2026"),
    ("S-014", "Police Records Management (RMS)", "Police", "BlueLine Records",
     "PowerBuilder 12 / SQL Server 2012", 2010, 2027, 310_000, 220, 150_000, 5, 4, 2, 2,
     "State crime reporting (NIBRS) export is brittle"),
    ("S-015", "Fire Records Management", "Fire", "FireLog", ".NET desktop / Access back end",
     2008, 2027, 70_000, 140, 150_000, 4, 4, 2, 3, "Product discontinued by vendor"),
    ("S-016", "Court Case Management", "Municipal Court", "JusticeTrak",
     "PowerBuilder 10 / Oracle 10g", 2001, 2027, 190_000, 35, 22_000, 5, 4, 1, 2,
     "State e-filing interface mandated"),
    ("S-017", "911 Call Handling Equipment", "Police", "SentryVoice", "Legacy analog CPE",
     2012, 2026, 150_000, 30, 150_000, 5, 3, 2, 3, "Not NG911 (i3) capable"),
    ("S-018", "Geographic Information System", "Information Technology", "Esri",
     "ArcGIS Enterprise 10.9 on-premises", 2014, 2028, 120_000, 160, 150_000, 4, 2, 3, 4,
     None),
    ("S-019", "Asset & Work Order Management", "Public Works", "WorkTrack",
     "Oracle Forms 10g", 2004, 2024, 130_000, 140, 0, 4, 3, 2, 2, "No mobile access for crews"),
    ("S-020", "Fleet Management", "Public Works", "FleetMax", "Microsoft Access 2007", 2006,
     2017, 15_000, 10, 0, 2, 4, 1, 2, "Fuel logs keyed from paper"),
    ("S-021", "Library Integrated Library System", "Library", "Bookshelf Systems", "SaaS",
     2018, 2031, 85_000, 60, 95_000, 3, 2, 4, 4, "Healthy"),
    ("S-022", "Parks & Recreation Reservations", "Parks & Recreation", "RecDesk Classic",
     "Hosted ASP.NET Web Forms", 2012, 2025, 60_000, 45, 40_000, 3, 3, 2, 2, None),
    ("S-023", "Document Management (ECM)", "City Clerk", "FileVault",
     "Windows Server 2012 / SQL Server 2012", 2009, 2023, 110_000, 600, 0, 3, 4, 2, 3, None),
    ("S-024", "Email & Calendaring", "Information Technology", "Microsoft",
     "Exchange Server 2016 on-premises", 2017, date(2025, 10, 14), 90_000, 1_400, 0,
     4, 5, 3, 4, "Past end of support"),
    ("S-025", "Public Website CMS", "City Manager's Office", "SitePress", "Drupal 7", 2013,
     date(2025, 1, 5), 40_000, 25, 150_000, 3, 4, 2, 2, "Fails WCAG 2.1 AA audit"),
    ("S-026", "Records Retention Database", "City Clerk", "In-house", "Microsoft Access 2003",
     2003, 2015, 15_000, 20, 0, 2, 4, 1, 1, None),
    ("S-027", "Animal Services", "Police", "PetTrack", "Visual FoxPro 9", 2001, 2015, 15_000,
     12, 6_000, 2, 4, 1, 2, "Shelter intake and dog licences"),
    ("S-028", "Cemetery Management", "Parks & Recreation", "RestEasy", "Microsoft Access 2000",
     1999, 2015, 15_000, 4, 900, 1, 3, 1, 2, "Plot maps are scanned paper"),
    ("S-029", "Parking Citations", "Police", "TicketPoint",
     "Windows CE handhelds + SQL Server 2008", 2010, 2020, 75_000, 25, 60_000, 2, 4, 1, 2,
     None),
    ("S-030", "Agenda & Minutes", "City Clerk", "AgendaLink", "SaaS", 2020, 2030, 30_000, 80,
     15_000, 2, 2, 4, 4, "Healthy"),
    ("S-031", "Meter Reading (drive-by AMR)", "Utilities", "FlowRead",
     "Drive-by AMR, Windows Server 2012", 2008, 2028, 210_000, 12, 150_000, 4, 3, 2, 3,
     "Radio endpoints failing at 4% a year"),
    ("S-032", "Water SCADA Historian", "Utilities", "Aquamatic",
     "Windows Server 2012 historian", 2012, 2023, 95_000, 20, 150_000, 5, 5, 2, 3,
     "Flat OT network flagged in cyber assessment"),
    ("S-033", "Body-Worn Camera Evidence", "Police", "EvidenceVault", "SaaS", 2021, 2032,
     260_000, 180, 0, 4, 2, 5, 4, "Healthy"),
    ("S-034", "Training Records", "Human Resources", "In-house", "SharePoint 2013 lists",
     2014, 2023, 15_000, 1_300, 0, 2, 3, 2, 2, None),
    ("S-035", "Special Assessments & Liens", "Finance", "In-house",
     "IBM z/OS mainframe (COBOL)", 1990, 2027, 35_000, 6, 3_000, 3, 3, 1, 2,
     "Shares the utility billing mainframe"),
    ("S-036", "Inspections Mobile App", "Community Development", "PermitPro",
     "Windows Mobile 6.5", 2011, 2016, 20_000, 22, 0, 3, 4, 1, 1, "Devices no longer sold"),
    ("S-037", "IT Service Desk", "Information Technology", "ServiceLoop", "SaaS", 2022, 2032,
     45_000, 1_400, 0, 3, 2, 5, 5, "Healthy"),
    ("S-038", "Backup & Recovery", "Information Technology", "VaultSafe",
     "Tape library + on-premises appliance", 2015, 2024, 80_000, 6, 0, 5, 5, 2, 2,
     "No immutable copy; cyber insurer finding"),
    ("S-039", "Traffic Signal Management", "Public Works", "SignalNet", "Windows XP workstation",
     2005, 2015, 40_000, 5, 150_000, 4, 5, 1, 3, None),
    ("S-040", "Sewer Pipe Inspection", "Utilities", "PipeScope", ".NET desktop", 2016, 2029,
     35_000, 10, 0, 3, 2, 3, 4, None),
    ("S-041", "Public Safety Mobile Data", "Fire", "DispatchOne Mobile",
     "Windows 7 rugged laptops", 2007, 2026, 140_000, 160, 150_000, 5, 4, 2, 2, None),
    ("S-042", "Public Records Request Log", "City Clerk", "In-house", "Excel spreadsheet",
     2016, 2022, 15_000, 8, 2_500, 2, 3, 2, 1, None),
    ("S-043", "Wide-Area Network", "Information Technology", "Regional Telco",
     "Leased T1 copper circuits", 2005, 2026, 180_000, 1_400, 0, 4, 3, 2, 2,
     "Fire stations on 1.5 Mbps links"),
    ("S-044", "Directory & Remote Access", "Information Technology", "Microsoft",
     "Windows Server 2012 R2 Active Directory + VPN", 2013, date(2023, 10, 10), 60_000,
     1_400, 0, 5, 5, 2, 3, "No multi-factor authentication"),
]

# (id, name, department, annual_volume, minutes_per_transaction, resident_facing,
#  turnaround_days, error_rate, legal_mandate, annual_paper_cost, notes)
_PROCESSES: list[tuple[Any, ...]] = [
    ("P-001", "Building permit applications (paper plan sets)", "Community Development",
     4_200, 90, "yes", 21, 0.12, "yes", 38_000, "Three paper plan sets per application"),
    ("P-002", "Business licence renewals", "Finance", 9_000, 15, "yes", 10, 0.06, "yes",
     14_000, None),
    ("P-003", "Public records requests", "City Clerk", 2_600, 120, "yes", 12, 0.05, "yes",
     6_500, "Statutory response deadline"),
    ("P-004", "Paper timesheets", "Human Resources", 28_600, 6, "no", 3, 0.04, "yes", 9_000,
     "Bi-weekly, keyed into payroll"),
    ("P-005", "Procurement requisitions", "Finance", 5_200, 35, "no", 9, 0.08, "no", 7_000,
     None),
    ("P-006", "Special-event permits", "City Clerk", 450, 110, "yes", 30, 0.10, "yes", 3_000,
     "Routed to six departments by interoffice mail"),
    ("P-007", "Parks facility and shelter bookings", "Parks & Recreation", 6_800, 12, "yes",
     5, 0.07, "no", 4_000, None),
    ("P-008", "Code enforcement complaints", "Community Development", 3_900, 25, "yes", 14,
     0.09, "no", 2_500, None),
    ("P-009", "Council and board agenda packets (items)", "City Clerk", 900, 60, "no", 10,
     0.03, "yes", 22_000, "Printed packets for 30 boards"),
    ("P-010", "FOIA requests for police records", "Police", 1_800, 75, "yes", 15, 0.06, "yes",
     4_000, None),
    ("P-011", "Contractor registration", "Community Development", 1_100, 20, "yes", 7, 0.08,
     "yes", 1_800, None),
    ("P-012", "Dog licences", "Police", 5_400, 10, "yes", 7, 0.05, "yes", 3_200,
     "Animal Services"),
    ("P-013", "Utility start/stop service requests", "Utilities", 14_000, 14, "yes", 3, 0.04,
     "no", 6_000, None),
    ("P-014", "Accounts payable invoice approval", "Finance", 36_000, 8, "no", 18, 0.03, "no",
     12_000, "Paper invoices walked between buildings"),
    ("P-015", "New-hire onboarding paperwork", "Human Resources", 220, 95, "no", 10, 0.07,
     "yes", 2_200, None),
    ("P-016", "Training records and certifications", "Human Resources", 5_200, 10, "no", 5,
     0.10, "yes", 1_500, None),
    ("P-017", "Burial permits and plot sales", "Parks & Recreation", 260, 45, "yes", 5, 0.05,
     "yes", 900, None),
    ("P-018", "Parking citation appeals", "Municipal Court", 3_100, 30, "yes", 28, 0.06, "yes",
     5_200, None),
    ("P-019", "Court payment plans", "Municipal Court", 4_800, 20, "yes", 7, 0.05, "yes",
     4_000, None),
    ("P-020", "Fleet fuel and maintenance logs", "Public Works", 16_000, 5, "no", 2, 0.11,
     "no", 2_500, None),
    ("P-021", "Overtime and leave requests", "Human Resources", 22_000, 7, "no", 4, 0.05,
     "no", 3_000, None),
    ("P-022", "Right-of-way and encroachment permits", "Public Works", 1_300, 45, "yes", 14,
     0.09, "yes", 4_500, None),
    ("P-023", "Library card applications", "Library", 7_000, 6, "yes", 1, 0.02, "no", 2_000,
     None),
    ("P-024", "Recreation program registration (walk-in)", "Parks & Recreation", 18_000, 8,
     "yes", 1, 0.03, "no", 8_000, None),
    ("P-025", "Water leak adjustment requests", "Utilities", 2_200, 30, "yes", 21, 0.07, "no",
     1_500, None),
    ("P-026", "Alarm permit registration", "Police", 3_400, 10, "yes", 14, 0.08, "yes", 2_400,
     None),
    ("P-027", "Street tree service requests", "Public Works", 2_400, 15, "yes", 30, 0.06, "no",
     900, None),
    ("P-028", "Employee expense reimbursements", "Finance", 3_000, 15, "no", 21, 0.09, "no",
     1_800, None),
]
# fmt: on


def _cand(
    cid: str,
    name: str,
    targets: str,
    approach: str,
    cost: int,
    months: int,
    operating: int,
    savings: int,
    fte: float,
    risk: int,
    alignment: int,
    *,
    requires: str = "",
    group: str | None = None,
    mandatory: bool = False,
    start: int | None = None,
    finish: int | None = None,
    funds: str | None = None,
    notes: str | None = None,
) -> dict[str, Any]:
    """One Candidates row; `targets` and `requires` are space-separated ids."""
    return {
        "candidate_id": cid, "name": name, "targets": "; ".join(targets.split()),
        "approach": approach, "one_time_cost": cost, "duration_months": months,
        "annual_operating_cost": operating, "annual_savings": savings, "staff_fte": fte,
        "delivery_risk": risk, "strategic_alignment": alignment,
        "requires": "; ".join(requires.split()) or None, "alternative_group": group,
        "mandatory": "yes" if mandatory else "no", "earliest_start": start,
        "must_finish_by": finish, "funding_sources": funds, "notes": notes,
    }


# fmt: off
_CANDIDATES: list[dict[str, Any]] = [
    _cand("C-001", "ERP: replace with SaaS ERP (financials & procurement)", "S-001 S-007",
          "replace", 6_000_000, 30, 620_000, 560_000, 4, 4, 5, group="ERP", funds=GF_IT,
          notes="Keystone: payroll, cashiering and e-procurement build on it"),
    _cand("C-002", "ERP: rehost AS/400 to cloud IBM Power", "S-001 S-007", "rehost",
          900_000, 9, 380_000, 110_000, 1.5, 2, 2, group="ERP", funds=GF_IT,
          notes="Buys time; RPG skills risk remains"),
    _cand("C-003", "ERP: refactor RPG code to .NET", "S-001 S-007", "refactor", 4_200_000, 36,
          240_000, 300_000, 3.5, 5, 3, group="ERP", funds=GF_IT),
    _cand("C-004", "Utility billing: replace with SaaS CIS", "S-002 P-025", "replace",
          5_700_000, 30, 540_000, 780_000, 3, 4, 5, group="Utility billing", funds=UT),
    _cand("C-005", "Utility billing: rehost COBOL to cloud mainframe emulation", "S-002",
          "rehost", 2_300_000, 15, 430_000, 330_000, 2, 3, 2, group="Utility billing",
          start=2028, funds=UT, notes="Cannot start before the mainframe lease renewal"),
    _cand("C-006", "Utility billing: refactor COBOL to Java", "S-002", "refactor", 4_600_000,
          27, 260_000, 520_000, 3, 4, 3, group="Utility billing", funds=UT),
    _cand("C-007", "Permitting: replace with SaaS land management", "S-009 S-011 S-036",
          "replace", 2_400_000, 18, 260_000, 340_000, 2.5, 3, 5, group="Permitting",
          funds=GF_IT, notes="Permits, inspections and code enforcement on one platform"),
    _cand("C-008", "Permitting: upgrade Oracle Forms to vendor web release", "S-009 S-011",
          "replatform", 950_000, 12, 270_000, 60_000, 1.5, 3, 2, group="Permitting",
          funds=GF_IT),
    _cand("C-009", "Permitting: rehost Oracle Forms servers to cloud", "S-009 S-011",
          "rehost", 400_000, 6, 290_000, 30_000, 1, 2, 1, group="Permitting", funds=GF_IT),
    _cand("C-010", "Online permit portal & electronic plan review", "P-001 P-011", "digitize",
          780_000, 12, 90_000, 240_000, 1, 2, 5, requires="C-007", funds=GRANT_OK),
    _cand("C-011", "Public safety CAD & mobile data replacement (NG911-ready)", "S-013 S-041",
          "replace", 2_600_000, 18, 450_000, 150_000, 3, 3, 5, mandatory=True, finish=2028,
          funds=GRANT_OK, notes="DispatchOne support ends June 2026; fixed vendor schedule"),
    _cand("C-012", "Police RMS: replace with CAD-integrated RMS", "S-014", "replace",
          1_600_000, 18, 300_000, 220_000, 2, 3, 4, requires="C-011", group="Police RMS",
          funds=GRANT_OK),
    _cand("C-013", "Police RMS: upgrade PowerBuilder RMS in place", "S-014", "replatform",
          450_000, 9, 320_000, 30_000, 1, 2, 2, group="Police RMS", funds=GF_IT),
    _cand("C-014", "Police RMS: rehost to vendor-hosted cloud", "S-014", "rehost", 380_000, 6,
          360_000, 60_000, 0.75, 2, 2, group="Police RMS", funds=GF_IT),
    _cand("C-015", "Fire RMS: move to SaaS fire records (NERIS reporting)", "S-015",
          "repurchase", 380_000, 9, 70_000, 40_000, 0.75, 2, 4, mandatory=True, finish=2028,
          funds=GRANT_OK, notes="Product discontinued; federal reporting change"),
    _cand("C-016", "Court case management: replace with SaaS court system", "S-016 P-019",
          "replace", 1_250_000, 18, 190_000, 150_000, 1.5, 3, 4, mandatory=True, finish=2029,
          funds=GF_IT, notes="State e-filing mandate; contract signed for FY2028 start"),
    _cand("C-017", "911 call handling: NG911 i3 equipment", "S-017", "replace", 900_000, 15,
          120_000, 20_000, 1, 2, 5, mandatory=True, finish=2028, funds=f"{GRANT}; {GENERAL}",
          notes="State 911 board deadline"),
    _cand("C-018", "Email: migrate Exchange 2016 to cloud email (government tenant)", "S-024",
          "repurchase", 240_000, 6, 180_000, 90_000, 1, 1, 4, mandatory=True, finish=2027,
          funds=GF_IT, notes="Exchange 2016 is past end of support"),
    _cand("C-019", "Payroll & HR: implement ERP HCM module", "S-003 S-004", "replace",
          1_600_000, 12, 240_000, 270_000, 2, 3, 5, requires="C-001", group="Payroll",
          funds=GF_IT),
    _cand("C-020", "Payroll: outsource to payroll service bureau", "S-003", "repurchase",
          350_000, 6, 190_000, 150_000, 0.5, 2, 3, group="Payroll", funds=GF_IT),
    _cand("C-021", "Payroll: retain on AS/400 and patch tax tables", "S-003", "retain",
          60_000, 3, 20_000, 0, 0.25, 1, 1, group="Payroll", funds=GF_IT),
    _cand("C-022", "Timekeeping: SaaS time, attendance & scheduling", "S-005 P-004 P-021",
          "replace", 720_000, 12, 140_000, 320_000, 1, 2, 4, requires="C-019",
          group="Timekeeping", funds=GF_IT),
    _cand("C-023", "HR: digital onboarding with e-signature", "P-015", "digitize", 90_000, 4,
          18_000, 45_000, 0.5, 1, 3, funds=GF_IT),
    _cand("C-024", "HR: learning management system for training records", "S-034 P-016",
          "repurchase", 160_000, 6, 55_000, 60_000, 0.5, 1, 3, start=2028, funds=GF_IT),
    _cand("C-025", "Cashiering: ERP-integrated cashiering & online payments", "S-008",
          "replace", 420_000, 9, 60_000, 75_000, 1, 2, 4, requires="C-001", funds=SHARED,
          notes="Cost shared with Utilities"),
    _cand("C-026", "Budget: SaaS budget preparation & transparency portal", "S-006",
          "repurchase", 260_000, 9, 65_000, 50_000, 0.5, 2, 3, group="Budget tool",
          funds=GF_IT),
    _cand("C-027", "Budget: configure budget module in new ERP", "S-006", "replace", 180_000,
          6, 30_000, 45_000, 0.5, 2, 3, requires="C-001", group="Budget tool", funds=GF_IT),
    _cand("C-028", "Procurement: e-procurement & online bid portal", "P-005", "digitize",
          210_000, 6, 35_000, 110_000, 0.5, 2, 4, requires="C-001", funds=GF_IT),
    _cand("C-029", "Accounts payable: invoice capture & approval workflow", "P-014",
          "digitize", 180_000, 6, 40_000, 190_000, 0.5, 2, 4, funds=GF_IT),
    _cand("C-030", "Business licensing: online licensing & renewals (SaaS)", "S-010 P-002",
          "repurchase", 310_000, 9, 45_000, 120_000, 0.75, 2, 4, group="Business licensing",
          funds=GRANT_OK),
    _cand("C-031", "Business licensing: add licensing to new permitting platform",
          "S-010 P-002", "replace", 180_000, 6, 20_000, 110_000, 0.5, 2, 4, requires="C-007",
          group="Business licensing", funds=GF_IT),
    _cand("C-032", "Work orders: replace with GIS-centric SaaS asset management", "S-019",
          "replace", 1_700_000, 18, 220_000, 250_000, 2, 3, 5, group="Asset management",
          funds=SHARED, notes="Used by Public Works and Utilities crews"),
    _cand("C-033", "Work orders: upgrade Oracle Forms work-order system", "S-019",
          "replatform", 520_000, 12, 140_000, 30_000, 1, 3, 2, group="Asset management",
          funds=SHARED),
    _cand("C-034", "311: integrate CRM with work orders & GIS", "S-012 P-027", "refactor",
          140_000, 6, 10_000, 45_000, 0.5, 2, 4, requires="C-032", funds=GRANT_OK),
    _cand("C-035", "Fleet: SaaS fleet management with telematics & fuel cards",
          "S-020 P-020", "repurchase", 280_000, 9, 70_000, 150_000, 0.5, 2, 3, start=2029,
          funds=GF_IT, notes="After the fuel-card contract ends"),
    _cand("C-036", "GIS: upgrade ArcGIS Enterprise and move to cloud", "S-018", "replatform",
          380_000, 9, 60_000, 40_000, 1, 2, 4),
    _cand("C-037", "GIS: parcel fabric & address master data", "S-018", "refactor", 210_000,
          9, 15_000, 35_000, 0.75, 2, 4, requires="C-036"),
    _cand("C-038", "Library: online card registration & self-checkout", "P-023", "digitize",
          120_000, 6, 15_000, 35_000, 0.25, 1, 3, funds=GRANT_OK),
    _cand("C-039", "Library ILS: renew SaaS contract & add mobile app", "S-021", "retain",
          45_000, 3, 12_000, 5_000, 0.25, 1, 2),
    _cand("C-040", "Recreation: SaaS recreation management", "S-022 P-007 P-024", "replace",
          350_000, 9, 70_000, 140_000, 0.75, 2, 4, group="Recreation", funds=GRANT_OK,
          notes="Reservations and program registration online"),
    _cand("C-041", "Recreation: upgrade to vendor's cloud edition", "S-022", "replatform",
          120_000, 6, 75_000, 40_000, 0.5, 1, 2, group="Recreation", funds=GF_IT),
    _cand("C-042", "ECM: replace with cloud content management & retention", "S-023 S-026",
          "replace", 900_000, 15, 120_000, 130_000, 1.5, 3, 4, group="ECM"),
    _cand("C-043", "ECM: upgrade on-premises document servers", "S-023", "replatform",
          220_000, 6, 110_000, 10_000, 0.5, 2, 2, group="ECM", funds=GF_IT),
    _cand("C-044", "Records: retire Access retention database", "S-026", "retire", 40_000, 3,
          0, 15_000, 0.25, 1, 3, requires="C-042", funds=GF_IT),
    _cand("C-045", "Public records: online request portal with redaction",
          "P-003 P-010 S-042", "digitize", 150_000, 6, 30_000, 160_000, 0.5, 1, 5,
          funds=GRANT_OK),
    _cand("C-046", "Website: rebuild on supported open-source CMS (accessible)", "S-025",
          "replatform", 380_000, 9, 45_000, 20_000, 1, 2, 4, group="Website", finish=2028,
          funds=GRANT_OK, notes="ADA Title II web accessibility rule"),
    _cand("C-047", "Website: move to SaaS government web platform", "S-025", "repurchase",
          260_000, 6, 90_000, 35_000, 0.5, 1, 4, group="Website", finish=2028,
          funds=GRANT_OK, notes="ADA Title II web accessibility rule"),
    _cand("C-048", "Animal services: SaaS shelter management & online dog licences",
          "S-027 P-012", "repurchase", 140_000, 6, 30_000, 55_000, 0.5, 1, 3, funds=GF_IT),
    _cand("C-049", "Cemetery: hosted cemetery mapping & plot sales", "S-028 P-017",
          "repurchase", 60_000, 4, 12_000, 18_000, 0.25, 1, 2, group="Cemetery", funds=GF_IT),
    _cand("C-050", "Cemetery: retire Access database, move plots to GIS", "S-028", "retire",
          45_000, 4, 3_000, 15_000, 0.25, 2, 2, requires="C-036", group="Cemetery",
          funds=GF_IT),
    _cand("C-051", "Parking: SaaS citations with handhelds & online appeals", "S-029 P-018",
          "replace", 260_000, 6, 90_000, 120_000, 0.5, 2, 3, group="Parking", funds=GF_IT),
    _cand("C-052", "Parking: outsource citation processing", "S-029 P-018", "repurchase",
          80_000, 4, 150_000, 140_000, 0.25, 2, 2, group="Parking", funds=GF_IT),
    _cand("C-053", "Utilities: AMI smart meter network", "S-031", "replace", 5_400_000, 36,
          380_000, 950_000, 2, 4, 5, start=2028, funds=UT,
          notes="Fixed installer contract: three construction seasons"),
    _cand("C-054", "Utilities: customer self-service portal (start/stop, leak alerts)",
          "P-013 P-025", "digitize", 350_000, 9, 60_000, 180_000, 0.75, 2, 5,
          requires="C-004", funds=UT),
    _cand("C-055", "Mainframe: decommission z/OS and archive data", "S-002 S-035", "retire",
          300_000, 6, 0, 380_000, 1, 2, 4, requires="C-004 C-056", funds=f"{UTILITY}; {GENERAL}"),
    _cand("C-056", "Special assessments: migrate liens to ERP receivables", "S-035", "replace",
          120_000, 6, 10_000, 30_000, 0.5, 2, 3, requires="C-001", funds=GF_IT),
    _cand("C-057", "SCADA: upgrade historian & segment OT network", "S-032", "replatform",
          650_000, 12, 50_000, 20_000, 1, 3, 5, finish=2029, funds=f"{UTILITY}; {GRANT}",
          notes="Water system risk and resilience assessment finding"),
    _cand("C-058", "Backup: immutable cloud backup & disaster recovery", "S-038", "replace",
          420_000, 6, 95_000, 40_000, 0.5, 1, 5, funds=GF_IT),
    _cand("C-059", "Traffic signals: central signal management upgrade", "S-039", "replace",
          1_100_000, 18, 60_000, 80_000, 1, 3, 4, funds=GRANT_OK,
          notes="Federal safety grant timeline fixes the schedule"),
    _cand("C-060", "Network: city fiber ring to fire stations & park Wi-Fi", "S-043",
          "replace", 2_300_000, 24, 40_000, 260_000, 1, 3, 4, funds=GRANT_OK,
          notes="Broadband grant construction schedule"),
    _cand("C-061", "Identity: upgrade directory, MFA & single sign-on", "S-044", "replatform",
          280_000, 6, 45_000, 20_000, 0.75, 2, 5, finish=2028, funds=GF_IT,
          notes="Cyber insurance renewal condition"),
    _cand("C-062", "Special events: online permit application & routing", "P-006",
          "digitize", 85_000, 4, 15_000, 40_000, 0.25, 1, 3, funds=GRANT_OK),
    _cand("C-063", "Code enforcement: complaints via the 311 app", "P-008", "digitize",
          60_000, 3, 8_000, 45_000, 0.25, 1, 3, funds=GF_IT),
    _cand("C-064", "Clerk: paperless agenda packets", "P-009", "digitize", 40_000, 3, 12_000,
          38_000, 0.25, 1, 3, funds=GF_IT),
    _cand("C-065", "Court: online payment plans & text reminders", "P-019", "digitize",
          95_000, 4, 20_000, 70_000, 0.25, 1, 4, requires="C-016", funds=GRANT_OK),
    _cand("C-066", "Right-of-way permits online", "P-022", "digitize", 110_000, 6, 15_000,
          50_000, 0.25, 2, 3, requires="C-007", funds=GF_IT),
    _cand("C-067", "Police: online alarm permit registration", "P-026", "digitize", 70_000, 4,
          20_000, 60_000, 0.25, 1, 3, funds=GF_IT),
    _cand("C-068", "Finance: digital expense reimbursements", "P-028", "digitize", 50_000, 3,
          10_000, 30_000, 0.25, 1, 2, requires="C-001", funds=GF_IT),
    _cand("C-069", "Police: integrate body-camera evidence with new RMS", "S-033 S-014",
          "refactor", 160_000, 6, 20_000, 50_000, 0.5, 2, 4, requires="C-012",
          funds=GRANT_OK),
    _cand("C-070", "Inspections: interim mobile app on current permitting", "S-036",
          "replatform", 130_000, 6, 25_000, 40_000, 0.5, 2, 2, funds=GF_IT),
    _cand("C-071", "Sewer: link pipe inspections to asset management", "S-040", "refactor",
          120_000, 6, 10_000, 35_000, 0.5, 2, 3, requires="C-032", funds=UT),
    _cand("C-072", "Fire: station alerting integrated with new CAD", "S-013", "replace",
          480_000, 12, 30_000, 25_000, 0.75, 2, 4, requires="C-011", funds=GRANT_OK),
    _cand("C-073", "IT service desk: retain and add asset discovery", "S-037", "retain",
          40_000, 3, 15_000, 10_000, 0.25, 1, 2),
    _cand("C-074", "Utilities: meter data management system", "S-031", "replace", 600_000,
          12, 90_000, 120_000, 1, 3, 4, requires="C-053", start=2030, funds=UT),
    _cand("C-075", "Agenda: live-stream captioning & public comment online", "S-030 P-009",
          "replatform", 75_000, 3, 18_000, 10_000, 0.25, 1, 3, funds=GF_IT),
    _cand("C-076", "Timekeeping: upgrade PowerBuilder time clocks (interim)", "S-005",
          "replatform", 150_000, 6, 50_000, 20_000, 0.5, 2, 2, group="Timekeeping",
          funds=GF_IT),
    _cand("C-077", "ERP: replace with tier-1 ERP suite (on-premises)", "S-001 S-007",
          "replace", 8_900_000, 36, 700_000, 600_000, 4, 5, 4, group="ERP", funds=GF_IT,
          notes="Broadest functionality, heaviest implementation"),
]

# Candidates whose schedule is fixed by contract or grant: spend per fiscal year.
_EXPLICIT_SPEND: dict[str, dict[int, int]] = {
    "C-011": {2027: 1_500_000, 2028: 1_100_000},
    "C-016": {2028: 700_000, 2029: 550_000},
    "C-017": {2027: 650_000, 2028: 250_000},
    "C-053": {2028: 1_500_000, 2029: 2_000_000, 2030: 1_900_000},
    "C-059": {2027: 400_000, 2028: 700_000},
    "C-060": {2027: 900_000, 2028: 1_400_000},
}

# Capital budget per fiscal year (FY2027..FY2031) and fund.
_CAPITAL: dict[str, tuple[int, ...]] = {
    GENERAL: (2_500_000, 2_600_000, 2_600_000, 2_700_000, 2_700_000),
    UTILITY: (1_800_000, 2_000_000, 2_100_000, 2_000_000, 1_800_000),
    GRANT: (1_900_000, 1_500_000, 0, 0, 0),
    RESERVE: (600_000, 600_000, 600_000, 600_000, 600_000),
}
_OPERATING_INCREASE = 600_000  # General Fund, per fiscal year
_STAFF_FTE_CAPACITY: tuple[float, ...] = (11.0, 11.0, 12.0, 12.0, 12.0)

_SETTINGS: list[tuple[str, Any]] = [
    ("city_name", CITY_NAME), ("scenario_name", "FY2027-2031 baseline"), ("method", "wsm"),
    ("first_fiscal_year", 2027), ("horizon_years", 5), ("fiscal_year_start_month", 7),
    ("staff_hourly_cost", 48), ("time_weighting", "off"), ("solver_time_limit_s", 10),
    ("mip_gap", 0), ("carry_over", "off"),
]
# fmt: on


def _candidates_frame() -> pd.DataFrame:
    rows = []
    for row in _CANDIDATES:
        spend = _EXPLICIT_SPEND.get(row["candidate_id"], {})
        rows.append({**row, **{f"cost_FY{fy}": spend.get(fy) for fy in FISCAL_YEARS}})
    frame = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    for col in ["earliest_start", "must_finish_by", *SPEND_COLUMNS]:
        frame[col] = frame[col].astype("Int64")
    return frame


def _budget_frame() -> pd.DataFrame:
    rows = []
    for i, fy in enumerate(FISCAL_YEARS):
        for fund in FUNDS:
            general = fund == GENERAL
            rows.append({
                "fiscal_year": fy, "fund": fund, "capital_budget": _CAPITAL[fund][i],
                "operating_budget_increase": _OPERATING_INCREASE if general else None,
                "staff_fte_capacity": _STAFF_FTE_CAPACITY[i] if general else None,
            })
    frame = pd.DataFrame(rows, columns=BUDGET_COLUMNS)
    frame["operating_budget_increase"] = frame["operating_budget_increase"].astype("Int64")
    frame["staff_fte_capacity"] = frame["staff_fte_capacity"].astype("float64")
    return frame


def build_sample_city() -> dict[str, pd.DataFrame]:
    """The canonical tables of the fictional City of Riverton (no Criteria: presets apply)."""
    return {
        "Systems": pd.DataFrame(_SYSTEMS, columns=SYSTEM_COLUMNS),
        "Processes": pd.DataFrame(_PROCESSES, columns=PROCESS_COLUMNS),
        "Candidates": _candidates_frame(),
        "Budget": _budget_frame(),
        "Settings": pd.DataFrame(_SETTINGS, columns=SETTINGS_COLUMNS),
    }


_FIXED_TIME = datetime(2026, 1, 1)
_ABOUT_LINES = [
    f"{CITY_NAME}: a fictional sample city of about 150,000 residents.",
    "All departments, systems, vendors and figures are invented for demonstration.",
    "Generated by `python -m planner.samples.sample_city`; regenerate rather than edit by hand.",
    "Criteria are omitted on purpose, so the planner's presets apply.",
]


def _cell(value: Any) -> Any:
    """A value openpyxl can write: blanks become None, numpy scalars plain Python."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def write_sample_city(path: str | Path) -> None:
    """Write the sample city to an .xlsx workbook (About sheet first); output is byte-stable."""
    wb = Workbook()
    about = wb.active
    about.title = "About"
    for line in _ABOUT_LINES:
        about.append([line])
    about["A1"].font = Font(bold=True)
    about.column_dimensions["A"].width = 90
    for sheet_name, frame in build_sample_city().items():
        ws = wb.create_sheet(sheet_name)
        ws.append(list(frame.columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for record in frame.itertuples(index=False):
            ws.append([_cell(v) for v in record])
        for idx, column in enumerate(frame.columns, start=1):
            longest = max([len(str(column))] + [len(str(v)) for v in frame[column].dropna()])
            ws.column_dimensions[get_column_letter(idx)].width = min(max(longest + 2, 8), 60)
    props = wb.properties
    props.creator = "planner.samples.sample_city"
    buffer = io.BytesIO()
    wb.save(buffer)  # stamps properties.modified with the current time
    props.created = props.modified = _FIXED_TIME
    core_xml = tostring(props.to_tree())
    # Rewrite the archive with fixed times so repeated runs are byte-identical.
    stable = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(stable, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            data = core_xml if info.filename == "docProps/core.xml" else src.read(info)
            dst.writestr(entry, data)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(stable.getvalue())


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "data/sample_city.xlsx"
    write_sample_city(target)
    print(f"wrote {target}")
