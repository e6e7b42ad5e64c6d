"""tpkit: the service standards of restaurants and hotels as YAML touchpoints in git.

Library use, without the command line::

    from tpkit import load_registry, validate
    registry = load_registry("path/to/registry")
    report = validate(registry, today=datetime.date.today())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tpkit.version import __version__

__all__ = ["__version__", "load_registry", "validate"]

if TYPE_CHECKING:
    from tpkit.registry import load_registry
    from tpkit.services import validate


def __getattr__(name: str) -> Any:
    # Imported on first use (a lazy import for start-up speed), so that `tpkit --version` starts
    # without loading the library.
    if name == "load_registry":
        from tpkit.registry import load_registry

        return load_registry
    if name == "validate":
        from tpkit.services import validate

        return validate
    raise AttributeError(name)
