"""The shape of an audit file: the visit, the checks it was scored against (frozen) and what
the auditor saw for each."""

from __future__ import annotations

from tpkit.i18n import N_
from tpkit.schema.compound import Field, ListOf, MapOf, Obj
from tpkit.schema.scalars import Date, Enum, Id, Number, Text
from tpkit.shapes_touchpoint import CHECK

RESULTS = ("pass", "fail", "wow", "na")
AUDIT_KINDS = ("mystery", "internal", "pos")

CHECK_SNAPSHOT = Obj(
    {
        "touchpoint": Field(Text(), "Title of the touchpoint when the audit was created"),
        "text": Field(Text(), N_("What the auditor checks"), True, "text: …"),
        "zone": Field(
            Id(examples=("arrival",)), N_("Zone of the touchpoint"), True, "zone: arrival"
        ),
        "owner": Field(
            Id(examples=("service-director",)),
            N_("Role accountable"),
            True,
            "owner: service-director",
        ),
        "roles": Field(ListOf(Id(examples=("host",)), item_label="role"), "Who performs it"),
        # the same definitions as in a touchpoint's check
        **{name: CHECK.fields[name] for name in ("type", "target", "weight", "critical")},
    },
    description="A check as it was defined when the audit was created (frozen)",
)

RESULT = Obj(
    {
        "result": Field(
            Enum(RESULTS),
            "pass, fail, wow (exceeded expectations) or na "
            "(not applicable); may be left out for time and count checks with a "
            "value",
            nullable=True,
        ),
        "value": Field(
            Number(minimum=0),
            "What was measured: seconds, minutes or a count, in the unit of the target",
            nullable=True,
        ),
        "note": Field(Text(), "What the auditor saw", nullable=True),
        "evidence": Field(Text(), "Path of a photo or a recording", nullable=True),
    },
    description="What the auditor saw for one check",
)

AUDIT = Obj(
    {
        "venue": Field(Id(examples=("nevsky",)), N_("The venue visited"), True, "venue: nevsky"),
        "date": Field(Date(), N_("Date of the visit, YYYY-MM-DD"), True, "date: 2026-11-20"),
        "kind": Field(Enum(AUDIT_KINDS), N_("mystery, internal or pos"), True, "kind: mystery"),
        "auditor": Field(Text(), "Who audited", nullable=True),
        "status": Field(Enum(("in-progress", "complete")), "in-progress while being recorded"),
        "checks_hash": Field(
            Text(), N_("Fingerprint of the check definitions (do not edit)"), True, "checks_hash: …"
        ),
        "checks": Field(
            MapOf(CHECK_SNAPSHOT),
            N_("Every check as defined when the audit was created (do not edit)"),
            True,
            "checks: {…}",
        ),
        "results": Field(
            MapOf(RESULT), N_("What the auditor saw, by full check id"), True, "results: {…}"
        ),
        "skipped": Field(ListOf(Text(), item_label="check"), "Checks left for later"),
    },
    title="tpkit audit",
    description="One visit: what the auditor saw, with the checks it was scored against",
)
