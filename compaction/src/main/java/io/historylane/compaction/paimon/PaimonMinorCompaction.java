package io.historylane.compaction.paimon;

import io.historylane.core.error.RunFailedException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.paimon.CoreOptions;
import org.apache.paimon.data.BinaryRow;
import org.apache.paimon.spark.SparkUtils;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.sink.BatchTableCommit;
import org.apache.paimon.table.sink.BatchTableWrite;
import org.apache.paimon.table.sink.BatchWriteBuilder;
import org.apache.paimon.table.sink.CommitMessage;
import org.apache.paimon.table.sink.CommitMessageSerializer;
import org.apache.paimon.utils.SerializationUtils;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.Tuple2;

/**
 * Minor compaction of chosen buckets: Paimon merges the sorted runs its own compaction strategy
 * picks, not all of them. Paimon 0.9's compact procedure only does full compaction (its
 * compact_strategy argument arrived in 1.0), so this drives the same write API the procedure
 * uses, with full compaction off: one Spark task per bucket, one commit.
 */
final class PaimonMinorCompaction {
  private PaimonMinorCompaction() {}

  /** @param buckets (serialized partition, bucket) pairs */
  static void run(JavaSparkContext spark, FileStoreTable table, List<Tuple2<byte[], Integer>> buckets) {
    try {
      compactAndCommit(spark, table, buckets);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new RunFailedException("minor compaction of " + table.name() + " failed: " + e.getMessage(), e);
    }
  }

  private static void compactAndCommit(JavaSparkContext spark, FileStoreTable table,
      List<Tuple2<byte[], Integer>> buckets) throws Exception {
    // writers of a write-only table never compact; this one is the dedicated compaction job
    BatchWriteBuilder builder = table.copy(Map.of(CoreOptions.WRITE_ONLY.key(), "false")).newBatchWriteBuilder();
    List<byte[]> serialized = spark.parallelize(buckets, Math.max(1, buckets.size()))
        .mapPartitions((FlatMapFunction<Iterator<Tuple2<byte[], Integer>>, byte[]>) it -> compact(builder, it))
        .collect();
    CommitMessageSerializer serializer = new CommitMessageSerializer();
    List<CommitMessage> messages = new ArrayList<>();
    for (byte[] bytes : serialized) {
      messages.add(serializer.deserialize(serializer.getVersion(), bytes));
    }
    try (BatchTableCommit commit = builder.newCommit()) {
      commit.commit(messages);
    }
  }

  private static Iterator<byte[]> compact(BatchWriteBuilder builder, Iterator<Tuple2<byte[], Integer>> buckets)
      throws Exception {
    CommitMessageSerializer serializer = new CommitMessageSerializer();
    List<byte[]> out = new ArrayList<>();
    try (BatchTableWrite write = builder.newWrite()) {
      write.withIOManager(SparkUtils.createIOManager());
      while (buckets.hasNext()) {
        Tuple2<byte[], Integer> b = buckets.next();
        BinaryRow partition = SerializationUtils.deserializeBinaryRow(b._1());
        write.compact(partition, b._2(), false);
      }
      for (CommitMessage m : write.prepareCommit()) {
        out.add(serializer.serialize(m));
      }
    }
    return out.iterator();
  }
}
