package io.historylane.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A second JVM running a main class with this test JVM's classpath and Spark flags, against the
 * same test lake (its S3 server and catalog): what a scheduler's spark-submit does, for tests that
 * must kill a run for real.
 */
public final class ChildJvm {
  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private ChildJvm(Process process, Predicate<String> killWhen) {
    this.process = process;
    this.reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          output.add(line);
          if (killWhen.test(line)) {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
          }
        }
      } catch (IOException e) {
        output.add("(output lost: " + e + ")");
      }
    }, "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code mainClass} with {@code args}, this JVM's classpath and the lake's environment;
   * kills it the moment a line of its output matches {@code killWhen}.
   */
  public static ChildJvm start(TestLake lake, String mainClass, List<String> args, Predicate<String> killWhen) {
    return start(lake, System.getProperty("java.class.path"), java.util.Map.of(), mainClass, args, killWhen);
  }

  /**
   * As {@link #start(TestLake, String, List, Predicate)} with another classpath (a Spark
   * distribution's) and more environment variables (a StarRocks password).
   */
  public static ChildJvm start(TestLake lake, String classpath, java.util.Map<String, String> env, String mainClass,
      List<String> args, Predicate<String> killWhen) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions") || arg.startsWith("-Djdk.")
          || arg.startsWith("-Dio.netty") || arg.startsWith("-Xmx")) {
        command.add(arg);
      }
    }
    for (String property : List.of("spark.master", "spark.ui.enabled", "spark.sql.shuffle.partitions",
        "log4j2.configurationFile", "logback.statusListenerClass")) {
      String value = System.getProperty(property);
      if (value != null) {
        command.add("-D" + property + "=" + value);
      }
    }
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(lake.environmentVariables());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(env);
    try {
      return new ChildJvm(builder.start(), killWhen);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a child JVM: " + command, e);
    }
  }

  /** Waits for the process to end and returns its exit code (137 when killed). */
  public int waitFor(long minutes) throws InterruptedException {
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("the child JVM did not finish in " + minutes + " min; its output:\n" + output());
    }
    reader.join(5_000);
    return process.exitValue();
  }

  public String output() {
    return String.join("\n", output);
  }
}
