"""A small registry with a few checks, for audit tests."""

from __future__ import annotations

GREETING = """\
id: r.greeting
title: Встреча
zone: arrival
roles: [host]
owner: service-director
venues: [nevsky]
reviewed: 2026-11-01
standard: Гостя встречают у входа за 30 секунд.
checks:
  - {id: greet-30s, text: Гостя встретили за 30 секунд, type: time, target: {max: 30, unit: s},
     weight: 2}
  - {id: coat, text: Предложили помочь с пальто}
"""

BILL = """\
id: r.bill
title: Счёт
zone: payment
roles: [waiter]
owner: waiter
venues: [nevsky]
reviewed: 2026-11-01
standard: Счёт приносят за 3 минуты. В счёте только то, что заказал гость.
checks:
  - {id: bill-3min, text: Счёт принесли за 3 минуты, type: time, target: {max: 3, unit: min}}
  - {id: matches, text: В счёте только заказанное, weight: 3, critical: true}
"""

HOTEL = """\
id: h.checkin
title: Check-in
zone: arrival
roles: [host]
owner: host
venues: [harbour]
reviewed: 2026-11-01
standard: Check-in takes five minutes at most.
checks:
  - {id: five-min, text: Check-in took five minutes at most, type: time,
     target: {max: 5, unit: min}}
"""

FILES = {
    "touchpoints/arrival/r.greeting.yaml": GREETING,
    "touchpoints/payment/r.bill.yaml": BILL,
    "touchpoints/arrival/h.checkin.yaml": HOTEL,
}
IDS = ["r.greeting/greet-30s", "r.greeting/coat", "r.bill/bill-3min", "r.bill/matches"]


def fill(form: str, answers: dict[str, str]) -> str:
    """Fill a blank form the way a person would in an editor: replace the empty braces."""
    lines = []
    for line in form.splitlines():
        for cid, answer in answers.items():
            if line.startswith(f"  {cid}: {{result: ,"):
                line = f"  {cid}: {{{answer}}}"
        lines.append(line)
    return "\n".join(lines) + "\n"
