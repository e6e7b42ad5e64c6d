"""Guest feedback: control by result beside control by process (audits). The names the rest of
tpkit uses, from the three modules that do the work:

- `feedback_csv`: reading and checking an export, row by row (`read_csv`, `Response`,
  `CHANNELS`); a file with a bad row imports nothing, and each problem names its file, line
  and column;
- `feedback_store`: the store under feedback/<venue>/<YYYY-MM>.csv, read (`load_feedback`) and
  written by an import (`import_csv`: locked, all months or none, never a response twice);
- `feedback_nps`: the NPS figures per venue, period and channel (`nps`, `nps_for`)."""

from __future__ import annotations

from tpkit.feedback_csv import (
    CHANNELS,
    OPTIONAL,
    REQUIRED,
    FeedbackError,
    Response,
    RowProblem,
    read_csv,
)
from tpkit.feedback_nps import by_channel, nps, nps_counts, nps_for, period_of, period_title
from tpkit.feedback_store import (
    STORED,
    StoreError,
    import_csv,
    load_feedback,
    read_store,
    store_path,
)

__all__ = [
    "CHANNELS",
    "OPTIONAL",
    "REQUIRED",
    "STORED",
    "FeedbackError",
    "Response",
    "RowProblem",
    "StoreError",
    "by_channel",
    "import_csv",
    "load_feedback",
    "nps",
    "nps_counts",
    "nps_for",
    "period_of",
    "period_title",
    "read_csv",
    "read_store",
    "store_path",
]
