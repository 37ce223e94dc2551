package io.historylane.testdata;

import static io.historylane.testdata.ColumnDef.optional;
import static io.historylane.testdata.ColumnDef.required;
import static io.historylane.testdata.ColumnType.BIGINT;
import static io.historylane.testdata.ColumnType.DATE;
import static io.historylane.testdata.ColumnType.INT;
import static io.historylane.testdata.ColumnType.MONEY;
import static io.historylane.testdata.ColumnType.RATE;
import static io.historylane.testdata.ColumnType.TEXT;
import static io.historylane.testdata.ColumnType.TIMESTAMP;
import static io.historylane.testdata.ColumnType.TIMESTAMPTZ;

import java.util.List;

/**
 * The sample domain of cdc-and-scd2.md, a salon marketplace: providers (salons), employees,
 * services and customers (dimensions), appointments and sales (facts).
 */
public final class SampleDomain {
  /** The Debezium topic prefix (the logical server name). */
  public static final String SERVER = "pg";

  public static final TableDef PROVIDERS = new TableDef("providers", "provider_id", List.of(
      required("provider_id", BIGINT),
      required("name", TEXT),
      required("city", TEXT),
      required("tier", TEXT),
      required("created_at", TIMESTAMPTZ),
      required("updated_at", TIMESTAMPTZ)), false, List.of());

  public static final TableDef EMPLOYEES = new TableDef("employees", "employee_id", List.of(
      required("employee_id", BIGINT),
      required("provider_id", BIGINT),
      required("full_name", TEXT),
      optional("email", TEXT),
      required("role", TEXT),
      required("commission_rate", RATE),
      required("hired_on", DATE),
      required("updated_at", TIMESTAMPTZ)), true, List.of());

  public static final TableDef SERVICES = new TableDef("services", "service_id", List.of(
      required("service_id", BIGINT),
      required("provider_id", BIGINT),
      required("name", TEXT),
      required("category", TEXT),
      required("price", MONEY),
      required("duration_min", INT),
      required("updated_at", TIMESTAMPTZ)), false, List.of());

  public static final TableDef CUSTOMERS = new TableDef("customers", "customer_id", List.of(
      required("customer_id", BIGINT),
      required("full_name", TEXT),
      optional("email", TEXT),
      required("city", TEXT),
      required("created_at", TIMESTAMPTZ),
      required("updated_at", TIMESTAMPTZ)), false, List.of());

  public static final TableDef APPOINTMENTS = new TableDef("appointments", "appointment_id", List.of(
      required("appointment_id", BIGINT),
      required("provider_id", BIGINT),
      required("employee_id", BIGINT),
      required("customer_id", BIGINT),
      required("service_id", BIGINT),
      required("starts_at", TIMESTAMP),
      required("status", TEXT),
      required("created_at", TIMESTAMPTZ),
      required("updated_at", TIMESTAMPTZ)), false, List.of());

  /** Sales gain a nullable {@code tip} column part-way through: older archive files lack it. */
  public static final TableDef SALES = new TableDef("sales", "sale_id", List.of(
      required("sale_id", BIGINT),
      required("provider_id", BIGINT),
      required("employee_id", BIGINT),
      required("customer_id", BIGINT),
      required("service_id", BIGINT),
      optional("appointment_id", BIGINT),
      required("sold_at", TIMESTAMP),
      required("amount", MONEY),
      required("currency", TEXT),
      required("payment_method", TEXT),
      required("updated_at", TIMESTAMPTZ)), false, List.of(optional("tip", MONEY)));

  public static final List<TableDef> ALL = List.of(PROVIDERS, EMPLOYEES, SERVICES, CUSTOMERS, APPOINTMENTS, SALES);

  private SampleDomain() {}

  public static TableDef table(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no sample table " + name));
  }
}
