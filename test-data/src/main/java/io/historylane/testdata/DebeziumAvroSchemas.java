package io.historylane.testdata;

import java.util.List;
import java.util.StringJoiner;
import org.apache.avro.Schema;

/**
 * The Avro schemas Debezium's Postgres connector and Confluent's AvroConverter produce for a
 * table: the change-event envelope with its {@code source} block, and the row with Debezium's
 * semantic types named in {@code connect.name}.
 */
public final class DebeziumAvroSchemas {
  private DebeziumAvroSchemas() {}

  public static Schema envelope(TableDef table, int schemaVersion) {
    String ns = table.topic();
    String value = value(table, schemaVersion);
    String json = """
        {"type":"record","name":"Envelope","namespace":"%s","fields":[
          {"name":"before","type":["null",%s],"default":null},
          {"name":"after","type":["null","Value"],"default":null},
          {"name":"source","type":%s},
          {"name":"op","type":"string"},
          {"name":"ts_ms","type":["null","long"],"default":null},
          {"name":"transaction","type":["null",{"type":"record","name":"block","namespace":"event",
            "fields":[{"name":"id","type":"string"},{"name":"total_order","type":"long"},
                      {"name":"data_collection_order","type":"long"}]}],"default":null}
        ],"connect.version":1,"connect.name":"%s.Envelope"}
        """.formatted(ns, value, SOURCE, ns);
    return new Schema.Parser().parse(json);
  }

  private static final String SOURCE = """
      {"type":"record","name":"Source","namespace":"io.debezium.connector.postgresql","fields":[
        {"name":"version","type":"string"},
        {"name":"connector","type":"string"},
        {"name":"name","type":"string"},
        {"name":"ts_ms","type":"long"},
        {"name":"snapshot","type":[{"type":"string","connect.version":1,
          "connect.parameters":{"allowed":"true,last,false,incremental"},"connect.default":"false",
          "connect.name":"io.debezium.data.Enum"},"null"],"default":"false"},
        {"name":"db","type":"string"},
        {"name":"sequence","type":["null","string"],"default":null},
        {"name":"schema","type":"string"},
        {"name":"table","type":"string"},
        {"name":"txId","type":["null","long"],"default":null},
        {"name":"lsn","type":["null","long"],"default":null},
        {"name":"xmin","type":["null","long"],"default":null}
      ],"connect.name":"io.debezium.connector.postgresql.Source"}
      """;

  private static String value(TableDef table, int schemaVersion) {
    List<ColumnDef> columns = table.columns(schemaVersion);
    StringJoiner fields = new StringJoiner(",");
    for (ColumnDef c : columns) {
      String type = columnType(c.type());
      if (c.nullable()) {
        fields.add("{\"name\":\"" + c.name() + "\",\"type\":[\"null\"," + type + "],\"default\":null}");
      } else {
        fields.add("{\"name\":\"" + c.name() + "\",\"type\":" + type + "}");
      }
    }
    return "{\"type\":\"record\",\"name\":\"Value\",\"fields\":[" + fields + "],\"connect.name\":\""
        + table.topic() + ".Value\"}";
  }

  static String columnType(ColumnType type) {
    return switch (type) {
      case BIGINT -> "\"long\"";
      case INT -> "\"int\"";
      case TEXT -> "\"string\"";
      case MONEY, RATE -> "{\"type\":\"bytes\",\"scale\":" + type.scale() + ",\"precision\":" + type.precision()
          + ",\"connect.version\":1,\"connect.parameters\":{\"scale\":\"" + type.scale()
          + "\",\"connect.decimal.precision\":\"" + type.precision()
          + "\"},\"connect.name\":\"org.apache.kafka.connect.data.Decimal\",\"logicalType\":\"decimal\"}";
      case TIMESTAMP, TIMESTAMPTZ, DATE -> "{\"type\":\"" + (type == ColumnType.TIMESTAMPTZ ? "string"
          : type == ColumnType.DATE ? "int" : "long") + "\",\"connect.version\":1,\"connect.name\":\""
          + type.connectName() + "\"}";
    };
  }
}
