"""Shared pieces of the historylane DAGs.

tables, argv and exit_codes import nothing from Airflow, so they can be tested anywhere;
airflow_api and tasks are the only modules that touch Airflow.
"""
