package org.govchain.subchains.pull;

import java.util.List;
import java.util.Optional;
import org.govchain.subchains.proto.RecordAccess;
import org.govchain.subchains.proto.ServiceItem;

/** The answer to a pull: a plan, or a rejection of the request as a whole. */
public sealed interface PullResult permits PullResult.Plan, PullResult.Rejected {

  /**
   * Per required material (in the item's order) found, missing or refused; the access record to
   * append to the consent chain (present when anything was found); and the material-reduction
   * figures: the share of the item's materials that can come from the chain at all ({@code
   * itemReduction}), and the share this pull actually found ({@code pullReduction}).
   */
  record Plan(
      ServiceItem item,
      List<MaterialOutcome> outcomes,
      Optional<RecordAccess> accessRecord,
      Share itemReduction,
      Share pullReduction)
      implements PullResult {
    public Plan {
      outcomes = List.copyOf(outcomes);
    }
  }

  /** The request names no service item on the chain. */
  record Rejected(String message) implements PullResult {}
}
