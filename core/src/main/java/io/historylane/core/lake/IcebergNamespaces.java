package io.historylane.core.lake;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.AlreadyExistsException;

/** Namespaces made on demand, by whichever run needs one first. */
public final class IcebergNamespaces {
  private IcebergNamespaces() {}

  /** Creates {@code namespace} unless the catalog has it (or has no namespaces); two runs may race to it. */
  public static void ensure(Catalog catalog, Namespace namespace) {
    if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
      try {
        namespaces.createNamespace(namespace);
      } catch (AlreadyExistsException e) {
        // another run made it first
      }
    }
  }
}
