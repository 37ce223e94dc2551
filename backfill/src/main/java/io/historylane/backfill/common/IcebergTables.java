package io.historylane.backfill.common;

import io.historylane.core.error.BadInputException;
import io.historylane.core.lake.IcebergNamespaces;
import io.historylane.core.session.LakehouseSession;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.types.StructType;

/** What fact and dimension tables share: their namespace made on demand, and schema evolution. */
public final class IcebergTables {
  private IcebergTables() {}

  public static void ensureNamespace(LakehouseSession session, TableIdentifier id) {
    IcebergNamespaces.ensure(session.icebergCatalog(), id.namespace());
  }

  /**
   * Adds columns the incoming rows have and the table lacks, and widens types the incoming rows
   * widened. A type the table cannot hold without losing data stops the run with advice.
   *
   * @return what changed, e.g. {@code +tip} or {@code amount: decimal(8, 2) -> decimal(10, 2)}
   */
  public static List<String> evolve(Table table, StructType incomingSchema, String tableName) {
    Schema current = table.schema();
    UpdateSchema update = table.updateSchema();
    List<String> changed = new ArrayList<>();
    for (Types.NestedField field : SparkSchemaUtil.convert(incomingSchema).columns()) {
      Types.NestedField existing = current.findField(field.name());
      if (existing == null) {
        update.addColumn(field.name(), field.type());
        changed.add("+" + field.name());
      } else if (!existing.type().equals(field.type()) && !fits(field.type(), existing.type())) {
        if (field.type().isPrimitiveType() && TypeUtil.isPromotionAllowed(existing.type(), field.type().asPrimitiveType())) {
          update.updateColumn(field.name(), field.type().asPrimitiveType());
          changed.add(field.name() + ": " + existing.type() + " -> " + field.type());
        } else {
          throw new BadInputException("the source's column " + field.name() + " of tables." + tableName + " is now "
              + field.type() + " but " + table.name() + " holds " + existing.type() + ": that is not a widening"
              + " Iceberg can apply. Fix: write the new history to a new table version (a new iceberg: name and"
              + " a view flip), or cast the column in the source");
        }
      }
    }
    if (!changed.isEmpty()) {
      update.commit();
      table.refresh();
    }
    return changed;
  }

  /** Whether values of {@code incoming} fit the table's {@code existing} type as they are (an int into a long). */
  private static boolean fits(Type incoming, Type existing) {
    return incoming.isPrimitiveType() && TypeUtil.isPromotionAllowed(incoming, existing.asPrimitiveType());
  }
}
