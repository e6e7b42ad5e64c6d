# ruff: noqa: E501
"""Harbour Hotel: visits, notes and guest comments for the sample generator (British English).

Story: a steady summer; in September a conference fills the hotel while two housekeepers are
off, rooms are late and the desk queues (the mystery stay of 24 September is the low point);
from 1 October a second receptionist works 7–11 am and housekeeping starts with departures,
and October and November recover."""

LANG = "en"
TABLES = list(range(1, 19))
ROOMS = [104, 108, 112, 203, 207, 211, 215, 302, 306, 310, 314, 401, 405, 409]
INTERNAL_AUDITOR = "Duty manager, Harbour Hotel"
POS_AUDITOR = "Group finance control"
# One cover name per mystery stay, never used again anywhere.
SHOPPERS = ["Alison Marsh", "Graham Petrie", "Nadia Qureshi", "Owen Hartley"]
OVERNIGHT = {"mystery"}  # a mystery stay sees the car park after dark

PLAN = [
    ("2026-06-11", "internal", 91, "10:00"),
    ("2026-06-25", "mystery", 88, "16:30"),
    ("2026-07-09", "internal", 89, "09:30"),
    ("2026-07-23", "pos", 94, "08:15"),
    ("2026-08-13", "internal", 90, "10:30"),
    ("2026-08-27", "mystery", 90, "15:40"),
    ("2026-09-10", "internal", 85, "09:00"),
    (
        "2026-09-24",
        "mystery",
        80,
        "17:10",
        {
            "hotel.checkout/queue-5min": "fail",
            "hotel.room-clean/by-2pm": "fail",
            "hotel.busy-desk/wait-3min": "fail",
        },
    ),
    (
        "2026-10-08",
        "internal",
        88,
        "10:00",
        {"hotel.checkout/queue-5min": "pass", "hotel.room-clean/by-2pm": "pass"},
    ),
    ("2026-10-22", "pos", 95, "08:30"),
    ("2026-11-12", "internal", 90, "09:45"),
    ("2026-11-26", "mystery", 92, "16:00"),
]

DARK_FROM = {6: "21:40", 7: "21:20", 8: "20:30", 9: "19:20", 10: "18:10", 11: "16:20"}

TAGS = {
    "hotel.checkin/register": "record",
    "hotel.checkin/passport": "record",
    "hotel.allergies/marked": "record",
    "hotel.allergies/chef": "record",
    "hotel.allergies/profile": "record",
    "hotel.breakfast-buffet/probe-log": "record",
    "hotel.directions/walk-log": "record",
    "hotel.safety/rounds": "record",
    "hotel.minibar/daily-count": "record",
    "hotel.folio/extras": "record",
    "hotel.return-offer/agreed": "record",
    "hotel.return-offer/per-month": "record",
    "hotel.room-clean/score": "record",
    "hotel.room-clean/welfare-24h": "incident",
    "hotel.room-clean/sign": "chance",
    "hotel.room-ready/late-30min": "incident",
    "hotel.room-ready/time-named": "incident",
    "hotel.room-ready/drink": "incident",
    "hotel.room-ready/bags": "incident",
    "hotel.complaint-call": "incident",
    "hotel.lost-found": "incident",
    "hotel.lost-return": "incident",
    "hotel.maintenance": "chance",
    "hotel.luggage": "chance",
    "hotel.taxi": "chance",
    "hotel.busy-desk": "chance",
    "hotel.table-booking/choices": "chance",
    "hotel.deposit/proof-24h": "chance",
    "hotel.folio/fix-5min": "chance",
    "hotel.invoice-email/fix-24h": "chance",
    "hotel.minibar/queried": "chance",
    "hotel.directions/lit": "dark",
    "hotel.directions/no-ice": "winter",
}

NA = {
    "default": ["not seen on this visit", "did not come up"],
    "record": [
        "a guest cannot see the register",
        "back-of-house record, checked on internal audits",
        "not visible from the guest side",
        "kitchen tickets are not shown to guests",
        "the log is kept in the duty office",
        "not something a guest can check",
    ],
    "incident": [
        "no such case on this stay",
        "nothing of the kind happened",
        "the room was ready on time, so nothing to wait for",
        "no complaint was made, so no call to check",
        "no incident this time",
    ],
    "chance": [
        "did not come up on this visit",
        "the desk was quiet, no queue",
        "no fault in the room to report",
        "no bags left after checkout",
        "no taxi needed",
        "first choice was free",
        "nothing was queried",
        "the guest had no question about it",
    ],
    "dark": ["light until after the visit ended", "daytime visit, the lamps were not on yet"],
    "winter": ["no frost or snow this month", "mild and dry, nothing to grit"],
}

NA_BY = {
    "hotel.checkin/register": [
        "a guest cannot see the register",
        "the register is kept behind the desk",
    ],
    "hotel.checkin/passport": [
        "the register is not shown to guests",
        "not visible from the guest side",
    ],
    "hotel.allergies/marked": [
        "kitchen tickets are not shown to guests",
        "the ticket stays in the kitchen",
    ],
    "hotel.allergies/chef": [
        "the pass cannot be seen from the dining room",
        "kitchen not visible to a guest",
    ],
    "hotel.allergies/profile": ["the guest profile is not visible to a guest"],
    "hotel.breakfast-buffet/probe-log": [
        "the probe log is kept in the kitchen",
        "log not on show to guests",
    ],
    "hotel.directions/walk-log": [
        "the path log is kept by security",
        "a guest cannot see the walk log",
    ],
    "hotel.safety/rounds": ["the rounds log is in the duty office"],
    "hotel.minibar/daily-count": ["the minibar log is a housekeeping record"],
    "hotel.folio/extras": ["slips and log lines are back-of-house records"],
    "hotel.return-offer:record": [
        "the consent record is not visible to a guest",
        "mailing records checked on internal audits",
    ],
    "hotel.room-clean/score": ["the inspector's sheet is not shown to guests"],
    "hotel.room-clean/welfare-24h": ["no 'do not disturb' sign was left up for long"],
    "hotel.room-clean:log": ["no room had 'do not disturb' up for a whole day this month"],
    "hotel.room-ready": [
        "the room was ready on time, so nothing to wait for",
        "room ready at check-in",
    ],
    "hotel.room-ready:log": ["desk log: no late rooms this month"],
    "hotel.complaint-call": [
        "no complaint was made, so no call to check",
        "no complaint on this stay",
    ],
    "hotel.complaint-call:log": ["no complaint calls logged this month"],
    "hotel.lost-found": ["nothing was left behind", "no lost property on this stay"],
    "hotel.lost-found:log": ["nothing handed in this month"],
    "hotel.lost-return": ["nothing was left behind to return", "no item to post"],
    "hotel.lost-return:log": ["no items posted this month"],
    "hotel.maintenance": [
        "no fault found in the room",
        "nothing broken to report",
        "all fittings worked",
        "no fault in the room to report",
        "everything in the room worked",
    ],
    "hotel.luggage": ["no bags left after checkout", "left straight after checkout with the bags"],
    "hotel.taxi": ["no taxi needed", "left by car, no taxi asked for"],
    "hotel.busy-desk": ["the desk was quiet, no queue", "nobody ahead at the desk"],
    "hotel.table-booking/choices": [
        "the restaurant asked for had space",
        "first place called had a table at 8 pm",
        "no need for a second choice",
        "the first choice had a table",
    ],
    "hotel.deposit/proof-24h": [
        "the guest did not ask for proof of the release",
        "no one asked for a release letter",
        "no request for proof in the desk log",
        "the bank showed the release, nothing to send",
        "no proof of release was asked for",
    ],
    "hotel.folio/fix-5min": ["no line on the bill was queried"],
    "hotel.invoice-email/fix-24h": [
        "no error reported on the invoice",
        "the invoice was correct first time",
        "no corrected invoice was needed",
        "company details were right on the first invoice",
        "the invoice was right, nothing to fix",
    ],
    "hotel.minibar/queried": ["nothing from the minibar was queried"],
    "hotel.room-clean/sign": [
        "no door with the sign on the audited floor",
        "every room on the floor open for cleaning",
        "the sign was not hung on any audited room",
        "no 'do not disturb' sign was used",
    ],
}

WEAK = {
    "hotel.checkout/queue-5min": 3.0,
    "hotel.busy-desk/wait-3min": 2.5,
    "hotel.room-clean/by-2pm": 2.5,
    "hotel.room-service/deliver-30min": 2.0,
    "hotel.breakfast-order/hot-12min": 2.0,
    "hotel.phone-booking/rings": 1.6,
    "hotel.pre-arrival/name": 1.5,
    "hotel.web-booking/load-3s": 1.5,
    "hotel.key-wifi/wifi-works": 1.4,
    "hotel.door-porter/bags-10min": 1.6,
}
CRITICAL_MAY_FAIL: set[str] = set()

NOTES: dict[str, dict[str, list]] = {
    "hotel.confirm-email/sent-10min": {
        "fail": [
            "booked online at {tc}; the email arrived after {v}",
            "email came after {v}, only once the booking was made again from a phone",
        ],
        "pass": ["email in the inbox {v} after booking"],
    },
    "hotel.confirm-email/details": {
        "fail": ["the email shows the room type as Standard Double; Deluxe King was booked"],
    },
    "hotel.confirm-email/cancel": {
        "fail": [
            "only a link to the terms; no free-cancellation date in the email",
            "says 'cancellation policy applies', no date or method given",
        ],
        "pass": ["free cancellation until 2 pm the day before, by reply or phone"],
    },
    "hotel.confirm-email/name": {
        "fail": ["surname misspelt with one 'l' missing, as typed by the agent"],
    },
    "hotel.confirm-email/reply-2h": {
        "fail": [
            "asked about the car park height at {tc}; answer came after {v}",
            "question about a late arrival, reply after {v}",
        ],
        "pass": ["asked about an early breakfast; reply after {v}"],
    },
    "hotel.directions/map-link": {
        "fail": ["the map link opens on the postcode centre, 300 m from the gate"],
    },
    "hotel.directions/road-signs": {
        "fail": [
            "only {v} sign seen from the A-road; the one at the roundabout is hidden by a hedge"
        ],
        "pass": ["{v} signs from the main road, the last one at the gate"],
    },
    "hotel.directions/lit": {
        "pass": ["{t}: dark by then, every lamp on the path and in the car park lit"],
    },
    "hotel.directions/no-ice": {
        "pass": ["frost overnight; steps gritted by 7 am", "path and steps gritted, no ice"],
    },
    "hotel.directions/path-clear": {
        "fail": [
            "a puddle across the path by the second bay after rain, no way round it",
            "crisp packets and a coffee cup along the hedge by the door",
        ],
    },
    "hotel.directions/space": {
        "fail": ["car park full at {t}; the guest was not shown the overflow area"],
        "pass": ["porter pointed to a free bay by the entrance"],
    },
    "hotel.phone-booking/rings": {
        "fail": [
            "called at {tc}; answered after {v} rings",
            "{v} rings, then the agent said the desk had been busy with arrivals",
            "second call of the day: {v} rings",
        ],
        "pass": ["answered on ring {v}"],
    },
    "hotel.phone-booking/names": {
        "fail": [
            "'Harbour Hotel, hello' - no name given",
            "the agent gave her name only when asked",
        ],
        "pass": ["'Harbour Hotel, this is Priya speaking'"],
    },
    "hotel.phone-booking/read-back": {
        "fail": [
            "read back the dates and room, not the price",
            "no read-back; the call ended with 'all done'",
        ],
        "pass": ["read back two nights, sea-view double and the total"],
    },
    "hotel.phone-booking/hold-1min": {
        "fail": [
            "put on hold to check a sea-view room; {v} on hold",
            "on hold {v} with no music or message",
        ],
        "pass": ["on hold {v} while the agent checked parking"],
    },
    "hotel.phone-booking/next": {
        "fail": ["the agent did not say when the email would come"],
        "pass": ["'You'll have the email within ten minutes'"],
    },
    "hotel.pre-arrival/sent": {
        "fail": ["the message came on the morning of arrival, not before"],
        "pass": ["message arrived two days before arrival"],
    },
    "hotel.pre-arrival/name": {
        "fail": [
            "message opened with 'Dear Guest'",
            "the message used the booker's first name in lower case, 'dear alison' style, from the web form",
        ],
    },
    "hotel.pre-arrival/arrival-time": {
        "fail": ["the message did not ask when the guest would arrive"],
    },
    "hotel.pre-arrival/needs": {
        "fail": ["asked the arrival time only; nothing about allergies or a cot"],
        "pass": ["asked about allergies, a cot and parking"],
    },
    "hotel.pre-arrival/reply-2h": {
        "fail": ["replied asking for a quiet room at {tc}; answer after {v}"],
        "pass": ["asked for a feather-free pillow; reply after {v}"],
    },
    "hotel.web-booking/steps-5": {
        "fail": ["{v} steps: the extras page and a sign-up page come before payment"],
        "pass": ["{v} steps from the home page to the booking number"],
    },
    "hotel.web-booking/load-3s": {
        "fail": [
            "room page took {v} on 4G; the new photo gallery loads first",
            "{v} for the sea-view room page on a phone",
        ],
        "pass": ["room page loaded in {v} on 4G"],
    },
    "hotel.web-booking/cancel-rules": {
        "fail": ["the cancellation policy appears only after the card details are entered"],
    },
    "hotel.web-booking/booking-number": {
        "fail": ["the last page said 'Thank you' with no booking number; it came in the email"],
    },
    "hotel.busy-desk/seen-10s": {
        "fail": ["{t}: both receptionists on screens, no look for {v}"],
        "pass": ["the receptionist on the phone smiled and raised a hand after {v}"],
    },
    "hotel.busy-desk/wait-3min": {
        "fail": [
            "{t}: conference registration at the same desk; served after {v}",
            "four guests ahead, one receptionist; served after {v}",
        ],
        "pass": ["served after {v}"],
    },
    "hotel.busy-desk/second-desk": {
        "fail": ["five guests waiting at {t}; nobody came from the back office"],
        "pass": ["with three waiting, the duty manager opened the second desk"],
    },
    "hotel.busy-desk/thanks": {
        "fail": ["no thanks for waiting"],
        "pass": ["'Thank you for waiting, I'm sorry it took a while'"],
    },
    "hotel.busy-desk/no-phone": {
        "fail": ["a porter behind the desk was scrolling his phone"],
    },
    "hotel.checkin/time-5min": {
        "fail": [
            "key in hand after {v}: the card machine failed twice",
            "{v} from greeting to key; the booking had been made under the company name",
        ],
        "pass": ["key in hand {v} after the greeting"],
    },
    "hotel.checkin/greet-30s": {
        "fail": ["the receptionist finished an email first; greeting after {v}"],
        "pass": ["greeted straight away, standing"],
    },
    "hotel.checkin/read-back": {
        "fail": ["dates read back, the price not mentioned"],
        "pass": ["read back two nights, room type and the total"],
    },
    "hotel.checkin/passport-only": {
        "fail": ["asked a British guest for a passport 'for our records'"],
        "pass": ["asked nationality; no passport asked of a British guest"],
    },
    "hotel.checkin/hold": {
        "fail": [
            "said 'a small hold on your card' with no sum and no word on when it is released",
            "named {hold} but not when it is released",
        ],
        "pass": ["named the {hold} hold and that it is released at checkout"],
    },
    "hotel.checkin/hold-reason": {
        "fail": ["called the hold 'a deposit'; did not say it covers extras"],
        "pass": ["'It covers anything you charge to the room, like the bar'"],
    },
    "hotel.checkin/name": {
        "fail": ["used the guest's name {v} time, at the start only"],
        "pass": ["used the guest's name {v} times"],
    },
    "hotel.door-porter/greet-30s": {
        "fail": [
            "{t}: porter loading a taxi; greeting after {v}",
            "no porter at the door; greeted after {v} by the desk",
        ],
        "pass": ["porter greeted at the kerb"],
    },
    "hotel.door-porter/door": {
        "fail": ["the porter was on the phone; the guest opened the door with a case in each hand"],
    },
    "hotel.door-porter/bags": {
        "fail": ["bags not offered; porter busy with a coach party"],
        "wow": [
            "porter took the bags and the wet umbrella, which was in the room dried and furled"
        ],
    },
    "hotel.door-porter/bags-10min": {
        "fail": [
            "bags reached room {room} after {v}",
            "{v} for the bags; the porter was also doing the conference boxes",
        ],
        "pass": ["bags in room {room} after {v}"],
    },
    "hotel.key-wifi/key-works": {
        "fail": ["key to room {room} did not open; re-cut at the desk"],
    },
    "hotel.key-wifi/wifi-card": {
        "fail": ["wifi code said aloud only, no card given"],
    },
    "hotel.key-wifi/wifi-works": {
        "fail": ["the code on the card was last month's; the desk gave a new one by phone"],
        "pass": ["connected first time in room {room}"],
    },
    "hotel.key-wifi/lift": {
        "fail": ["not shown; the lift needs the key tapped before the floor button"],
    },
    "hotel.key-wifi/breakfast": {
        "fail": [
            "said breakfast is 'from seven', did not say where",
            "named the hours but not the {bf_room}",
        ],
        "pass": ["'Breakfast is from {breakfast} in the {bf_room}'"],
    },
    "hotel.key-wifi/dial": {
        "fail": ["no number given for reception; found 0 on the phone label"],
    },
    "hotel.room-ready/ready-3pm": {
        "pass": ["arrived {t}, room ready", "checked in at {t}; room ready and aired"],
    },
    "hotel.room-ready/late-30min": {
        "pass": ["desk log: two late rooms this week, longest wait {v}"],
        "fail": ["desk log: a conference guest waited {v} for a room on Tuesday"],
    },
    "hotel.room-ready/time-named": {
        "pass": ["desk log: each late guest was given a time"],
    },
    "hotel.allergies/asked": {
        "pass": [
            "asked at dinner before the first order",
            "asked at breakfast before the hot order",
        ],
    },
    "hotel.allergies/served": {
        "fail": ["the waiter put the plate down without a word about the nuts"],
        "pass": ["'The chef made this without nuts'"],
    },
    "hotel.allergies/traces": {
        "fail": ["asked whether the kitchen handles nuts; 'I think it's fine'"],
        "pass": ["'The kitchen uses nuts in the pastry section; this was made apart from it'"],
    },
    "hotel.breakfast-order/seat-2min": {
        "fail": ["08:50: queue at the {bf_room} door; shown a table after {v}"],
        "pass": ["shown a window table after {v}"],
    },
    "hotel.breakfast-order/coffee-5min": {
        "fail": [
            "coffee came after {v}; one waiter on the floor",
            "tea after {v}, the pot arrived without milk",
        ],
        "pass": ["coffee on the table after {v}"],
    },
    "hotel.breakfast-order/hot-12min": {
        "fail": [
            "full English ordered at 08:15, on the table after {v}",
            "poached eggs after {v}; the waiter said the kitchen had a coach party",
            "{v} for scrambled eggs on a busy Saturday",
        ],
        "pass": ["eggs Benedict after {v}"],
    },
    "hotel.breakfast-order/repeat": {
        "fail": ["order not repeated; toast came white instead of brown"],
        "pass": ["repeated: two poached, brown toast, no butter"],
    },
    "hotel.room-service/rings": {
        "fail": ["called at {t}; answered after {v} rings"],
        "pass": ["answered on ring {v}"],
    },
    "hotel.room-service/read-back": {
        "fail": ["the order was not read back; the club sandwich came without chips"],
        "pass": ["read back the sandwich, the soup and a still water"],
    },
    "hotel.room-service/eta": {
        "fail": ["'It'll be with you soon', no time named"],
        "pass": ["'About 25 minutes'"],
    },
    "hotel.room-service/deliver-30min": {
        "fail": [
            "ordered at {t}; at the door of room {room} after {v}",
            "{v} from the end of the call to the knock",
        ],
        "pass": ["tray at the door after {v}"],
    },
    "hotel.room-service/covered": {
        "fail": ["soup came uncovered and lukewarm"],
        "pass": ["cloche on, soup hot"],
    },
    "hotel.table-booking/note-15min": {
        "fail": ["note in hand after {v}; the concierge was also arranging a coach"],
        "pass": ["note in hand after {v}"],
    },
    "hotel.table-booking/note-details": {
        "fail": ["note shows the place and time, no address"],
        "pass": ["written note: place, street address, 8 pm, two people"],
    },
    "hotel.table-booking/diet": {
        "fail": ["did not ask about allergies or dietary requirements"],
        "pass": ["asked about allergies and passed on a shellfish allergy to the restaurant"],
        "wow": [
            "asked about dietary requirements and chose a place with a gluten-free menu, printed for the guest"
        ],
    },
    "hotel.table-booking/choices": {
        "pass": ["first choice full; offered {v} others nearby"],
    },
    "hotel.bathroom/hair": {
        "fail": ["a long hair on the shower tray in room {room}", "hair in the sink plughole"],
    },
    "hotel.bathroom/towels": {
        "pass": ["a bath towel and a hand towel for each guest"],
    },
    "hotel.bathroom/supplies": {
        "fail": ["shampoo bottle nearly empty on arrival"],
    },
    "hotel.bathroom/mould": {
        "fail": ["black marks on the shower seal along the bottom edge"],
    },
    "hotel.bathroom/drain": {
        "fail": ["shower drained slowly, water round the ankles after two minutes"],
    },
    "hotel.breakfast-buffet/full": {
        "fail": [
            "09:10: bacon tray empty for about four minutes",
            "croissant basket empty at 08:35, refilled when asked",
        ],
        "pass": ["trays topped up before they ran low"],
    },
    "hotel.breakfast-buffet/temp": {
        "pass": ["lowest hot reading {v} °C (sausages)", "probe read {v} °C on the scrambled eggs"],
    },
    "hotel.breakfast-buffet/cold-temp": {
        "pass": ["yoghurt well at {v} °C", "ham and cheese platter {v} °C"],
    },
    "hotel.breakfast-buffet/labels": {
        "pass": ["every dish has an allergen card, including the new granola"],
    },
    "hotel.breakfast-buffet/reset-5min": {
        "fail": ["08:45: table left uncleared for {v} while guests waited to sit"],
        "pass": ["table reset {v} after the guests left"],
    },
    "hotel.maintenance/arrive-20min": {
        "fail": ["reported a dripping tap at {t}; engineer at the door after {v}"],
        "pass": ["reported a loose shower head; engineer came after {v}"],
    },
    "hotel.maintenance/fix-1h": {
        "fail": ["the heating in room {room} was fixed after {v}; a part had to be fetched"],
        "pass": ["tap fixed {v} after the call"],
    },
    "hotel.maintenance/callback": {
        "fail": ["nobody rang to check the fix"],
        "pass": ["reception rang ten minutes after the engineer left"],
    },
    "hotel.maintenance/tidy": {
        "fail": ["a washer and a bit of tape left on the basin"],
    },
    "hotel.room-clean/by-2pm": {
        "fail": [
            "room {room} still not made up at 2.40 pm; the trolley was on another floor",
            "cleaned at 3.15 pm, after the guest had asked at the desk",
        ],
        "pass": [
            ((10, 11), "room made up by 12.30; housekeeping now starts with departures"),
            "room made up by 1 pm",
        ],
    },
    "hotel.room-clean/spots": {
        "fail": ["{v} of 10 spots clean: dust on the wardrobe top and the headboard"],
        "pass": ["{v} of 10 spots clean"],
    },
    "hotel.room-clean/bed": {
        "fail": ["a small stain on the top sheet near the pillows"],
    },
    "hotel.room-clean/bins": {
        "fail": ["bathroom bin emptied, no new liner put in"],
    },
    "hotel.room-clean/sign": {
        "pass": [
            "'do not disturb' on all morning; room not entered, a note under the door at 2 pm"
        ],
    },
    "hotel.safety/stairs-lit": {
        "pass": ["stairs walked from floor 4 to ground; every light on"],
    },
    "hotel.safety/exits-clear": {
        "pass": ["fire exits on floors 2 and 3 opened from inside, nothing in front"],
    },
    "hotel.safety/signs": {
        "fail": ["exit sign on the second-floor landing not lit"],
    },
    "hotel.safety/map": {
        "fail": ["no way-out map on the door of room {room}; the frame is empty"],
    },
    "hotel.deposit/release-24h": {
        "fail": ["the hold was released {v} after checkout"],
        "pass": ["the {hold} hold released {v} after checkout"],
    },
    "hotel.deposit/told": {
        "fail": ["told the hold would be released, not the sum or the bank's 7 days"],
        "pass": ["told: {hold} released today, the bank may take up to 7 days"],
    },
    "hotel.folio/shown": {
        "fail": ["bill not shown; the card was taken and the total read out"],
        "pass": ["the full bill was printed and shown before payment"],
    },
    "hotel.folio/fix-5min": {
        "pass": ["queried a bar line; checked and removed after {v}"],
        "fail": ["queried a breakfast charge; sorted after {v}"],
    },
    "hotel.invoice-email/sent-1h": {
        "fail": ["invoice in the inbox {v} after checkout", "invoice came only after {v}"],
        "pass": ["invoice email came {v} after checkout"],
    },
    "hotel.invoice-email/company": {
        "fail": ["company name shortened to 'Ltd' and the VAT number missing"],
    },
    "hotel.invoice-email/asked": {
        "fail": ["not asked where to send the invoice; it went to the booking email"],
    },
    "hotel.minibar/price-card": {
        "fail": ["no price card in the minibar of room {room}"],
    },
    "hotel.minibar/queried": {
        "pass": ["queried a £6 water; taken off straight away"],
    },
    "hotel.checkout/queue-5min": {
        "fail": [
            "08:05: six guests in the queue, one receptionist; {v} to reach the desk",
            "conference checkout morning; {v} in the queue",
        ],
        "pass": [
            ((10, 11), "two receptionists on from 7 am; {v} in the queue"),
            "reached the desk after {v}",
        ],
    },
    "hotel.checkout/checkout-3min": {
        "fail": ["{v} at the desk; the card machine had to be restarted"],
        "pass": ["out with a receipt after {v}"],
    },
    "hotel.checkout/two-desks": {
        "fail": ["rota: {v} receptionist on 7-11 am on Monday"],
        "pass": ["rota shows {v} receptionists 7-11 am every day"],
    },
    "hotel.checkout/key-box": {
        "fail": ["key box moved behind a pillar, the sign faces the wall"],
    },
    "hotel.checkout/stay": {
        "fail": ["not asked how the stay was"],
        "pass": ["'How was your stay?' - and listened to the answer about the noise"],
    },
    "hotel.farewell/name": {
        "fail": ["'Thanks, bye now' - no name"],
        "wow": [
            "thanked by name and asked how the walk on the coast path had been, mentioned at check-in"
        ],
    },
    "hotel.farewell/next": {
        "fail": ["invoice email mentioned, the card hold not"],
        "pass": ["told the invoice will come within the hour and the {hold} hold is released"],
    },
    "hotel.farewell/invite": {
        "fail": ["no invitation to come back"],
    },
    "hotel.farewell/door": {
        "fail": ["porter at the taxi rank; nobody at the door"],
    },
    "hotel.luggage/tag": {
        "fail": ["ticket given but no tag on the second bag"],
        "pass": ["two bags, two tags, one ticket with both numbers"],
    },
    "hotel.luggage/locked": {
        "fail": ["11:20: bag room door open, no porter inside"],
    },
    "hotel.luggage/return-5min": {
        "fail": ["bags back after {v}; the porter searched the wrong shelf"],
        "pass": ["bags back after {v}"],
    },
    "hotel.taxi/order-2min": {
        "pass": ["taxi booked {v} after asking"],
    },
    "hotel.taxi/car-details": {
        "fail": ["told 'a taxi is coming', no car or plate"],
        "pass": ["'A grey Skoda, plate ending 4KD, about ten minutes'"],
    },
    "hotel.taxi/fare": {
        "fail": ["no fare given for the station run"],
        "pass": ["told about £12 to the station"],
    },
    "hotel.taxi/wait-15min": {
        "fail": ["car came {v} after booking"],
        "pass": ["car at the door after {v}"],
    },
    "hotel.complaint-call/call-24h": {
        "pass": ["log: noise complaint in room {room}; manager rang after {v}"],
        "fail": ["log: complaint about a late room; the call came after {v}"],
    },
    "hotel.complaint-call/changed": {
        "fail": ["log: the manager apologised; nothing changed is noted"],
        "pass": ["log: told the guest the bar now closes the terrace at 11 pm"],
    },
    "hotel.complaint-call/logged": {
        "fail": ["call made, but the outcome is not in the guest profile"],
    },
    "hotel.lost-return/contact-24h": {
        "pass": ["lost-property log: phone charger, email to the guest after {v}"],
        "fail": ["lost-property log: a scarf found on Monday, first email after {v}"],
    },
    "hotel.lost-return/tracking": {
        "fail": ["item posted, no tracking number sent"],
    },
    "hotel.return-offer/sent-30d": {
        "fail": ["the offer came six weeks after checkout"],
        "pass": ["offer email 12 days after checkout"],
    },
    "hotel.return-offer/saving": {
        "fail": ["offer says 'special rates' with no amount and no end date"],
        "pass": ["'£30 off two nights, book by 30 November'"],
    },
    "hotel.return-offer/points": {
        "fail": ["the email does not show the points balance"],
    },
    "hotel.return-offer/clicks": {
        "fail": ["{v} clicks from the email to a booked room: the link goes to the home page"],
        "pass": ["{v} clicks from the offer to a booked room"],
    },
    "hotel.review-reply/reply-48h": {
        "fail": [
            "review of {day} answered after {v}",
            "the latest 2-star review answered after {v}",
        ],
        "pass": ["last review answered after {v}"],
    },
    "hotel.review-reply/all": {
        "fail": ["two reviews from the last month have no reply"],
    },
    "hotel.review-reply/fix": {
        "fail": ["the reply to the queue complaint says 'we'll look into it', nothing named"],
        "pass": ["reply names the second receptionist on mornings"],
    },
    "hotel.review-reply/contact": {
        "fail": ["reply signed 'The Team', no name or direct contact"],
    },
    "hotel.review-reply/not-copied": {
        "fail": ["three replies open with the same two sentences"],
    },
    "hotel.thanks-email/sent-24h": {
        "fail": ["thank-you email after {v}"],
        "pass": ["email came {v} after checkout"],
    },
    "hotel.thanks-email/detail": {
        "fail": ["a general thank-you; nothing about the stay"],
        "pass": ["mentioned the sea-view room and the anniversary"],
    },
    "hotel.thanks-email/signed": {
        "fail": ["signed 'Harbour Hotel', no named manager"],
    },
}

FEEDBACK = [
    (41, 44, 0.28),
    (43, 39, 0.27),
    (44, 46, 0.26),
    (45, 30, 0.28),
    (40, 37, 0.27),
    (38, 45, 0.26),
]
CHANNELS = {
    "p": {"survey": 0.45, "web": 0.30, "kiosk": 0.10, "exit-poll": 0.15},
    "n": {"survey": 0.50, "web": 0.20, "kiosk": 0.15, "exit-poll": 0.15},
    "d": {"survey": 0.35, "web": 0.35, "hotline": 0.25, "kiosk": 0.05},
}

COMMENTS = [
    (
        "Lovely stay. Check-in took two minutes and they had our names ready.",
        9,
        10,
        "hotel.checkin",
    ),
    ("Room was spotless and the bed was so comfy", 9, 10),
    ("Great breakfast, the poached eggs were perfect", 9, 10),
    ("Staff couldn't do enough for us. Will be back in the spring!", 9, 10),
    (
        "The porter carried our cases up before we'd even finished at the desk",
        9,
        10,
        "hotel.door-porter",
    ),
    ("Sea view room was worth every penny", 9, 10),
    ("Brilliant location for the coast path. Friendly team.", 9, 10),
    (
        "Asked about my nut allergy at dinner and breakfast without me having to remind them. Felt safe.",
        10,
        10,
        "hotel.allergies",
    ),
    (
        "Quick checkout, invoice was in my inbox before I got to the car",
        9,
        10,
        "hotel.invoice-email",
    ),
    ("lovely staff, great food", 9, 10),
    (
        "The concierge found us a table at a seafood place that was meant to be fully booked. Star.",
        9,
        10,
        "hotel.table-booking",
    ),
    ("Our anniversary - they put a card in the room. Little touch, meant a lot", 9, 10),
    ("Spotless bathroom, good water pressure.", 9, 10, "hotel.bathroom"),
    ("Perfect for a business trip, wifi worked first time", 9, 10, "hotel.key-wifi"),
    ("Dog-friendly and genuinely welcoming", 9, 10),
    ("Everything was just right", 9, 10),
    (
        "Really helpful receptionist, explained the card hold clearly so no surprises",
        9,
        10,
        "hotel.checkin",
    ),
    (
        "Left my charger, they emailed the same day and posted it with tracking. Thank you!",
        9,
        10,
        "hotel.lost-return",
    ),
    ("Tap was dripping, someone came within 15 minutes and fixed it", 9, 10, "hotel.maintenance"),
    ("Fab", 10, 10),
    ("Best full English I've had in a hotel", 9, 10, "hotel.breakfast-order"),
    ("Room service was quick and the soup was still hot", 9, 10, "hotel.room-service"),
    (
        "The manager rang after my complaint and actually told me what they'd changed. Impressed",
        8,
        9,
        "hotel.complaint-call",
    ),
    ("Nice hotel, breakfast a bit crowded at 9", 7, 8, "hotel.breakfast-order"),
    ("Good value. Room a little tired but clean", 7, 8),
    ("All fine. Parking tight in the evening", 7, 8, "hotel.directions"),
    ("Comfortable bed, thin walls", 6, 8),
    ("Decent stay, nothing special", 7, 8),
    ("ok", 7, 8),
    ("Good staff but the lift is slow", 7, 8),
    ("Pleasant enough. Bar prices are steep", 7, 8),
    ("Nice room, shame the shower drained so slowly", 6, 7, "hotel.bathroom"),
    ("Breakfast good but we waited ages for coffee", 6, 7, "hotel.breakfast-order"),
    ("Fine for one night. Website was a faff on my phone", 7, 8, "hotel.web-booking"),
    ("Lovely room but the wifi code on the card didn't work", 6, 7, "hotel.key-wifi"),
    ("Staff friendly, room not made up till mid afternoon", 6, 7, "hotel.room-clean"),
    ("Nice, though the buffet ran out of bacon", 7, 8, "hotel.breakfast-buffet"),
    ("Would have been a 9 but check-out queue was long", 7, 8, "hotel.checkout"),
    (
        "Queued 20 minutes to check out. One person on the desk on a Monday morning?!",
        2,
        5,
        "hotel.checkout",
    ),
    (
        "Room wasn't ready until 4.30 and nobody offered us so much as a coffee",
        2,
        4,
        "hotel.room-ready",
    ),
    ("Our room wasn't cleaned until we complained at 3pm", 2, 5, "hotel.room-clean"),
    ("Waited 50 minutes for room service, food lukewarm", 1, 4, "hotel.room-service"),
    (
        "The hold on my card took over a week to disappear. Nobody told me how long it'd be",
        3,
        5,
        "hotel.deposit",
    ),
    ("Charged for a minibar item we never touched", 2, 4, "hotel.minibar"),
    ("Hair in the shower. Not what you expect at this price.", 2, 5, "hotel.bathroom"),
    (
        "Dark car park, half the lights out, not great arriving late with kids",
        3,
        5,
        "hotel.directions",
    ),
    (
        "Phone rang and rang when I tried to book, gave up and used the website",
        3,
        5,
        "hotel.phone-booking",
    ),
    (
        "Booking email had the wrong room type. Sorted at the desk but stressful",
        4,
        6,
        "hotel.confirm-email",
    ),
    ("Noisy - wedding in the function room until 1am, no warning", 1, 4),
    ("Key card stopped working twice", 4, 6, "hotel.key-wifi"),
    ("Breakfast eggs took 25 minutes. Missed my train", 1, 3, "hotel.breakfast-order"),
    (
        "Reception seemed overwhelmed with the conference, we just stood there",
        2,
        5,
        "hotel.busy-desk",
        (9,),
    ),
    (
        "Invoice had the wrong company name and it took three emails to fix",
        3,
        5,
        "hotel.invoice-email",
    ),
    ("Too expensive for what it is", 3, 6),
    ("Bathroom had black mould on the seal. Photos sent.", 2, 4, "hotel.bathroom"),
    (
        "Asked for a quiet room in the pre-arrival email, got one over the kitchen extractor",
        3,
        5,
        "hotel.pre-arrival",
    ),
    ("Taxi they ordered never turned up, had to call our own", 2, 5, "hotel.taxi"),
    ("Terrible pillows, terrible coffee", 2, 4),
    ("Nobody at the door, nobody to help with bags, lift out of order", 1, 3),
    (
        "Slippery steps by the entrance in the morning. Someone will fall",
        3,
        5,
        "hotel.directions",
        (11,),
    ),
    ("Reply to my review was clearly copy and paste", 3, 5, "hotel.review-reply"),
    ("got charged a service fee nobody mentioned", 1, 4, "hotel.minibar"),
    (
        "Everything fine except the bill - extra night charged, fixed after I queried it",
        5,
        6,
        "hotel.folio",
    ),
    ("Receptionist was on her phone when we arrived", 4, 6, "hotel.busy-desk"),
    ("The whole stay felt rushed and impersonal", 3, 5),
    ("Booked for the sea view, got the car park", 2, 5),
    (
        "Radiator didn't work, engineer came after an hour and a half",
        2,
        5,
        "hotel.maintenance",
        (10, 11),
    ),
    ("Fire exit on our floor had a laundry cage in front of it!", 1, 3, "hotel.safety"),
    ("Brilliant staff, second time here and they remembered us", 10, 10),
    ("Smooth from start to finish", 9, 10),
    ("Clean, calm, good breakfast. What more do you want", 9, 10),
    (
        "Shown to our table straight away at breakfast even though it was busy",
        9,
        10,
        "hotel.breakfast-order",
    ),
    ("Loved the walk down to the harbour. Staff gave us a map", 9, 10),
    ("Came for a wedding, the team were brilliant with all of us", 9, 10),
    ("Thank-you email actually mentioned our trip, nice touch", 9, 10, "hotel.thanks-email"),
    ("Really good, but breakfast finishes a bit early for a Sunday", 7, 8),
    (
        "Pre-arrival email asked about the cot, it was already set up. Great with a baby",
        9,
        10,
        "hotel.pre-arrival",
    ),
    ("Stayed 3 nights for work, consistent every day", 8, 9),
]

# ---- the touchpoints added in the autumn review ----------------------------------------------

TAGS.update(
    {
        "hotel.house-rules/fee-in-terms": "record",
        "hotel.house-rules/proof": "record",
        "hotel.house-rules/approved": "record",
        "hotel.house-rules/told-first": "incident",
        "hotel.pets": "chance",
        "hotel.accessible/room": "chance",
        "hotel.accessible/alarm-pad": "chance",
        "hotel.accessible/peep-list": "record",
        "hotel.accessible/list-current": "record",
        "hotel.early-checkin": "chance",
        "hotel.early-checkin/first": "record",
        "hotel.groups": "incident",
        "hotel.overbooking": "incident",
        "hotel.room-inspection/inspected": "record",
        "hotel.room-inspection/list-signed": "record",
        "hotel.room-upgrade": "chance",
        "hotel.room-upgrade/free-first": "record",
        "hotel.room-upgrade/no-promise": "record",
        "hotel.vip-repeat": "chance",
        "hotel.vip-repeat/list-9am": "record",
        "hotel.vip-repeat/vip-room": "record",
        "hotel.vip-repeat/profile": "record",
        "hotel.complaint-stay": "chance",
        "hotel.complaint-stay/logged": "record",
        "hotel.families": "chance",
        "hotel.fire-alarm": "record",
        "hotel.lost-key": "chance",
        "hotel.lost-key/logged": "record",
        "hotel.noise": "chance",
        "hotel.noise/logged": "record",
        "hotel.privacy/message-15min": "chance",
        "hotel.wake-up/backup-5min": "chance",
        "hotel.wake-up/knock-10min": "chance",
        "hotel.wake-up/logged": "record",
        "hotel.no-show": "incident",
        "hotel.late-checkout": "chance",
    }
)

NA_BY.update(
    {
        "hotel.house-rules:record": ["fees and proof are back-office records"],
        "hotel.house-rules/told-first": ["no fee was charged for a broken rule"],
        "hotel.house-rules:log": ["no rule fees charged this month"],
        "hotel.pets": ["no guest with a dog during the visit", "no dog booked in"],
        "hotel.accessible": [
            "both accessible rooms empty on these dates",
            "no guest needing an accessible room this time",
            "accessible rooms not booked during the visit",
            "no accessible room booked for these dates",
        ],
        "hotel.accessible:record": ["the fire panel list is kept by security"],
        "hotel.early-checkin": [
            "no early arrival asked for",
            "no guest arrived before the check-in time",
        ],
        "hotel.early-checkin:record": ["the cleaning order is a housekeeping record"],
        "hotel.groups": ["no group arrived during the visit"],
        "hotel.groups:log": ["no coach groups this month"],
        "hotel.overbooking": ["the hotel was not overbooked", "no guest was moved"],
        "hotel.overbooking:log": ["no walked guests this month"],
        "hotel.room-inspection:record": ["the inspection system is not visible to a guest"],
        "hotel.room-upgrade": ["no upgrade was offered", "no upgrade sold during the visit"],
        "hotel.room-upgrade:record": ["the upgrade log is kept by the front office manager"],
        "hotel.vip-repeat": ["first stay, no profile to match", "not a repeat or VIP stay"],
        "hotel.vip-repeat:record": ["the arrivals list and profiles are not visible to a guest"],
        "hotel.complaint-stay": ["no complaint made during the visit", "no complaint raised"],
        "hotel.complaint-stay/logged": ["the complaint log is not visible to a guest"],
        "hotel.families": ["no family room in use during the visit", "no children staying"],
        "hotel.fire-alarm": [
            "the fire log book is checked on internal audits",
            "no test during the stay",
        ],
        "hotel.lost-key": ["the key was not lost", "no key reissued"],
        "hotel.lost-key/logged": ["the key log is kept behind the desk"],
        "hotel.noise": ["a quiet night, nothing to report", "no noise complaint"],
        "hotel.noise/logged": ["the noise log is kept by security"],
        "hotel.privacy/message-15min": ["no message was left for the guest"],
        "hotel.wake-up/backup-5min": [
            "answered on the first ring, no backup",
            "the guest picked up the first call",
            "first call taken, backup not needed",
            "the first call was answered",
        ],
        "hotel.wake-up/knock-10min": ["the first call was answered, no backup needed"],
        "hotel.wake-up/logged": ["the wake-up log is kept at reception"],
        "hotel.no-show": ["not a no-show booking", "the guest arrived as booked"],
        "hotel.no-show:log": ["no no-show charges this month"],
        "hotel.late-checkout": ["no late check-out asked for", "no guest asked to leave late"],
    }
)

NOTES.update(
    {
        "hotel.wake-up/on-time": {
            "fail": ["asked for 6:30; the phone rang {v} late"],
            "pass": ["asked for 7:00; call came on time"],
        },
        "hotel.wake-up/read-back": {
            "fail": ["time not read back, just 'that's booked'"],
            "pass": ["'A call at 6.45 tomorrow, that's right?'"],
        },
        "hotel.privacy/message-offered": {
            "fail": ["test caller asked for a guest; told 'not here', no message offered"],
            "pass": ["test caller: neither confirmed nor denied, offered to take a message"],
        },
        "hotel.privacy/not-aloud": {
            "fail": ["the receptionist said 'room 306' aloud with two guests behind"],
        },
        "hotel.vip-repeat/welcome-back": {
            "fail": ["repeat guest on the list, but no 'welcome back' at the desk"],
            "wow": ["welcomed back by name, and the same quiet room as last time was ready"],
        },
        "hotel.room-inspection/card": {
            "fail": ["no inspection card in room {room}"],
            "pass": ["card signed by the housekeeper at 13:40"],
        },
        "hotel.room-inspection/faults": {
            "fail": ["{v} faults in a room marked inspected: dead bulb, no glasses"],
        },
        "hotel.lost-key/new-3min": {
            "fail": ["new key in hand after {v}; the encoder was busy"],
            "pass": ["new key after {v}, ID checked first"],
        },
        "hotel.lost-key/not-aloud": {
            "fail": ["the receptionist read the room number aloud while making the key"],
        },
        "hotel.complaint-stay/fix-30min": {
            "fail": ["reported a cold radiator at 19:10; fixed after {v}"],
            "pass": ["reported a noisy fridge; swapped after {v}"],
        },
        "hotel.complaint-stay/sorry": {
            "fail": ["'It's been a very busy week' before any apology"],
        },
        "hotel.complaint-stay/win-back": {
            "fail": ["apology, but no gesture offered"],
            "wow": ["duty manager sent up a cream tea with a handwritten note"],
        },
        "hotel.families/cot-ready": {
            "fail": ["cot booked, not in the room on arrival; brought after 25 minutes"],
        },
        "hotel.families/high-chair-5min": {
            "fail": ["high chair at breakfast after {v}"],
            "pass": ["high chair brought after {v}"],
        },
        "hotel.house-rules/at-checkin": {
            "fail": ["quiet hours not mentioned at check-in"],
            "pass": ["named no smoking in rooms and quiet hours from 11 pm"],
        },
        "hotel.early-checkin/time-named": {
            "fail": ["'We'll let you know', no time named"],
            "pass": ["'Your room should be ready by 1 pm'"],
        },
        "hotel.early-checkin/call-10min": {
            "fail": ["room showed ready at 12:50; the call came after {v}"],
        },
        "hotel.late-checkout/answer-15min": {
            "fail": ["asked for 1 pm; answer after {v}"],
            "pass": ["yes to a free 1 pm check-out after {v}"],
        },
        "hotel.noise/callback-20min": {
            "fail": ["reported music next door at 23:20; call back after {v}"],
        },
    }
)

# ---- corrective actions and sign-offs -------------------------------------------------------

# Who marks the hotel's corrective actions done, and the notes they write (one is picked for
# each action; they say what was done, never what was found).
CLOSER = "Claire Benson"
ACTION_NOTES = [
    "Talked it through at the morning briefing and re-read the standard together",
    "Short refresher for the shift: each person showed the step once",
    "Buddy assigned for two shifts, checked again the next day",
    "One-to-one with the colleague, who signed the standard again",
    "Added to the shift opening checklist",
    "Reminder card put up in the back office",
    "Duty manager spot-checked three times this week: no repeat",
    "Role-played with the team and logged in the training record",
    "Agreed with the head of department who checks it each morning",
    "Walked the route with the team and fixed the cause on the spot",
]
# The staff who sign the standards of their role (a role without a name here signs nothing).
STAFF = {
    "receptionist": ["Emma Clarke", "Tom Reid", "Priya Shah", "Lucy Grant"],
    "manager": ["Claire Benson", "Daniel Hughes"],
    "housekeeper": ["Maria Santos", "Agnieszka Nowak", "Joy Mensah"],
    "security": ["Gary Walsh"],
    "porter": ["Kieran Doyle"],
    "concierge": ["Sophie Laurent"],
    "operator": ["Rachel Moore"],
    "marketing": ["Hannah Price"],
    "waiter": ["Luca Romano", "Beth Carter"],
    "chef": ["Sam Whitfield"],
    "engineer": ["Mike Turner"],
}
