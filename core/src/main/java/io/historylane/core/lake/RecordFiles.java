package io.historylane.core.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;

/** Writes a few generic records as one Parquet data file of an unpartitioned Iceberg table, without Spark. */
public final class RecordFiles {
  private RecordFiles() {}

  /** The file, ready to be added by a commit; nothing is committed here. */
  public static DataFile write(Table table, Iterable<Record> records) {
    OutputFileFactory files = OutputFileFactory.builderFor(table, 0, System.nanoTime()).format(FileFormat.PARQUET).build();
    DataWriter<Record> writer;
    try {
      writer = Parquet.writeData(files.newOutputFile())
          .schema(table.schema())
          .createWriterFunc(GenericParquetWriter::create)
          .withSpec(PartitionSpec.unpartitioned())
          .overwrite()
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a data file of " + table.name(), e);
    }
    try (writer) {
      records.forEach(writer::write);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a data file of " + table.name(), e);
    }
    return writer.toDataFile();
  }
}
