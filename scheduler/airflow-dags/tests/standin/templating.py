"""Rendering a task's template fields with a run's context, as Airflow does before execute()."""
from __future__ import annotations

import json

import jinja2
from jinja2.sandbox import SandboxedEnvironment

# airflow.templates.FILTERS
_FILTERS = {
    "ds": lambda value: value.strftime("%Y-%m-%d"),
    "ds_nodash": lambda value: value.strftime("%Y%m%d"),
    "ts": lambda value: value.isoformat(),
    "ts_nodash": lambda value: value.strftime("%Y%m%dT%H%M%S"),
}


class _VariableAccessor:
    """`var.value.NAME` / `var.json.NAME`: a missing Variable is an error, as in Airflow."""

    def __init__(self, variables: dict[str, str], deserialize: bool):
        self._variables = variables
        self._deserialize = deserialize

    def __getattr__(self, name):
        if name not in self._variables:
            raise KeyError(f"Variable {name} does not exist")
        value = self._variables[name]
        return json.loads(value) if self._deserialize else value


class _Variables:
    def __init__(self, variables):
        self.value = _VariableAccessor(variables, deserialize=False)
        self.json = _VariableAccessor(variables, deserialize=True)


def run_context(dag, *, run_id, variables, data_interval=None, conf=None) -> dict:
    """The context of one run: its params are validated first, exactly when Airflow validates them."""
    params = dag.trigger(conf)
    context = {"dag": dag, "run_id": run_id, "params": params, "var": _Variables(variables)}
    if data_interval is not None:
        start, end = data_interval
        context.update(data_interval_start=start, data_interval_end=end, logical_date=start,
                       ds=_FILTERS["ds"](start), ts=_FILTERS["ts"](start))
    return context


def render_task(task, context) -> dict:
    """Every template field of the task, rendered (strings, and recursively lists, tuples and dicts)."""
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, cache_size=0)
    env.filters.update(_FILTERS)

    def render(value):
        if isinstance(value, str):
            return env.from_string(value).render(task=task, **context)
        if isinstance(value, (list, tuple)):
            return type(value)(render(v) for v in value)
        if isinstance(value, dict):
            return {k: render(v) for k, v in value.items()}
        return value

    return {field: render(getattr(task, field)) for field in task.template_fields}


def render_in_place(task, context) -> None:
    """What Airflow does right before execute(): the task's template fields become their rendered values."""
    for field, value in render_task(task, context).items():
        setattr(task, field, value)
