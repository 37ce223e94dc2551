"""A stand-in of the few Airflow names the DAGs use, for contract tests on a machine without Airflow.

These are contract tests against a stand-in, not Airflow tests. What the stand-in copies from
Airflow, it copies exactly; what it does not model, the DagBag test (test_dagbag.py) checks
wherever real Airflow is importable:
- SparkSubmitOperator: the constructor signature and template_fields of
  apache-airflow-providers-apache-spark (spark_submit.py at apache/airflow 015d5de); an unknown
  keyword raises TypeError, as the real operator does on Airflow 3.
- BaseOperator: the keywords both Airflow 2.11 and 3 accept; default_args fill only those.
- Param: Airflow's resolve(), jsonschema.validate(value, schema, format_checker=FormatChecker()).
- DAG: the keywords both lines accept, params validated when a run is created (trigger()), the
  "schedule must be None when a param has no default" rule, default_args, task ids, >> edges.
- Templates: jinja2's sandbox with StrictUndefined (Airflow's default) and Airflow's ds/ts filters.
"""
