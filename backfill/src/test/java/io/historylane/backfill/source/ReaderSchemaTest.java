package io.historylane.backfill.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.error.BadInputException;
import io.historylane.testdata.ColumnDef;
import io.historylane.testdata.ColumnType;
import io.historylane.testdata.DebeziumAvroSchemas;
import io.historylane.testdata.TableDef;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Files of older and newer schemas read as one; only additive changes and widenings pass. */
class ReaderSchemaTest {
  private static Schema envelope(ColumnDef... columns) {
    return DebeziumAvroSchemas.envelope(new TableDef("t", "id", List.of(columns), false, List.of()), 1);
  }

  private static final ColumnDef ID = ColumnDef.required("id", ColumnType.BIGINT);

  @Test
  void anAddedColumnIsReadAsNullableAndSemanticTypesSurvive() {
    Schema v1 = envelope(ID, ColumnDef.required("at", ColumnType.TIMESTAMP));
    Schema v2 = envelope(ID, ColumnDef.required("at", ColumnType.TIMESTAMP), ColumnDef.optional("tip", ColumnType.MONEY));
    ReaderSchema reader = ReaderSchema.merge("pg.public.t", List.of(Map.entry("old.avro", v1), Map.entry("new.avro", v2)));
    assertEquals(List.of("id", "at", "tip"), reader.value().getFields().stream().map(Schema.Field::name).toList());
    assertEquals("io.debezium.time.MicroTimestamp", reader.connectName("at"));
    assertNotNull(reader.value().getField("tip").defaultVal(), "older files lack tip: it reads as null");
  }

  @Test
  void wideningPassesAndNarrowingOrAnotherScaleStopsNamingTheColumnAndFiles() {
    Schema asInt = envelope(ID, ColumnDef.required("n", ColumnType.INT));
    Schema asLong = envelope(ID, ColumnDef.required("n", ColumnType.BIGINT));
    ReaderSchema widened = ReaderSchema.merge("t", List.of(Map.entry("a.avro", asInt), Map.entry("b.avro", asLong)));
    assertEquals(Schema.Type.LONG, ReaderSchema.nonNull(widened.value().getField("n").schema()).getType());

    Schema money = envelope(ID, ColumnDef.required("n", ColumnType.MONEY)); // decimal(10, 2)
    Schema rate = envelope(ID, ColumnDef.required("n", ColumnType.RATE)); // decimal(5, 4)
    BadInputException scale = assertThrows(BadInputException.class,
        () -> ReaderSchema.merge("t", List.of(Map.entry("a.avro", money), Map.entry("b.avro", rate))));
    assertTrue(scale.getMessage().contains("schema drift in t: column n is decimal(5,4) in a.avro but decimal(10,2) in b.avro")
        || scale.getMessage().contains("column n is decimal(10,2) in a.avro but decimal(5,4) in b.avro"), scale.getMessage());
    Schema text = envelope(ID, ColumnDef.required("n", ColumnType.TEXT));
    BadInputException kind = assertThrows(BadInputException.class,
        () -> ReaderSchema.merge("t", List.of(Map.entry("a.avro", asLong), Map.entry("b.avro", text))));
    assertTrue(kind.getMessage().contains("not an additive change") && kind.getMessage().contains("Fix:"), kind.getMessage());
  }
}
